package cn.shouwang.server.fieldwork.visits;

import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdMoved;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A household's visits follow it to its new village: the new village's monitor sees its history, and its rhythm
 * goes on from the last visit instead of starting as never visited. Writes the household's village now, so repeated
 * deliveries and two moves in either order agree.
 */
@Component
class VisitMoves {
    private final JdbcClient jdbc;
    private final HouseholdApi households;

    VisitMoves(JdbcClient jdbc, HouseholdApi households) {
        this.jdbc = jdbc;
        this.households = households;
    }

    @ApplicationModuleListener
    void on(HouseholdMoved e) {
        // kept for the offline queue: a visit recorded before the move is a conflict for its monitor, not a refusal
        jdbc.sql("""
                insert into field_household_move (household_id, from_village, to_village, moved_on)
                values (:h, :from, :to, :on) on conflict do nothing""")
                .param("h", e.householdId()).param("from", e.fromVillage()).param("to", e.toVillage())
                .param("on", e.movedOn()).update();
        households.villageOf(e.householdId()).ifPresent(v ->
                jdbc.sql("update field_visit set village_code = :v where household_id = :h and village_code <> :v")
                        .param("v", v).param("h", e.householdId()).update());
    }
}
