package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Kill tests (issue 15 point 3): the server runs as a separate process (the test classpath's main classes, the demo
 * profile with a small registry, embedded PostgreSQL durable, on a temporary data directory), and is killed with
 * SIGKILL at seeded random points during a registry import's apply, a department upload and a comparison run, then
 * started again on the same directory. Checked after each restart: nothing half-written (the import's households all
 * there or none, the import not left APPLYING; the upload either stored with its row count and its file, or absent;
 * the run not left RUNNING), and the user's rerun gives the same counts as a clean run. The number of kill points per
 * operation is {@code -Dshouwang.kill.points} (1 in the normal test run), their seed {@code -Dshouwang.kill.seed}:
 * {@code ./mvnw -B -o test -pl server -am -Dtest=KillTest -Dshouwang.kill.points=5} (docs/operations.md).
 */
@Tag("kill")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillTest {
    static final int POINTS = Integer.getInteger("shouwang.kill.points", 1);
    static final long SEED = Long.getLong("shouwang.kill.seed", 15L);
    static final String VILLAGE = "220322103205";   // 团山子村, the demo's first village
    static final String COUNTY = "220322000000";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+(?:value|content)=\"([^\"]+)\"");

    Path dataDir;
    int port;
    int dbPort;
    Process server;
    HttpClient http;
    final Random random = new Random(SEED);
    final List<String> log = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("shouwang-kill");
        // ports: -Dshouwang.kill.port / -Dshouwang.kill.db-port, else free ones
        port = Integer.getInteger("shouwang.kill.port", 0);
        if (port == 0) port = freePort();
        dbPort = Integer.getInteger("shouwang.kill.db-port", 0);
        if (dbPort == 0) dbPort = freePort();
        startServer();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();  // SIGTERM: the server stops its PostgreSQL
            if (!server.waitFor(120, TimeUnit.SECONDS)) server.destroyForcibly();
        }
        System.out.println("KillTest: " + String.join("; ", log));
    }

    // --- the three operations

    @Test
    void aRegistryImportKilledDuringItsApplyIsAllOrNothingAndAppliesOnRerun() throws Exception {
        long clean = importPersons("9", true);
        assertThat(clean).as("households of a clean import").isEqualTo(HOUSEHOLDS);
        long cleanMillis = lastApplyMillis;
        for (int k = 0; k < POINTS; k++) {
            String prefix = String.valueOf(8 - k);
            long id = uploadAndPreview(persons(prefix));
            login("county");
            post("/households/imports/" + id + "/apply", Map.of());
            long delay = random.nextLong(Math.max(50, cleanMillis + 500));
            Thread.sleep(delay);
            kill();
            String state = db("select state from household.registry_import where id = " + id);
            long during = households(prefix);
            log.add("import killed after " + delay + " ms: " + state + ", " + during + " households");
            startServer();
            state = awaitState(id, "APPLIED", "FAILED", "PREVIEWED");
            long after = households(prefix);
            assertThat(after).as("all or nothing after a kill at %d ms (%s)", delay, state).isIn(0L, (long) HOUSEHOLDS);
            assertThat(state).isNotEqualTo("APPLYING");
            if (after == 0 && state.equals("PREVIEWED")) {
                // the apply's transaction was rolled back and the import is previewed again: the user applies it again
                login("county");
                post("/households/imports/" + id + "/apply", Map.of());
                assertThat(awaitState(id, "APPLIED", "FAILED")).isEqualTo("APPLIED");
            } else if (after == 0) {
                // the user's rerun: upload the file again and apply it
                assertThat(importPersons(prefix, false)).isEqualTo(clean);
            }
            assertThat(households(prefix)).isEqualTo(clean);
            assertThat(persons(prefix.charAt(0))).isEqualTo(persons('9'));
        }
    }

    @Test
    void aDepartmentUploadKilledMidwayIsStoredWithItsChecksOrAbsent() throws Exception {
        String period = YearMonth.now().minusYears(2).toString();
        byte[] file = claims(60_000);
        long t0 = System.nanoTime();
        long cleanRows = upload(period, file);
        long cleanMillis = (System.nanoTime() - t0) / 1_000_000;
        for (int k = 0; k < POINTS; k++) {
            String p = YearMonth.now().minusYears(3 + k).toString();
            login("county");
            Thread uploader = new Thread(() -> {
                try {
                    postFile("/uploads", Map.of("kind", "MEDICAL_CLAIMS", "period", p), "medical_claims.csv", file);
                } catch (Exception e) {
                    // the server was killed under it
                }
            });
            uploader.start();
            long delay = random.nextLong(Math.max(50, cleanMillis));
            Thread.sleep(delay);
            kill();
            uploader.join();
            startServer();
            List<String> rows = dbList("select row_count || ' ' || stored_path from screening.screening_upload where period = '" + p + "'");
            log.add("upload killed after " + delay + " ms: " + rows);
            assertThat(rows.size()).isLessThanOrEqualTo(1);
            for (String r : rows) {
                assertThat(Long.parseLong(r.substring(0, r.indexOf(' ')))).isEqualTo(cleanRows);
                Path stored = Path.of(r.substring(r.indexOf(' ') + 1));
                assertThat(stored.isAbsolute() ? stored : dataDir.resolve(stored)).exists();
            }
            if (rows.isEmpty()) assertThat(upload(p, file)).isEqualTo(cleanRows);
        }
    }

    /** Rows of the run's department file: enough that a run takes seconds, so that every kill lands inside it. */
    static final int RUN_CLAIMS = Integer.getInteger("shouwang.kill.run-claims", 800_000);

    @Test
    void aComparisonRunKilledMidwayIsMarkedFailedAndARerunGivesTheCleanCounts() throws Exception {
        String period = YearMonth.now().toString();
        // a large medical claims file of the county for the run's month: the run reads and matches every row of it
        upload(period, claims(RUN_CLAIMS));
        run(period);
        // a second clean run, warm as every later one is (the first pays for the JIT and cold caches: 2.9 s against
        // under 1.9 s for the next on an idle machine), and its own time as the server recorded it (the test's clock
        // would add the sign-in and the polling)
        long cleanRun = run(period);
        long cleanMillis = Long.parseLong(db("select (extract(epoch from finished_at - started_at) * 1000)::bigint"
                + " from screening.screening_run where id = " + cleanRun));
        String clean = db("select households || ' ' || warnings || ' ' || rejects from screening.screening_run where id = " + cleanRun);
        log.add("clean run " + cleanMillis + " ms: households, warnings, rejects " + clean);
        assertThat(cleanMillis).as("a clean run long enough to be killed inside it").isGreaterThan(500);
        for (int k = 0; k < POINTS; k++) {
            login("county");
            String location = post("/warnings/runs", Map.of("period", period));
            long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
            long begun = System.nanoTime();
            // a point inside the run: between a tenth and six tenths of a warm clean run's time after it was started
            long delay = cleanMillis / 10 + random.nextLong(Math.max(1, cleanMillis / 2));
            Thread.sleep(delay);
            String before = db("select status from screening.screening_run where id = " + id);
            long at = (System.nanoTime() - begun) / 1_000_000;
            kill();
            startServer();
            String status = db("select status || ' ' || coalesce(error, '') from screening.screening_run where id = " + id);
            log.add("run killed after " + at + " ms of " + cleanMillis + " (" + before + "): " + status);
            assertThat(before).as("the run still going when killed at %d ms", at).isEqualTo("RUNNING");
            assertThat(status).as("a run killed at %d ms, after the restart", at).startsWith("FAILED");
            assertThat(dbList("select id from screening.screening_run where status = 'RUNNING'")).isEmpty();
            // the user's rerun of the same month: the clean counts
            long rerun = run(period);
            assertThat(db("select households || ' ' || warnings || ' ' || rejects from screening.screening_run where id = " + rerun))
                    .isEqualTo(clean);
        }
    }

    // --- the registry import

    static final int HOUSEHOLDS = 300;
    long lastApplyMillis;

    /** A person list of {@link #HOUSEHOLDS} households of three in 团山子村, household numbers starting with the prefix. */
    byte[] persons(String prefix) {
        StringBuilder b = new StringBuilder("县,乡镇,行政村,户编号,姓名,证件号码,与户主关系,人数\n");
        String[] rel = {"户主", "配偶", "子女"};
        for (int h = 0; h < HOUSEHOLDS; h++) {
            String no = VILLAGE + prefix + String.format("%05d", h);
            for (int m = 0; m < 3; m++) {
                String body = "220322" + LocalDate.of(1950 + m * 20, 1, 1).plusDays(h).toString().replace("-", "")
                        + prefix + String.format("%01d", m) + (m % 2);
                body = body.substring(0, 17);
                String id = body + cn.shouwang.core.person.IdNumber.checkCharacter(body);
                b.append("梨树县,孤家子镇,团山子村,").append(no).append(",杀测").append(prefix).append(h).append('_').append(m)
                        .append(',').append(id).append(',').append(rel[m]).append(",3\n");
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    long uploadAndPreview(byte[] file) throws Exception {
        login("county");
        String location = postFile("/households/imports", Map.of("kind", "PERSONS"), "名单.csv", file);
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(awaitState(id, "PREVIEWED", "FAILED")).isEqualTo("PREVIEWED");
        return id;
    }

    /** Uploads, previews and applies a person list; its households afterwards. */
    long importPersons(String prefix, boolean timed) throws Exception {
        long id = uploadAndPreview(persons(prefix));
        long t0 = System.nanoTime();
        post("/households/imports/" + id + "/apply", Map.of());
        assertThat(awaitState(id, "APPLIED", "FAILED")).isEqualTo("APPLIED");
        if (timed) lastApplyMillis = (System.nanoTime() - t0) / 1_000_000;
        return households(prefix);
    }

    long households(String prefix) throws Exception {
        return Long.parseLong(db("select count(*) from household.household where household_no like '" + VILLAGE + prefix + "%'"));
    }

    long persons(char prefix) throws Exception {
        return Long.parseLong(db("select count(*) from household.member m join household.household h on h.id = m.household_id "
                + "where h.household_no like '" + VILLAGE + prefix + "%'"));
    }

    String awaitState(long id, String... states) throws Exception {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        String s = null;
        while (System.nanoTime() < until) {
            s = db("select state from household.registry_import where id = " + id);
            for (String want : states) if (want.equals(s)) return s;
            Thread.sleep(200);
        }
        throw new AssertionError("import " + id + " still " + s);
    }

    // --- uploads and runs

    /** Medical claims of the demo's persons and of nobody: enough rows to take a moment. */
    byte[] claims(int rows) {
        StringBuilder b = new StringBuilder("身份证号,结算日期,总费用,insurance_paid,自付金额\n");
        for (int i = 0; i < rows; i++) {
            String body = "220322" + LocalDate.of(1940, 1, 1).plusDays(i % 20000).toString().replace("-", "") + String.format("%03d", i % 1000);
            b.append(body).append(cn.shouwang.core.person.IdNumber.checkCharacter(body)).append(",2026-03-0").append(1 + i % 9)
                    .append(',').append(10000 + i % 500).append(".50,4000,").append(5000 + i % 300).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Uploads a medical claims file for a period (confirming it if it replaces one); its stored row count. */
    long upload(String period, byte[] file) throws Exception {
        login("county");
        postFile("/uploads", Map.of("kind", "MEDICAL_CLAIMS", "period", period), "medical_claims.csv", file);
        String rows = db("select row_count from screening.screening_upload where period = '" + period + "' and is_current");
        assertThat(rows).as("the upload of %s stored", period).isNotNull();
        return Long.parseLong(rows);
    }

    /** Starts a run of the county for a period and waits for it; its id. */
    long run(String period) throws Exception {
        login("county");
        String location = post("/warnings/runs", Map.of("period", period));
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < until) {
            String s = db("select status from screening.screening_run where id = " + id);
            if (!"RUNNING".equals(s)) {
                assertThat(s).isEqualTo("DONE");
                return id;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " still running");
    }

    // --- the server process

    void startServer() throws Exception {
        // surefire starts its JVM from a manifest-only jar and names the real classpath in surefire.test.class.path
        String all = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String cp = java.util.Arrays.stream(all.split(File.pathSeparator))
                .filter(e -> !e.contains("test-classes") && !e.contains("jazzer") && !e.contains("surefire"))
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-cp", cp, "cn.shouwang.server.ShouwangApplication",
                "--spring.profiles.active=demo")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
        pb.environment().put("SHOUWANG_DATA_DIR", dataDir.toString());
        pb.environment().put("SHOUWANG_PORT", String.valueOf(port));
        pb.environment().put("SHOUWANG_DB_PORT", String.valueOf(dbPort));
        pb.environment().put("SHOUWANG_DEMO_PERSONS", "2000");
        long readyBefore = readyLines();
        server = pb.start();
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        while (System.nanoTime() < until) {
            assertThat(server.isAlive()).as("server ended; see %s", dataDir.resolve("server.log")).isTrue();
            try {
                // the port opens before the start-up tasks (recovery, the demo's data) are done: wait for those too
                if (readyLines() > readyBefore
                        && http.send(request("/login").GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("server did not start; see " + dataDir.resolve("server.log"));
    }

    long readyLines() throws IOException {
        Path log = dataDir.resolve("server.log");
        if (!Files.exists(log)) return 0;
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("Shouwang is ready")).count();
        }
    }

    /** SIGKILL: no shutdown hook runs, the embedded PostgreSQL is left running as an orphan (the next start stops it). */
    void kill() throws Exception {
        server.destroyForcibly();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    // --- HTTP as a browser does it (session cookie, CSRF token of the page)

    String csrf;

    void login(String user) throws Exception {
        http = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        csrf = token(get("/login"));
        HttpResponse<String> r = send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", "demo2024", "_csrf", csrf)))).build());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
        csrf = token(get("/uploads"));
    }

    String get(String path) throws Exception {
        HttpResponse<String> r = send(request(path).GET().build());
        assertThat(r.statusCode()).as("GET %s", path).isEqualTo(200);
        return r.body();
    }

    /** A form post; where it redirects to. */
    String post(String path, Map<String, String> params) throws Exception {
        Map<String, String> p = new java.util.HashMap<>(params);
        p.put("_csrf", csrf);
        HttpResponse<String> r = send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(p))).build());
        assertThat(r.statusCode()).as("POST %s: %s", path, words(r.body())).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** A multipart upload; where it redirects to. */
    String postFile(String path, Map<String, String> params, String fileName, byte[] content) throws Exception {
        String boundary = "----kill" + random.nextLong();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> p = new java.util.HashMap<>(params);
        p.put("_csrf", csrf);
        for (Map.Entry<String, String> e : p.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n" + e.getValue() + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        assertThat(r.statusCode()).as("POST %s: %s", path, words(r.body())).isEqualTo(302);
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** A page's text without its markup, from its main part (what the user reads). */
    static String words(String page) {
        int main = page.indexOf("<main");
        String t = (main >= 0 ? page.substring(main) : page).replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ");
        return t.length() > 1500 ? t.substring(0, 1500) : t;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofMinutes(3));
    }

    HttpResponse<String> send(HttpRequest r) throws Exception {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    static String token(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF token on the page").isTrue();
        return m.group(1);
    }

    static String form(Map<String, String> p) {
        return p.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    // --- the database, read as its superuser (the test reads the server's own files: it is the operator)

    String db(String sql) throws Exception {
        List<String> l = dbList(sql);
        return l.isEmpty() ? null : l.get(0);
    }

    List<String> dbList(String sql) throws Exception {
        String password = Files.readString(dataDir.resolve("keys").resolve("db-superuser.password")).trim();
        SQLException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + dbPort + "/postgres", "postgres", password);
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                List<String> out = new ArrayList<>();
                while (rs.next()) out.add(rs.getString(1));
                return out;
            } catch (SQLException e) {
                last = e;      // the orphaned PostgreSQL of a killed server, stopped by the next start
                Thread.sleep(300);
            }
        }
        throw last;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
