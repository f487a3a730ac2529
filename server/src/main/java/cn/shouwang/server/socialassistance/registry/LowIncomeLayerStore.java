package cn.shouwang.server.socialassistance.registry;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.socialassistance.Kinds.Layer;
import cn.shouwang.server.socialassistance.Kinds.LayerSource;
import cn.shouwang.server.socialassistance.Sa;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored low-income layers (table low_income_layer); every read takes the area. */
@Repository
public class LowIncomeLayerStore {
    private final JdbcClient jdbc;

    LowIncomeLayerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record LayerRow(long id, long householdId, @Nullable Long memberId, String villageCode, Layer layer,
                           LayerSource source, LocalDate startedOn, @Nullable LocalDate endedOn, String note, int version) {
        public boolean openOn(LocalDate day) {
            return !startedOn.isAfter(day) && (endedOn == null || !endedOn.isBefore(day));
        }
    }

    private static final String COLUMNS = "id, household_id, member_id, village_code, layer, source, started_on, ended_on, note, version";

    private static LayerRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long m = rs.getLong(3);
        Long member = rs.wasNull() ? null : m;
        return new LayerRow(rs.getLong(1), rs.getLong(2), member, rs.getString(4), Layer.valueOf(rs.getString(5)),
                LayerSource.valueOf(rs.getString(6)), rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class),
                rs.getString(9), rs.getInt(10));
    }

    public List<LayerRow> ofHousehold(long householdId, AreaScope scope) {
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql("select " + COLUMNS + " from low_income_layer where household_id = :h and village_code between :lo and :hi "
                        + "order by ended_on nulls first, started_on desc, id")
                .param("h", householdId).param("lo", r.lo()).param("hi", r.hi()).query(LowIncomeLayerStore::row).list();
    }

    /** The layers of these households (a page of a list), inside the area. */
    public List<LayerRow> ofHouseholds(Collection<Long> ids, AreaScope scope) {
        if (ids.isEmpty()) return List.of();
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql("select " + COLUMNS + " from low_income_layer where household_id = any(:ids) "
                        + "and village_code between :lo and :hi order by household_id, started_on")
                .param("ids", ids.toArray(Long[]::new)).param("lo", r.lo()).param("hi", r.hi()).query(LowIncomeLayerStore::row).list();
    }

    public Optional<LayerRow> find(long id, AreaScope scope) {
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql("select " + COLUMNS + " from low_income_layer where id = :id and village_code between :lo and :hi")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi()).query(LowIncomeLayerStore::row).optional();
    }

    public long insert(long householdId, @Nullable Long memberId, String village, Layer layer, LayerSource source,
                       LocalDate start, @Nullable LocalDate end, String note, @Nullable Long importId, @Nullable Long by) {
        return jdbc.sql("""
                        insert into low_income_layer (household_id, member_id, village_code, layer, source, started_on,
                               ended_on, note, import_id, created_by)
                        values (:h, :m, :v, :l, :s, :start, :end, :note, :imp, :by) returning id""")
                .param("h", householdId).param("m", memberId).param("v", village).param("l", layer.name())
                .param("s", source.name()).param("start", start).param("end", end).param("note", note)
                .param("imp", importId).param("by", by).query(Long.class).single();
    }

    /** Whether the household, or this member, has an open layer of this kind (a household's layer covers its members). */
    public boolean hasOpen(long householdId, @Nullable Long memberId, Layer layer) {
        return jdbc.sql("select exists (select 1 from low_income_layer where household_id = :h "
                        + "and (member_id is null or member_id = :m) and layer = :l and ended_on is null)")
                .param("h", householdId).param("m", memberId).param("l", layer.name()).query(Boolean.class).single();
    }

    /** Ends the layer on a day; false when another change came first (version) or it has ended. */
    public boolean end(long id, int version, LocalDate on) {
        return jdbc.sql("update low_income_layer set ended_on = :on, version = version + 1 "
                        + "where id = :id and version = :v and ended_on is null and started_on <= :on")
                .param("on", on).param("id", id).param("v", version).update() == 1;
    }
}
