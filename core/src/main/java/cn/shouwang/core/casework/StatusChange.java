package cn.shouwang.core.casework;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** One line of a monitored household's history. */
public record StatusChange(LocalDate on, Kind kind, String note, @Nullable String by) {

    public enum Kind {
        IDENTIFIED("纳入监测"), RISK_TYPES_CHANGED("风险类型调整"), CATEGORY_CHANGED("监测类别调整"),
        OFFICER_ASSIGNED("明确帮扶责任人"), NEW_RISK_REPORTED("新的风险线索"), RISK_ELIMINATED("风险消除"),
        /** The registry moved the household to another village; the case followed it. */
        VILLAGE_CHANGED("迁至他村"),
        /** Written or changed by an import of the national person list; the note names the import. */
        IMPORTED("导入");

        private final String zh;

        Kind(String zh) {
            this.zh = zh;
        }

        public String chinese() { return zh; }
    }
}
