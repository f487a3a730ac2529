package cn.shouwang.server.tools;

import cn.shouwang.core.area.DivisionFile;
import cn.shouwang.server.ShouwangApplication;
import cn.shouwang.server.area.AreaImportApi;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdToolsApi;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.PrivateFiles;
import cn.shouwang.server.screening.ScreeningToolsApi;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The server's tools: each starts the application without its web side, does one job and exits. */
@Command(name = "shouwang", subcommands = {Commands.ImportAreas.class, Commands.BenchCommand.class, Commands.BenchImportCommand.class,
        Commands.OpenSealed.class, Commands.BenchWhatIf.class, Commands.BenchRun.class, Commands.RotateKey.class, Commands.BenchFigures.class,
        Commands.Backup.class, Commands.Restore.class,
        Commands.UpgradeDb.class})
public final class Commands {
    private static final Set<String> NAMES = Set.of("import-areas", "bench", "bench-import", "open-sealed", "bench-whatif", "bench-run",
            "rotate-key", "bench-figures", "backup", "restore", "upgrade-db");

    private Commands() {}

    public static boolean handles(String[] args) {
        return args.length > 0 && NAMES.contains(args[0]);
    }

    public static int run(String[] args) {
        return new CommandLine(new Commands()).execute(args);
    }

    static ConfigurableApplicationContext context(String... props) {
        String[] args = java.util.stream.Stream.concat(
                        // a web context (security and the rest wire as usual) whose server never opens a port
                        java.util.stream.Stream.of("server.port=-1", "spring.main.banner-mode=off"),
                        java.util.Arrays.stream(props))
                .map(p -> "--" + p).toArray(String[]::new); // as arguments, so they win over application.yml
        return new SpringApplicationBuilder(ShouwangApplication.class)
                .web(WebApplicationType.SERVLET)
                .run(args);
    }

    @Command(name = "import-areas", mixinStandardHelpOptions = true,
            description = "Loads an edition of the division codes (CSV: code,name,level,parent_code,urban_rural_code).")
    static class ImportAreas implements Callable<Integer> {
        @Parameters(index = "0", description = "the CSV file") Path file;
        @Option(names = "--edition", required = true, description = "edition name, e.g. 2023") String edition;
        @Option(names = "--current", negatable = true, defaultValue = "true", description = "make it the current edition (default yes)")
        boolean current;

        @Override
        public Integer call() throws Exception {
            return load(null);
        }

        /**
         * Reads the file and loads it into {@code api}, the import service of a running server (tests), or, when
         * null, of a context started for the command. Refusals are one line on stderr and a non-zero exit.
         */
        int load(AreaImportApi api) throws Exception {
            DivisionFile.Result parsed;
            try {
                // UTF-8 or GBK as detected (a GBK file once ended in a stack trace)
                parsed = DivisionFile.read(file);
            } catch (java.nio.file.NoSuchFileException e) {
                System.err.println("未导入：找不到文件 " + file + " (nothing loaded: no such file)");
                return 1;
            } catch (java.io.IOException e) {
                System.err.println("未导入：无法读取文件 " + file + " (nothing loaded: cannot read the file: " + e.getMessage() + ")");
                return 1;
            }
            // a file in a wrong encoding: one line saying where and what to do, not a line for each name
            DivisionFile.Problem encoding = parsed.problems().stream()
                    .filter(p -> p.code() != null).findFirst().orElse(null);
            if (encoding != null) {
                String where = file + " 第" + encoding.line() + "行";
                System.err.println(DivisionFile.UNDECODABLE.equals(encoding.code())
                        ? "未导入：" + where + "不是可读的文字（按 " + encoding.message() + " 无法解码）；请用 UTF-8 或 GBK 编码另存为 CSV 后重新导入 (nothing loaded: "
                                + file + " line " + encoding.line() + " is not text; save the file as CSV in UTF-8 or GBK)"
                        : "未导入：" + where + "的名称“" + encoding.message() + "”不是可识别的中文，文件编码可能有误；请用 UTF-8 或 GBK 编码另存为 CSV 后重新导入 (nothing loaded: "
                                + file + " line " + encoding.line() + ": the name is not readable Chinese, wrong encoding; save the file as CSV in UTF-8 or GBK)");
                return 1;
            }
            if (api != null) return load(api, parsed);
            try (ConfigurableApplicationContext ctx = context()) {
                return load(ctx.getBean(AreaImportApi.class), parsed);
            }
        }

