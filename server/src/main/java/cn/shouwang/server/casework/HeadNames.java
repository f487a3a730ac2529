package cn.shouwang.server.casework;

import cn.shouwang.server.casework.shared.LeadStates;
import cn.shouwang.server.household.HeadChanged;
import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The open cases show the household's head by name (lists, the printed notice): when the registry gives the household
 * a new head, the name on its open leads and its monitored household follows. Closed leads keep the name they were
 * decided under; a household left without a head (the head died or moved out) keeps the last name. After the
 * registry's commit, in its own transaction, kept in {@code event_publication} until it succeeds.
 */
@Component
class HeadNames {
    private static final Logger log = LoggerFactory.getLogger(HeadNames.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    HeadNames(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(HeadChanged e) {
        if (e.headName() == null) return;
        Timestamp now = Timestamp.from(clock.instant());
        int leads = jdbc.sql("update lead set head_name = :n, version = version + 1, updated_at = :now "
                        + "where household_id = :h and " + LeadStates.OPEN + " and head_name <> :n")
                .param("n", e.headName()).param("h", e.householdId()).param("now", now).update();
        int monitored = jdbc.sql("update monitored_household set head_name = :n, version = version + 1, updated_at = :now "
                        + "where household_id = :h and head_name <> :n")
                .param("n", e.headName()).param("h", e.householdId()).param("now", now).update();
        log.info("household {} has a new head: {} open leads, {} monitored households renamed", e.householdId(), leads,
                monitored);
    }
}
