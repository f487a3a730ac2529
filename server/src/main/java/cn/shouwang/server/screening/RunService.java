package cn.shouwang.server.screening;

import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.Rule;
import cn.shouwang.screening.rules.RulesConfig;
import cn.shouwang.screening.rules.Share;
import cn.shouwang.screening.run.FeedSource;
import cn.shouwang.screening.run.Progress;
import cn.shouwang.screening.run.Screening;
import cn.shouwang.screening.run.UnusableInputException;
import cn.shouwang.screening.run.Summary;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.casework.CaseworkApi.IntakeActor;
import cn.shouwang.server.casework.ComparisonSetting;
import cn.shouwang.server.casework.StandardsApi;
import cn.shouwang.server.personaldata.PersonalDataApi;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the comparison of one county and period in the background, in memory: the registry comes as rows from the
 * household module (and monitored households from casework) through {@link RegistryRowsFromDatabase}, the current
 * sealed uploads are decrypted as the engine reads them (all are CSV: an XLSX upload is stored as its CSV rendering,
 * {@link UploadService}), and the engine ({@link Screening}) hands its warnings, rejects and summary to
 * {@link RunResults}, which streams them to the database with COPY and merges them once compared — comparison and
 * storing in one transaction, so a failed run leaves nothing of itself and the previous run's warnings as they were.
 * Nothing in clear is written to disk for a run. One run at a time per server (the engine already uses every core).
 * The run's state is a {@link RunStatus}.
 */
