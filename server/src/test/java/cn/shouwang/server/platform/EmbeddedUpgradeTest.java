package cn.shouwang.server.platform;

import static cn.shouwang.server.platform.EmbeddedCrashRestartTest.as;
import static cn.shouwang.server.platform.EmbeddedDatabaseSecurityTest.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A data directory made by the earlier release — zonky's initdb with trust for everyone, every table made and owned
 * by the superuser postgres — is secured in place at the first start of this one and keeps its data; a second start
 * changes nothing.
 */
class EmbeddedUpgradeTest {
    @Test
    void anEarlierReleasesDataDirectoryIsSecuredInPlaceAndKeepsItsData() throws Exception {
        Path dir = Path.of("target/test-pg-upgrade", UUID.randomUUID().toString()).toAbsolutePath();
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                .setCleanDataDirectory(false).start()) {
            JdbcClient su = JdbcClient.create(earlier.getPostgresDatabase());
            su.sql(new ClassPathResource("previous-release/db/migration/V11__audit.sql").getContentAsString(StandardCharsets.UTF_8)).update();
            su.sql("create table household (id bigserial primary key, household_no text not null)").update();
            su.sql("insert into household (household_no) select 'H' || i from generate_series(1, 25) i").update();
            su.sql("insert into audit_event (at, username, action) values (now(), 'admin', 'HOUSEHOLD_CREATE')").update();
        }

        for (int start = 1; start <= 2; start++) {
            try (EmbeddedDatabase db = EmbeddedCrashRestartTest.start(dir)) {
                try (Connection c = as(db, db.owner()).getConnection()) {
                    AppPrivileges.grant(c, EmbeddedDatabase.APP, java.util.List.of("public")); // what the migrations end with
                }
                JdbcClient app = JdbcClient.create(as(db, db.app()));
                assertThat(app.sql("select count(*) from household").query(Long.class).single()).isEqualTo(25 + start - 1);
                assertThat(app.sql("select count(*) from audit_event").query(Long.class).single()).isEqualTo(1);
                app.sql("insert into household (household_no) values ('new')").update(); // the sequence is usable
                refused(() -> app.sql("delete from audit_event").update(), "permission denied");
                refused(() -> app.sql("alter table audit_event disable trigger all").update(), "must be owner");

                JdbcClient owner = JdbcClient.create(as(db, db.owner()));
                assertThat(owner.sql("select distinct tableowner from pg_tables where schemaname = 'public'")
                        .query(String.class).list()).containsExactly(EmbeddedDatabase.OWNER);
                assertThat(owner.sql("select distinct sequenceowner from pg_sequences where schemaname = 'public'")
                        .query(String.class).list()).containsExactly(EmbeddedDatabase.OWNER);
                assertThat(owner.sql("select distinct pg_get_userbyid(proowner) from pg_proc p "
                        + "join pg_namespace n on n.oid = p.pronamespace where nspname = 'public'")
                        .query(String.class).list()).containsExactly(EmbeddedDatabase.OWNER);

                // trust is gone: the superuser without (or with a wrong) password is refused, on TCP and the socket
                assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), "postgres", ""))
                        .isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), "postgres", "postgres"))
                        .isInstanceOf(SQLException.class);
                assertThat(EmbeddedDatabaseSecurityTest.authenticationRequestOverSocket(
                        db.socketDirectory().resolve(".s.PGSQL." + db.port()), "postgres")).isEqualTo(10);
            }
        }
    }
}
