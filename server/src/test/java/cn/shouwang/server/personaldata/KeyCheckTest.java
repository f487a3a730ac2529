package cn.shouwang.server.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.server.ShouwangApplication;
import cn.shouwang.server.platform.OwnerDatabase;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Servers started one after another on one database of their own (no port), with the right key and a wrong one:
 * the wrong one stops at start with one line; a database of an earlier release (no check value) gets its check value
 * from the first start whose key opens a sealed value already there, and never from a wrong key.
 */
class KeyCheckTest {
    static String newKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    static ConfigurableApplicationContext server(String dir, String key) {
        return new SpringApplicationBuilder(ShouwangApplication.class).web(WebApplicationType.SERVLET)
                .run("--server.port=-1", "--spring.main.banner-mode=off", "--shouwang.data-dir=" + dir + "/data",
                        "--shouwang.db.embedded-dir=" + dir + "/pg", "--shouwang.personal-data.key=" + key);
    }

    @Test
    void aWrongKeyIsRefusedAtStartWithOneLineAndAnOldDatabaseGetsItsCheckValueFromTheRightKey() {
        String dir = "target/test-keycheck/" + UUID.randomUUID();
        String right = newKey();
        String wrong = newKey();
        try (ConfigurableApplicationContext first = server(dir, right)) {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select count(*) from data_key_check").query(Integer.class).single()).isEqualTo(1);
            // a sealed value, as a household's phone would be; then the database of an earlier release: no check value
            byte[] sealed = first.getBean(PersonalDataApi.class).seal("13800000000");
            JdbcClient owner = first.getBean(OwnerDatabase.class).jdbc();
            owner.sql("create table household.key_check_probe (id int, phone_enc bytea)").update();
            owner.sql("insert into household.key_check_probe values (1, :v)").param("v", sealed).update();
            owner.sql("delete from platform.data_key_check").update();
        }

        Throwable refused = startFails(dir, wrong);
        assertThat(refused).hasRootCauseInstanceOf(DataKeyMismatchException.class);
        FailureAnalysis analysis = new DataKeyFailureAnalyzer().analyze(refused);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).doesNotContain("\n").contains("does not match the data");

        try (ConfigurableApplicationContext again = server(dir, right)) {
            JdbcClient jdbc = again.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select check_value from data_key_check").query(byte[].class).single())
                    .isEqualTo(((FieldCrypto) again.getBean(PersonalDataApi.class)).keyCheckValue());
        }
        // with the check value in place, the wrong key is refused even when no sealed value is left
        assertThat(startFails(dir, wrong)).hasRootCauseInstanceOf(DataKeyMismatchException.class);
    }

    static Throwable startFails(String dir, String key) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> {
            try (ConfigurableApplicationContext ignored = server(dir, key)) {
                // started: the test fails below
            } catch (Throwable t) {
                caught[0] = t;
                throw t;
            }
        }).isNotNull();
        return caught[0];
    }
}
