package cn.shouwang.server.insurance.claim;

import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdMoved;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A household moved to another village: its claims follow it (open and closed, as casework's leads do), so the new
 * village's township investigates and the old one no longer sees them. Writes the household's village now, so repeated
 * or reordered deliveries end in the same place.
 */
@Component
class ClaimMoves {
    private final JdbcClient jdbc;
    private final HouseholdApi households;

    ClaimMoves(JdbcClient jdbc, HouseholdApi households) {
        this.jdbc = jdbc;
        this.households = households;
    }

    @ApplicationModuleListener
    void on(HouseholdMoved e) {
        households.villageOf(e.householdId()).ifPresent(v -> jdbc.sql(
                        "update insurance_claim set village_code = :v where household_id = :h and village_code <> :v")
                .param("v", v).param("h", e.householdId()).update());
    }
}
