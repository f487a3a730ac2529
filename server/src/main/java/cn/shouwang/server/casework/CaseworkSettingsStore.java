package cn.shouwang.server.casework;

import cn.shouwang.core.casework.CaseworkContext;
import cn.shouwang.core.casework.CaseworkSettings;
import cn.shouwang.core.casework.CodeList;
import cn.shouwang.core.casework.DayCounting;
import cn.shouwang.core.casework.IncomeLines;
import cn.shouwang.core.casework.WorkingCalendar;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the casework settings, code lists and income lines from the database (administrators change them there;
 * no release needed). Read per request: the tables are tiny and a change takes effect at once.
 */
@Repository
class CaseworkSettingsStore {
    private final JdbcClient jdbc;
    private final Clock clock;

    CaseworkSettingsStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    CaseworkSettings settings() {
        Map<String, String> v = new HashMap<>();
        jdbc.sql("select name, value from casework_setting").query((rs, i) -> v.put(rs.getString(1), rs.getString(2)))
                .list();
        CaseworkSettings d = CaseworkSettings.DEFAULTS;
        return new CaseworkSettings(
                intOf(v, "lead_deadline_days", d.leadDeadlineDays()),
                DayCounting.valueOf(v.getOrDefault("day_counting", d.dayCounting().name())),
                new WorkingCalendar(dates(v.get("holidays")), dates(v.get("make_up_working_days"))),
                intOf(v, "due_soon_days", d.dueSoonDays()),
                intOf(v, "min_notice_days", d.minNoticeDays()),
                intOf(v, "elimination_min_months", d.eliminationMinMonths()),
                intOf(v, "stable_income_months", d.stableIncomeMonths()),
                intOf(v, "min_income_checks", d.minIncomeChecksForStability()),
                Boolean.parseBoolean(v.getOrDefault("show_main_risk_on_notice", "false")));
    }

    CodeList codes(String kind) {
        return new CodeList(jdbc.sql("select code, name_zh, name_en, active from casework_code where kind = :k order by sort, code")
                .param("k", kind)
                .query((rs, i) -> new CodeList.Code(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list());
    }

    /** The income lines that apply to a village: per year, the most specific region's figure. */
    IncomeLines incomeLines(String villageCode) {
        Map<Integer, BigDecimal> byYear = new HashMap<>();
        applicableLines(villageCode).forEach((y, a) -> byYear.put(y, a.line()));
        return new IncomeLines(byYear);
    }

    /** An income line and the region whose figure it is. */
    record AppliedLine(String areaCode, BigDecimal line) {}

    /**
     * Per year, the line that applies at an area (any level) and where it comes from: of the lines set for the
     * area itself and the regions above it, the most specific wins.
     */
    Map<Integer, AppliedLine> applicableLines(String areaCode) {
        Map<Integer, AppliedLine> byYear = new HashMap<>();
        Map<Integer, Integer> specificity = new HashMap<>();
        jdbc.sql("select area_code, year, line from income_line").query((rs, i) -> {
            String area = rs.getString(1);
            String prefix = Scopes.prefix(area);
            if (areaCode.startsWith(prefix)) {
                int y = rs.getInt(2);
                if (prefix.length() > specificity.getOrDefault(y, -1)) {
                    specificity.put(y, prefix.length());
                    byYear.put(y, new AppliedLine(area, rs.getBigDecimal(3)));
                }
            }
            return null;
        }).list();
        return byYear;
    }

    CaseworkContext context(String villageCode) {
        return new CaseworkContext(clock, settings(), codes("CATEGORY"), codes("RISK_TYPE"), incomeLines(villageCode));
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    private static int intOf(Map<String, String> v, String k, int d) {
        String s = v.get(k);
        return s == null || s.isBlank() ? d : Integer.parseInt(s.strip());
    }

    private static Set<LocalDate> dates(String csv) {
        if (csv == null || csv.isBlank()) return Set.of();
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(LocalDate::parse)
                .collect(Collectors.toSet());
    }

    /** Comparison rules whose warnings become leads automatically (setting {@code auto_intake_rules}). */
    Set<String> autoIntakeRules() {
        String v = jdbc.sql("select value from casework_setting where name = 'auto_intake_rules'").query(String.class)
                .optional().orElse("");
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    List<String> activeCodes(String kind) {
        return codes(kind).codes().stream().filter(CodeList.Code::active).map(CodeList.Code::code).toList();
    }
}
