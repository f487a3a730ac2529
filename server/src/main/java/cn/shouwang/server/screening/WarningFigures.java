package cn.shouwang.server.screening;

import cn.shouwang.server.access.AreaScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link ScreeningApi} from the run and warning tables (both ranges on indexed codes). */
@Component
class WarningFigures implements ScreeningApi {
    private final JdbcClient jdbc;

    WarningFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public PeriodWarnings latestWarnings(AreaScope scope) {
        String p = scope.prefix();
        String lo = (p + "000000000000").substring(0, 12);
        String hi = (p + "999999999999").substring(0, 12);
        // a county's run covers the scope when the county lies in it, or the scope lies in the county
        String county = p.length() >= 6 ? p.substring(0, 6) + "000000" : null;
        String period = jdbc.sql("""
                select max(period) from screening_run
                 where status = :done and (county_code between :lo and :hi or county_code = :county)""")
                .param("done", RunStatus.DONE.name()).param("lo", lo).param("hi", hi).param("county", county == null ? "" : county)
                .query(String.class).optional().orElse(null);
        if (period == null) return new PeriodWarnings(null, 0, 0);
        return jdbc.sql("""
                select count(*), count(intake_outcome) from screening_warning
                 where period = :p and village_code between :lo and :hi""")
                .param("p", period).param("lo", lo).param("hi", hi)
                .query((rs, i) -> new PeriodWarnings(period, rs.getLong(1), rs.getLong(2))).single();
    }
}
