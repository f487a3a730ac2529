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

    ArchiveCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
}
