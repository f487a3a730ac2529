package cn.shouwang.server.socialassistance.civillist;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.socialassistance.Sa;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The civil-affairs list as last imported per area, its imports and their problems; reads take the area. */
@Repository
public class CivilListStore {
    private final JdbcClient jdbc;

    CivilListStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A person of the list; the id number sealed, opened only to be shown masked (or full in a download that may). */
    public record CivilRow(long id, String areaCode, int line, byte[] idNumberEnc, String name, String layer,
                           @Nullable String kind, @Nullable BigDecimal amount, @Nullable LocalDate startedOn,
                           @Nullable Long householdId, @Nullable Long memberId) {}

    private static final String COLUMNS = "id, area_code, line, id_number_enc, name, layer, kind, amount, started_on, household_id, member_id";

    private static CivilRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long h = rs.getLong(10);
        Long household = rs.wasNull() ? null : h;
        long m = rs.getLong(11);
        Long member = rs.wasNull() ? null : m;
        return new CivilRow(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getBytes(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getBigDecimal(8), rs.getObject(9, LocalDate.class), household, member);
    }

    public List<CivilRow> ofHousehold(long householdId, AreaScope scope) {
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql("select " + COLUMNS + " from civil_list_row where household_id = :h and area_code between :lo and :hi order by line")
                .param("h", householdId).param("lo", r.lo()).param("hi", r.hi()).query(CivilListStore::row).list();
    }

    /** Every row of the list inside the area (the reconciliation). */
    public List<CivilRow> inArea(AreaScope scope) {
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql("select " + COLUMNS + " from civil_list_row where area_code between :lo and :hi order by area_code, line")
                .param("lo", r.lo()).param("hi", r.hi()).query(CivilListStore::row).list();
    }

    public record ImportRow(long id, String areaCode, String fileName, String status, int rowCount, int matched,
                            OffsetDateTime importedAt) {}

    public List<ImportRow> imports(AreaScope scope, int limit) {
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql("select id, area_code, file_name, status, row_count, matched, imported_at from civil_list_import "
                        + "where area_code between :lo and :hi order by id desc limit :l")
                .param("lo", r.lo()).param("hi", r.hi()).param("l", limit)
                .query((rs, n) -> new ImportRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getInt(6), rs.getObject(7, OffsetDateTime.class))).list();
    }

    public @Nullable ImportRow importOf(long id, AreaScope scope) {
        return imports(scope, Integer.MAX_VALUE).stream().filter(i -> i.id() == id).findFirst().orElse(null);
    }

    public record Problem(String sheet, int line, String column, String message) {}

    public List<Problem> problems(long importId) {
        return jdbc.sql("select sheet, line, col, message from civil_list_problem where import_id = :i order by id")
                .param("i", importId).query((rs, n) -> new Problem(rs.getString(1), rs.getInt(2), rs.getString(3),
                        rs.getString(4))).list();
    }

    long newImport(String area, String fileName, String status, int rows, int matched, @Nullable Long by) {
        return jdbc.sql("insert into civil_list_import (area_code, file_name, status, row_count, matched, imported_by) "
                        + "values (:a, :f, :s, :r, :m, :by) returning id")
                .param("a", area).param("f", fileName).param("s", status).param("r", rows).param("m", matched)
                .param("by", by).query(Long.class).single();
    }

    void problems(long importId, List<Problem> problems) {
        for (Problem p : problems) {
            jdbc.sql("insert into civil_list_problem (import_id, sheet, line, col, message) values (:i, :s, :l, :c, :m)")
                    .param("i", importId).param("s", p.sheet()).param("l", p.line()).param("c", p.column())
                    .param("m", p.message()).update();
        }
    }

    /** The area's earlier list goes: the new file is the whole list of the area. */
    int clear(AreaScope area) {
        Sa.Range r = Sa.Range.of(area);
        return jdbc.sql("delete from civil_list_row where area_code between :lo and :hi")
                .param("lo", r.lo()).param("hi", r.hi()).update();
    }

    void insert(long importId, String area, int line, byte[] hash, byte[] enc, String name, String layer,
                @Nullable String kind, @Nullable BigDecimal amount, @Nullable LocalDate start, @Nullable Long household,
                @Nullable Long member) {
        jdbc.sql("""
                        insert into civil_list_row (import_id, area_code, line, id_number_hash, id_number_enc, name, layer,
                               kind, amount, started_on, household_id, member_id)
                        values (:i, :a, :l, :hash, :enc, :n, :layer, :k, :amt, :s, :h, :m)""")
                .param("i", importId).param("a", area).param("l", line).param("hash", hash).param("enc", enc)
                .param("n", name).param("layer", layer).param("k", kind).param("amt", amount).param("s", start)
                .param("h", household).param("m", member).update();
    }
}
