package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.shouwang.server.ServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The documented nginx example (docs/nginx/shouwang.conf) in front of a real server, with a self-signed certificate:
 * through it the session cookie is Secure, HSTS is sent, and the audit log records the client's address — not the
 * proxy's (nginx connects from 127.0.0.2, the server's only trusted proxy) and not the X-Forwarded-For the client
 * forged. Skipped where nginx or openssl is not installed ({@code apt-get install -y nginx}).
 */
class NginxProxyTest {

    @Test
    void theExampleConfigCarriesTlsAndTheClientAddress() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nginx")), "nginx is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path dir = Path.of("target/test-ops/" + UUID.randomUUID()).toAbsolutePath();
        Path conf = dir.resolve("nginx");
        Files.createDirectories(conf.resolve("logs"));
        run("/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-keyout", conf.resolve("key.pem").toString(), "-out", conf.resolve("cert.pem").toString());
        int https = OpsServers.freePort();
        int http = OpsServers.freePort();
        Process nginx = null;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(OpsServers.database(dir, 0));
             ConfigurableApplicationContext server = OpsServers.server(dir, "server", db,
                     "--shouwang.proxy.trusted=127.0.0.2")) {
            JdbcClient jdbc = server.getBean(JdbcClient.class);
            ServerTest.ensureAreas(jdbc);
            String site = Files.readString(Path.of("../docs/nginx/shouwang.conf"))
                    .replace("@LISTEN@", "127.0.0.1:" + https).replace("@HTTP@", "127.0.0.1:" + http)
                    .replace("@CERT@", conf.resolve("cert.pem").toString()).replace("@KEY@", conf.resolve("key.pem").toString())
                    .replace("@UPSTREAMS@", "server 127.0.0.1:" + OpsServers.port(server) + ";")
                    .replace("@BIND@", "127.0.0.2");
            Files.writeString(conf.resolve("shouwang.conf"), site);
            Files.writeString(conf.resolve("nginx.conf"), """
                    daemon off;
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/logs/error.log;
                    events { worker_connections 64; }
                    http {
                        access_log off;
                        client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy;
                        fastcgi_temp_path %1$s/fastcgi; uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
                        include %1$s/shouwang.conf;
                    }
                    """.formatted(conf));
            nginx = new ProcessBuilder("/usr/sbin/nginx", "-p", conf.toString(), "-e", conf.resolve("logs/error.log").toString(),
                    "-c", conf.resolve("nginx.conf").toString()).redirectErrorStream(true)
                    .redirectOutput(conf.resolve("logs/out.log").toFile()).start();

            HttpClient client = HttpClient.newBuilder().sslContext(trustingEveryone())
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
            URI base = URI.create("https://localhost:" + https);
            HttpResponse<String> login = null;
            for (int i = 0; i < 40 && login == null; i++) {
                try {
                    login = client.send(HttpRequest.newBuilder(base.resolve("/login")).build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    assertThat(nginx.isAlive()).as("nginx runs: " + Files.readString(conf.resolve("logs/error.log"))).isTrue();
                    Thread.sleep(250);
                }
            }
            assertThat(login).isNotNull();
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                    h -> assertThat(h).contains("max-age=31536000"));
            String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                    .findFirst().orElseThrow();
            assertThat(cookie).contains("Secure").contains("HttpOnly");

            // a failed sign-in with a forged X-Forwarded-For: the audit has the client's address, 127.0.0.1
            String session = cookie.substring("SESSION=".length(), cookie.indexOf(';'));
            HttpResponse<String> failed = client.send(HttpRequest.newBuilder(base.resolve("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "SESSION=" + session)
                    .header("X-Forwarded-For", "203.0.113.99")
                    .POST(HttpRequest.BodyPublishers.ofString("username=nginx-probe&password=wrong&_csrf="
                            + OpsServers.Browser.csrf(login.body()))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(failed.statusCode()).isEqualTo(302);
            assertThat(failed.headers().firstValue("Location").orElseThrow()).contains("/login?error");
            assertThat(jdbc.sql("select ip from audit_event where username = 'nginx-probe'").query(String.class).single())
                    .isEqualTo("127.0.0.1");

            // plain HTTP is sent to HTTPS
            HttpResponse<String> plain = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/login"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(301);
            assertThat(plain.headers().firstValue("Location").orElseThrow()).startsWith("https://");
        } finally {
            if (nginx != null) {
                nginx.destroy();
                nginx.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", command)).isTrue();
    }

    /** The certificate is self-signed for this test. */
    private static SSLContext trustingEveryone() throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] c, String a) {}
            @Override public void checkServerTrusted(X509Certificate[] c, String a) {}
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        return ssl;
    }
}