@Service
class RunService implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(RunService.class);

    private final JdbcClient jdbc;
    private final javax.sql.DataSource dataSource;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RegistryRowsFromDatabase registry;
    private final PersonalDataApi personalData;
    private final ScreeningFiles files;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "screening-run");
        t.setDaemon(true);
        return t;
    });
    private static final String QUEUED = RunText.of("screening.progress.queued");
    /** Live progress per run, as {@link RunText} (or the engine's own line). */
    private final Map<Long, String> progress = new ConcurrentHashMap<>();
    private final MessageSource messages;
    private final CaseworkApi casework;
    private final WarningIntake intake;
    private final StandardsApi standards;
    private final cn.shouwang.server.household.HouseholdApi households;

    private final cn.shouwang.server.household.HouseholdAssetsApi householdAssets;

    RunService(JdbcClient jdbc, javax.sql.DataSource dataSource, TransactionTemplate tx, Clock clock, RegistryRowsFromDatabase registry, PersonalDataApi personalData,
               CaseworkApi casework, StandardsApi standards, WarningIntake intake, ScreeningFiles files,
               MessageSource messages, cn.shouwang.server.household.HouseholdApi households,
               cn.shouwang.server.household.HouseholdAssetsApi householdAssets,
               @Value("${shouwang.screening.rules-file:}") String rulesFile) {
        this.householdAssets = householdAssets;
        this.households = households;
        this.standards = standards;
        this.messages = messages;
        this.casework = casework;
        this.intake = intake;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tx = tx;
        this.clock = clock;
        this.registry = registry;
        this.personalData = personalData;
        this.files = files;
        if (rulesFile != null && !rulesFile.isBlank()) {
            // the server's thresholds are settings now (one source of truth); the file is for the command line
            log.warn("shouwang.screening.rules-file (SHOUWANG_RULES_FILE) is no longer read by the server: thresholds "
                    + "and rules are settings (Administration > comparison rules and thresholds); the file stays for "
                    + "./shouwang screen --rules");
        }
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
     * now, stored uploads an earlier release kept in clear are sealed and its sealed XLSX uploads converted to their
     * sealed CSV rendering ({@link ScreeningFiles#atStart}).
     */
    ScreeningFiles.StartUp startUp() {
        RunStatus.RUNNING.to(RunStatus.FAILED);
        jdbc.sql("update screening_run set status = :to, progress = null, error = :e "
                + "where status = :from").param("e", RunText.of("screening.run.error.restarted")).param("to", RunStatus.FAILED.name()).param("from", RunStatus.RUNNING.name()).update();
        return files.atStart();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        try {
            // give a running engine a moment to notice the interrupt (it has nothing on disk to delete)
            executor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What {@code screening_run.rules} says for a server run: the thresholds come from the settings. */
    static final String SETTINGS_RULES = "settings";

    /** What runs before the settings recorded when they compared with feeds.md's defaults. */
    static final String DEFAULT_RULES = "feeds.md";

    /** The day whose standards a run of this period uses: the period's last day (标准调整: a later change waits). */
    static LocalDate standardDay(Period p) {
        return YearMonth.of(p.year(), p.month()).atEndOfMonth();
    }

    /**
     * The rules of a run, all from the settings administrators keep (one source of truth for every run of the
     * server): the thresholds and the rules switched off in force at the county on the period's last day (系统管理 ›
     * 比对规则与阈值, 标准调整; feeds.md's defaults where nobody set one), and the income lines (系统管理 › 监测标准, the same as verification and home
     * checks use) as in force on the period's last day at the county, per year; a year without a line compares with
     * none (0) rather than a default.
     */
    static RulesConfig rules(List<StandardsApi.SettingInForce> settings, List<StandardsApi.IncomeLineInForce> lines) {
        RulesConfig t = thresholds(settings);
        Map<Integer, Long> byYear = new HashMap<>();
        for (StandardsApi.IncomeLineInForce l : lines) {
            byYear.put(l.year(), l.line().movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        }
        return new RulesConfig(t.enabled(), t.medicalPersonPriorityThreshold(), t.medicalPersonOtherThreshold(),
                t.medicalHouseholdShare(), t.unsafeHouseGrades(), t.dropoutMinAge(), t.dropoutMaxAge(),
                t.schoolCostThreshold(), t.schoolCostStages(), t.disabilityGrades(), t.deathMinAge(), t.deathMaxAge(),
                t.disasterLossThreshold(), t.disasterLossShare(), t.jobLossWageShare(), t.assistanceKinds(), 0L, byYear,
                t.assets());
    }

    /** feeds.md's rules with the settings' thresholds and rules switched off (the sets of codes stay feeds.md's). */
    static RulesConfig thresholds(List<StandardsApi.SettingInForce> settings) {
        RulesConfig d = RulesConfig.defaults();
        Map<ComparisonSetting, String> v = new EnumMap<>(ComparisonSetting.class);
        for (StandardsApi.SettingInForce s : settings) v.put(s.setting(), s.value());
        java.util.function.Function<ComparisonSetting, String> get = k -> v.getOrDefault(k, k.defaultValue());
        java.util.function.ToLongFunction<ComparisonSetting> fen = k ->
                new java.math.BigDecimal(get.apply(k)).movePointRight(2).longValueExact();
        java.util.function.ToIntFunction<ComparisonSetting> years = k -> Integer.parseInt(get.apply(k));
        java.util.function.Function<ComparisonSetting, Share> share = k -> Share.of(get.apply(k));
        java.util.EnumSet<Rule> enabled = java.util.EnumSet.allOf(Rule.class);
        enabled.removeAll(ComparisonSetting.rules(get.apply(ComparisonSetting.RULES_OFF)));
        return new RulesConfig(enabled, fen.applyAsLong(ComparisonSetting.MEDICAL_PERSON_PRIORITY),
                fen.applyAsLong(ComparisonSetting.MEDICAL_PERSON_OTHER), share.apply(ComparisonSetting.MEDICAL_HOUSEHOLD_SHARE),
                d.unsafeHouseGrades(), years.applyAsInt(ComparisonSetting.DROPOUT_MIN_AGE),
                years.applyAsInt(ComparisonSetting.DROPOUT_MAX_AGE), fen.applyAsLong(ComparisonSetting.SCHOOL_COST),
                d.schoolCostStages(), d.disabilityGrades(), years.applyAsInt(ComparisonSetting.DEATH_MIN_AGE),
                years.applyAsInt(ComparisonSetting.DEATH_MAX_AGE), fen.applyAsLong(ComparisonSetting.DISASTER_LOSS),
                share.apply(ComparisonSetting.DISASTER_LOSS_SHARE), share.apply(ComparisonSetting.JOB_LOSS_WAGE_SHARE),
                d.assistanceKinds(), d.incomeLineDefault(), Map.of(),
                d.assets().withLimits(fen.applyAsLong(ComparisonSetting.VEHICLE_ASSET_LIMIT),
                        fen.applyAsLong(ComparisonSetting.PROPERTY_ASSET_LIMIT),
                        fen.applyAsLong(ComparisonSetting.MARKET_ENTITY_ASSET_LIMIT)));
    }

    /** Starts a run; returns its id at once. */
    long start(String period, AreaScope county, CurrentUser user) {
        Period p = Period.parse(period);
        LocalDate asOf = standardDay(p);
        List<StandardsApi.IncomeLineInForce> lines = standards.incomeLines(county.areaCode(), asOf);
        List<StandardsApi.SettingInForce> settings = standards.comparisonSettings(county.areaCode(), asOf);
        RulesConfig rules = rules(settings, lines);
        String rulesOff = ComparisonSetting.rulesValue(java.util.Arrays.stream(Rule.values()).filter(r -> !rules.runs(r))
                .map(Rule::name).toList());
        // the run and the standard it compares with, kept with it: a later change of a line does not rewrite this run
        long id = Objects.requireNonNull(tx.execute(st -> {
            long run = jdbc.sql("""
                    insert into screening_run (period, county_code, status, progress, rules, started_by, started_by_account,
                      started_at, standard_as_of, rules_off)
                    values (:p, :c, :st, :q, :r, :u, :a, :at, :asOf, :off) returning id""")
                    .param("q", QUEUED)
                    .param("st", RunStatus.RUNNING.name()).param("p", p.toString()).param("c", county.areaCode())
                    .param("r", SETTINGS_RULES).param("off", rulesOff).param("u", user.username()).param("a", user.accountId())
                    .param("at", Timestamp.from(clock.instant())).param("asOf", asOf)
                    .query(Long.class).single();
            for (StandardsApi.IncomeLineInForce l : lines) {
                jdbc.sql("insert into screening_run_line (run_id, year, line, area_code, effective_from) "
                                + "values (:r, :y, :l, :a, :e)")
                        .param("r", run).param("y", l.year()).param("l", l.line()).param("a", l.areaCode())
                        .param("e", l.effectiveFrom()).update();
            }
            for (StandardsApi.SettingInForce x : settings) {
                jdbc.sql("insert into screening_run_setting (run_id, name, value, area_code, is_default, effective_from) "
                                + "values (:r, :n, :v, :a, :d, :e)")
                        .param("r", run).param("n", x.setting().key()).param("v", x.value()).param("a", x.areaCode())
                        .param("d", x.isDefault()).param("e", x.effectiveFrom()).update();
            }
            return run;
        }));
        progress.put(id, QUEUED);
        counts.put(id, new LiveCounts());
        // the background thread has no signed-in user: automatic intake acts for the starter, named on the lead
        IntakeActor starter = new IntakeActor(user.accountId(), user.username(), user.role(), user.scope().areaCode(),
                // stored on the lead as text (its history is not re-rendered), so in Chinese like the lead's description
                messages.getMessage("screening.intake.actor", new Object[] {String.valueOf(id), user.displayName()},
                        Locale.SIMPLIFIED_CHINESE));
        executor.submit(() -> execute(id, p, county, rules, starter));
        return id;
    }

    /**
     * Live counts of a run for its progress bar (households and persons of the registry read, department files read
     * of those present, households compared of all), filled by the engine's {@link Progress} callback.
     */
    /** What a run is doing, for the page (the phase's name above the bars) and the benchmark (each phase's time). */
    enum Phase { QUEUED, REGISTRY, FILES, COMPARING, STORING, INTAKE }

    static final class LiveCounts implements Progress {
        volatile Phase phase = Phase.QUEUED;
        /** {@link System#nanoTime} at which each phase began (0: not reached). */
        final long[] phaseNanos = new long[Phase.values().length];
        /** Warnings handed to the database so far (streamed to it while the comparison goes on). */
        final java.util.concurrent.atomic.AtomicLong stored = new java.util.concurrent.atomic.AtomicLong();

        LiveCounts() {
            phaseNanos[0] = System.nanoTime();
        }

        void enter(Phase p) {
            if (phaseNanos[p.ordinal()] == 0) phaseNanos[p.ordinal()] = System.nanoTime();
            phase = p;
        }

        final java.util.concurrent.atomic.AtomicLong households = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong persons = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicInteger filesRead = new java.util.concurrent.atomic.AtomicInteger();
        volatile int filesTotal;
        /** The county's households in the registry (its per-village counts), the registry bar's end. */
        volatile long householdsTotal;
        final java.util.concurrent.atomic.AtomicLong compared = new java.util.concurrent.atomic.AtomicLong();
        volatile long total;

        @Override public void registryRead(long h, long p) {
            households.set(h);
            persons.set(p);
        }

        @Override public void fileRead(FeedKind kind, long rows) {
            filesRead.incrementAndGet();
        }

        @Override public void compared(long h, long all) {
            if (phase == Phase.FILES) enter(Phase.COMPARING);
            total = all;
            compared.set(h);
        }
    }

    private final Map<Long, LiveCounts> counts = new ConcurrentHashMap<>();

    /** The live counts of a running run, if this server runs it. */
    LiveCounts counts(long runId) {
        return counts.get(runId);
    }

    /** Live progress of a running run, if this server runs it, as kept ({@link RunText}). */
    String progress(long runId) {
        return progress.get(runId);
    }

    private void execute(long runId, Period period, AreaScope county, RulesConfig rules, IntakeActor starter) {
        try {
            Map<FeedKind, Upload> uploads = new HashMap<>();
            Map<FeedKind, Upload> deleted = new HashMap<>();
            Map<FeedKind, FeedSource> sources = new EnumMap<>(FeedKind.class);
            for (Upload u : currentUploads(period.toString(), county.areaCode())) {
                Path stored = Path.of(u.storedPath());
                if (!Files.exists(stored)) {
                    deleted.put(u.kind(), u); // uploads-at-rest=delete: already compared by an earlier run
                    continue;
                }
                if (!ScreeningFiles.extension(stored).equals("csv")) {
                    // a workbook of an earlier release that the start-up could not convert (logged then)
                    throw new IOException(RunText.of("screening.run.error.notConverted", u.fileName()));
                }
                // decrypted as the engine reads it, never on disk in clear
                String name = u.kind().fileName() + ".csv";
                sources.put(u.kind(), FeedSource.csv(name, Files.size(stored), () -> files.openChecked(stored, unreadable(u))));
                uploads.put(u.kind(), u);
            }
            LiveCounts live = counts.computeIfAbsent(runId, k -> new LiveCounts());
            live.filesTotal = sources.size();
            live.householdsTotal = households.counts(county).households();
            Set<String> autoRules = new java.util.HashSet<>(casework.autoIntakeRules(county.areaCode()));
            // an asset above its limit is a reason against identification, never a lead of its own
            autoRules.removeIf(r -> java.util.Arrays.stream(Rule.values()).anyMatch(x -> x.name().equals(r) && x.asset()));
            progress.put(runId, RunText.of("screening.progress.registry"));
            live.enter(Phase.REGISTRY);
            RunResults.Places places = new RunResults.Places();
            RunResults results = new RunResults(jdbc, dataSource, personalData, runId, period.toString(), places, autoRules,
                    casework.warningReturnPercent(), live.stored);
            cn.shouwang.screening.run.RegistryRows rows = registry.rows(county, places);
            // comparison and stored results in one transaction: all or nothing (the registry is read in a read-only
            // transaction of its own, on a thread of its own: RegistryRowsFromDatabase)
            tx.executeWithoutResult(st -> {
                try {
                    Screening.run(new Screening.Input(sink -> {
                        rows.supply(sink);
                        live.enter(Phase.FILES);
                    }, sources, period, rules, Math.max(1, Runtime.getRuntime().availableProcessors()),
                            msg -> progress.put(runId, msg), live), results);
                } catch (UnusableInputException e) {
                    results.abort();
                    throw new IllegalStateException(e.getMessage(), e);
                } catch (IOException e) {
                    results.abort();
                    throw new UncheckedIOException(e.getMessage(), e);
                } catch (RuntimeException | Error e) {
                    results.abort();
                    throw e;
                }
                live.enter(Phase.STORING);
                progress.put(runId, RunText.of("screening.progress.saving"));
                results.finish();
                store(runId, results.summary, uploads, deleted, results.fresh);
                // the registrations above the limits become the households' assets, in the run's transaction
                householdAssets.recordFromDepartments(results.assets);
            });
            files.compared(uploads.values().stream().map(u -> Path.of(u.storedPath())).toList());
            List<Long> toIntake = new ArrayList<>(results.toIntake);
            java.util.Collections.sort(toIntake);
            if (!autoRules.isEmpty()) {
                live.enter(Phase.INTAKE);
                progress.put(runId, RunText.of("screening.progress.intake", (long) toIntake.size()));
                WarningIntake.Summary r = intake.autoIntake(toIntake, county, starter);
                jdbc.sql("update screening_run set auto_opened = :o, auto_joined = :j, auto_refused = :x where id = :id")
                        .param("o", r.opened()).param("j", r.joined()).param("x", r.refused() + r.already())
                        .param("id", runId).update();
            }
            finish(runId, RunStatus.DONE, null);
        } catch (Exception e) {
            // the message names a file or field, never a person's data
            log.warn("screening run {} failed: {}", runId, e.getClass().getSimpleName());
            Throwable cause = e instanceof UncheckedIOException || e instanceof IllegalStateException && e.getCause() != null
                    ? e.getCause() : e;
            finish(runId, RunStatus.FAILED, failure(cause));
        } finally {
            progress.remove(runId);
            counts.remove(runId);
        }
    }

    /**
     * The failure as kept ({@link RunText}). The engine reports a stored file it could not read as its own
     * {@link UnusableInputException}, its text ending with the reading failure's message: when that is one of ours
     * ({@link #unreadable}), ours is kept, in the reader's language when shown.
     */
    static String failure(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof UnusableInputException u) {
            int ours = u.chinese().indexOf(RUN_ERROR);
            if (ours >= 0 && RunText.isCode(u.chinese().substring(ours))) return u.chinese().substring(ours);
            return RunText.of("screening.run.error.unusable", u.chinese(), message);
        }
        return RunText.isCode(message) ? message : RunText.of("screening.run.error.other", message);
    }

    private static final String RUN_ERROR = "screening.run.error.";

    private static String unreadable(Upload u) {
        return RunText.of("screening.run.error.unreadable", u.fileName());
    }

    /** Ends a RUNNING run: {@link RunStatus} decides whether it may, the SQL that it still is RUNNING. */
    private void finish(long runId, RunStatus to, String error) {
        RunStatus.RUNNING.to(to);
        jdbc.sql("update screening_run set status = :to, error = :e, finished_at = :at, progress = null "
                        + "where id = :id and status = :from")
                .param("to", to.name()).param("e", error).param("at", Timestamp.from(clock.instant()))
                .param("from", RunStatus.RUNNING.name()).param("id", runId).update();
    }

    record Upload(long id, FeedKind kind, String fileName, String storedPath, String sha256, long size) {}

    List<Upload> currentUploads(String period, String countyCode) {
        return jdbc.sql("select id, kind, file_name, stored_path, sha256, size_bytes from screening_upload "
                        + "where period = :p and county_code = :c and is_current order by kind")
                .param("p", period).param("c", countyCode)
                .query((rs, i) -> new Upload(rs.getLong(1), FeedKind.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getLong(6))).list();
    }

    /** Stores the run's record (the warnings and rejects are stored by {@link RunResults}), in the run's transaction. */
    private void store(long runId, Summary s, Map<FeedKind, Upload> uploads, Map<FeedKind, Upload> deleted, long fresh) {
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
        jdbc.sql("""
                update screening_run set households = :h,
                    persons = :p, warnings = :w, new_warnings = :n, rejects = :rj, millis = :ms where id = :id""")
                .param("h", s.households()).param("p", s.persons())
                .param("w", s.warnings()).param("n", fresh).param("rj", s.rejects()).param("ms", s.millis())
                .param("id", runId).update();
    }
}
