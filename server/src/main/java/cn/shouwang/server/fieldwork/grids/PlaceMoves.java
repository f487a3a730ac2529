package cn.shouwang.server.fieldwork.grids;

import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdMoved;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A household that moved to another village leaves its grid and group there (they are the old village's); the new
 * village's monitor places it. Reads the household's village now, so repeated or reordered deliveries agree.
 */
@Component
class PlaceMoves {
    private final Grids grids;
    private final HouseholdApi households;

    PlaceMoves(Grids grids, HouseholdApi households) {
        this.grids = grids;
        this.households = households;
    }

    @ApplicationModuleListener
    void on(HouseholdMoved e) {
        households.villageOf(e.householdId()).ifPresent(v -> grids.leftVillage(e.householdId(), v));
    }
}
