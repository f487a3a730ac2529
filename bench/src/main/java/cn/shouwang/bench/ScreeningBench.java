package cn.shouwang.bench;

import cn.shouwang.screening.generate.Generator;
import cn.shouwang.screening.rules.Period;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Speed of the comparison on generated data, measured as a user meets it: whole process against whole process.
 * Each run (best of {@code --runs}, the three interleaved so that they share the machine's load) times
 * <ol>
 *   <li>the floor: reading the same files' bytes and finding their line ends, no parsing, with one thread and with
 *       two (in this process);</li>
 *   <li>the engine: {@code ./shouwang screen} in a fresh process (JVM start included), wall and CPU time and peak
 *       resident memory from {@code /usr/bin/time}, peak heap from the engine itself;</li>
 *   <li>DuckDB: the same rules as SQL (screening.sql) run by a fresh JVM holding only DuckDB ({@link DuckRun}),
 *       measured the same way.</li>
 * </ol>
 * Then it checks that both gave the same warnings (every column but the free-worded detail). Run it through
 * {@code ./shouwang bench}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Screening bench: floor, ./shouwang screen and DuckDB as fresh processes on generated data")
public final class ScreeningBench implements Callable<Integer> {
    @Option(names = "--persons", defaultValue = "1000000", description = "about this many persons (households = persons / 3.06)")
    long persons;

    @Option(names = "--data", description = "data directory (generated there when it holds no registry); default target/bench-data-<persons>")
    Path data;

    @Option(names = "--period", defaultValue = "2024-06") String period;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--threads", description = "engine and DuckDB threads (default: cores)") Integer threads;
    @Option(names = "--runs", defaultValue = "1", description = "runs of each (the best is reported)") int runs;
    @Option(names = "--no-duckdb", description = "only the floor and the engine") boolean noDuckdb;
    @Option(names = "--dirty", description = "generate dirty data (GB18030, Chinese headers...): floor and engine only") boolean dirty;
    @Option(names = "--out", description = "where the engine's and DuckDB's outputs go; default beside the data") Path outBase;
    @Option(names = "--duckdb-memory", defaultValue = "4GB", description = "DuckDB's memory_limit") String duckMemory;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScreeningBench()).execute(args));
    }

    /** One measured process. */
    record Proc(double wall, double cpu, long rssKb, long heapMb, int exit) {
        String render() {
            return String.format(Locale.ROOT, "%.2f s wall, %.1f s cpu, peak RSS %,d MB%s", wall, cpu, rssKb >> 10,
                    heapMb >= 0 ? ", peak heap used " + heapMb + " MB" : "");
        }
    }

    @Override public Integer call() throws Exception {
        Period p = Period.parse(period);
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (data == null) data = Path.of("target", "bench-data-" + persons + (dirty ? "-dirty" : ""));
        long households = cn.shouwang.core.population.PopulationGenerator.householdsForPersons(persons);
        if (!Files.exists(data.resolve("registry/members.csv"))) {
            System.err.printf("generating %,d households into %s …%n", households, data);
            Generator.Result g = new Generator(seed, p, dirty, System.err::println).write(households, data);
            System.err.print(g.render());
        }
        List<Path> files = new ArrayList<>();
        try (var s = Files.walk(data)) {
            s.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().forEach(files::add);
        }
        long bytes = 0;
        for (Path f : files) bytes += Files.size(f);
        if (outBase == null) outBase = data.toAbsolutePath().resolveSibling(data.getFileName() + "-out");
        Path engineOut = outBase.resolve("engine"), duckOut = outBase.resolve("duckdb");
        Files.createDirectories(engineOut);
        Files.createDirectories(duckOut);
        Path sqlFile = outBase.resolve("screening.sql");
        Files.writeString(sqlFile, sql(p, data, duckOut.resolve("warnings.csv"), n, duckMemory));
        Path self = Path.of(ScreeningBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        System.out.printf(Locale.ROOT, "data: %s (%d files, %.0f MB), machine: %d cores, java %s, load %s%n", data, files.size(),
                bytes / 1e6, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load());

        double[] floor1 = null, floor2 = null;
        Proc engine = null, duck = null;
        for (int r = 1; r <= runs; r++) {
            String loadBefore = load();
            double[] f1 = Floor.measure(files, 1), f2 = Floor.measure(files, 2);
            System.out.printf(Locale.ROOT, "run %d floor: %.2f s wall (1 thread), %.2f s wall (2 threads), %,d lines, %.0f MB%n",
                    r, f1[0], f2[0], (long) f1[1], bytes / 1e6);
            if (floor1 == null || f1[0] < floor1[0]) floor1 = f1;
            if (floor2 == null || f2[0] < floor2[0]) floor2 = f2;

            List<String> cmd = new ArrayList<>(List.of("./shouwang", "screen", "--registry", data.resolve("registry").toString(),
                    "--feeds", data.resolve("feeds").toString(), "--period", p.toString(), "--out", engineOut.toString(),
                    "--threads", Integer.toString(n), "--quiet"));
            Proc e = timed(cmd, Map.of("JDK_JAVA_OPTIONS",
                    ("-Dshouwang.report-heap=true " + System.getenv().getOrDefault("BENCH_ENGINE_JAVA_OPTIONS", "")).strip()), outBase.resolve("engine.log"));
            System.out.println("run " + r + " engine (./shouwang screen): " + e.render() + (e.exit != 0 ? ", EXIT " + e.exit : ""));
            if (e.exit != 0) return 1;
            if (engine == null || e.wall < engine.wall) engine = e;

            if (!noDuckdb && !dirty) {
                List<String> dcmd = List.of("java", "-Xmx256m", "-cp", self.toString(), DuckRun.class.getName(), sqlFile.toString());
                Proc d = timed(dcmd, Map.of(), outBase.resolve("duckdb.log"));
                System.out.println("run " + r + " duckdb (fresh JVM, DuckDB " + n + " threads): " + d.render()
                        + (d.exit != 0 ? ", EXIT " + d.exit : ""));
                if (d.exit != 0) return 1;
                if (duck == null || d.wall < duck.wall) duck = d;
                System.out.printf(Locale.ROOT, "run %d engine/duckdb: %.2f wall, %.2f cpu (load before %s, after %s)%n", r,
                        e.wall / d.wall, e.cpu / d.cpu, loadBefore, load());
            }
        }
        System.out.print(Files.readString(engineOut.resolve("summary.txt"), StandardCharsets.UTF_8));
        System.out.printf(Locale.ROOT, "BEST of %d: floor %.2f s (1 thread) %.2f s (2 threads); engine %s%n", runs, floor1[0], floor2[0],
                engine.render());
        if (duck == null) return 0;
        System.out.printf(Locale.ROOT, "BEST of %d: duckdb %s%n", runs, duck.render());

        // ---- same warnings?
        List<String> a = sevenColumns(engineOut.resolve("warnings.csv"));
        List<String> b = sevenColumns(duckOut.resolve("warnings.csv"));
        boolean same = a.equals(b);
        System.out.printf(Locale.ROOT, "same warnings (period..line, in order): %s (engine %,d, duckdb %,d)%n", same ? "YES" : "NO",
                a.size() - 1, b.size() - 1);
        if (!same) {
            int shown = 0;
            for (int i = 0; i < Math.max(a.size(), b.size()) && shown < 10; i++) {
                String x = i < a.size() ? a.get(i) : "", y = i < b.size() ? b.get(i) : "";
                if (!x.equals(y)) {
                    System.out.println("  line " + (i + 1) + ": engine " + x + "\n  line " + (i + 1) + ": duckdb " + y);
                    shown++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "SUMMARY persons=%d floor1=%.2fs floor2=%.2fs engine=%.2fs(cpu %.1fs, rss %dMB, heap %dMB) "
                        + "duckdb=%.2fs(cpu %.1fs, rss %dMB) engine/duckdb wall=%.2f cpu=%.2f same=%s load=%s%n",
                persons, floor1[0], floor2[0], engine.wall, engine.cpu, engine.rssKb >> 10, engine.heapMb,
                duck.wall, duck.cpu, duck.rssKb >> 10, engine.wall / duck.wall, engine.cpu / duck.cpu, same, load());
        return same ? 0 : 3;
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Runs {@code cmd} under {@code /usr/bin/time}: wall, user + system CPU, peak RSS; its output to {@code log}. */
    static Proc timed(List<String> cmd, Map<String, String> env, Path log) throws IOException, InterruptedException {
        Path times = Files.createTempFile("bench-time", ".txt");
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-o", times.toString(), "-f", "%e %U %S %M"));
        full.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        int exit = pb.start().waitFor();
        String[] t = Files.readString(times).strip().lines().reduce((x, y) -> y).orElse("0 0 0 0").split(" ");
        Files.deleteIfExists(times);
        long heap = -1;
        for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (l.startsWith("peak heap used ")) heap = Long.parseLong(l.split(" ")[3]);
        }
        return new Proc(Double.parseDouble(t[0]), Double.parseDouble(t[1]) + Double.parseDouble(t[2]), Long.parseLong(t[3]), heap, exit);
    }

    /** CPU time of this whole process (all threads, DuckDB's native ones too). */
    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
        return -1;
    }

    static String sql(Period p, Path data, Path out, int threads, String memory) throws IOException {
        String sql;
        try (InputStream in = ScreeningBench.class.getResourceAsStream("screening.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        YearMonth ym = YearMonth.of(p.year(), p.month());
        return sql.replace("${registry}", data.resolve("registry").toAbsolutePath().toString())
                .replace("${feeds}", data.resolve("feeds").toAbsolutePath().toString())
                .replace("${out}", out.toAbsolutePath().toString())
                .replace("${period}", p.toString())
                .replace("${year_start}", ym.getYear() + "-01-01")
                .replace("${year}", Integer.toString(ym.getYear()))
                .replace("${start}", ym.atDay(1).toString())
                .replace("${end}", ym.atEndOfMonth().toString())
                .replace("${prev_month}", ym.minusMonths(1).toString())
                .replace("${month}", ym.toString())
                .replace("${threads}", Integer.toString(threads))
                .replace("${memory}", memory);
    }

    static List<String> sevenColumns(Path csv) throws IOException {
        List<String> out = new ArrayList<>();
        try (var lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            lines.forEach(l -> {
                int cut = -1;
                for (int k = 0, i = 0; i < l.length(); i++) {
                    if (l.charAt(i) == ',' && ++k == 7) {
                        cut = i;
                        break;
                    }
                }
                out.add(cut < 0 ? l : l.substring(0, cut));
            });
        }
        return out;
    }
}
