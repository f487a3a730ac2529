package cn.shouwang.server.screening;

import cn.shouwang.server.household.HouseholdApi;
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
 * end in the same place. The warnings' copy of the household number ({@code household_no}) needs nothing: a move
 * keeps the number ({@code Registry.update} changes the village and area codes only).
 */
@Component
class WarningMoves {
    private static final Logger log = LoggerFactory.getLogger(WarningMoves.class);

    private final JdbcClient jdbc;
    private final HouseholdApi households;

    WarningMoves(JdbcClient jdbc, HouseholdApi households) {
        this.jdbc = jdbc;
        this.households = households;
    }

    @ApplicationModuleListener
    void on(HouseholdMoved e) {
        // the household's village now, not the event's: repeated or reordered deliveries end in the same place
        String village = households.villageOf(e.householdId()).orElse(null);
        if (village == null) return;
        int n = jdbc.sql("update screening_warning set village_code = :v where household_id = :h and village_code <> :v")
                .param("h", e.householdId()).param("v", village).update();
        log.info("household {} moved: {} warnings followed it", e.householdId(), n);
    }
}
