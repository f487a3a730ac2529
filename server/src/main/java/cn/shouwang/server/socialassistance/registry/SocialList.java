package cn.shouwang.server.socialassistance.registry;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.socialassistance.Kinds.GrantKind;
import cn.shouwang.server.socialassistance.Kinds.Layer;
import cn.shouwang.server.socialassistance.Sa;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The households of an area holding an open layer or a running grant, filtered by layer and kind, by village and id;
 * and the figures above the list.
 */
@Repository
public class SocialList {
    private final JdbcClient jdbc;

    SocialList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Filter(AreaScope scope, @Nullable Layer layer, @Nullable GrantKind kind, LocalDate today) {}

    public record Entry(long householdId, String villageCode) {}

    private String households(Filter f, Map<String, Object> p) {
        Sa.Range r = Sa.Range.of(f.scope());
        p.put("lo", r.lo());
        p.put("hi", r.hi());
        p.put("today", f.today());
        String layers = "select household_id, village_code from low_income_layer where village_code between :lo and :hi "
                + "and started_on <= :today and (ended_on is null or ended_on >= :today)"
                + (f.layer() == null ? "" : " and layer = :layer");
        String grants = "select household_id, village_code from assistance_grant where village_code between :lo and :hi "
                + "and started_on <= :today and (ended_on is null or ended_on >= :today)"
                + (f.kind() == null ? "" : " and kind = :kind");
        if (f.layer() != null) p.put("layer", f.layer().name());
        if (f.kind() != null) p.put("kind", f.kind().name());
        if (f.layer() != null && f.kind() != null) return "(" + layers + ") intersect (" + grants + ")";
        if (f.layer() != null) return layers;
        if (f.kind() != null) return grants;
        return "(" + layers + ") union (" + grants + ")";
    }

    public long count(Filter f) {
        Map<String, Object> p = new java.util.HashMap<>();
        String sql = "select count(distinct household_id) from (" + households(f, p) + ") x";
        return jdbc.sql(sql).params(p).query(Long.class).single();
    }

    public List<Entry> page(Filter f, int page, int size) {
        Map<String, Object> p = new java.util.HashMap<>();
        String sql = "select household_id, min(village_code) v from (" + households(f, p) + ") x "
                + "group by household_id order by v, household_id limit :lim offset :off";
        p.put("lim", size);
        p.put("off", (long) (page - 1) * size);
        return jdbc.sql(sql).params(p).query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2))).list();
    }

    /** Open layers by kind: households holding it. */
    public Map<Layer, Long> layerCounts(AreaScope scope, LocalDate today) {
        Sa.Range r = Sa.Range.of(scope);
        Map<Layer, Long> out = new java.util.EnumMap<>(Layer.class);
        jdbc.sql("select layer, count(distinct household_id) from low_income_layer where village_code between :lo and :hi "
                        + "and started_on <= :t and (ended_on is null or ended_on >= :t) group by layer")
                .param("lo", r.lo()).param("hi", r.hi()).param("t", today)
                .query((java.sql.ResultSet rs) -> { out.put(Layer.valueOf(rs.getString(1)), rs.getLong(2)); });
        return out;
    }

    /** Running grants: how many, and what they pay a month (monthly and quarterly grants; one-off ones left out). */
    public record GrantFigures(long grants, long households, BigDecimal monthly) {}

    public GrantFigures grantFigures(AreaScope scope, LocalDate today) {
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql("""
                        select count(*), count(distinct household_id),
                               coalesce(sum(amount) filter (where frequency <> 'ONE_OFF'), 0)
                        from assistance_grant where village_code between :lo and :hi
                         and started_on <= :t and (ended_on is null or ended_on >= :t)""")
                .param("lo", r.lo()).param("hi", r.hi()).param("t", today)
                .query((rs, n) -> new GrantFigures(rs.getLong(1), rs.getLong(2), Sa.yuan(rs.getBigDecimal(3)))).single();
    }

    /** Grants of the area by kind, for the village page: kind → (count, sum a month). */
    public List<Object[]> byKind(AreaScope scope, LocalDate today) {
        Sa.Range r = Sa.Range.of(scope);
        List<Object[]> out = new ArrayList<>();
        jdbc.sql("select kind, count(*), sum(amount) from assistance_grant where village_code between :lo and :hi "
                        + "and started_on <= :t and (ended_on is null or ended_on >= :t) group by kind order by kind")
                .param("lo", r.lo()).param("hi", r.hi()).param("t", today)
                .query((java.sql.ResultSet rs) -> { out.add(new Object[] {GrantKind.valueOf(rs.getString(1)), rs.getLong(2), rs.getBigDecimal(3)}); });
        return out;
    }
}
