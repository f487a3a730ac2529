package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A server without a database URL keeps its data in the embedded PostgreSQL, so that database must run with
 * PostgreSQL's durable defaults — not with the fast test settings zonky starts it with (-F, synchronous_commit off).
 */
class EmbeddedDurabilityTest {
    @Test
    void productionSettingsKeepFsyncSynchronousCommitAndFullPageWritesOn() throws Exception {
        Path dir = Path.of("target/test-pg-durable", UUID.randomUUID().toString());
        try (EmbeddedDatabase db = EmbeddedDatabase.start(
                new EmbeddedDatabase.Settings(dir.resolve("pg"), dir.resolve("keys"), 0, true))) {
            JdbcClient jdbc = JdbcClient.create(EmbeddedCrashRestartTest.as(db, db.app())); // what the server sees
            assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("show full_page_writes").query(String.class).single()).isEqualTo("on");
            // sized for a registry of millions, not PostgreSQL's defaults
            assertThat(jdbc.sql("select (setting::bigint * 8192 / 1048576) || 'MB' from pg_settings where name = 'shared_buffers'")
                    .query(String.class).single()).isEqualTo(EmbeddedDatabase.sharedBuffers());
            assertThat(jdbc.sql("show max_wal_size").query(String.class).single()).isEqualTo("4GB");
        }
    }
}
