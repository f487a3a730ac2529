package cn.shouwang.server.moralbank;

import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdMoved;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A household's points account follows it to its new village (its place in that village's ranking); the entries keep
 * the village they were made in (append-only). Writes the household's village now, so repeated deliveries agree.
 */
@Component
class AccountMoves {
    private final JdbcClient jdbc;
    private final HouseholdApi households;

    AccountMoves(JdbcClient jdbc, HouseholdApi households) {
        this.jdbc = jdbc;
        this.households = households;
    }

    @ApplicationModuleListener
    void on(HouseholdMoved e) {
        households.villageOf(e.householdId()).ifPresent(v ->
                jdbc.sql("update moral_account set village_code = :v where household_id = :h and village_code <> :v")
                        .param("v", v).param("h", e.householdId()).update());
    }
}
