package cn.shouwang.server.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.ShouwangApplication;
import cn.shouwang.server.household.HouseholdMoved;
import cn.shouwang.server.platform.OwnerDatabase;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A server whose casework listener failed on a move, stopped and started again on the same database: at the start the
 * incomplete publication is delivered again (spring.modulith.events.republish-outstanding-events-on-restart) and the
 * case follows the household. Two servers in a row on a database of their own (no port), not the shared test server.
 */
class MoveRepublishedOnRestartTest {
    static final String VILLAGE_A = "220322100201";
    static final String VILLAGE_B = "220322101001";

    static ConfigurableApplicationContext server(String dir) {
        return new SpringApplicationBuilder(ShouwangApplication.class).web(WebApplicationType.SERVLET)
                .run("--server.port=-1", "--spring.main.banner-mode=off", "--shouwang.data-dir=" + dir + "/data",
                        "--shouwang.db.embedded-dir=" + dir + "/pg",
                        "--shouwang.personal-data.key-file=target/test-keys/personal-data.key");
    }

    static int failedMoves(JdbcClient jdbc, long h) {
        return jdbc.sql("""
                select count(*) from event_publication where status = 'FAILED' and completion_date is null
                   and serialized_event::jsonb ->> 'householdId' = :h and listener_id like '%HouseholdMoves%'""")
                .param("h", String.valueOf(h)).query(Integer.class).single();
    }

    static String monitoredVillage(JdbcClient jdbc, long h) {
        return jdbc.sql("select village_code from monitored_household where household_id = :h").param("h", h)
                .query(String.class).single();
    }

    @Test
    void aMoveWhoseListenerFailedIsDeliveredAgainAtTheNextStart() {
        String dir = "target/test-restart/" + UUID.randomUUID();
        long h;
        try (ConfigurableApplicationContext first = server(dir)) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            ServerTest.ensureAreas(jdbc);
            int edition = jdbc.sql("select id from area_edition where is_current").query(Integer.class).single();
            h = jdbc.sql("""
                    insert into household (household_no, area_edition_id, village_code, created_at, updated_at)
                    values ('RS1', :e, :v, now(), now()) returning id""")
                    .param("e", edition).param("v", VILLAGE_A).query(Long.class).single();
            jdbc.sql("""
                    insert into monitored_household (household_id, village_code, head_name, category, risk_types,
                      identified_on, status, updated_at)
                    values (:h, :v, '重启户', 'MARGINAL_AT_RISK', '{ILLNESS}', '2020-01-01', 'MONITORED', now())""")
                    .param("h", h).param("v", VILLAGE_A).update();
            // casework's listener fails on this server: the database refuses to move the monitored household
            JdbcClient owner = first.getBean(OwnerDatabase.class).jdbc();
            owner.sql("create function restart_test_refuse() returns trigger language plpgsql as $$ begin "
                    + "raise exception 'refused by the test'; end $$").update();
            owner.sql("create trigger restart_test_refuse before update on monitored_household "
                    + "for each row execute function restart_test_refuse()").update();
            // what Registry.update does on a move: the household's village, and the event, in one transaction
            long id = h;
            new TransactionTemplate(first.getBean(org.springframework.transaction.PlatformTransactionManager.class))
                    .executeWithoutResult(s -> {
                        jdbc.sql("update household set village_code = :v where id = :h").param("v", VILLAGE_B).param("h", id)
                                .update();
                        first.publishEvent(new HouseholdMoved(id, "RS1", VILLAGE_A, VILLAGE_B, LocalDate.now(), "test"));
                    });
            await().atMost(Duration.ofSeconds(30)).until(() -> failedMoves(jdbc, id) == 1);
            assertThat(monitoredVillage(jdbc, h)).isEqualTo(VILLAGE_A);
            owner.sql("drop trigger restart_test_refuse on monitored_household").update();
            owner.sql("drop function restart_test_refuse()").update();
        }

        try (ConfigurableApplicationContext second = server(dir)) {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            long id = h;
            await().atMost(Duration.ofSeconds(30)).until(() -> VILLAGE_B.equals(monitoredVillage(jdbc, id)));
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                    select count(*) from event_publication where completion_date is null
                       and serialized_event::jsonb ->> 'householdId' = :h""")
                    .param("h", String.valueOf(id)).query(Integer.class).single() == 0);
            assertThat(jdbc.sql("select count(*) from monitoring_history where household_id = :h and kind = 'VILLAGE_CHANGED'")
                    .param("h", h).query(Integer.class).single()).isEqualTo(1);
        }
    }
}
