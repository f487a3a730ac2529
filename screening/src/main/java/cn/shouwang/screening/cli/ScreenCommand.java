package cn.shouwang.screening.cli;

import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.RulesConfig;
import cn.shouwang.screening.rules.RulesFile;
import cn.shouwang.screening.run.Screening;
import cn.shouwang.screening.run.ScreeningEngine;
import cn.shouwang.screening.run.Summary;
import cn.shouwang.screening.run.UnusableInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "screen", mixinStandardHelpOptions = true,
        description = {"比对登记数据与部门数据,输出预警 (compare the registry with department files; write warnings.csv, rejects.csv, summary.txt)"})
final class ScreenCommand implements Callable<Integer> {
    @Option(names = "--registry", required = true, paramLabel = "DIR", description = "households, members, incomes, monitored (.csv/.xlsx)")
    Path registry;

    @Option(names = "--feeds", required = true, paramLabel = "DIR", description = "department files (.csv/.xlsx), any of the 14 kinds")
    Path feeds;

    @Option(names = "--period", required = true, paramLabel = "YYYY-MM", description = "the month compared")
    String period;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where warnings.csv, rejects.csv and summary.txt go")
    Path out;

    @Option(names = "--rules", paramLabel = "FILE", description = "rules file (YAML/JSON); default: feeds.md")
    Path rules;

    @Option(names = "--engine", paramLabel = "plain|spark", defaultValue = "plain", description = "plain (this machine, default) or spark")
    String engine;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: the machine's cores)")
    Integer threads;

    @Option(names = "--quiet", description = "no progress lines on stderr")
    boolean quiet;

    @Override public Integer call() {
        Period p;
        try {
            p = Period.parse(period);
        } catch (IllegalArgumentException e) {
            System.err.println("比对期格式应为 YYYY-MM (period must be YYYY-MM): " + period);
            return 2;
        }
        RulesConfig config = RulesConfig.defaults();
        if (rules != null) {
            if (!Files.isRegularFile(rules)) {
                System.err.println("规则文件不存在 (rules file not found): " + rules);
                return 2;
            }
            try {
                config = RulesFile.load(rules);
            } catch (RulesFile.RulesFileException e) {
                System.err.println("规则文件有误 (bad rules file): " + e.getMessage());
                return 2;
            }
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        Screening.Options options = new Screening.Options(registry, feeds, p, config, out, n,
                quiet ? null : System.err::println);
        // the bench asks the engine's own process for its peak heap (-Dshouwang.report-heap=true): sampled every
        // 10 ms, printed on stderr at the end
        HeapPeak heapPeak = Boolean.getBoolean("shouwang.report-heap") ? HeapPeak.start() : null;
        try {
            Summary s;
            if ("plain".equals(engine)) {
                s = Screening.run(options);
            } else {
                ScreeningEngine other = null;
                for (ScreeningEngine e : ServiceLoader.load(ScreeningEngine.class)) {
                    if (e.name().equals(engine)) other = e;
                }
                if (other == null) {
                    System.err.println("比对引擎 " + engine + " 未构建 (engine '" + engine + "' not built: plain is available)");
                    return 2;
                }
                s = other.run(options);
            }
            System.out.print(s.render());
            System.out.println("输出 output: " + out.resolve("warnings.csv") + ", " + out.resolve("rejects.csv"));
            if (heapPeak != null) heapPeak.report();
            return 0;
        } catch (UnusableInputException e) {
            System.err.println(e.oneLine());
            return 2;
        } catch (IOException e) {
            System.err.println("读写失败 (I/O error): " + e.getMessage());
            return 1;
        } catch (OutOfMemoryError e) {
            System.err.println("内存不足,请加大 -Xmx (out of memory: raise -Xmx, e.g. JAVA_OPTS=-Xmx4g)");
            return 1;
        }
    }

    /** Used heap sampled every 10 ms (garbage not yet collected included): what the run really held at its peak. */
    static final class HeapPeak {
        private volatile long peak;
        private volatile boolean running = true;

        static HeapPeak start() {
            HeapPeak h = new HeapPeak();
            Thread t = new Thread(() -> {
                Runtime rt = Runtime.getRuntime();
                while (h.running) {
                    long used = rt.totalMemory() - rt.freeMemory();
                    if (used > h.peak) h.peak = used;
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-peak");
            t.setDaemon(true);
            t.start();
            return h;
        }

        void report() {
            running = false;
            System.err.printf("peak heap used %d MB (max heap %d MB)%n", peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }
}
