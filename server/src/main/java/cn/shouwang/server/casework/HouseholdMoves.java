package cn.shouwang.server.casework;

import cn.shouwang.core.casework.StatusChange;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdMoved;
import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The household's cases follow it when the registry moves it to another village: every scope check of casework
 * reads the case's own {@code village_code}, so without this the old village would keep the case and the new
 * village's monitor would get 404. Runs after the registry's transaction has committed, in its own transaction; the
 * delivery stays in {@code event_publication} until this has succeeded (retried at the next start otherwise).
 *
 * <p>Moved: the household's leads (open and closed, so the monitored household's identification lead stays
 * reachable), the reports joined to them or to the monitored household ({@code lead_report}), the monitored
 * household (one line in its status history) and its plan measures. Not moved: the append-only visit records
 * ({@code lead_verification}, {@code home_check}) keep the village the visit took place in; they are read only through
 * their lead or monitored household, whose scope is checked.
 *
 * <p>The village written is the household's village now, read from the registry, not the event's: repeated
 * deliveries and two moves arriving in either order end in the same place.
 */
@Component
class HouseholdMoves {
    private static final Logger log = LoggerFactory.getLogger(HouseholdMoves.class);

    private final JdbcClient jdbc;
    private final AreaApi areas;
    private final HouseholdApi households;
    private final Clock clock;

    HouseholdMoves(JdbcClient jdbc, AreaApi areas, HouseholdApi households, Clock clock) {
        this.jdbc = jdbc;
        this.areas = areas;
        this.households = households;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(HouseholdMoved e) {
        long h = e.householdId();
        String village = households.villageOf(h).orElse(null);
        if (village == null) return; // no such household any more: nothing of it to move
        Timestamp now = Timestamp.from(clock.instant());
        int leads = jdbc.sql("update lead set village_code = :v, version = version + 1, updated_at = :now "
                        + "where household_id = :h and village_code <> :v")
                .param("h", h).param("v", village).param("now", now).update();
        int reports = jdbc.sql("update lead_report set village_code = :v where household_id = :h and village_code <> :v")
                .param("h", h).param("v", village).update();
        int monitored = jdbc.sql("update monitored_household set village_code = :v, version = version + 1, updated_at = :now "
                        + "where household_id = :h and village_code <> :v")
                .param("h", h).param("v", village).param("now", now).update();
        if (monitored == 1) {
            jdbc.sql("insert into monitoring_history (household_id, on_date, kind, note, by_name, recorded_at) "
                            + "values (:h, :on, :kind, :note, :by, :now)")
                    .param("h", h).param("on", e.movedOn()).param("kind", StatusChange.Kind.VILLAGE_CHANGED.name())
                    .param("note", name(e.fromVillage()) + " → " + name(e.toVillage())).param("by", e.movedBy())
                    .param("now", now).update();
        }
        int measures = jdbc.sql("update plan_measure set village_code = :v, version = version + 1, "
                        + "updated_at = :now where household_id = :h and village_code <> :v")
                .param("h", h).param("v", village).param("now", now).update();
        log.info("household {} moved: {} leads, {} reports, {} monitored, {} plan measures followed it",
                h, leads, reports, monitored, measures);
    }

    private String name(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }
}