        private int load(AreaImportApi api, DivisionFile.Result parsed) {
            AreaImportApi.Outcome o = api.importEdition(edition, parsed, current, "cli");
            if (!o.ok()) {
                System.err.println("未导入 (nothing loaded): " + o.problems().size() + " problems in " + file);
                o.problems().stream().limit(200).forEach(p -> System.err.println("  " + file + ": " + p));
                return 1;
            }
            System.out.println("已导入 edition " + o.edition() + ": " + o.areas() + " areas");
            return 0;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Generates and loads N persons into a separate database, then measures id-number lookup and name search.")
    static class BenchCommand implements Callable<Integer> {
        @Option(names = "--persons", defaultValue = "1000000") long persons;
        @Option(names = "--dir", description = "data directory of the benchmark database (default data/bench-<persons>)") String dir;
        @Option(names = "--queries", defaultValue = "1000") int queries;
        @Option(names = "--seed", defaultValue = "42") long seed;
        @Option(names = "--export-runs", defaultValue = "3",
                description = "times the comparison's in-memory registry read of the whole city (Siping) is measured")
        int exportRuns;
        @Option(names = "--vacuum", description = "VACUUM (ANALYZE) household and member first, e.g. after an upgrade rewrote them")
        boolean vacuum;

        @Override
        public Integer call() {
            String d = dir != null ? dir : "data/bench-" + persons;
            try (ConfigurableApplicationContext ctx = context(
                    // its own data directory: database in <d>/pg, key in <d>/keys, comparison files in <d>/screening
                    "shouwang.data-dir=" + d,
                    "shouwang.db.embedded-dir=" + d + "/pg",
                    "shouwang.personal-data.key-file=" + d + "/keys/personal-data.key",
                    "shouwang.db.embedded-keys-dir=" + d + "/keys",
                    "shouwang.personal-data.generate-key=true",
                    "logging.level.root=WARN", "logging.level.cn.shouwang=INFO")) {
                if (vacuum) {
                    long t0 = System.nanoTime();
                    // VACUUM is the tables' owner's (the server's own role may not)
                    var jdbc = ctx.getBean(cn.shouwang.server.platform.OwnerDatabase.class).jdbc();
                    jdbc.sql("vacuum (analyze) household").update();
                    jdbc.sql("vacuum (analyze) member").update();
                    System.out.printf("vacuum (analyze) household, member: %.1f s%n", (System.nanoTime() - t0) / 1e9);
                }
                ctx.getBean(HouseholdToolsApi.class).benchmark(persons, seed, queries);
                AreaScope city = new AreaScope("220300000000");
                for (int i = 1; i <= exportRuns; i++) {
                    ScreeningToolsApi.ReadTiming t = ctx.getBean(ScreeningToolsApi.class).timeRegistryRead(city);
                    System.out.printf("registry read for the comparison (city 2203, run %d, in memory): %.1f s, %,d rows%n",
                            i, t.millis() / 1000.0, t.rows());
                }
                return 0;
            }
        }
    }

    @Command(name = "bench-run", mixinStandardHelpOptions = true,
            description = "Times a comparison run of a loaded registry (bench-registry's database) from the click to the "
                    + "warnings shown: department files for its persons written and uploaded once, then the run as the page starts it.")
    static class BenchRun implements Callable<Integer> {
        @Option(names = "--persons", defaultValue = "1000000", description = "names the default directory") long persons;
        @Option(names = "--dir", description = "data directory of the loaded database (default data/bench-<persons>)") String dir;
        @Option(names = "--area", defaultValue = "220300000000", description = "the run's area: the city (default) or a county") String area;
        @Option(names = "--period", defaultValue = "2026-11") String period;
        @Option(names = "--runs", defaultValue = "2", description = "runs timed (the second finds the first's warnings)") int runs;

        @Override
        public Integer call() throws Exception {
            String d = dir != null ? dir : "data/bench-" + persons;
            if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of(d, "pg"))) {
                System.err.println("no loaded database in " + d + ": load one with ./shouwang bench-registry --persons N --dir " + d);
                return 2;
            }
            try (ConfigurableApplicationContext ctx = context(
                    "shouwang.data-dir=" + d,
                    "shouwang.db.embedded-dir=" + d + "/pg",
                    "shouwang.personal-data.key-file=" + d + "/keys/personal-data.key",
                    "shouwang.db.embedded-keys-dir=" + d + "/keys",
                    "logging.level.root=WARN", "logging.level.cn.shouwang=INFO")) {
                ctx.getBean(ScreeningToolsApi.class).benchRun(new AreaScope(area), period,
                        java.nio.file.Path.of(d, "bench-run-files"), runs, System.out);
                return 0;
            }
        }
    }

