package cn.shouwang.server.eldervisits.classes;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The classes of older people visited (巡访关爱对象: the eight of article 003 and any the administrator adds), each
 * with its visit rhythm in months (the setting that makes a person overdue).
 */
@Service
public class ElderClasses {
    private final JdbcClient jdbc;
    private final AuditApi audit;

    ElderClasses(JdbcClient jdbc, AuditApi audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public record ElderClass(String code, String nameZh, String nameEn, int rhythmMonths, boolean active) {
        public String name(boolean en) {
            return en ? nameEn : nameZh;
        }
    }

    public List<ElderClass> all() {
        return jdbc.sql("select code, name_zh, name_en, rhythm_months, active from elder_class order by sort, code")
                .query((rs, i) -> new ElderClass(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getBoolean(5))).list();
    }

    public List<ElderClass> active() {
        return all().stream().filter(ElderClass::active).toList();
    }

    /** Names by code in the language asked. */
    public Map<String, String> names(boolean en) {
        return all().stream().collect(Collectors.toMap(ElderClass::code, c -> c.name(en)));
    }

    /** Adds a class or changes one (names, rhythm, in use); administrators only. */
    @Transactional
    public void save(String code, String nameZh, @Nullable String nameEn, int rhythmMonths, boolean active, CurrentUser u) {
        if (u.role() != Role.ADMIN) throw new AccessDeniedException("administrators only");
        if (!code.matches("[A-Z][A-Z0-9_]{1,39}") || nameZh.isBlank() || nameZh.strip().length() > 40
                || rhythmMonths < 1 || rhythmMonths > 12) {
            throw new cn.shouwang.server.eldervisits.ElderRefusal("eldervisits.refused.class");
        }
        String en = nameEn == null || nameEn.isBlank() ? code : nameEn.strip();
        jdbc.sql("""
                insert into elder_class (code, name_zh, name_en, rhythm_months, sort, active)
                values (:c, :zh, :en, :r, (select coalesce(max(sort), 0) + 1 from elder_class), :a)
                on conflict (code) do update set name_zh = excluded.name_zh, name_en = excluded.name_en,
                  rhythm_months = excluded.rhythm_months, active = excluded.active""")
                .param("c", code).param("zh", nameZh.strip()).param("en", en).param("r", rhythmMonths).param("a", active)
                .update();
        audit.record(AuditAction.ELDER_CLASS_SAVE, null, null, u.scope().areaCode(), List.of(
                new AuditApi.Change("name", null, nameZh.strip()),
                new AuditApi.Change("rhythm_months", null, String.valueOf(rhythmMonths)),
                new AuditApi.Change("active", null, String.valueOf(active))), code);
    }
}
