package cn.shouwang.server.eldervisits;

import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdMoved;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The older people of a household follow it to its new village (its visitors take them over: the old village's
 * visitor is unassigned); the visits keep the village they took place in (append-only). Writes the household's
 * village now, so repeated deliveries agree.
 */
@Component
class PersonMoves {
    private final JdbcClient jdbc;
    private final HouseholdApi households;

    PersonMoves(JdbcClient jdbc, HouseholdApi households) {
        this.jdbc = jdbc;
        this.households = households;
    }

    @ApplicationModuleListener
    void on(HouseholdMoved e) {
        households.villageOf(e.householdId()).ifPresent(v -> jdbc.sql("""
                update elder_person set village_code = :v, visitor_id = null, version = version + 1, updated_at = now()
                 where household_id = :h and village_code <> :v""").param("v", v).param("h", e.householdId()).update());
    }
}
