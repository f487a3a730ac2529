package cn.shouwang.screening.feed;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads one file with {@link FeedFiles#readAll} in a JVM of its own (started by {@link XlsxBombTest} with a small
 * heap) and prints what happened: {@code read N rows} or {@code refused CLASS: MESSAGE}, then the time and the
 * maximum heap. An OutOfMemoryError ends the JVM (-XX:+ExitOnOutOfMemoryError, exit code 3).
 */
public final class XlsxReadProbe {
    private XlsxReadProbe() {}

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        long[] rows = {0};
        String outcome;
        try {
            FeedFiles.readAll(Path.of(args[0]), new FeedFiles.RecordHandler() {
                @Override public void header(List<String> cells, int line) { }
                @Override public void record(RawRecord r, int line) { rows[0]++; }
            });
            outcome = "read " + rows[0] + " rows";
        } catch (Exception e) {
            outcome = "refused " + e.getClass().getName() + ": " + e.getMessage();
        }
        System.out.println(outcome);
        System.out.printf("millis %d%n", (System.nanoTime() - t0) / 1_000_000);
        System.out.printf("max heap MB %d%n", Runtime.getRuntime().maxMemory() >> 20);
    }
}
