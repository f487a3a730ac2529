package cn.shouwang.server.casework.admin;

import cn.shouwang.server.casework.shared.Scopes;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The history of 标准调整: every change of an income line ({@code income_line_change}) and of the other standards
 * ({@code standard_change}) as one list, newest first, each with the value it replaced in its region (the previous
 * change by effective day) and whether it is in force today, replaced, or not yet in force (待生效). Filtered in SQL
 * to what the reader may see: their own region, the regions above it (whose standards apply to them) and below it.
 */
@Repository
class StandardHistory {
    private final JdbcClient jdbc;

    StandardHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum Status { IN_FORCE, SCHEDULED, REPLACED }

    /** One change: the region (null: province-wide), the standard (an income line with its year), old → new. */
    record Row(@Nullable String areaCode, String name, @Nullable Integer year, @Nullable String oldValue,
               @Nullable String value, @Nullable LocalDate effectiveFrom, @Nullable String reason,
               @Nullable String document, @Nullable String byName, OffsetDateTime at, Status status) {}

    /**
     * What to list: the reader's lineage (their area and those above it) and scope (below it), optionally one
     * region ({@code area}; {@code province}: the province-wide rows too) and one standard.
     */
    record Filter(List<String> lineage, Scopes scope, @Nullable String area, boolean province, @Nullable String name) {}

    private static final String ALL = """
            with c as (
              select 'L' as src, id, area_code, 'income_line' as name, year::int as year, line::text as value,
                lag(line::text) over (partition by area_code, year order by effective_from nulls first, id) as old_value,
                effective_from, reason, document, changed_by_name, changed_at,
                first_value(id) over (partition by area_code, year
                  order by (effective_from is null or effective_from <= :today) desc, effective_from desc nulls last, id desc)
                  as in_force_id
              from income_line_change
              union all
              select 'S', id, area_code, name, null, value,
                lag(value) over (partition by area_code, name order by effective_from nulls first, id),
                effective_from, reason, document, changed_by_name, changed_at,
                first_value(id) over (partition by area_code, name
                  order by (effective_from is null or effective_from <= :today) desc, effective_from desc nulls last, id desc)
              from standard_change
            )
            select area_code, name, year, old_value, value, effective_from, reason, document, changed_by_name, changed_at,
              case when effective_from > :today then 'SCHEDULED' when id = in_force_id then 'IN_FORCE' else 'REPLACED' end
            from c
            where (area_code is null or area_code in (:lineage) or area_code between :lo and :hi)
              and (cast(:area as text) is null or area_code = :area or (:province and area_code is null))
              and (cast(:name as text) is null or name = :name)
            """;

    private JdbcClient.StatementSpec spec(String sql, Filter f, LocalDate today) {
        return jdbc.sql(sql).params(Map.of("today", today, "lineage", f.lineage(), "lo", f.scope().lo(),
                "hi", f.scope().hi(), "province", f.province()))
                .param("area", f.area()).param("name", f.name());
    }

    long count(Filter f, LocalDate today) {
        return spec("select count(*) from (" + ALL + ") x", f, today).query(Long.class).single();
    }

    List<Row> page(Filter f, LocalDate today, int page, int size) {
        return spec(ALL + " order by changed_at desc, src, id desc limit :n offset :o", f, today)
                .param("n", size).param("o", (long) (page - 1) * size).query((rs, i) -> row(rs)).list();
    }

    /** Every row of the filter, newest first, one at a time (the export). */
    void each(Filter f, LocalDate today, Consumer<Row> sink) {
        try (var rows = spec(ALL + " order by changed_at desc, src, id desc", f, today).query((rs, i) -> row(rs)).stream()) {
            rows.forEach(sink);
        }
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4), rs.getString(5),
                rs.getObject(6, LocalDate.class), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getObject(10, OffsetDateTime.class), Status.valueOf(rs.getString(11)));
    }
}
