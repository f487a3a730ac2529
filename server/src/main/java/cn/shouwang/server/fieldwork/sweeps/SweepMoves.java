package cn.shouwang.server.fieldwork.sweeps;

import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdMoved;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A household that moves during an open sweep: to a village inside the sweep's area, its row follows it (the new
 * village's monitor lists it); out of the area, it is no longer the area's to sweep and leaves the set. Closed sweeps
 * are frozen and keep it where it was counted. Reads the household's village now, so repeated deliveries agree.
 */
@Component
class SweepMoves {
    private final JdbcClient jdbc;
    private final HouseholdApi households;

    SweepMoves(JdbcClient jdbc, HouseholdApi households) {
        this.jdbc = jdbc;
        this.households = households;
    }

    @ApplicationModuleListener
    void on(HouseholdMoved e) {
        households.villageOf(e.householdId()).ifPresent(v -> {
            jdbc.sql("""
                    update field_sweep_household sh set village_code = :v from field_sweep s
                     where s.id = sh.sweep_id and s.state = 'OPEN' and sh.household_id = :h and sh.village_code <> :v
                       and :v between s.area_lo and s.area_hi""")
                    .param("v", v).param("h", e.householdId()).update();
            jdbc.sql("""
                    update field_sweep s set households = households - 1 where s.state = 'OPEN'
                       and not (:v between s.area_lo and s.area_hi)
                       and exists (select 1 from field_sweep_household sh where sh.sweep_id = s.id and sh.household_id = :h)""")
                    .param("v", v).param("h", e.householdId()).update();
            jdbc.sql("""
                    delete from field_sweep_household sh using field_sweep s
                     where s.id = sh.sweep_id and s.state = 'OPEN' and sh.household_id = :h
                       and not (:v between s.area_lo and s.area_hi)""")
                    .param("v", v).param("h", e.householdId()).update();
        });
    }
}
