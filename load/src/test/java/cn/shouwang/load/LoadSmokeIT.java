package cn.shouwang.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CI smoke of the load simulation: the built server jar on a small demo (its own embedded PostgreSQL in a
 * temporary directory), 20 concurrent users for 20 seconds, every request answered without an error. The full run
 * (200 users on a million persons) is {@code ./shouwang load}; its figures are in docs/operations.md.
 */
class LoadSmokeIT {

    static Process server;
    static Path dataDir;
    static Path log;
    static int port;

    @BeforeAll
    static void startDemo() throws Exception {
        Path jar = Path.of(System.getProperty("shouwang.server.jar", "../server/target/missing.jar"));
        assertThat(jar).as("the server jar, built by the server module before this one").isRegularFile();
        Path root = Path.of(System.getProperty("shouwang.root", "..")).toAbsolutePath().normalize();
        dataDir = Files.createTempDirectory("shouwang-load-smoke");
        log = dataDir.resolve("server.log");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+ExitOnOutOfMemoryError", "-Xmx1g", "-jar", jar.toAbsolutePath().toString(),
                "--spring.profiles.active=demo"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SHOUWANG_DATA_DIR", dataDir.resolve("data").toString());
        env.put("SHOUWANG_PORT", Integer.toString(port));
        env.put("SHOUWANG_DEMO_PERSONS", "5000");
        server = pb.start();
        Instant until = Instant.now().plus(Duration.ofMinutes(6));
        while (Instant.now().isBefore(until)) {
            String out = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (out.contains("Shouwang demo is running")) {
                return;
            }
            assertThat(server.isAlive()).as("the demo server stopped before it was ready:%n%s", tail(out)).isTrue();
            Thread.sleep(500);
        }
        throw new AssertionError("the demo server was not ready within 6 minutes:\n" + tail(Files.readString(log)));
    }

    @AfterAll
    static void stopDemo() throws Exception {
        if (server == null) {
            return;
        }
        List<ProcessHandle> children = server.descendants().toList();
        server.destroy(); // SIGTERM: the server stops its embedded PostgreSQL on the way out
        if (!server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        deleteQuietly(dataDir);
    }

    @Test
    void twentyUsersForTwentySecondsGetNoError() throws Exception {
        Path upload = Files.list(dataDir.resolve("data/demo-files")).findFirst().orElseThrow()
                .resolve("accidents.csv");
        System.setProperty("shouwang.baseUrl", "http://localhost:" + port);
        System.setProperty("users", "20");
        System.setProperty("ramp", "5");
        System.setProperty("duration", "20");
        System.setProperty("think", "1500");
        System.setProperty("rounds", "1");
        System.setProperty("shouwang.uploadFile", upload.toString());
        int status = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", ShouwangSimulation.class.getName(),
                "--results-folder", System.getProperty("gatling.results", "target/gatling")});
        assertThat(status).as("Gatling's result (0: every request answered, no assertion failed); server log:%n%s",
                tail(Files.readString(log))).isZero();
    }

    static String tail(String s) {
        return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
    }

    static void deleteQuietly(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
