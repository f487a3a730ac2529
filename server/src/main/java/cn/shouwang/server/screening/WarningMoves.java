package cn.shouwang.server.screening;

import cn.shouwang.server.household.HouseholdMoved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A household's warnings follow it to its new village (the warning lists and the intake scope by
 * {@code screening_warning.village_code}). Runs after the registry's commit in its own transaction, kept in
 * {@code event_publication} until it succeeds; writes the household's village now, so repeats and reordered moves
 * end in the same place.
 */
@Component
class WarningMoves {
    private static final Logger log = LoggerFactory.getLogger(WarningMoves.class);

    private final JdbcClient jdbc;

    WarningMoves(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(HouseholdMoved e) {
        int n = jdbc.sql("""
                update screening_warning w set village_code = h.village_code from household h
                 where h.id = w.household_id and w.household_id = :h and w.village_code <> h.village_code""")
                .param("h", e.householdId()).update();
        log.info("household {} moved: {} warnings followed it", e.householdId(), n);
    }
}
