package cn.shouwang.screening.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The upload that stopped the server: a 39 MB .xlsx whose shared strings expand to 2.85 GB (150 million short
 * strings, 1.36 % compression). Read in a JVM of its own with a 128 MB heap, it must be refused quickly with a
 * message naming the limit and the part, and never run the heap out.
 */
class XlsxBombTest {

    @Test
    void theSharedStringsBombOfTheIncidentIsRefusedQuicklyInA128MbHeap() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "xlsx-bomb"));
        Path file = dir.resolve("medical_claims.xlsx");
        try {
            long t0 = System.nanoTime();
            XlsxBombs.sharedStrings(file, 150_000_000L);
            long written = (System.nanoTime() - t0) / 1_000_000;
            try (ZipFile z = new ZipFile(file.toFile())) {
                var e = z.getEntry("xl/sharedStrings.xml");
                assertThat(e.getSize()).isGreaterThan(2_850_000_000L);
                double ratio = (double) e.getCompressedSize() / e.getSize();
                assertThat(ratio).as("compression just above POI's 1 %").isBetween(0.0101, 0.02);
                System.out.printf("bomb: %,d bytes on disk, sharedStrings %,d bytes expanded, ratio %.2f %%, written in %,d ms%n",
                        Files.size(file), e.getSize(), ratio * 100, written);
            }
            Probe p = probe(file, "128m");
            System.out.println("probe: " + p.out());
            assertThat(p.exit()).as("exit code (3 = OutOfMemoryError)\n" + p.out()).isZero();
            assertThat(p.out()).contains("refused cn.shouwang.screening.feed.XlsxLimitException", "medical_claims.xlsx",
                    "xl/sharedStrings.xml");
            assertThat(p.millis()).as("refused within").isLessThan(60_000);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    record Probe(int exit, String out, long millis) {}

    /** Runs {@link XlsxReadProbe} on the file in a new JVM with the given heap. */
    static Probe probe(Path file, String heap) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), XlsxReadProbe.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the reader did not finish within 180 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        long millis = -1;
        for (String line : List.of(out.split("\n"))) {
            if (line.startsWith("millis ")) millis = Long.parseLong(line.substring(7).strip());
        }
        return new Probe(p.exitValue(), out, millis);
    }
}
