package cn.shouwang.server.area;

import cn.shouwang.core.area.Division;
import cn.shouwang.core.area.DivisionFile;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.platform.PgCopy;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads one edition of the division codes, all or nothing: a file with any bad row is refused whole with
 * every problem listed (line, field, reason); earlier editions stay, so households keep their areas.
 */
@Service
public class AreaImportApi {

    /** What an import did; {@code problems} non-empty means nothing was stored. */
    public record Outcome(String edition, int editionId, int areas, List<DivisionFile.Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final AuditApi audit;
    private final Clock clock;
    private final ObjectProvider<EditionUseApi> users;

    AreaImportApi(JdbcClient jdbc, DataSource dataSource, AuditApi audit, Clock clock, ObjectProvider<EditionUseApi> users) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.audit = audit;
        this.clock = clock;
        this.users = users;
    }

    /** Why an edition was not deleted: a message code of the bundles and the edition's name. */
    public static final class EditionNotDeleted extends RuntimeException {
        private final String code;
        private final String edition;

        EditionNotDeleted(String code, String edition) {
            super(code);
            this.code = code;
            this.edition = edition;
        }

        public String code() { return code; }

        public String edition() { return edition; }
    }

    /**
     * Deletes an edition loaded by mistake with its areas, audited; refused ({@link EditionNotDeleted}) while any
     * household refers to it ({@link EditionUseApi}, asked of every module keeping area references), and for the
     * current edition while there are others (another is made current first). Returns the deleted edition's name.
     */
    @Transactional
    public String deleteEdition(int editionId) {
        var row = jdbc.sql("select name, is_current from area_edition where id = :id for update").param("id", editionId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getBoolean(2)}).optional()
                .orElseThrow(() -> new EditionNotDeleted("area.edition.delete.gone", String.valueOf(editionId)));
        String name = (String) row[0];
        boolean current = (Boolean) row[1];
        if (current && jdbc.sql("select count(*) from area_edition").query(Integer.class).single() > 1) {
            throw new EditionNotDeleted("area.edition.delete.current", name);
        }
        if (users.orderedStream().anyMatch(u -> u.anyInEdition(editionId))) {
            throw new EditionNotDeleted("area.edition.delete.inUse", name);
        }
        List<String> provinces = jdbc.sql("select distinct substr(code, 1, 2) || '0000000000' from area where edition_id = :id")
                .param("id", editionId).query(String.class).list();
        int areas;
        try {
            areas = jdbc.sql("delete from area where edition_id = :id").param("id", editionId).update();
            jdbc.sql("delete from area_edition where id = :id").param("id", editionId).update();
        } catch (DataIntegrityViolationException e) {
            // a household registered under it between the question and the delete: the foreign key says no
            throw new EditionNotDeleted("area.edition.delete.inUse", name);
        }
        audit.record(AuditAction.AREA_EDITION_DELETE, null, null, commonProvince(provinces), List.of(),
                "edition " + name + " (id " + editionId + "), " + areas + " areas");
        return name;
    }

    @Transactional
    public Outcome importEdition(String edition, DivisionFile.Result file, boolean makeCurrent, String loadedBy) {
        String name = edition == null ? "" : edition.strip();
        if (name.isEmpty()) {
            return new Outcome(name, 0, 0, List.of(new DivisionFile.Problem(0, "edition", "edition name is empty")));
        }
        if (!file.ok()) return new Outcome(name, 0, 0, file.problems());
        if (file.divisions().isEmpty()) {
            return new Outcome(name, 0, 0, List.of(new DivisionFile.Problem(1, "file", "no areas in the file")));
        }
        boolean exists = jdbc.sql("select count(*) from area_edition where name = :n").param("n", name)
                .query(Integer.class).single() > 0;
        if (exists) {
            return new Outcome(name, 0, 0, List.of(new DivisionFile.Problem(0, "edition", "edition " + name + " is already loaded")));
        }
        boolean anyCurrent = jdbc.sql("select count(*) from area_edition where is_current").query(Integer.class).single() > 0;
        boolean current = makeCurrent || !anyCurrent;
        if (current) jdbc.sql("update area_edition set is_current = false where is_current").update();
        int id = jdbc.sql("""
                insert into area_edition (name, loaded_at, loaded_by, is_current)
                values (:n, :at, :by, :cur) returning id""")
                .param("n", name).param("at", Timestamp.from(clock.instant())).param("by", loadedBy).param("cur", current)
                .query(Integer.class).single();
        try (PgCopy copy = PgCopy.open(dataSource, "area", "edition_id, code, name, level, parent_code")) {
            for (Division d : file.divisions()) {
                copy.add(id).add(d.code()).add(d.name()).add(d.level().depth()).add(d.parentCode()).endRow();
            }
        }
        audit.record(AuditAction.AREA_IMPORT, null, null, commonProvince(file.divisions().stream().map(Division::code).toList()), List.of(),
                "edition " + name + ", " + file.divisions().size() + " areas from " + file.source() + (current ? ", current" : ""));
        return new Outcome(name, id, file.divisions().size(), List.of());
    }

    /** Makes a loaded edition the one new households and the tree use. */
    @Transactional
    public void makeCurrent(int editionId) {
        jdbc.sql("update area_edition set is_current = false where is_current").update();
        jdbc.sql("update area_edition set is_current = true where id = :id").param("id", editionId).update();
        List<String> provinces = jdbc.sql("select distinct substr(code, 1, 2) || '0000000000' from area where edition_id = :id")
                .param("id", editionId).query(String.class).list();
        audit.record(AuditAction.AREA_EDITION_CURRENT, null, null, commonProvince(provinces), List.of(), "edition id " + editionId);
    }

    /**
     * The area an edition applies to, under which its audit row is filed (so the province's analysts see it): the
     * province when every code lies in one, else none (an area-less row, seen by administrators).
     */
    static @Nullable String commonProvince(List<String> codes) {
        String province = null;
        for (String c : codes) {
            String p = c.substring(0, 2) + "0000000000";
            if (province == null) province = p;
            else if (!province.equals(p)) return null;
        }
        return province;
    }
}
