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
import cn.shouwang.server.platform.PrivateFiles;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the comparison of one county and period in the background: exports the registry, opens the current
 * (sealed) uploads under the engine's file names, runs the engine ({@link Screening}) and stores its record, warnings
 * and rejects. Everything the run wrote in clear lives in its own 0700 folder ({@link ScreeningFiles}), deleted when
 * the run is over. One run at a time per server (the engine already uses every core).
 */
@Service
class RunService implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RegistryExport export;
    private final PersonalDataApi personalData;
    private final ScreeningFiles files;
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
               CaseworkApi casework, WarningIntake intake, ScreeningFiles files,
               @Value("${shouwang.screening.rules-file:}") String rulesFile) {
        this.casework = casework;
        this.intake = intake;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.export = export;
        this.personalData = personalData;
        this.files = files;
        this.rulesFile = rulesFile == null ? "" : rulesFile.strip();
    }

    /**
     * At start, before the port opens, and only in the server that owns the data directory (not in a command-line
     * tool started beside it): {@link #startUp}.
     */
    @Override
    public void afterSingletonsInstantiated() {
        if (files.owner()) startUp();
    }

    /**
     * A run that was going on when the server stopped cannot finish: say so instead of showing it as running. A
     * server killed during a run or an upload (power cut, kill -9) could not delete its files in clear: that is done
     * now, and stored uploads an earlier release kept in clear are sealed ({@link ScreeningFiles#atStart}).
     */
    ScreeningFiles.StartUp startUp() {
        jdbc.sql("update screening_run set status = 'FAILED', progress = null, error = '服务器重启，比对中断，请重新比对' "
                + "where status = 'RUNNING'").update();
        return files.atStart();
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
        // a run that did not stop in time leaves its folder (registry export, opened uploads, output in clear)
        if (files.owner()) {
            int left = files.sweepRunFolders();
            if (left > 0) log.warn("deleted {} comparison run folder(s) at shutdown", left);
        }
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
        Path runDir = null;
        try {
            runDir = files.newRunFolder(runId);
            Path registry = PrivateFiles.createDirectory(runDir.resolve("registry"));
            RulesConfig rules = rulesFile.isEmpty() ? RulesConfig.defaults() : RulesFile.load(Path.of(rulesFile));
            progress.put(runId, "导出农户档案");
            export.write(county, registry);
            progress.put(runId, "打开上报文件");
            Path feeds = PrivateFiles.createDirectory(runDir.resolve("feeds"));
            Map<FeedKind, Upload> uploads = new HashMap<>();
            Map<FeedKind, Upload> deleted = new HashMap<>();
            for (Upload u : currentUploads(period.toString(), county.areaCode())) {
                Path stored = Path.of(u.storedPath());
                if (!Files.exists(stored)) {
                    deleted.put(u.kind(), u); // uploads-at-rest=delete: already compared by an earlier run
                    continue;
                }
                // opened (decrypted) into the run's own folder; a damaged or foreign file fails the run here
                try {
                    files.openInto(stored, feeds.resolve(u.kind().fileName() + "." + ScreeningFiles.extension(stored)));
                } catch (IOException e) {
                    throw new IOException("上报文件“" + u.fileName() + "”无法打开：已损坏，或不是用本服务器的密钥加密的", e);
                }
                uploads.put(u.kind(), u);
            }
            Path out = PrivateFiles.createDirectory(runDir.resolve("out"));
            Summary summary = Screening.run(new Screening.Options(registry, feeds, period, rules, out,
                    Math.max(1, Runtime.getRuntime().availableProcessors()), msg -> progress.put(runId, msg)));
            // plain id numbers must not outlive the engine; out/ goes as soon as it is stored
            PrivateFiles.deleteTree(registry);
            PrivateFiles.deleteTree(feeds);
            progress.put(runId, "保存预警");
            Set<String> autoRules = casework.autoIntakeRules(county.areaCode());
            List<Long> toIntake = store(runId, period.toString(), summary, uploads, deleted, out, autoRules);
            files.deleteRunFolder(runDir);
            files.compared(uploads.values().stream().map(u -> Path.of(u.storedPath())).toList());
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
            files.deleteRunFolder(runDir); // on failure too: the export, the opened uploads, any output
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
    private List<Long> store(long runId, String period, Summary s, Map<FeedKind, Upload> uploads,
                             Map<FeedKind, Upload> deleted, Path out, Set<String> autoRules) throws IOException {
        long[] fresh = {0};
        List<Long> toIntake = new ArrayList<>();
        tx.executeWithoutResult(st -> {
            for (Summary.FileStats read : s.files()) {
                Upload gone = deleted.get(read.kind());
                // the current upload was deleted after an earlier run (uploads-at-rest=delete): say so, not "absent"
                Summary.FileStats f = gone == null ? read : new Summary.FileStats(read.kind(), read.file(), "deleted", 0, 0, 0);
                Upload u = gone != null ? gone : uploads.get(f.kind());
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

}
