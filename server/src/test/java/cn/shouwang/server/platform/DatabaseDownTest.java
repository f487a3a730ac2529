package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL stopped underneath a running server (issue 15.3), with the real embedded database stopped (pg_ctl stop,
 * through zonky) and started again on the same directory and port: pages answer a 503 "服务暂不可用" page within a few
 * seconds, the API a 503 problem, a sign-in never says "wrong password"; when the database is back the server answers
 * again by itself and the user is still signed in (the session is in the database).
 */
class DatabaseDownTest {

    @Test
    void usersAreToldTheServiceIsUnavailableAndTheServerRecoversByItself() throws Exception {
        Path dir = Path.of("target/test-ops/" + UUID.randomUUID()).toAbsolutePath();
        EmbeddedDatabase.Settings settings = OpsServers.database(dir, OpsServers.freePort());
        EmbeddedDatabase db = EmbeddedDatabase.start(settings);
        try (ConfigurableApplicationContext server = OpsServers.server(dir, "server", db,
                "--shouwang.db.connection-timeout=2s")) {
            ServerTest.ensureAreas(server.getBean(JdbcClient.class));
            int port = OpsServers.port(server);
            OpsServers.Browser browser = new OpsServers.Browser();
            assertThat(browser.signIn(port, "admin", OpsServers.ADMIN_PASSWORD).headers().firstValue("Location")
                    .orElseThrow()).doesNotContain("error");
            assertThat(browser.get(port, "/").statusCode()).isEqualTo(200);
            // a second user has the sign-in form open when the database goes
            OpsServers.Browser late = new OpsServers.Browser();
            String form = OpsServers.Browser.csrf(late.get(port, "/login").body());

            db.close(); // pg_ctl stop underneath the running server
            db = null;

            long t0 = System.nanoTime();
            HttpResponse<String> page = browser.get(port, "/households");
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(took).as("the answer comes after the pool's 2 s, not Hikari's 30").isLessThan(Duration.ofSeconds(15));
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.headers().firstValue("Retry-After")).contains("30");
            assertThat(page.body()).contains("服务暂不可用").doesNotContain("Exception").doesNotContain("SQL");

            HttpResponse<String> api = browser.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/api/v1/households")).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(("admin:" + OpsServers.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))));
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
            assertThat(api.body()).contains("\"status\":503");

            // signing in now is "unavailable", never "wrong name or password"
            HttpResponse<String> signIn = late.post(port, "/login",
                    "username=admin&password=" + OpsServers.ADMIN_PASSWORD + "&_csrf=" + form);
            assertThat(signIn.statusCode()).isEqualTo(503);
            assertThat(signIn.body()).contains("服务暂不可用");
            HttpResponse<String> wrong = late.post(port, "/login", "username=admin&password=wrong&_csrf=" + form);
            assertThat(wrong.statusCode()).isEqualTo(503);
            assertThat(wrong.headers().firstValue("Location").orElse("")).doesNotContain("error");
            HttpResponse<String> fresh = new OpsServers.Browser().get(port, "/login");
            assertThat(fresh.statusCode()).isIn(200, 503);
            assertThat(fresh.body()).doesNotContain("用户名或密码不正确");

            db = EmbeddedDatabase.start(settings); // back, same directory and port
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int status = 0;
            while (System.nanoTime() < deadline && status != 200) {
                status = browser.get(port, "/households").statusCode();
                if (status != 200) Thread.sleep(500);
            }
            assertThat(status).as("recovered without a restart, still signed in").isEqualTo(200);
            assertThat(late.signIn(port, "admin", OpsServers.ADMIN_PASSWORD).headers().firstValue("Location").orElseThrow())
                    .doesNotContain("error").doesNotContain("unavailable");
        } finally {
            if (db != null) db.close();
        }
    }
}
