package cn.shouwang.server.projects;

import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdMoved;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A household moved to another village: its project links and dividends follow it (their village is the household's,
 * for scoping). Writes the household's village now, so repeated or reordered deliveries end in the same place.
 */
@Component
class ProjectMoves {
    private final JdbcClient jdbc;
    private final HouseholdApi households;

    ProjectMoves(JdbcClient jdbc, HouseholdApi households) {
        this.jdbc = jdbc;
        this.households = households;
    }

    @ApplicationModuleListener
    void on(HouseholdMoved e) {
        households.villageOf(e.householdId()).ifPresent(v -> {
            jdbc.sql("update project_household set village_code = :v where household_id = :h and village_code <> :v")
                    .param("v", v).param("h", e.householdId()).update();
            jdbc.sql("update project_dividend set village_code = :v where household_id = :h and village_code <> :v")
                    .param("v", v).param("h", e.householdId()).update();
        });
    }
}
