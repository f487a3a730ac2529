package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * kill -9 of the server JVM leaves the embedded postmaster running as an orphan that holds postmaster.pid; the next
 * start must stop it and come up with the data. The "server" here is a child JVM that starts only the embedded
 * database ({@link EmbeddedChild}) and is killed with SIGKILL.
 */
class EmbeddedCrashRestartTest {
    /** The embedded database as a production server starts it (durable), on {@code dir/pg}. */
    static EmbeddedDatabase start(Path dir) {
        return EmbeddedDatabase.start(new EmbeddedDatabase.Settings(dir.resolve("pg"), dir.resolve("keys"), 0, true));
    }

    /** Connections to the embedded database as one of its roles. */
    static javax.sql.DataSource as(EmbeddedDatabase db, EmbeddedDatabase.Login login) {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(db.jdbcUrl());
        ds.setUser(login.username());
        ds.setPassword(login.password());
        return ds;
    }

    @Test
    void startsAgainAfterTheServerWasKilledWithItsPostmasterLeftRunning() throws Exception {
        Path dir = Path.of("target/test-pg-crash", UUID.randomUUID().toString()).toAbsolutePath();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, EmbeddedChild.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            // reads the child's output to its end (so it never blocks on a full pipe) and watches for READY
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) { output.append(line).append('\n'); }
                    if (line.startsWith("READY ")) ready.complete(true);
                }
            } catch (Exception ignored) {
                // the child was killed
            }
            ready.complete(false);
        });
        reader.setDaemon(true);
        reader.start();
        try {
            assertThat(ready.get(180, TimeUnit.SECONDS)).as("child output:\n%s", output).isTrue();
            long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("pg/postmaster.pid")).get(0).trim());

            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the postmaster outlived its JVM")
                    .contains(true);

            try (EmbeddedDatabase db = start(dir)) {
                JdbcClient jdbc = JdbcClient.create(as(db, db.owner()));
                assertThat(jdbc.sql("select note from crash_probe").query(String.class).list())
                        .containsExactly("written before the kill");
                assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("the orphan was stopped")
                        .isNotEqualTo(java.util.Optional.of(true));
            }
        } finally {
            child.destroyForcibly();
        }
    }
}
