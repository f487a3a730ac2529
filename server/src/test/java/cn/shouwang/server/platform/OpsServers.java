package cn.shouwang.server.platform;

import cn.shouwang.server.ShouwangApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Real servers for the operations tests: one embedded PostgreSQL started on its own (so a test can stop and start it
 * under running servers), and servers on random ports that use it as an external database, as production servers
 * behind a proxy do. Plus a minimal browser: one session cookie, the sign-in form with its CSRF token.
 */
final class OpsServers {
    static final String ADMIN_PASSWORD = "Ops-test-2026-x";

    private OpsServers() {}

    static EmbeddedDatabase.Settings database(Path dir, int port) {
        return new EmbeddedDatabase.Settings(dir.resolve("pg"), dir.resolve("keys"), port, false);
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A server (no demo profile) on a random port over {@code db}; {@code extra} are more --key=value arguments. */
    static ConfigurableApplicationContext server(Path dir, String name, EmbeddedDatabase db, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
                // the test configuration keeps sessions in memory for MockMvc; these servers store them as production does
                "--spring.autoconfigure.exclude=",
                "--shouwang.data-dir=" + dir.resolve(name), "--shouwang.db.url=" + db.jdbcUrl(),
                "--shouwang.db.username=" + db.app().username(), "--shouwang.db.password=" + db.app().password(),
                "--shouwang.db.migration-username=" + db.owner().username(),
                "--shouwang.db.migration-password=" + db.owner().password(),
                "--shouwang.access.admin-password=" + ADMIN_PASSWORD,
                "--shouwang.personal-data.key-file=target/test-keys/personal-data.key"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(ShouwangApplication.class).web(WebApplicationType.SERVLET)
                .run(args.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext server) {
        return Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
    }

    /** A browser with one session cookie (a proxy in front of several servers sends it to each of them). */
    static final class Browser {
        final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String session;

        HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
        }

        HttpResponse<String> post(int port, String path, String form) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
            b.timeout(Duration.ofSeconds(60));
            if (session != null) b.header("Cookie", "SESSION=" + session);
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            for (String c : r.headers().allValues("Set-Cookie")) {
                Matcher m = Pattern.compile("^SESSION=([^;]*)").matcher(c);
                if (m.find()) session = m.group(1).isEmpty() ? null : m.group(1);
            }
            return r;
        }

        /** The sign-in form: its CSRF token first, then name and password; the answer (302 to / when it worked). */
        HttpResponse<String> signIn(int port, String username, String password) throws IOException, InterruptedException {
            String page = get(port, "/login").body();
            return post(port, "/login", "username=" + username + "&password=" + password + "&_csrf=" + csrf(page));
        }

        static String csrf(String page) {
            Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page);
            if (!m.find()) throw new AssertionError("no CSRF token on the page");
            return m.group(1);
        }
    }
}
