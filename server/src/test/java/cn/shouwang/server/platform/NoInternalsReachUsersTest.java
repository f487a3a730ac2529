package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Whatever goes wrong, a user reads no stack trace and no internal message: through the real server (the container's
 * error dispatch, which MockMvc skips), pages and API, with inputs that have made the server fail before (a NUL byte
 * in a text filter, a template in a search, the largest page number, a malformed number) and a wrong personal-data
 * key's decryption message.
 */
class NoInternalsReachUsersTest extends ServerTest {
    private static final List<String> INTERNALS = List.of("Exception", "\tat ", "at cn.shouwang", "at org.", "org.postgresql",
            "SQLState", "ERROR: ", "java.lang", "java.util", "java.sql", "jakarta.", "springframework", "Whitelabel",
            "\"trace\"", "does not open");

    static final List<String> BAD = List.of("q=%00", "q=" + enc("{id}"), "page=2147483647", "page=abc", "size=-1",
            "q=" + "x".repeat(5000), "state=NO_SUCH_STATE", "village=%00%00");

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void clean(String what, HttpResponse<String> r) {
        for (String bad : INTERNALS) {
            assertThat(r.body()).as(what + " → " + r.statusCode() + " must not show " + bad).doesNotContain(bad);
        }
    }

    @Test
    void pagesAndTheApiAnswerFailuresWithoutInternals() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://localhost:" + port;
        String login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=county&password=" + DEMO_PASSWORD + "&_csrf="
                        + enc(csrf.group(1)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/");

        String basic = "Basic " + Base64.getEncoder().encodeToString(("county:" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
        for (String path : List.of("/households", "/leads", "/audit", "/monitored", "/admin/accounts")) {
            for (String q : BAD) {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + path + "?" + q)).build(),
                        HttpResponse.BodyHandlers.ofString());
                clean("page " + path + "?" + q.substring(0, Math.min(q.length(), 30)), page);
            }
        }
        for (String path : List.of("/api/v1/households", "/api/v1/leads", "/api/v1/members/abc", "/api/v1/households/abc",
                "/api/v1/accounts/99999999999999999999")) {
            for (String q : BAD) {
                HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + path + "?" + q))
                        .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString());
                clean("api " + path + "?" + q.substring(0, Math.min(q.length(), 30)), api);
            }
        }
        // a body that is not JSON, and a wrong method
        HttpResponse<String> broken = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/households/search"))
                .header("Authorization", basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"idNumber\": \u0000")).build(), HttpResponse.BodyHandlers.ofString());
        clean("broken body", broken);
        HttpResponse<String> method = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me"))
                .header("Authorization", basic).method("DELETE", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        clean("wrong method", method);
    }
}
