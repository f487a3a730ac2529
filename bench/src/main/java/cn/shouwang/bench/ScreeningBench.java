package cn.shouwang.bench;

import cn.shouwang.screening.generate.Generator;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.RulesConfig;
import cn.shouwang.screening.run.Screening;
import cn.shouwang.screening.run.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Speed of the comparison on generated data: the Java engine (wall time, rows/s, peak heap) and DuckDB running
 * the same rules as SQL (screening.sql) over the same files, with a check that both give the same warnings
 * (every column but the free-worded detail). Run it through {@code ./shouwang bench}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Screening bench: Java engine vs DuckDB on generated data (clean files, as DuckDB reads them)")
public final class ScreeningBench implements Callable<Integer> {
    @Option(names = "--persons", defaultValue = "1000000", description = "about this many persons (households = persons / 3.06)")
    long persons;

    @Option(names = "--data", description = "data directory (generated there when it holds no registry); default target/bench-data-<persons>")
    Path data;

    @Option(names = "--period", defaultValue = "2024-06") String period;
    @Option(names = "--seed", defaultValue = "1") long seed;
    @Option(names = "--threads", description = "engine threads (default: cores)") Integer threads;
    @Option(names = "--runs", defaultValue = "1", description = "Java engine runs (the best is reported; the first includes JIT warm-up)") int runs;
    @Option(names = "--no-duckdb", description = "only the Java engine") boolean noDuckdb;
    @Option(names = "--dirty", description = "generate dirty data (GB18030, Chinese headers...): Java engine only") boolean dirty;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScreeningBench()).execute(args));
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
        long bytes = 0;
        try (var s = Files.walk(data)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) bytes += Files.size(f);
        }
        System.out.printf(Locale.ROOT, "data: %s (%.0f MB), machine: %d cores, max heap %d MB, java %s%n", data,
                bytes / 1e6, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));

        // ---- Java engine
        Path javaOut = data.resolveSibling(data.getFileName() + "-out-java");
        Summary best = null;
        long bestPeak = 0, bestCpu = 0;
        for (int r = 0; r < runs; r++) {
            System.gc();
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
            HeapSampler sampler = new HeapSampler();
            sampler.start();
            long cpu0 = processCpuNanos();
            Summary s = Screening.run(new Screening.Options(data.resolve("registry"), data.resolve("feeds"), p,
                    RulesConfig.defaults(), javaOut, n, System.err::println));
            sampler.stop();
            long cpu = processCpuNanos() - cpu0;
            long poolPeaks = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) poolPeaks += pool.getPeakUsage().getUsed();
            }
            System.out.printf(Locale.ROOT, "java run %d: %.2f s wall, %.1f s cpu (process, incl. JIT and GC), %,d rows read, %,.0f rows/s, %,d warnings, peak heap used %d MB (sampled; pool peaks sum %d MB)%n",
                    r + 1, s.millis() / 1000.0, cpu / 1e9, s.rowsRead(), s.rowsRead() * 1000.0 / Math.max(1, s.millis()), s.warnings(),
                    sampler.peak.get() >> 20, poolPeaks >> 20);
            if (best == null || s.millis() < best.millis()) {
                best = s;
                bestPeak = sampler.peak.get();
                bestCpu = cpu;
            }
        }
        System.out.print(best.render());

        if (noDuckdb || dirty) return 0;

        // ---- DuckDB, same rules as SQL
        Path duckOut = data.resolveSibling(data.getFileName() + "-out-duckdb");
        Files.createDirectories(duckOut);
        Path duckWarnings = duckOut.resolve("warnings.csv");
        String sql = sql(p, data, duckWarnings);
        long t0 = System.nanoTime();
        long duckCpu0 = processCpuNanos();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("SET threads = " + n);
            st.execute("SET memory_limit = '4GB'");
            st.execute("SET preserve_insertion_order = true");
            for (String stmt : sql.split(";\\s*\\n")) {
                String t = stmt.strip();
                if (t.isEmpty() || t.lines().allMatch(l -> l.strip().startsWith("--") || l.isBlank())) continue;
                st.execute(t);
            }
        }
        long duckMillis = (System.nanoTime() - t0) / 1_000_000;
        long duckCpu = processCpuNanos() - duckCpu0;
        System.out.printf(Locale.ROOT, "duckdb: %.2f s wall, %.1f s cpu (%d threads, memory_limit 4GB), %,.0f rows/s%n", duckMillis / 1000.0,
                duckCpu / 1e9, n, best.rowsRead() * 1000.0 / Math.max(1, duckMillis));

        // ---- same warnings?
        List<String> a = sevenColumns(javaOut.resolve("warnings.csv"));
        List<String> b = sevenColumns(duckWarnings);
        boolean same = a.equals(b);
        System.out.printf(Locale.ROOT, "same warnings (period..line, in order): %s (java %,d, duckdb %,d)%n", same ? "YES" : "NO",
                a.size() - 1, b.size() - 1);
        if (!same) {
            int shown = 0;
            for (int i = 0; i < Math.max(a.size(), b.size()) && shown < 10; i++) {
                String x = i < a.size() ? a.get(i) : "", y = i < b.size() ? b.get(i) : "";
                if (!x.equals(y)) {
                    System.out.println("  line " + (i + 1) + ": java   " + x + "\n  line " + (i + 1) + ": duckdb " + y);
                    shown++;
                }
            }
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "SUMMARY persons=%d households=%d rows=%d java=%.2fs(cpu %.1fs) duckdb=%.2fs(cpu %.1fs) speedup wall=%.2fx cpu=%.2fx peakHeapMB=%d same=%s loadavg=%.1f%n",
                best.persons(), best.households(), best.rowsRead(), best.millis() / 1000.0, bestCpu / 1e9, duckMillis / 1000.0,
                duckCpu / 1e9, duckMillis / (double) Math.max(1, best.millis()), duckCpu / (double) Math.max(1, bestCpu),
                bestPeak >> 20, same, load);
        return same ? 0 : 3;
    }

    /** CPU time of this whole process (all threads, DuckDB's native ones too). */
    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
        return -1;
    }

    static String sql(Period p, Path data, Path out) throws IOException {
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
                .replace("${month}", ym.toString());
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

    /** Samples used heap every 10 ms: the peak of what the run really held (GC included). */
    static final class HeapSampler {
        final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private Thread t;

        void start() {
            t = new Thread(() -> {
                while (running) {
                    long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                    peak.accumulateAndGet(used, Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            t.setDaemon(true);
            t.start();
        }

        void stop() throws InterruptedException {
            running = false;
            t.join();
        }
    }
}