    @Command(name = "bench-whatif", mixinStandardHelpOptions = true,
            description = "Loads N generated persons (unless the database holds them), then times the what-if of an "
                    + "income line (标准测算) for the city and its largest county and prints the figures.")
    static class BenchWhatIf implements Callable<Integer> {
        @Option(names = "--persons", defaultValue = "10000000") long persons;
        @Option(names = "--dir", description = "data directory of the benchmark database (default data/bench-<persons>)") String dir;
        @Option(names = "--seed", defaultValue = "42") long seed;
        @Option(names = "--queries", defaultValue = "20", description = "what-ifs timed per area (after 3 warm-up ones)") int queries;
        @Option(names = "--today", defaultValue = "6700", description = "today's line at every county (yuan)") String today;

        @Override
        public Integer call() {
            String d = dir != null ? dir : "data/bench-" + persons;
            try (ConfigurableApplicationContext ctx = context(
                    "shouwang.data-dir=" + d,
                    "shouwang.db.embedded-dir=" + d + "/pg",
                    "shouwang.personal-data.key-file=" + d + "/keys/personal-data.key",
                    "shouwang.db.embedded-keys-dir=" + d + "/keys",
                    "shouwang.personal-data.generate-key=true",
                    "logging.level.root=WARN", "logging.level.cn.shouwang=INFO")) {
                long t0 = System.nanoTime();
                ctx.getBean(HouseholdToolsApi.class).loadDemo(persons, seed).ifPresentOrElse(
                        l -> System.out.println("load: " + l),
                        () -> System.out.printf("load: database already holds the population (%.1f s to open)%n",
                                (System.nanoTime() - t0) / 1e9));
                // what the per-capita table's first fill cost on this database (Flyway records each migration's time)
                ctx.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                        .sql("select execution_time from household.flyway_schema_history where version = '7'")
                        .query(Integer.class).optional()
                        .ifPresent(ms -> System.out.printf("migration household V7 (per-capita values, first fill): %.1f s%n", ms / 1000.0));
                ScreeningToolsApi tools = ctx.getBean(ScreeningToolsApi.class);
                AreaScope city = new AreaScope("220300000000");
                java.util.List<Integer> years = tools.incomeYears(city);
                if (years.isEmpty()) {
                    System.err.println("no per-capita values: the database holds no incomes");
                    return 1;
                }
                int year = years.get(0);
                var counts = ctx.getBean(cn.shouwang.server.household.HouseholdApi.class).counts(city);
                System.out.printf("database: %,d households, %,d active persons in the city; income year %d%n",
                        counts.households(), counts.persons(), year);
                java.math.BigDecimal todayLine = new java.math.BigDecimal(today);
                String[] counties = {"220322000000", "220381000000", "220382000000"};
                for (String area : new String[] {city.areaCode(), counties[0]}) {
                    AreaScope scope = new AreaScope(area);
                    for (String proposed : new String[] {"7000", "7500", "8000"}) {
                        java.math.BigDecimal p = new java.math.BigDecimal(proposed);
                        ScreeningToolsApi.WhatIfTiming first = tools.timeWhatIf(scope, year, p, todayLine);
                        for (int i = 0; i < 3; i++) tools.timeWhatIf(scope, year, p, todayLine);
                        long[] ms = new long[queries];
                        ScreeningToolsApi.WhatIfTiming t = first;
                        for (int i = 0; i < queries; i++) {
                            t = tools.timeWhatIf(scope, year, p, todayLine);
                            ms[i] = t.millis();
                        }
                        java.util.Arrays.sort(ms);
                        System.out.printf("what-if %s, %d incomes, today %s → proposed %s: first %d ms, then p50 %d ms, "
                                        + "p95 %d ms, max %d ms (n=%d)%n", area, year, today, proposed, first.millis(),
                                ms[ms.length / 2], ms[Math.min(ms.length - 1, (int) Math.ceil(0.95 * ms.length) - 1)],
                                ms[ms.length - 1], queries);
                        System.out.printf("  below today: %,d households, %,d persons, %s yuan; below proposed: %,d "
                                        + "households, %,d persons, %s yuan; newly: %,d households, %,d persons, %s yuan; "
                                        + "%,d villages%n", t.householdsToday(), t.personsToday(), t.gapToday().toPlainString(),
                                t.householdsProposed(), t.personsProposed(), t.gapProposed().toPlainString(),
                                t.householdsNewly(), t.personsNewly(), t.gapNewly().toPlainString(), t.villages());
                    }
                }
                return 0;
            }
        }
    }

