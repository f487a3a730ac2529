package cn.shouwang.server.socialassistance;

import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdMoved;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A household's layers, grants, payments and civil-list lines follow it to its new village (every query of the module
 * scopes by their village code). Writes the household's village now, not the event's, so repeated or reordered
 * deliveries end in the same place.
 */
@Component
class SocialMoves {
    private final JdbcClient jdbc;
    private final HouseholdApi households;

    SocialMoves(JdbcClient jdbc, HouseholdApi households) {
        this.jdbc = jdbc;
        this.households = households;
    }

    @ApplicationModuleListener
    void on(HouseholdMoved e) {
        String village = households.villageOf(e.householdId()).orElse(null);
        if (village == null) return;
        for (String sql : new String[] {
                "update low_income_layer set village_code = :v where household_id = :h and village_code <> :v",
                "update assistance_grant set village_code = :v where household_id = :h and village_code <> :v",
                "update assistance_payment set village_code = :v where household_id = :h and village_code <> :v",
                "update civil_list_row set area_code = :v where household_id = :h and area_code <> :v"}) {
            jdbc.sql(sql).param("h", e.householdId()).param("v", village).update();
        }
    }
}
