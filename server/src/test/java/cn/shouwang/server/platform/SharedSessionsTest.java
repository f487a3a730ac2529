package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two servers on one database, as behind a proxy without sticky sessions (issue 15.8): the session is kept in
 * PostgreSQL (Spring Session JDBC, platform V3), so a user signed in on one server is signed in on the other, and
 * the registry search's token for an id number (household.SearchTokens, sealed in the session) made on one server
 * answers on the other.
 */
class SharedSessionsTest {
    static final String ID_NUMBER = "220322199001011234";

    @Test
    void aSessionAndASearchTokenMadeOnOneServerWorkOnTheOther() throws Exception {
        Path dir = Path.of("target/test-ops/" + UUID.randomUUID()).toAbsolutePath();
        try (EmbeddedDatabase db = EmbeddedDatabase.start(OpsServers.database(dir, 0));
             ConfigurableApplicationContext a = OpsServers.server(dir, "a", db);
             // B stands behind a proxy on this machine (TLS ends there); A trusts no proxy
             ConfigurableApplicationContext b = OpsServers.server(dir, "b", db, "--shouwang.proxy.trusted=127.0.0.1")) {
            int pa = OpsServers.port(a);
            int pb = OpsServers.port(b);
            // a first start on an empty database: the sign-in page says to import the division codes, and how
            assertThat(new OpsServers.Browser().get(pa, "/login").body()).contains("还没有行政区划代码")
                    .contains("./shouwang import-areas");
            ServerTest.ensureAreas(a.getBean(JdbcClient.class));
            assertThat(new OpsServers.Browser().get(pb, "/login").body()).doesNotContain("还没有行政区划代码");

            OpsServers.Browser browser = new OpsServers.Browser();
            assertThat(browser.get(pb, "/").statusCode()).as("not signed in yet: B sends to the sign-in page").isEqualTo(302);
            HttpResponse<String> signIn = browser.signIn(pa, "admin", OpsServers.ADMIN_PASSWORD);
            assertThat(signIn.statusCode()).isEqualTo(302);
            assertThat(signIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

            HttpResponse<String> onB = browser.get(pb, "/");
            assertThat(onB.statusCode()).as("signed in on A, signed in on B").isEqualTo(200);
            assertThat(onB.body()).contains("logout");
            // the session is a row of platform.spring_session, its owner the account
            assertThat(a.getBean(JdbcClient.class).sql("select count(*) from spring_session where principal_name = 'admin'")
                    .query(Integer.class).single()).isEqualTo(1);

            // an id number typed on A becomes a token in the address; B answers the address
            HttpResponse<String> search = browser.get(pa, "/households?q=" + ID_NUMBER);
            assertThat(search.statusCode()).isEqualTo(302);
            String list = search.headers().firstValue("Location").orElseThrow();
            assertThat(list).contains("qt=").doesNotContain(ID_NUMBER);
            String path = list.replaceFirst("^https?://[^/]+", "");
            HttpResponse<String> results = browser.get(pb, path);
            assertThat(results.statusCode()).isEqualTo(200);
            assertThat(results.body()).as("B resolved A's token").doesNotContain("查询已过期").contains(ID_NUMBER);
            // a token that was never issued is refused on either server (the check can fail)
            assertThat(browser.get(pb, path.replaceFirst("qt=[0-9a-f]+", "qt=00aa00aa00aa00aa00aa00aa")).body())
                    .contains("查询已过期");
            // the id number is not in the session's stored bytes in plain text (sealed)
            assertThat(a.getBean(JdbcClient.class).sql("""
                    select count(*) from spring_session_attributes where position(convert_to(:id, 'UTF8') in attribute_bytes) > 0""")
                    .param("id", ID_NUMBER).query(Integer.class).single()).isZero();

            // X-Forwarded-Proto https from the trusted proxy: the session cookie is Secure, HSTS is sent
            OpsServers.Browser tls = new OpsServers.Browser();
            HttpResponse<String> viaProxy = tls.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + pb + "/login")).header("X-Forwarded-Proto", "https"));
            assertThat(sessionCookie(viaProxy)).contains("Secure").contains("HttpOnly").contains("SameSite=Lax");
            assertThat(viaProxy.headers().firstValue("Strict-Transport-Security")).isPresent();
            // the same header straight to A, which trusts no proxy: neither
            HttpResponse<String> forged = new OpsServers.Browser().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + pa + "/login")).header("X-Forwarded-Proto", "https"));
            assertThat(sessionCookie(forged)).doesNotContain("Secure");
            assertThat(forged.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }

    static String sessionCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + r.headers().allValues("Set-Cookie")));
    }
}
