package cn.shouwang.server.household;

import cn.shouwang.server.access.AreaScope;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The what-if queries over {@code household_per_capita} (household V7; kept by triggers on every write of incomes,
 * members and villages): range counts on the index {@code (year, per_capita)}, which holds village, members and total,
 * so a city's figures are one index-only scan of the households below the higher line, grouped by village.
 */
final class PerCapita {
    private PerCapita() {}

    /** Today's lines as the SQL's arrays, and the highest line asked about (the upper end of the range scan). */
    private record Lines(String[] counties, BigDecimal[] lines, BigDecimal max) {
        static Lines of(Map<String, BigDecimal> todayByCounty, BigDecimal proposed) {
            List<String> c = new ArrayList<>();
            List<BigDecimal> l = new ArrayList<>();
            BigDecimal max = proposed;
            for (Map.Entry<String, BigDecimal> e : todayByCounty.entrySet()) {
                c.add(e.getKey());
                l.add(e.getValue());
                if (e.getValue().compareTo(max) > 0) max = e.getValue();
            }
            return new Lines(c.toArray(String[]::new), l.toArray(BigDecimal[]::new), max);
        }
    }

    private static MapSqlParameterSource params(AreaScope scope, int year, Lines lines, BigDecimal proposed) {
        ScopeRange r = ScopeRange.of(scope);
        return new MapSqlParameterSource().addValue("lo", r.lo()).addValue("hi", r.hi()).addValue("y", year)
                .addValue("counties", String.join(",", lines.counties()))
                .addValue("lines", String.join(",", java.util.Arrays.stream(lines.lines()).map(BigDecimal::toPlainString).toList()))
                .addValue("p", proposed).addValue("max", lines.max());
    }

    // the county's line today joins by the village's first six digits; none: nobody is below today
    private static final String BELOW = """
            from household_per_capita c
            left join unnest(string_to_array(cast(:counties as text), ','), cast(string_to_array(cast(:lines as text), ',') as numeric[]))
              as t(county, line)
              on t.county = substr(c.village_code, 1, 6)
            where c.year = :y and c.per_capita < :max and c.village_code between :lo and :hi
            """;

    static List<HouseholdApi.BelowLine> belowLine(NamedParameterJdbcTemplate jdbc, AreaScope scope, int year,
                                                  Map<String, BigDecimal> todayByCounty, BigDecimal proposed) {
        Lines lines = Lines.of(todayByCounty, proposed);
        return jdbc.query("""
                select c.village_code,
                       count(*) filter (where c.per_capita < t.line),
                       coalesce(sum(c.members) filter (where c.per_capita < t.line), 0),
                       coalesce(sum(t.line * c.members - c.comparison_total) filter (where c.per_capita < t.line), 0),
                       count(*) filter (where c.per_capita < :p),
                       coalesce(sum(c.members) filter (where c.per_capita < :p), 0),
                       coalesce(sum(:p * c.members - c.comparison_total) filter (where c.per_capita < :p), 0),
                       count(*) filter (where c.per_capita < :p and (t.line is null or c.per_capita >= t.line)),
                       coalesce(sum(c.members) filter (where c.per_capita < :p and (t.line is null or c.per_capita >= t.line)), 0),
                       coalesce(sum(:p * c.members - c.comparison_total)
                                filter (where c.per_capita < :p and (t.line is null or c.per_capita >= t.line)), 0)
                """ + BELOW + " group by c.village_code order by c.village_code",
                params(scope, year, lines, proposed),
                (rs, i) -> new HouseholdApi.BelowLine(rs.getString(1), rs.getLong(2), rs.getLong(3),
                        money(rs.getBigDecimal(4)), rs.getLong(5), rs.getLong(6), money(rs.getBigDecimal(7)),
                        rs.getLong(8), rs.getLong(9), money(rs.getBigDecimal(10))));
    }

    static void newlyBelow(NamedParameterJdbcTemplate jdbc, AreaScope scope, int year, Map<String, BigDecimal> todayByCounty,
                           BigDecimal proposed, int limit, Consumer<HouseholdApi.NewlyBelow> rows) {
        Lines lines = Lines.of(todayByCounty, proposed);
        MapSqlParameterSource p = params(scope, year, lines, proposed).addValue("limit", limit);
        jdbc.query("""
                select c.household_id, h.household_no, c.village_code, c.members, c.per_capita,
                       :p * c.members - c.comparison_total
                  from (select c.* """ + BELOW + """
                           and c.per_capita < :p and (t.line is null or c.per_capita >= t.line)) c
                  join household h on h.id = c.household_id
                 order by c.village_code, h.household_no limit :limit""", p,
                rs -> {
                    rows.accept(new HouseholdApi.NewlyBelow(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getInt(4), money(rs.getBigDecimal(5)), money(rs.getBigDecimal(6))));
                });
    }

    static List<Integer> incomeYears(JdbcClient jdbc, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        // a loose index scan: one probe per year instead of a pass over every household (3 years at most, usually)
        return jdbc.sql("""
                with recursive y(year) as (
                  select max(year) from household_per_capita
                  union all
                  select (select max(year) from household_per_capita where year < y.year) from y where y.year is not null)
                select year from y where year is not null and exists (select 1 from household_per_capita c
                  where c.year = y.year and c.village_code between :lo and :hi)
                order by year desc""")
                .param("lo", r.lo()).param("hi", r.hi()).query(Integer.class).list();
    }

    private static BigDecimal money(BigDecimal v) {
        return v == null ? BigDecimal.ZERO.setScale(2) : v.setScale(2, RoundingMode.HALF_UP);
    }
}
