package cn.shouwang.server.household;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.DataDirectory;
import cn.shouwang.server.platform.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The national person list of a township or a county as a background job ({@link NationalExport} does the writing):
 * the file is written sealed under the data directory ({@code exports/}), the job's row counts the persons written
 * for the page's progress bar, and only the account that asked may download it. The file is deleted once downloaded,
 * or a day after it was written if nobody came for it. One export runs at a time (the machine's cores are the
 * database's too); a job left running by a stopped server is failed at the next start and its half file deleted.
 */
@Service
class NationalExportJobs {
    private static final Logger log = LoggerFactory.getLogger(NationalExportJobs.class);
    /** How long a written file waits for its download. */
    static final Duration KEEP = Duration.ofDays(1);

    enum State { QUEUED, RUNNING, READY, DOWNLOADED, EXPIRED, FAILED;
        public boolean running() { return this == QUEUED || this == RUNNING; }
    }

    record Job(long id, long accountId, String username, String areaCode, int year, boolean inFull, State state,
               @Nullable Long personsTotal, long personsDone, @Nullable Long households, @Nullable String storedFile,
               String fileName, OffsetDateTime createdAt, @Nullable OffsetDateTime finishedAt) {
        /** The bar's percentage; 99 at most until the file is written (zipping the sheet takes a while too). */
        public int percent() {
            if (personsTotal == null || personsTotal <= 0) return 0;
            return (int) Math.min(99, personsDone * 100 / personsTotal);
        }
    }

    private final JdbcClient jdbc;
    private final NationalExport export;
    private final PersonalDataApi pd;
    private final DataDirectory dataDir;
    private final Clock clock;
    private final ScheduledExecutorService jobs = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "national-export");
        t.setDaemon(true);
        return t;
    });

    private final TransactionTemplate separately;

    NationalExportJobs(JdbcClient jdbc, NationalExport export, PersonalDataApi pd, DataDirectory dataDir, Clock clock,
                       PlatformTransactionManager tm) {
        this.separately = new TransactionTemplate(tm);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.export = export;
        this.pd = pd;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private Path folder() throws IOException {
        return PrivateFiles.createDirectories(dataDir.root().resolve("exports"));
    }

    /** Jobs a stopped server left running are failed (their half-written files deleted); old files swept hourly. */
    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        for (Job j : jdbc.sql(SELECT + " where state in ('QUEUED', 'RUNNING')").query(this::row).list()) {
            deleteQuietly(j.storedFile());
            jdbc.sql("update national_export_job set state = 'FAILED', stored_file = null, updated_at = :now where id = :id")
                    .param("now", now()).param("id", j.id()).update();
        }
        jobs.scheduleWithFixedDelay(this::sweep, 0, 1, TimeUnit.HOURS);
    }

    /** Deletes the files written more than {@link #KEEP} ago and not downloaded. */
    void sweep() {
        try {
            Timestamp before = Timestamp.from(clock.instant().minus(KEEP));
            for (Job j : jdbc.sql(SELECT + " where state = 'READY' and finished_at < :b").param("b", before)
                    .query(this::row).list()) {
                deleteQuietly(j.storedFile());
                jdbc.sql("update national_export_job set state = 'EXPIRED', stored_file = null, updated_at = :now where id = :id")
                        .param("now", now()).param("id", j.id()).update();
            }
        } catch (RuntimeException e) {
            log.warn("could not sweep the exports folder", e);
        }
    }

    /** Starts the export of {@code area} (already checked to lie in the user's view) for {@code user}. */
    long start(CurrentUser user, AreaScope area, int year, String fileName) {
        boolean full = NationalExport.inFull(user.role());
        long id = jdbc.sql("""
                insert into national_export_job (account_id, username, area_code, income_year, in_full, state, file_name,
                                                 created_at, updated_at)
                values (:acc, :u, :a, :y, :f, 'QUEUED', :n, :now, :now) returning id""")
                .param("acc", user.accountId()).param("u", user.username()).param("a", area.areaCode()).param("y", year)
                .param("f", full).param("n", fileName).param("now", now()).query(Long.class).single();
        // the audit row names the user who asked: the job runs as them
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        jobs.submit(() -> {
            SecurityContextHolder.getContext().setAuthentication(auth);
            try {
                run(id, area, year, full);
            } finally {
                SecurityContextHolder.clearContext();
            }
        });
        return id;
    }

    private void run(long id, AreaScope area, int year, boolean full) {
        Path file = null;
        try {
            file = folder().resolve("national-" + UUID.randomUUID() + ".sealed");
            jdbc.sql("update national_export_job set state = 'RUNNING', stored_file = :f, updated_at = :now where id = :id")
                    .param("f", file.toString()).param("now", now()).param("id", id).update();
            NationalExport.Counts c;
            // the export reads in its snapshot transaction; the progress commits beside it, so the page sees it
            try (OutputStream out = pd.sealing(PrivateFiles.newOutputStream(file))) {
                c = export.write(area, full, year, out, new NationalExport.Progress() {
                    @Override public void total(long persons) {
                        separately.executeWithoutResult(t -> jdbc.sql("update national_export_job set persons_total = :t, updated_at = :now where id = :id")
                                .param("t", persons).param("now", now()).param("id", id).update());
                    }

                    @Override public void written(long persons) {
                        separately.executeWithoutResult(t -> jdbc.sql("update national_export_job set persons_done = :d, updated_at = :now where id = :id")
                                .param("d", persons).param("now", now()).param("id", id).update());
                    }
                });
            }
            jdbc.sql("""
                    update national_export_job set state = 'READY', persons_done = :p, persons_total = :p, households = :h,
                           finished_at = :now, updated_at = :now where id = :id""")
                    .param("p", c.persons()).param("h", c.households()).param("now", now()).param("id", id).update();
        } catch (IOException | RuntimeException e) {
            log.error("national export {} failed", id, e);
            deleteQuietly(file == null ? null : file.toString());
            jdbc.sql("update national_export_job set state = 'FAILED', stored_file = null, updated_at = :now where id = :id")
                    .param("now", now()).param("id", id).update();
        }
    }

    private static final String SELECT = """
            select id, account_id, username, area_code, income_year, in_full, state, persons_total, persons_done, households,
                   stored_file, file_name, created_at, finished_at
              from national_export_job""";

    /** The job, if {@code user} asked for it: anyone else is told it does not exist. */
    Optional<Job> find(long id, CurrentUser user) {
        return jdbc.sql(SELECT + " where id = :id and account_id = :acc and username = :u")
                .param("id", id).param("acc", user.accountId()).param("u", user.username()).query(this::row).optional();
    }

    /** The user's jobs of the last {@link #KEEP}, newest first (the list page shows them to come back to). */
    List<Job> recent(CurrentUser user) {
        return jdbc.sql(SELECT + " where account_id = :acc and username = :u and created_at > :since order by id desc limit 10")
                .param("acc", user.accountId()).param("u", user.username())
                .param("since", Timestamp.from(clock.instant().minus(KEEP))).query(this::row).list();
    }

    /**
     * Copies the ready file, opened, to {@code out}, then deletes it: a file of full id numbers is not kept once
     * fetched. False when it is not ready (running, or already downloaded or expired).
     */
    boolean download(Job job, OutputStream out) throws IOException {
        if (job.state() != State.READY || job.storedFile() == null) return false;
        try (InputStream in = pd.opening(Files.newInputStream(Path.of(job.storedFile())))) {
            in.transferTo(out);
        }
        out.flush();
        deleteQuietly(job.storedFile());
        jdbc.sql("update national_export_job set state = 'DOWNLOADED', stored_file = null, updated_at = :now where id = :id")
                .param("now", now()).param("id", job.id()).update();
        return true;
    }

    private void deleteQuietly(@Nullable String path) {
        if (path == null) return;
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (IOException e) {
            log.warn("could not delete an export file");
        }
    }

    private Job row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Job(rs.getLong("id"), rs.getLong("account_id"), rs.getString("username"), rs.getString("area_code"),
                rs.getInt("income_year"), rs.getBoolean("in_full"), State.valueOf(rs.getString("state")),
                (Long) rs.getObject("persons_total"), rs.getLong("persons_done"), (Long) rs.getObject("households"),
                rs.getString("stored_file"), rs.getString("file_name"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class));
    }
}
