package cn.shouwang.server.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.ShouwangApplication;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdToolsApi;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.EmbeddedDatabase;
import cn.shouwang.server.platform.OwnerDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ./shouwang upgrade-db} on a real PostgreSQL 14 data directory (made here with the 14 binaries the jar carries
 * for this command, migrated and filled by the server as an earlier release left it): this release refuses to start
 * on it with one line; the upgrade moves it to 17 with every table's rows equal, keeps the old directory, and a second
 * run has nothing to do.
 */
class DatabaseUpgradeTest {
    static String[] props(String dir, String key, String... more) {
        List<String> p = new ArrayList<>(List.of("shouwang.data-dir=" + dir + "/data", "shouwang.db.embedded-dir=" + dir + "/data/pg",
                "shouwang.db.embedded-durable=false", "shouwang.personal-data.key=" + key));
        p.addAll(List.of(more));
        return p.toArray(String[]::new);
    }

    static ConfigurableApplicationContext server(String... props) {
        List<String> args = new ArrayList<>(List.of("--server.port=-1", "--spring.main.banner-mode=off"));
        for (String p : props) args.add("--" + p);
        return new SpringApplicationBuilder(ShouwangApplication.class).web(WebApplicationType.SERVLET).run(args.toArray(String[]::new));
    }

    static int major(JdbcClient jdbc) {
        return jdbc.sql("select current_setting('server_version_num')::int / 10000").query(Integer.class).single();
    }

    @Test
    void aPostgres14DataDirectoryIsUpgradedTo17WithEveryRowKept() throws Exception {
        String dir = "target/test-upgrade/" + UUID.randomUUID();
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        String key = Base64.getEncoder().encodeToString(k);
        Path pg = Path.of(dir, "data/pg").toAbsolutePath();
        // an earlier release's directory: initdb and the roles by PostgreSQL 14
        try (EmbeddedDatabase db = EmbeddedDatabase.start(new EmbeddedDatabase.Settings(pg, Path.of(dir, "data/keys"), 0,
                false, EmbeddedDatabase.OLD_MAJOR))) {
            assertThat(db.fresh()).isTrue();
        }
        assertThat(EmbeddedDatabase.majorOf(pg)).contains(14);
        Map<String, String> before;
        long households;
        try (ConfigurableApplicationContext old = server(props(dir, key, "shouwang.db.embedded-major=14"))) {
            JdbcClient jdbc = old.getBean(OwnerDatabase.class).jdbc();
            assertThat(major(jdbc)).isEqualTo(14);
            old.getBean(HouseholdToolsApi.class).loadDemo(300, 11);
            before = BackupRestoreTest.checksums(jdbc);
            households = jdbc.sql("select count(*) from household.household").query(Long.class).single();
            assertThat(households).isPositive();
        }

        // this release on the old directory: one line saying what to do
        assertThatThrownBy(() -> server(props(dir, key)).close())
                .hasRootCauseInstanceOf(EmbeddedDatabase.OtherMajorVersionException.class)
                .rootCause().hasMessageContaining("PostgreSQL 14").hasMessageContaining("./shouwang upgrade-db");

        assertThat(Commands.UpgradeDb.upgrade(props(dir, key))).isZero();
        assertThat(EmbeddedDatabase.majorOf(pg)).contains(17);
        Path kept = pg.resolveSibling("pg-14.old");
        assertThat(EmbeddedDatabase.majorOf(kept)).contains(14);
        assertThat(Path.of(dir, "data/upgrade-14-to-17.backup")).doesNotExist();

        try (ConfigurableApplicationContext now = server(props(dir, key))) {
            JdbcClient jdbc = now.getBean(OwnerDatabase.class).jdbc();
            assertThat(major(jdbc)).isEqualTo(17);
            assertThat(BackupRestoreTest.checksums(jdbc)).isEqualTo(before);
            // sealed values and id-number hashes came across intact: a member is found by its id number
            byte[] sealed = jdbc.sql("select id_number_enc from household.member order by id limit 1").query(byte[].class).single();
            String id = now.getBean(PersonalDataApi.class).open(sealed);
            assertThat(now.getBean(HouseholdApi.class).findMember(IdNumber.of(id), new AreaScope("220000000000"))).isPresent();
        }
        // run again: nothing to do
        assertThat(Commands.UpgradeDb.upgrade(props(dir, key))).isZero();
        assertThat(Files.exists(kept)).isTrue();
    }
}