    @Command(name = "bench-figures", mixinStandardHelpOptions = true,
            description = "Loads N generated persons (unless there) and the cases of a city (monitored households, leads, "
                    + "measures; unless there), then times 统计调度: each figure source for the city, twelve month-end "
                    + "snapshots of the city, the dashboard of the city and the drill-down to a county, a township and a "
                    + "village (live and last month's snapshot), the 调度表 workbook of the city and the county.")
    static class BenchFigures implements Callable<Integer> {
        @Option(names = "--persons", defaultValue = "10000000") long persons;
        @Option(names = "--monitored", defaultValue = "100000", description = "monitored households to generate") int monitored;
        @Option(names = "--dir", description = "data directory (default data/bench-figures-<persons>)") String dir;
        @Option(names = "--seed", defaultValue = "42") long seed;
        @Option(names = "--runs", defaultValue = "30", description = "timed requests per area (after 3 warm-up ones)") int runs;

        @Override
        public Integer call() throws Exception {
            String d = dir != null ? dir : "data/bench-figures-" + persons;
            try (ConfigurableApplicationContext ctx = context(
                    "shouwang.data-dir=" + d,
                    "shouwang.db.embedded-dir=" + d + "/pg",
                    "shouwang.personal-data.key-file=" + d + "/keys/personal-data.key",
                    "shouwang.db.embedded-keys-dir=" + d + "/keys",
                    "shouwang.personal-data.generate-key=true",
                    "logging.level.root=WARN", "logging.level.cn.shouwang=INFO")) {
                AreaScope city = new AreaScope("220300000000");
                HouseholdToolsApi registry = ctx.getBean(HouseholdToolsApi.class);
                long t0 = System.nanoTime();
                registry.loadDemo(persons, seed).ifPresentOrElse(l -> System.out.println("registry load: " + l),
                        () -> System.out.println("registry: already loaded"));
                var casework = ctx.getBean(cn.shouwang.server.casework.CaseworkToolsApi.class);
                if (casework.monitoredHouseholds() == 0) {
                    long t1 = System.nanoTime();
                    long households = ctx.getBean(cn.shouwang.server.household.HouseholdApi.class).counts(city).households();
                    int wanted = monitored + monitored / 5;
                    int every = (int) Math.max(1, households / wanted);
                    var sample = registry.sample(city, every, wanted);
                    int n = Math.min(monitored, sample.size() * 5 / 6);
                    String loaded = casework.loadFiguresBenchmark(sample.subList(0, n), sample.subList(n, sample.size()), seed);
                    System.out.printf("cases load: %s in %.1f s%n", loaded, (System.nanoTime() - t1) / 1e9);
                } else {
                    System.out.printf("cases: already loaded (%,d monitored households)%n", casework.monitoredHouseholds());
                }
                System.out.printf("loads done in %.1f s; load average %s%n", (System.nanoTime() - t0) / 1e9, loadAverage());
                var figures = ctx.getBean(cn.shouwang.server.figures.FiguresToolsApi.class);
                System.out.println("city: " + figures.headline(city));
                // the profile: what each figure source costs for the city's counties (median of 5, after one)
                figures.timeSources(city);
                java.util.Map<String, long[]> profile = new java.util.LinkedHashMap<>();
                for (int i = 0; i < 5; i++) {
                    int run = i;
                    figures.timeSources(city).forEach((k, v) -> profile.computeIfAbsent(k, x -> new long[5])[run] = v);
                }
                profile.forEach((k, v) -> {
                    java.util.Arrays.sort(v);
                    System.out.printf("  source %s (city): median %d ms, max %d ms%n", k, v[2], v[4]);
                });
                // twelve month-end snapshots (as a year of use leaves them): the trend reads them on every dashboard
                java.time.YearMonth lastMonth = java.time.YearMonth.now().minusMonths(1);
                for (int i = 12; i >= 1; i--) {
                    java.time.YearMonth m = lastMonth.minusMonths(i - 1);
                    if (!figures.hasSnapshot(m)) System.out.println("snapshot of the city (every village, reconstructed): "
                            + figures.timeSnapshot(m));
                }
                String[][] steps = {{"city 四平市", "220300000000"}, {"county 梨树县", "220322000000"},
                        {"township 孤家子镇", "220322103000"}, {"village 团山子村", "220322103205"}};
                for (java.time.YearMonth month : new java.time.YearMonth[] {null, lastMonth}) {
                    for (String[] step : steps) {
                        AreaScope scope = new AreaScope(step[1]);
                        long first = figures.timeDashboard(scope, month);
                        for (int i = 0; i < 3; i++) figures.timeDashboard(scope, month);
                        long[] ms = new long[runs];
                        for (int i = 0; i < runs; i++) ms[i] = figures.timeDashboard(scope, month);
                        java.util.Arrays.sort(ms);
                        System.out.printf("dashboard %s%s: first %d ms, then p50 %d ms, p95 %d ms, max %d ms (n=%d); "
                                        + "load %s%n", step[0], month == null ? "" : " " + month + " (snapshot)", first,
                                ms[ms.length / 2], ms[Math.min(ms.length - 1, (int) Math.ceil(0.95 * ms.length) - 1)],
                                ms[ms.length - 1], runs, loadAverage());
                    }
                }
                for (String[] step : new String[][] {steps[0], steps[1]}) {
                    AreaScope scope = new AreaScope(step[1]);
                    long[] first = figures.timeReviewWorkbook(scope);
                    int n = Math.max(5, runs / 3);
                    long[] ms = new long[n];
                    for (int i = 0; i < n; i++) ms[i] = figures.timeReviewWorkbook(scope)[0];
                    java.util.Arrays.sort(ms);
                    System.out.printf("调度表 workbook %s (live): first %d ms (%,d bytes), then p50 %d ms, p95 %d ms, "
                                    + "max %d ms (n=%d); load %s%n", step[0], first[0], first[1], ms[n / 2],
                            ms[Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)], ms[n - 1], n, loadAverage());
                }
                System.out.println("snapshot of the city (every village, reconstructed): "
                        + figures.timeSnapshot(lastMonth.minusMonths(12)));
                System.out.println("load average " + loadAverage());
                return 0;
            }
        }

