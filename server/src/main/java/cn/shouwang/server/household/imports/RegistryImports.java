package cn.shouwang.server.household.imports;

import cn.shouwang.screening.feed.PipelinedRows;
import cn.shouwang.screening.feed.SheetCell;
import cn.shouwang.screening.feed.SheetRows;
import cn.shouwang.screening.feed.Sheets;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.ImportedMonitoring;
import cn.shouwang.server.household.PersonListColumn;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.DataDirectory;
import cn.shouwang.server.platform.PgCopy;
import cn.shouwang.server.platform.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 农户档案导入: a person list is stored (sealed) and parsed in the background into staging, classified against the
 * registry (the preview), then applied in one transaction. One import runs at a time (the machine's cores are the
 * database's too); the pages poll the job's row for its progress, so the user may leave and come back.
 */
@Service
public class RegistryImports {
    private static final Logger log = LoggerFactory.getLogger(RegistryImports.class);

    private final ImportStore store;
    private final Classifier classifier;
    private final Applier applier;
    private final Monitoring monitoring;
    private final IncomeImports incomes;
    private final PersonalDataApi pd;
    private final AreaApi areas;
    private final AuditApi audit;
    private final DataSource ds;
    private final DataDirectory dataDir;
    private final MessageSource messages;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final TransactionTemplate separately;
    private final cn.shouwang.server.platform.OwnerDatabase owner;
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "registry-import");
        t.setDaemon(true);
        return t;
    });

    RegistryImports(ImportStore store, Classifier classifier, Applier applier, Monitoring monitoring, IncomeImports incomes,
                    PersonalDataApi pd,
                    AreaApi areas, AuditApi audit, DataSource ds, DataDirectory dataDir, MessageSource messages, Clock clock,
                    PlatformTransactionManager tm, cn.shouwang.server.platform.OwnerDatabase owner) {
        this.owner = owner;
        this.store = store;
        this.classifier = classifier;
        this.applier = applier;
        this.monitoring = monitoring;
        this.incomes = incomes;
        this.pd = pd;
        this.areas = areas;
        this.audit = audit;
        this.ds = ds;
        this.dataDir = dataDir;
        this.messages = messages;
        this.clock = clock;
        this.tx = new TransactionTemplate(tm);
        this.tx.setTimeout(-1);
        this.separately = new TransactionTemplate(tm);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Imports a stopped server left running: a parse is lost (failed), an apply was rolled back (previewed again). */
    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        // an opened copy left by a server that stopped while reading holds the file in clear: gone at once
        try (var opened = Files.newDirectoryStream(folder(), "*.open*")) {
            for (Path p : opened) deleteQuietly(p);
        } catch (IOException e) {
            log.warn("could not sweep the imports folder");
        }
        for (long id : store.interrupted()) {
            store.find(id).ifPresent(i -> {
                if (i.state() == ImportStore.State.APPLYING) {
                    store.state(id, ImportStore.State.PREVIEWED);
                    failureOnly(id, "registry.import.failure.interrupted");
                } else {
                    store.failed(id, "registry.import.failure.interrupted", List.of());
                }
            });
        }
        // a crash of PostgreSQL empties the unlogged staging: a previewed import without its rows would apply nothing,
        // so it is read again from its stored file (and previewed again)
        for (ImportStore.Import i : store.previewedWithoutStaging()) {
            if (i.storedFile() == null) store.failed(i.id(), "registry.import.failure.fileGone", List.of());
            else startParse(i.id(), new AreaScope(i.areaCode()));
        }
    }

    private void failureOnly(long id, String code) {
        new org.springframework.jdbc.core.JdbcTemplate(ds).update(
                "update registry_import set failure_code = ?, failure_args = '{}' where id = ?", code, id);
    }

    /**
     * What changed in the registry since the preview that the apply would trip over: persons the preview found new
     * who are registered now, and new households whose number is taken now (both by joins on indexes). Anything
     * else (a changed field) the apply writes over as the preview showed, like a second save of a form.
     */
    private long[] changedSincePreview(long id) {
        return org.springframework.jdbc.core.simple.JdbcClient.create(ds).sql("""
                select (select count(*) from import_person s join member m on m.id_number_hash = s.id_number_hash
                         where s.import_id = :i and s.ok and s.person_status = 'NEW'),
                       (select count(distinct s.hh_key) from import_person s join household h on h.household_no = s.household_no
                         where s.import_id = :i and s.ok and s.hh_status = 'NEW')""")
                .param("i", id).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    private Path folder() throws IOException {
        return PrivateFiles.createDirectories(dataDir.root().resolve("imports"));
    }

    /** Stores the upload sealed, with its SHA-256, and starts its parse. */
    public long upload(InputStream in, String originalName, CurrentUser user) throws IOException {
        return upload(ImportStore.Kind.PERSONS, in, originalName, user);
    }

    /** Stores the upload of a person list or an income file (收入导入) and starts its parse. */
    public long upload(ImportStore.Kind kind, InputStream in, String originalName, CurrentUser user) throws IOException {
        long id = store(kind, in, originalName, user.scope(), user.accountId(), user.username());
        startParse(id, user.scope());
        return id;
    }

    /** Stores a file sealed, with its SHA-256, as an import of {@code scope}; returns its id (not parsed yet). */
    long store(InputStream in, String originalName, AreaScope scope, @Nullable Long accountId, String username) throws IOException {
        return store(ImportStore.Kind.PERSONS, in, originalName, scope, accountId, username);
    }

    long store(ImportStore.Kind kind, InputStream in, String originalName, AreaScope scope, @Nullable Long accountId,
               String username) throws IOException {
        // the browser's file name, control characters (a NUL byte) taken out: a Path refuses them with an exception
        String name = Path.of(originalName.replace('\\', '/').replaceAll("\\p{Cntrl}", "")).getFileName().toString();
        Path folder = folder();
        // a name of its own (not the import's id: a data directory may outlive its database)
        Path sealed = folder.resolve("import-" + java.util.UUID.randomUUID() + ".sealed");
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream src = new DigestInputStream(in, sha); OutputStream out = pd.sealing(PrivateFiles.newOutputStream(sealed))) {
            src.transferTo(out);
        }
        String checksum = HexFormat.of().formatHex(sha.digest());
        long id = store.create(kind, scope.areaCode(), accountId, username, name, checksum);
        store.storedFile(id, sealed.toString());
        return id;
    }

    /** Parses (again) in the background: after an upload, or after the user mapped columns. */
    void startParse(long id, AreaScope scope) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        store.state(id, ImportStore.State.QUEUED);
        jobs.submit(() -> as(auth, () -> parse(id, scope)));
    }

    private static void as(@Nullable Authentication auth, Runnable r) {
        SecurityContextHolder.getContext().setAuthentication(auth);
        try {
            r.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The year whose income the file's 人均纯收入 is: the export's (数据日期), else the year before the import. */
    private int incomeYear(ImportStore.Import i) {
        return i.exportDate() != null ? i.exportDate().getYear() : LocalDate.now(clock).getYear() - 1;
    }

    void parse(long id, AreaScope scope) {
        ImportStore.Import imp = store.find(id).orElseThrow();
        if (imp.kind() == ImportStore.Kind.INCOMES) {
            parseIncomes(imp, scope);
            return;
        }
        store.state(id, ImportStore.State.PARSING);
        Path plain = null;
        try {
            plain = openedCopy(imp);
            Path file = plain;
            Steps steps = new Steps(id);
            AreaResolver resolver = new AreaResolver(areas, scope.prefix());
            // 1. the file into staging, committed (a failure later leaves a FAILED import whose staging the next read clears)
            PersonListParser[] parsed = {null};
            tx.executeWithoutResult(s -> {
                store.clearStaging(id);
                PersonListParser parser;
                // (what the parser asks while the COPY is open goes through a connection of its own)
                try (PgCopy persons = PgCopy.open(ds, "import_person", PersonListParser.PERSON_COLUMNS)) {
                    parser = new PersonListParser(id, pd, resolver, key -> separately.execute(t -> store.mapping(key)), persons,
                            rows -> separately.executeWithoutResult(t -> store.progress(id, rows, null)));
                    // reading the file on this thread, the rows checked, sealed and copied on another
                    try (PipelinedRows pipe = new PipelinedRows(parser)) {
                        Sheets.read(file, imp.fileName(), pipe);
                        pipe.finish();
                    } catch (cn.shouwang.screening.feed.UnreadableSheetException e) {
                        // the shared reader says what is wrong with the file (sheets.unreadable.*)
                        throw new Refused(e.code(), java.util.Arrays.stream(e.args()).map(String::valueOf).toList());
                    } catch (IOException e) {
                        throw new Refused("registry.import.failure.unreadable", List.of(imp.fileName()));
                    }
                }
                if (!parser.sawHeader()) throw new Refused("registry.import.failure.noHeader", List.of(imp.fileName()));
                new org.springframework.jdbc.core.JdbcTemplate(ds).update(PersonListParser.MOVE_PROBLEMS, id);
                store.parsed(id, parser.rows(), parser.headerLine(), parser.header(), ImportStore.headerKey(parser.header()),
                        parser.unknownHeaders(), parser.exportDate());
                parsed[0] = parser;
            });
            steps.done("read into staging");
            // 2. statistics of the fresh staging rows, so the classification's joins get sound plans (ANALYZE is the
            // tables' owner's)
            owner.jdbc().sql("analyze household.import_person").update();
            owner.jdbc().sql("analyze household.import_problem").update();
            steps.done("analyze");
            // 3. the classification and the preview's counts; each step rewrites staging rows, so the staging is vacuumed
            // between them (its dead rows would otherwise be read again by every later join: the time of a large
            // file went there); a failure in between leaves a FAILED import, whose staging the next read clears
            tx.executeWithoutResult(s -> classifier.problemsAndMatch(id, scope));
            vacuumStaging(id);
            ImportStore.Import parsedImport = store.find(id).orElseThrow();
            Map<String, Long> counts = new LinkedHashMap<>(
                    tx.execute(s -> classifier.differenceAndCounts(id, scope, incomeYear(parsedImport))));
            vacuumStaging(id);
            steps.done("classification (the steps above)");
            tx.executeWithoutResult(s -> {
                ImportedMonitoring.Outcome m = monitoring.run(id, false, "");
                steps.done("monitoring preview");
                long monitored = new org.springframework.jdbc.core.JdbcTemplate(ds).queryForObject(
                        "select count(distinct hh_key) from import_person where import_id = ? and ok and category is not null",
                        Long.class, id);
                counts.put("monitored", monitored);
                counts.put("monitoredNew", m.created());
                counts.put("monitoredChanged", m.changed());
                counts.put("monitoredUnchanged", m.unchanged());
                counts.put("monitoredRefused", (long) m.refused().size());
                counts.put("monitoredNotApplied", monitoring.available() ? 0 : monitored);
                counts.put("warningRows", new org.springframework.jdbc.core.JdbcTemplate(ds).queryForObject(
                        "select count(distinct (sheet, line)) from import_problem where import_id = ? and not error", Long.class, id));
                store.counts(id, counts);
                store.state(id, ImportStore.State.PREVIEWED);
            });
        } catch (Refused r) {
            store.failed(id, r.code, r.args);
        } catch (RuntimeException | IOException e) {
            log.error("registry import {} failed", id, e);
            store.failed(id, "registry.import.failure.internal", List.of());
        } finally {
            deleteQuietly(plain);
        }
    }

    /**
     * An income file: read into import_income (committed, as a person list), then checked and classified by
     * {@link IncomeImports} into the preview's counts.
     */
    private void parseIncomes(ImportStore.Import imp, AreaScope scope) {
        long id = imp.id();
        store.state(id, ImportStore.State.PARSING);
        Path plain = null;
        try {
            plain = openedCopy(imp);
            Path file = plain;
            int thisYear = LocalDate.now(clock).getYear();
            tx.executeWithoutResult(s -> {
                store.clearStaging(id);
                IncomeListParser parser;
                try (PgCopy rows = PgCopy.open(ds, "import_income", IncomeListParser.COLUMNS)) {
                    parser = new IncomeListParser(id, rows, INCOME_FIRST_YEAR, thisYear,
                            n -> separately.executeWithoutResult(t -> store.progress(id, n, null)));
                    try {
                        Sheets.read(file, imp.fileName(), parser);
                    } catch (cn.shouwang.screening.feed.UnreadableSheetException e) {
                        throw new Refused(e.code(), java.util.Arrays.stream(e.args()).map(String::valueOf).toList());
                    } catch (IOException e) {
                        throw new Refused("registry.import.failure.unreadable", List.of(imp.fileName()));
                    }
                }
                if (!parser.sawHeader()) throw new Refused("registry.import.income.failure.noHeader", List.of(imp.fileName()));
                if (!parser.missingColumns().isEmpty()) {
                    throw new Refused("registry.import.income.failure.columns", List.of(String.join(", ", parser.missingColumns())));
                }
                new org.springframework.jdbc.core.JdbcTemplate(ds).update(IncomeListParser.MOVE_PROBLEMS, id);
                store.parsed(id, parser.rows(), parser.headerLine(), parser.header(), ImportStore.headerKey(parser.header()),
                        List.of(), null);
            });
            owner.jdbc().sql("analyze household.import_income").update();
            tx.executeWithoutResult(s -> {
                store.counts(id, incomes.classify(id, scope));
                store.state(id, ImportStore.State.PREVIEWED);
            });
        } catch (Refused r) {
            store.failed(id, r.code, r.args);
        } catch (RuntimeException | IOException e) {
            log.error("income import {} failed", id, e);
            store.failed(id, "registry.import.failure.internal", List.of());
        } finally {
            deleteQuietly(plain);
        }
    }

    /** The first year an income may be imported for (household_income's check, the income form's first year). */
    static final int INCOME_FIRST_YEAR = 2000;

    /** VACUUM ANALYZE of the staging (the owner's, outside any transaction): dead row versions go, statistics fresh. */
    private void vacuumStaging(long id) {
        Steps steps = new Steps(id);
        owner.jdbc().sql("vacuum analyze household.import_person").update();
        steps.done("vacuum");
    }

    /** A refusal of the whole file, with a message code. */
    static final class Refused extends RuntimeException {
        final String code;
        final List<String> args;

        Refused(String code, List<String> args) {
            super(code, null, false, false);
            this.code = code;
            this.args = args;
        }
    }

    /** The stored file opened into a private temporary file (the reader needs a path); the caller deletes it. */
    private Path openedCopy(ImportStore.Import imp) throws IOException {
        if (imp.storedFile() == null) throw new Refused("registry.import.failure.fileGone", List.of());
        String ext = imp.fileName().contains(".") ? imp.fileName().substring(imp.fileName().lastIndexOf('.')) : "";
        Path plain = folder().resolve(imp.id() + "-" + System.nanoTime() + ".open" + ext.toLowerCase(Locale.ROOT));
        try (InputStream in = pd.opening(Files.newInputStream(Path.of(imp.storedFile())));
             OutputStream out = PrivateFiles.newOutputStream(plain)) {
            in.transferTo(out);
        }
        return plain;
    }

    private static void deleteQuietly(@Nullable Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not delete {}", p.getFileName());
        }
    }

    /** Why an apply is refused at once (before any work): a message code. */
    public static final class NotApplicable extends RuntimeException {
        public final String code;

        NotApplicable(String code) {
            super(code, null, false, false);
            this.code = code;
        }
    }

    /**
     * Applies a previewed import in the background, in one transaction. With problem rows only when
     * {@code skipProblems} (the user ticked so): those rows and their households stay out.
     */
    public void startApply(long id, boolean skipProblems, CurrentUser user) {
        ImportStore.Import imp = store.find(id, user.scope()).orElseThrow(() -> new NotApplicable("registry.import.notFound"));
        if (imp.state() != ImportStore.State.PREVIEWED) throw new NotApplicable("registry.import.refused.state");
        if (imp.count("problemRows") > 0 && !skipProblems) throw new NotApplicable("registry.import.refused.problems");
        if (!store.transition(id, ImportStore.State.PREVIEWED, ImportStore.State.APPLYING)) {
            throw new NotApplicable("registry.import.refused.state");
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        jobs.submit(() -> as(auth, () -> applyNow(id, skipProblems, user)));
    }

    void applyNow(long id, boolean skipProblems, CurrentUser user) {
        applyNow(id, skipProblems, user.accountId(), user.username());
    }

    /** The apply itself, on the caller's thread (the job, the bench, tests). */
    void applyNow(long id, boolean skipProblems, @Nullable Long accountId, String username) {
        ImportStore.Import imp = store.find(id).orElseThrow();
        Steps steps = new Steps(id);
        if (imp.kind() == ImportStore.Kind.INCOMES) {
            applyIncomes(imp, skipProblems, accountId);
            return;
        }
        long[] changed = changedSincePreview(id);
        if (changed[0] + changed[1] > 0) {
            store.refusedApply(id, "registry.import.failure.stale", List.of(String.valueOf(changed[0]), String.valueOf(changed[1])));
            steps.done("apply refused: the registry changed since the preview");
            return;
        }
        try {
            tx.executeWithoutResult(s -> {
                int edition = areas.currentEdition().orElseThrow().id();
                Applier.Applied a = applier.apply(id, edition, incomeYear(imp), accountId, username, imp.fileName());
                String label = messages.getMessage("registry.import.label", new Object[] {imp.fileName(), imp.id()}, Locale.CHINESE);
                steps.done("apply");
                ImportedMonitoring.Outcome m = monitoring.run(id, true, label);
                steps.done("monitoring");
                Map<String, Long> counts = new LinkedHashMap<>(imp.counts());
                counts.put("appliedHouseholdsNew", a.householdsNew());
                counts.put("appliedHouseholdsChanged", a.householdsChanged());
                counts.put("appliedPersonsNew", a.personsNew());
                counts.put("appliedPersonsChanged", a.personsChanged());
                counts.put("appliedMonitoredNew", m.created());
                counts.put("appliedMonitoredChanged", m.changed());
                audit.record(AuditAction.REGISTRY_IMPORT, null, null, imp.areaCode(), List.of(),
                        messages.getMessage("registry.import.audit", new Object[] {imp.fileName(), imp.sha256(),
                                a.householdsNew(), a.householdsChanged(), a.personsNew(), a.personsChanged(),
                                imp.count("problemRows")}, Locale.CHINESE));
                store.counts(id, counts);
                store.applied(id, skipProblems);
                new org.springframework.jdbc.core.JdbcTemplate(ds).update("delete from import_person where import_id = ?", id);
                new org.springframework.jdbc.core.JdbcTemplate(ds).update("delete from import_new_household where import_id = ?", id);
                steps.done("apply: audit of the import, staging deleted");
            });
            steps.done("commit");
        } catch (RuntimeException e) {
            log.error("registry import {}: apply failed, nothing written", id, e);
            store.state(id, ImportStore.State.PREVIEWED);
            failureOnly(id, "registry.import.failure.apply");
        }
    }

    private void applyIncomes(ImportStore.Import imp, boolean skipProblems, @Nullable Long accountId) {
        long id = imp.id();
        try {
            tx.executeWithoutResult(s -> {
                IncomeImports.Applied a = incomes.apply(id, accountId);
                Map<String, Long> counts = new LinkedHashMap<>(imp.counts());
                counts.put("appliedIncomesNew", a.added());
                counts.put("appliedIncomesChanged", a.changed());
                audit.record(AuditAction.REGISTRY_IMPORT, null, null, imp.areaCode(), List.of(),
                        messages.getMessage("registry.import.income.audit", new Object[] {imp.fileName(), imp.sha256(),
                                a.added(), a.changed(), imp.count("problemRows")}, Locale.CHINESE));
                store.counts(id, counts);
                store.applied(id, skipProblems);
                new org.springframework.jdbc.core.JdbcTemplate(ds).update("delete from import_income where import_id = ?", id);
            });
        } catch (RuntimeException e) {
            log.error("income import {}: apply failed, nothing written", id, e);
            store.state(id, ImportStore.State.PREVIEWED);
            failureOnly(id, "registry.import.failure.apply");
        }
    }

    /** Throws away an open or finished import: its staging, problems and stored file (what was applied stays). */
    public void discard(long id, AreaScope scope) {
        ImportStore.Import imp = store.find(id, scope).orElseThrow(() -> new NotApplicable("registry.import.notFound"));
        if (imp.state().running()) throw new NotApplicable("registry.import.refused.state");
        tx.executeWithoutResult(s -> {
            store.clearStaging(id);
            if (imp.state() != ImportStore.State.APPLIED) store.state(id, ImportStore.State.DISCARDED);
            store.storedFile(id, null);
        });
        if (imp.storedFile() != null) deleteQuietly(Path.of(imp.storedFile()));
    }

    /** Saves the user's mapping of unknown columns for this layout and parses the file again with it. */
    public void map(long id, Map<String, PersonListColumn> mapping, CurrentUser user) {
        ImportStore.Import imp = store.find(id, user.scope()).orElseThrow(() -> new NotApplicable("registry.import.notFound"));
        if (imp.state() != ImportStore.State.PREVIEWED && imp.state() != ImportStore.State.FAILED) {
            throw new NotApplicable("registry.import.refused.state");
        }
        if (imp.headerKey() == null) throw new NotApplicable("registry.import.refused.state");
        Map<String, PersonListColumn> all = new LinkedHashMap<>(store.mapping(imp.headerKey()));
        mapping.forEach((k, v) -> all.put(PersonListColumn.normalize(k), v));
        store.saveMapping(imp.headerKey(), all, user.username());
        startParse(id, user.scope());
    }

    /**
     * Writes the file's problem rows as a workbook: the stored file read again, each row with a problem copied with
     * the problems in a 问题 column (the header's language: the file's own).
     */
    public void problemRows(long id, AreaScope scope, OutputStream out, Locale locale) throws IOException {
        ImportStore.Import imp = store.find(id, scope).orElseThrow(() -> new NotApplicable("registry.import.notFound"));
        Map<String, List<String>> problems = new LinkedHashMap<>();
        new org.springframework.jdbc.core.JdbcTemplate(ds).query("""
                select sheet, line, column_name, code, args from import_problem where import_id = ? and error order by sheet, line""",
                rs -> {
                    String text = Problems.text(messages, rs.getString(3), rs.getString(4),
                            (Object[]) rs.getArray(5).getArray(), locale);
                    problems.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getInt(2), k -> new ArrayList<>()).add(text);
                }, id);
        List<String> header = new ArrayList<>(imp.header());
        header.add(messages.getMessage("registry.import.problemColumn", null, locale));
        Path plain = openedCopy(imp);
        try (cn.shouwang.server.platform.XlsxWriter x = new cn.shouwang.server.platform.XlsxWriter(
                messages.getMessage("registry.import.problemSheet", null, locale), header)) {
            Sheets.read(plain, imp.fileName(), new SheetRows() {
                @Override
                public void row(String sheet, int line, List<SheetCell> cells) {
                    List<String> p = problems.get(sheet + "\u0000" + line);
                    if (p == null) return;
                    List<Object> values = new ArrayList<>();
                    for (int k = 0; k < header.size() - 1; k++) values.add(k < cells.size() ? cells.get(k).text() : null);
                    values.add(String.join("；", p));
                    x.row(values);
                }
            });
            x.writeTo(out);
        } finally {
            deleteQuietly(plain);
        }
    }
}
