package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The launcher {@code ./shouwang} starts every JVM so that running out of heap ends the process: a server whose
 * request threads die of OutOfMemoryError otherwise stays alive answering nothing, and no supervisor restarts it.
 */
class LauncherTest {
    static final Path LAUNCHER = Path.of("..", "shouwang");

    @Test
    void everyJvmTheLauncherStartsEndsWhenItsHeapRunsOut() throws Exception {
        String script = Files.readString(LAUNCHER, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^JAVA_ALWAYS=\"([^\"]*)\"").matcher(script);
        assertThat(m.find()).as("JAVA_ALWAYS in ./shouwang").isTrue();
        String always = m.group(1);
        assertThat(always).contains("-XX:+ExitOnOutOfMemoryError");
        List<String> starts = new ArrayList<>();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("#")) continue;
            if (line.matches(".*\\bjava\\s.*") && !line.contains("build_if_needed")) starts.add(line.strip());
        }
        // demo, serve, screen (plain and Spark), generate, bench, import-areas, bench-registry
        assertThat(starts).hasSizeGreaterThanOrEqualTo(7).allSatisfy(l -> assertThat(l).contains("java $JAVA_ALWAYS "));

        // and the option does what it is there for: a heap exhausted in a worker thread ends the JVM with code 3
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(List.of(always.split("\\s+")));
        cmd.addAll(List.of("-Xmx32m", "-cp", System.getProperty("java.class.path"), HeapEater.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
        assertThat(p.exitValue()).isEqualTo(3);
    }

    /** Fills the heap in a worker thread while the main thread waits, as a server's request thread would. */
    public static final class HeapEater {
        public static void main(String[] args) throws Exception {
            Thread t = new Thread(() -> {
                List<long[]> hold = new ArrayList<>();
                while (true) hold.add(new long[1 << 16]);
            });
            t.start();
            t.join();
            Thread.sleep(Long.MAX_VALUE); // without the option: the worker died, the JVM lives on
        }
    }
}
