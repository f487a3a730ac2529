package cn.shouwang.server.household;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.figures.FigureSourceApi;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The registry's figures for 统计调度: households and active persons per area, from the per-village counts kept on
 * write by triggers (registry_village_count, household V4), so a city is a sum over its villages. The registry keeps
 * no dated history of members: a past day gets today's counts.
 */
@Component
class RegistryFigures implements FigureSourceApi {
    private final JdbcClient jdbc;

    RegistryFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void figures(AreaScope scope, int digits, LocalDate asOf, Sink out) {
        jdbc.sql("""
                select substr(village_code, 1, :n), sum(households), sum(persons) from registry_village_count
                 where village_code between :lo and :hi group by 1""")
                .param("n", digits).param("lo", scope.lowestCode()).param("hi", scope.highestCode())
                .query(rs -> {
                    out.add(rs.getString(1), REGISTRY_HOUSEHOLDS, rs.getLong(2));
                    out.add(rs.getString(1), REGISTRY_PERSONS, rs.getLong(3));
                });
    }
}