        static String loadAverage() {
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
            } catch (java.io.IOException e) {
                return "?";
            }
        }
    }

    @Command(name = "bench-import", mixinStandardHelpOptions = true,
            description = "Writes a synthetic national person list of N persons (CSV) and a 100,000-row workbook, then previews "
                    + "and applies each into a fresh database of its own; prints rows/s, wall time and peak heap.")
    static class BenchImportCommand implements Callable<Integer> {
        @Option(names = "--persons", defaultValue = "10000000") long persons;
        @Option(names = "--workbook-rows", defaultValue = "100000") int workbookRows;
        @Option(names = "--dir", description = "data directory of the benchmark (default data/bench-import-<persons>; removed first)")
        String dir;
        @Option(names = "--seed", defaultValue = "42") long seed;

        @Override
        public Integer call() throws Exception {
            String d = dir != null ? dir : "data/bench-import-" + persons;
            java.nio.file.Path root = java.nio.file.Path.of(d);
            if (java.nio.file.Files.exists(root)) {
                try (var walk = java.nio.file.Files.walk(root)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            try (ConfigurableApplicationContext ctx = context(
                    "shouwang.data-dir=" + d,
                    "shouwang.db.embedded-dir=" + d + "/pg",
                    "shouwang.personal-data.key-file=" + d + "/keys/personal-data.key",
                    "shouwang.db.embedded-keys-dir=" + d + "/keys",
                    "shouwang.personal-data.generate-key=true",
                    "logging.level.root=WARN", "logging.level.cn.shouwang=INFO")) {
                ctx.getBean(HouseholdToolsApi.class).importBenchmark(root.resolve("files"), persons, workbookRows, seed);
                return 0;
            }
        }
    }

    @Command(name = "open-sealed", mixinStandardHelpOptions = true,
            description = "Writes the plain content of a sealed file (a stored department upload, *.sealed) with the "
                    + "server's personal-data key: SHOUWANG_DATA_KEY, else the key file. No server or database needed.")
    static class OpenSealed implements Callable<Integer> {
        @Parameters(index = "0", description = "the sealed file") Path file;
        @Option(names = "--out", required = true,
                description = "where to write the plain content (a new file, 0600; it holds id numbers: delete it when done)")
        Path out;
        @Option(names = "--key-file", description = "the key file (default $SHOUWANG_DATA_DIR/keys/personal-data.key)")
        String keyFile;

        @Override
        public Integer call() throws Exception {
            String dataDir = System.getenv().getOrDefault("SHOUWANG_DATA_DIR", "data");
            PersonalDataApi crypto = PersonalDataApi.withServerKey(System.getenv("SHOUWANG_DATA_KEY"),
                    keyFile != null ? keyFile : dataDir + "/keys/personal-data.key");
            try (var in = crypto.opening(new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 16));
                 var o = PrivateFiles.newOutputStream(out)) {
                in.transferTo(o);
            } catch (java.io.IOException e) {
                java.nio.file.Files.deleteIfExists(out);
                System.err.println("无法打开 (cannot open) " + file + ": " + e.getMessage());
                return 1;
            }
            System.out.println("已写出 (written) " + out);
            return 0;
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Writes the whole database (one consistent snapshot: beside a running server with an external "
                    + "PostgreSQL; the embedded one needs the server stopped) and the data directory's files to one file, "
                    + "sealed with the personal-data key.")
    static class Backup implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "the backup file to write (e.g. shouwang-2026-12-07.backup)")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (java.nio.file.Files.exists(out)) {
                System.err.println("未备份：文件 " + out + " 已存在 (nothing written: " + out + " exists)");
                return 1;
            }
            try (ConfigurableApplicationContext ctx = context("logging.level.root=WARN", "logging.level.cn.shouwang=INFO")) {
                return backup(ctx, out);
            }
        }

        static int backup(org.springframework.context.ApplicationContext ctx, Path out) throws java.io.IOException {
            return backup(ctx, out, true);
        }

        static int backup(org.springframework.context.ApplicationContext ctx, Path out, boolean withFiles) throws java.io.IOException {
            PersonalDataApi pd = ctx.getBean(PersonalDataApi.class);
            Path dataDir = ctx.getBean(cn.shouwang.server.platform.DataDirectory.class).root();
            Path part = out.resolveSibling(out.getFileName() + ".part");
            cn.shouwang.server.platform.DatabaseBackup.Outcome o;
            try (java.io.OutputStream sink = new java.io.BufferedOutputStream(PrivateFiles.newOutputStream(part), 1 << 16)) {
                o = ctx.getBean(cn.shouwang.server.platform.DatabaseBackup.class).backup(sink, dataDir, pd::sealing, withFiles);
            } catch (RuntimeException | java.io.IOException e) {
                java.nio.file.Files.deleteIfExists(part);
                throw e;
            }
            // whole or not at all: a backup cut off by a crash never carries the final name
            java.nio.file.Files.move(part, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            System.out.println("已备份到 " + out + "：" + o.tables() + " 张表、" + o.rows() + " 行、" + o.files() + " 个文件 (backup written: "
                    + o.tables() + " tables, " + o.rows() + " rows, " + o.files() + " files). 恢复时需要同一个个人数据密钥 "
                    + "(restoring needs the same personal-data key)");
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Restores a backup into a new database (the embedded one: a data directory that does not exist "
                    + "yet) migrated by this release; refuses a backup of another release.")
    static class Restore implements Callable<Integer> {
        @Parameters(index = "0", description = "the backup file") Path file;
        @Option(names = "--replace", description = "overwrite a database that already exists (every table is replaced)")
        boolean replace;

        @Override
        public Integer call() throws Exception {
            if (!java.nio.file.Files.isRegularFile(file)) {
                System.err.println("未恢复：找不到文件 " + file + " (nothing restored: no such file)");
                return 1;
            }
            try (ConfigurableApplicationContext ctx = context("logging.level.root=WARN", "logging.level.cn.shouwang=INFO")) {
                return restore(ctx, file, replace);
            }
        }

        static int restore(org.springframework.context.ApplicationContext ctx, Path file, boolean replace) throws java.io.IOException {
            PersonalDataApi pd = ctx.getBean(PersonalDataApi.class);
            Path dataDir = ctx.getBean(cn.shouwang.server.platform.DataDirectory.class).root();
            cn.shouwang.server.platform.DatabaseBackup.Outcome o;
            try (java.io.InputStream in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file), 1 << 16)) {
                o = ctx.getBean(cn.shouwang.server.platform.DatabaseBackup.class).restore(in, dataDir, pd::opening, replace);
            } catch (cn.shouwang.server.platform.DatabaseBackup.Refused e) {
                System.err.println("未恢复 (nothing restored): " + e.getMessage());
                return 1;
            } catch (java.io.UncheckedIOException e) {
                System.err.println("未恢复 (nothing restored): " + e.getMessage());
                return 1;
            } catch (java.io.IOException e) {
                // a wrong key or a damaged file: the sealed stream's check fails before any row is written
                System.err.println("未恢复：备份文件无法用当前个人数据密钥打开或已损坏 (nothing restored: the backup does not open "
                        + "with this personal-data key, or it is damaged: " + e.getMessage() + ")");
                return 1;
            }
            System.out.println("已恢复：" + o.tables() + " 张表、" + o.rows() + " 行、" + o.files() + " 个文件 (restored: "
                    + o.tables() + " tables, " + o.rows() + " rows, " + o.files() + " files)");
            return 0;
        }
    }

    @Command(name = "upgrade-db", mixinStandardHelpOptions = true,
            description = "Moves the embedded database of an earlier release (PostgreSQL 14) to PostgreSQL 17: the old one "
                    + "started with its own binaries and backed up, restored into a new directory; the old directory is "
                    + "kept renamed. The server must be stopped.")
    static class UpgradeDb implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            return upgrade();
        }

        /** @param props extra properties of both contexts (tests: their own directories) */
        static int upgrade(String... props) throws Exception {
            java.util.List<String> base = new java.util.ArrayList<>(java.util.List.of("logging.level.root=WARN",
                    "logging.level.cn.shouwang=INFO"));
            base.addAll(java.util.List.of(props));
            java.util.List<String> old = new java.util.ArrayList<>(base);
            old.add("shouwang.db.embedded-major=" + cn.shouwang.server.platform.EmbeddedDatabase.OLD_MAJOR);
            Path pgDir;
            Path backup;
            try (ConfigurableApplicationContext ctx = context(old.toArray(String[]::new))) {
                var pg = ctx.getBeanProvider(cn.shouwang.server.platform.EmbeddedDatabase.class).getIfAvailable();
                if (pg == null) {
                    System.err.println("未升级：服务器使用外部 PostgreSQL，请用 pg_upgrade 或 pg_dump/pg_restore 升级 (nothing done: "
                            + "the server uses an external PostgreSQL; upgrade it with pg_upgrade or pg_dump/pg_restore)");
                    return 1;
                }
                pgDir = pg.settings().dataDir();
                Path kept = kept(pgDir);
                if (java.nio.file.Files.exists(kept)) {
                    System.err.println("未升级：" + kept + " 已存在，请先移走 (nothing done: " + kept + " exists; move it away first)");
                    return 1;
                }
                Path dataDir = ctx.getBean(cn.shouwang.server.platform.DataDirectory.class).root();
                backup = dataDir.resolve("upgrade-" + cn.shouwang.server.platform.EmbeddedDatabase.OLD_MAJOR + "-to-"
                        + cn.shouwang.server.platform.EmbeddedDatabase.MAJOR + ".backup");
                java.nio.file.Files.deleteIfExists(backup); // of an attempt that stopped before the restore
                if (Backup.backup(ctx, backup, false) != 0) return 1;
            } catch (RuntimeException e) {
                var other = cause(e, cn.shouwang.server.platform.EmbeddedDatabase.OtherMajorVersionException.class);
                if (other != null && other.found == cn.shouwang.server.platform.EmbeddedDatabase.MAJOR) {
                    System.out.println("无需升级：内嵌数据库已是 PostgreSQL " + other.found + " (nothing to do: the embedded "
                            + "database is PostgreSQL " + other.found + " already)");
                    return 0;
                }
                if (other != null) {
                    System.err.println("未升级 (nothing done): " + other.getMessage());
                    return 1;
                }
                throw e;
            }
            Path kept = kept(pgDir);
            java.nio.file.Files.move(pgDir, kept);
            try (ConfigurableApplicationContext ctx = context(base.toArray(String[]::new))) {
                if (Restore.restore(ctx, backup, false) != 0) throw new IllegalStateException("the restore was refused");
            } catch (RuntimeException e) {
                System.err.println("升级失败，旧数据目录保留在 " + kept + "；要回到旧版本：删除 " + pgDir + " 后把 " + kept + " 改回 "
                        + pgDir.getFileName() + " (upgrade failed; the old data directory is kept as " + kept + ": to go "
                        + "back, delete " + pgDir + ", rename " + kept + " to " + pgDir.getFileName()
                        + " and start the previous release): " + e.getMessage());
                return 1;
            }
            java.nio.file.Files.deleteIfExists(backup);
            System.out.println("已升级到 PostgreSQL " + cn.shouwang.server.platform.EmbeddedDatabase.MAJOR + "；旧数据目录保留在 "
                    + kept + "，确认无误后可删除 (upgraded to PostgreSQL " + cn.shouwang.server.platform.EmbeddedDatabase.MAJOR
                    + "; the old data directory is kept as " + kept + ": delete it once the server runs well)");
            return 0;
        }

        static Path kept(Path pgDir) {
            return pgDir.resolveSibling(pgDir.getFileName() + "-" + cn.shouwang.server.platform.EmbeddedDatabase.OLD_MAJOR + ".old");
        }

        private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
            for (Throwable c = t; c != null; c = c.getCause()) if (type.isInstance(c)) return type.cast(c);
            return null;
        }
    }

    @Command(name = "rotate-key", mixinStandardHelpOptions = true,
            description = "Re-seals every sealed value and file under a new personal-data key, in batches; run again to "
                    + "go on after an interruption. The server must be stopped.")
    static class RotateKey implements Callable<Integer> {
        @Option(names = "--new-key-file", required = true,
                description = "file holding the new key (base64 of 32 random bytes: head -c 32 /dev/urandom | base64)")
        Path newKeyFile;
        @Option(names = "--batch", defaultValue = "1000", description = "rows per transaction (default 1000)") int batch;

        @Override
        public Integer call() throws Exception {
            byte[] newKey;
            try {
                newKey = cn.shouwang.server.personaldata.KeyRotationApi.decodeKey(
                        java.nio.file.Files.readString(newKeyFile, java.nio.charset.StandardCharsets.US_ASCII));
            } catch (java.io.IOException | IllegalStateException e) {
                System.err.println("未轮换：无法读取新密钥文件 " + newKeyFile + " (nothing done: cannot read the new key: "
                        + e.getMessage() + ")");
                return 1;
            }
            try (ConfigurableApplicationContext ctx = context("shouwang.personal-data.rotating=true",
                    "logging.level.root=WARN", "logging.level.cn.shouwang=INFO")) {
                Path dataDir = ctx.getBean(cn.shouwang.server.platform.DataDirectory.class).root();
                cn.shouwang.server.personaldata.KeyRotationApi.Outcome o;
                try {
                    o = ctx.getBean(cn.shouwang.server.personaldata.KeyRotationApi.class).rotate(newKey, dataDir, batch, -1);
                } catch (IllegalStateException e) {
                    System.err.println("未轮换 (nothing done): " + e.getMessage());
                    return 1;
                }
                System.out.println("密钥轮换完成：重新加密 " + o.rows() + " 行、" + o.files() + " 个文件。请把 SHOUWANG_DATA_KEY"
                        + "（或密钥文件）换成新密钥后再启动服务器，并把新密钥与备份一同妥善保存 (key rotated: " + o.rows()
                        + " rows, " + o.files() + " files re-sealed; start the server with the new key from now on)");
                return 0;
            }
        }
    }
}
