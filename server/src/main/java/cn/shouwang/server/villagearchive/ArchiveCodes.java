package cn.shouwang.server.villagearchive;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The module's code lists ({@code archive_code}): document types and the checklist's items, with their names. */
@Component
public class ArchiveCodes {
    public static final String DOC_TYPE = "DOC_TYPE";
    public static final String CHECK_ITEM = "CHECK_ITEM";

    /** One code with both names; {@code name(locale)} is what a page shows. */
    public record Code(String kind, String code, String nameZh, String nameEn, int sort, boolean active, int version) {
        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
        }
    }

    private final JdbcClient jdbc;
    private final cn.shouwang.server.audit.AuditApi audit;

    ArchiveCodes(JdbcClient jdbc, cn.shouwang.server.audit.AuditApi audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The codes of a kind in their order; {@code activeOnly} leaves out those retired. */
    public List<Code> list(String kind, boolean activeOnly) {
        return jdbc.sql("select * from archive_code where kind = :k" + (activeOnly ? " and active" : "")
                        + " order by sort, code")
                .param("k", kind)
                .query((rs, i) -> new Code(rs.getString("kind"), rs.getString("code"), rs.getString("name_zh"),
                        rs.getString("name_en"), rs.getInt("sort"), rs.getBoolean("active"), rs.getInt("version")))
                .list();
    }

    public Optional<Code> find(String kind, String code) {
        return list(kind, false).stream().filter(c -> c.code().equals(code)).findFirst();
    }

    /** The code's name, or the code itself for one no longer listed (an old row keeps its code). */
    public String name(String kind, String code, Locale locale) {
        return find(kind, code).map(c -> c.name(locale)).orElse(code);
    }

    /** Someone else changed the code since the form was opened. */
    public static class ConcurrentEdit extends RuntimeException {
        public ConcurrentEdit() {
            super("code changed meanwhile");
        }
    }

    private static void requireNames(@org.jspecify.annotations.Nullable String zh,
                                     @org.jspecify.annotations.Nullable String en) {
        if (zh == null || zh.isBlank() || en == null || en.isBlank() || zh.strip().length() > 100
                || en.strip().length() > 100) {
            throw new cn.shouwang.server.platform.RefusedInputException("name", "villagearchive.items.error.name");
        }
    }

    /** A new code (administrator), audited. */
    @org.springframework.transaction.annotation.Transactional
    public void add(String kind, @org.jspecify.annotations.Nullable String code,
                    @org.jspecify.annotations.Nullable String nameZh, @org.jspecify.annotations.Nullable String nameEn,
                    int sort) {
        if (code == null || !code.strip().matches("[A-Z0-9_]{2,40}")) {
            throw new cn.shouwang.server.platform.RefusedInputException("code", "villagearchive.items.error.code");
        }
        requireNames(nameZh, nameEn);
        int n = jdbc.sql("""
                insert into archive_code (kind, code, name_zh, name_en, sort) values (:k, :c, :zh, :en, :s)
                on conflict do nothing""")
                .param("k", kind).param("c", code.strip()).param("zh", nameZh.strip()).param("en", nameEn.strip())
                .param("s", sort).update();
        if (n == 0) {
            throw new cn.shouwang.server.platform.RefusedInputException("code", "villagearchive.items.error.exists",
                    code.strip());
        }
        audit.record(cn.shouwang.server.audit.AuditAction.VILLAGE_CHECK_ITEM_ADD, null, null, null, List.of(),
                kind + " " + code.strip() + " " + nameZh.strip());
    }

    /** Renames, reorders, switches on or off (administrator), audited with what changed. */
    @org.springframework.transaction.annotation.Transactional
    public void update(String kind, String code, @org.jspecify.annotations.Nullable String nameZh,
                       @org.jspecify.annotations.Nullable String nameEn, int sort, boolean active, int version) {
        requireNames(nameZh, nameEn);
        Code old = find(kind, code).orElseThrow(() -> new cn.shouwang.server.access.OutOfScopeException("code"));
        int n = jdbc.sql("""
                update archive_code set name_zh = :zh, name_en = :en, sort = :s, active = :a, version = version + 1
                 where kind = :k and code = :c and version = :v""")
                .param("zh", nameZh.strip()).param("en", nameEn.strip()).param("s", sort).param("a", active)
                .param("k", kind).param("c", code).param("v", version).update();
        if (n == 0) throw new ConcurrentEdit();
        List<cn.shouwang.server.audit.AuditApi.Change> changes = new java.util.ArrayList<>();
        if (!old.nameZh().equals(nameZh.strip())) {
            changes.add(new cn.shouwang.server.audit.AuditApi.Change("name_zh", old.nameZh(), nameZh.strip()));
        }
        if (!old.nameEn().equals(nameEn.strip())) {
            changes.add(new cn.shouwang.server.audit.AuditApi.Change("name_en", old.nameEn(), nameEn.strip()));
        }
        if (old.sort() != sort) {
            changes.add(new cn.shouwang.server.audit.AuditApi.Change("sort", Integer.toString(old.sort()),
                    Integer.toString(sort)));
        }
        if (old.active() != active) {
            changes.add(new cn.shouwang.server.audit.AuditApi.Change("active", Boolean.toString(old.active()),
                    Boolean.toString(active)));
        }
        audit.record(cn.shouwang.server.audit.AuditAction.VILLAGE_CHECK_ITEM_UPDATE, null, null, null, changes,
                kind + " " + code);
    }
}
