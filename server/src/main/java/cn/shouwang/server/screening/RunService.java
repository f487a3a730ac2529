package cn.shouwang.server.screening;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.screening.feed.FeedFiles;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.RawRecord;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.Rule;
import cn.shouwang.screening.rules.RulesConfig;
import cn.shouwang.screening.rules.RulesFile;
import cn.shouwang.screening.run.Screening;
import cn.shouwang.screening.run.Summary;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.casework.CaseworkApi.IntakeActor;
import cn.shouwang.server.personaldata.PersonalDataApi;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the comparison of one county and period in the background: exports the registry, links the current
 * uploads under the engine's file names, runs the engine ({@link Screening}) and stores its record, warnings and
 * rejects. One run at a time per server (the engine already uses every core).
 */
@Service
class RunService {
    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RegistryExport export;
    private final PersonalDataApi personalData;
    private final Path dir;
    private final String rulesFile;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "screening-run");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, String> progress = new ConcurrentHashMap<>();
    private final CaseworkApi casework;
    private final WarningIntake intake;

    RunService(JdbcClient jdbc, TransactionTemplate tx, Clock clock, RegistryExport export, PersonalDataApi personalData,
               CaseworkApi casework, WarningIntake intake,
               @Value("${shouwang.screening.dir}") String dir, @Value("${shouwang.screening.rules-file:}") String rulesFile) {
        this.casework = casework;
        this.intake = intake;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.export = export;
        this.personalData = personalData;
        this.dir = Path.of(dir).toAbsolutePath();
        this.rulesFile = rulesFile == null ? "" : rulesFile.strip();
    }

    /** A run that was going on when the server stopped cannot finish: say so instead of showing it as running. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void abandonInterruptedRuns() {
        jdbc.sql("update screening_run set status = 'FAILED', progress = null, error = '服务器重启，比对中断，请重新比对' "
                + "where status = 'RUNNING'").update();
        // a server killed during a run (power cut, kill -9) could not delete its export of plain id numbers
        sweepRegistryExports();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        try {
            // give a running export or engine a moment to notice the interrupt and delete its own files
            executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sweepRegistryExports();
    }

    /**
     * Deletes every run's registry export (runs/&lt;run&gt;/registry: the registry's plain id numbers, written for the
     * engine) that is still on disk: after each run (success or failure), on shutdown and at startup. Returns how
     * many were found.
     */
    int sweepRegistryExports() {
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) return 0;
        int found = 0;
        try (var list = Files.list(runs)) {
            for (Path run : (Iterable<Path>) list::iterator) {
                Path registry = run.resolve("registry");
                if (Files.exists(registry)) {
                    found++;
                    deleteQuietly(registry);
                }
            }
        } catch (IOException e) {
            log.error("could not list {}: {}", runs, e.getClass().getSimpleName());
        }
        if (found > 0) log.warn("deleted {} registry export(s) left behind by an interrupted comparison run", found);
        return found;
    }

    /** The rules in force, as recorded on each run. */
    String rulesDescription() {
        return rulesFile.isEmpty() ? "defaults (feeds.md)" : "rules file " + rulesFile;
    }

    /** Starts a run; returns its id at once. */
    long start(String period, AreaScope county, CurrentUser user) {
        Period p = Period.parse(period);
        long id = jdbc.sql("""
                insert into screening_run (period, county_code, status, progress, rules, started_by, started_by_account, started_at)
                values (:p, :c, 'RUNNING', '排队中', :r, :u, :a, :at) returning id""")
                .param("p", p.toString()).param("c", county.areaCode()).param("r", rulesDescription())
                .param("u", user.username()).param("a", user.accountId()).param("at", Timestamp.from(clock.instant()))
                .query(Long.class).single();
        progress.put(id, "排队中");
        // the background thread has no signed-in user: automatic intake acts for the starter, named on the lead
        IntakeActor starter = new IntakeActor(user.accountId(), user.username(), user.role(), user.scope().areaCode(),
                "比对自动转入（运行 #" + id + "，" + user.displayName() + "发起）");
        executor.submit(() -> execute(id, p, county, starter));
        return id;
    }

    /** Live progress of a running run, if this server runs it. */
    String progress(long runId) {
        return progress.get(runId);
    }

    private void execute(long runId, Period period, AreaScope county, IntakeActor starter) {
        // a fresh name each time: a data directory may outlive a database (tests, a restored backup)
        Path runDir = dir.resolve("runs").resolve(runId + "-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        Path registry = runDir.resolve("registry");
        try {
            Files.createDirectories(runDir);
            Files.createDirectory(registry, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            RulesConfig rules = rulesFile.isEmpty() ? RulesConfig.defaults() : RulesFile.load(Path.of(rulesFile));
            progress.put(runId, "导出农户档案");
            export.write(county, registry);
            Path feeds = runDir.resolve("feeds");
            Files.createDirectories(feeds);
            Map<FeedKind, Upload> uploads = new HashMap<>();
            for (Upload u : currentUploads(period.toString(), county.areaCode())) {
                Path src = Path.of(u.storedPath());
                String ext = FeedFiles.isXlsx(src) ? ".xlsx" : ".csv";
                Files.createSymbolicLink(feeds.resolve(u.kind().fileName() + ext), src);
                uploads.put(u.kind(), u);
            }
            Path out = runDir.resolve("out");
            Files.createDirectories(out);
            Summary summary = Screening.run(new Screening.Options(registry, feeds, period, rules, out,
                    Math.max(1, Runtime.getRuntime().availableProcessors()), msg -> progress.put(runId, msg)));
            deleteTree(registry); // plain id numbers must not outlive the run
            progress.put(runId, "保存预警");
            Set<String> autoRules = casework.autoIntakeRules(county.areaCode());
            List<Long> toIntake = store(runId, period.toString(), summary, uploads, out, autoRules);
            if (!autoRules.isEmpty()) {
                progress.put(runId, "自动转为线索（" + toIntake.size() + " 条新预警）");
                WarningIntake.Summary r = intake.autoIntake(toIntake, county, starter);
                jdbc.sql("update screening_run set auto_opened = :o, auto_joined = :j, auto_refused = :x where id = :id")
                        .param("o", r.opened()).param("j", r.joined()).param("x", r.refused() + r.already())
                        .param("id", runId).update();
            }
            jdbc.sql("update screening_run set status = 'DONE', progress = null, finished_at = :at where id = :id")
                    .param("at", Timestamp.from(clock.instant())).param("id", runId).update();
        } catch (Exception e) {
            // the message names a file or field, never a person's data
            log.warn("screening run {} failed: {}", runId, e.getClass().getSimpleName());
            jdbc.sql("update screening_run set status = 'FAILED', error = :e, finished_at = :at, progress = null where id = :id")
                    .param("e", String.valueOf(e.getMessage())).param("at", Timestamp.from(clock.instant()))
                    .param("id", runId).update();
        } finally {
            try {
                deleteTree(registry);
            } catch (IOException e) {
                log.error("could not delete the registry export of run {}", runId);
            }
            progress.remove(runId);
        }
    }

    record Upload(long id, FeedKind kind, String fileName, String storedPath, String sha256) {}

    List<Upload> currentUploads(String period, String countyCode) {
        return jdbc.sql("select id, kind, file_name, stored_path, sha256 from screening_upload "
                        + "where period = :p and county_code = :c and is_current order by kind")
                .param("p", period).param("c", countyCode)
                .query((rs, i) -> new Upload(rs.getLong(1), FeedKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5))).list();
    }

    /**
     * Stores the run's record and warnings in one transaction (the run stays RUNNING until the automatic intake is
     * done); returns the ids of the new warnings whose rule is in {@code autoRules}.
     */
    private List<Long> store(long runId, String period, Summary s, Map<FeedKind, Upload> uploads, Path out,
                             Set<String> autoRules) throws IOException {
        long[] fresh = {0};
        List<Long> toIntake = new ArrayList<>();
        tx.executeWithoutResult(st -> {
            for (Summary.FileStats f : s.files()) {
                Upload u = uploads.get(f.kind());
                jdbc.sql("""
                        insert into screening_run_file (run_id, kind, upload_id, file_name, sha256, status, read_rows, rejected, unmatched)
                        values (:r, :k, :u, :f, :h, :s, :rd, :rj, :um)""")
                        .param("r", runId).param("k", f.kind().name()).param("u", u == null ? null : u.id())
                        .param("f", u == null ? f.file() : u.fileName()).param("h", u == null ? null : u.sha256())
                        .param("s", f.status()).param("rd", f.read()).param("rj", f.rejected()).param("um", f.unmatched())
                        .update();
            }
            for (Map.Entry<Rule, Long> e : s.warningsPerRule().entrySet()) {
                jdbc.sql("insert into screening_run_rule (run_id, rule, warnings) values (:r, :k, :n)")
                        .param("r", runId).param("k", e.getKey().name()).param("n", e.getValue()).update();
            }
            try {
                FeedFiles.readAll(out.resolve("rejects.csv"), new FeedFiles.RecordHandler() {
                    @Override public void header(List<String> cells, int line) { }

                    @Override public void record(RawRecord r, int line) {
                        jdbc.sql("insert into screening_reject (run_id, source, line, reason) values (:r, :s, :l, :x)")
                                .param("r", runId).param("s", r.field(0).toString())
                                .param("l", Integer.parseInt(r.field(1).toString())).param("x", r.field(2).toString())
                                .update();
                    }
                });
                FeedFiles.readAll(out.resolve("warnings.csv"), new FeedFiles.RecordHandler() {
                    @Override public void header(List<String> cells, int line) { }

                    @Override public void record(RawRecord r, int line) {
                        long[] w = upsertWarning(runId, period, r);
                        if (w[1] == 1) {
                            fresh[0]++;
                            if (autoRules.contains(r.field(3).toString())) toIntake.add(w[0]);
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            jdbc.sql("""
                    update screening_run set households = :h,
                        persons = :p, warnings = :w, new_warnings = :n, rejects = :rj, millis = :ms where id = :id""")
                    .param("h", s.households()).param("p", s.persons())
                    .param("w", s.warnings()).param("n", fresh[0]).param("rj", s.rejects()).param("ms", s.millis())
                    .param("id", runId).update();
        });
        return toIntake;
    }

    /**
     * Idempotence: a warning is keyed by (period, household, rule, person). Seen again, it keeps its first
     * sighting and only records the later run; returns its id and 1 if it is new (0 if seen before, -1 if its
     * household is gone).
     */
    private long[] upsertWarning(long runId, String period, RawRecord r) {
        // period,household_id,id_number,rule,risk_type,source,line,detail
        String id = r.field(2).toString();
        byte[] hash = id.isEmpty() ? new byte[0] : personalData.idNumberHash(IdNumber.of(id));
        byte[] enc = id.isEmpty() ? null : personalData.seal(id);
        String line = r.field(6).toString();
        String risk = r.field(4).toString();
        return jdbc.sql("""
                insert into screening_warning (period, household_id, village_code, rule, person_hash, id_number_enc,
                    risk_type, source, line, detail, first_run_id, last_run_id)
                select :p, h.id, h.village_code, :rule, :hash, :enc, :risk, :src, :line, :detail, :run, :run
                from household h where h.id = :hid
                on conflict on constraint screening_warning_key
                do update set last_run_id = excluded.last_run_id, seen_count = screening_warning.seen_count + 1
                returning id, (xmax = 0)""")
                .param("p", period).param("rule", r.field(3).toString()).param("hash", hash).param("enc", enc)
                .param("risk", risk.isEmpty() ? null : risk).param("src", r.field(5).toString())
                .param("line", line.isEmpty() ? null : Integer.valueOf(line)).param("detail", r.field(7).toString())
                .param("run", runId).param("hid", Long.parseLong(r.field(1).toString()))
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0}).optional()
                .orElse(new long[] {0, -1});
    }

    /** Deletes a tree, saying only which directory could not be deleted (its files may hold id numbers). */
    static void deleteQuietly(Path root) {
        try {
            deleteTree(root);
        } catch (IOException e) {
            log.error("could not delete {}: {}", root, e.getClass().getSimpleName());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
