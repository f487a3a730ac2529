package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.shouwang.server.ServerTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Behind a reverse proxy (issue 15.8): X-Forwarded-For names the client only when the direct peer is a trusted proxy
 * ({@code shouwang.proxy.trusted}); then the audit log and the sign-in throttle see the real client, and
 * X-Forwarded-Proto https gives the session cookie {@code Secure} and the answer HSTS. From any other peer the same
 * headers change nothing.
 */
class TrustedProxyWebTest extends ServerTest {
    static final String PROXY = "10.77.0.2";
    static final String STRANGER = "198.51.100.20";

    @Autowired TrustedProxyFilter proxies;

    @AfterEach
    void noProxy() {
        proxies.trust("");
    }

    static MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder b, String peer, String forwardedFor) {
        return b.with(r -> {
            r.setRemoteAddr(peer);
            return r;
        }).header("X-Forwarded-For", forwardedFor);
    }

    String lastSignInAddress(String username) {
        return jdbc.sql("select ip from audit_event where username = :u and action in ('SIGN_IN', 'SIGN_IN_FAILED') "
                        + "order by id desc limit 1").param("u", username).query(String.class).single();
    }

    List<String> failureAddresses() {
        return jdbc.sql("select key from sign_in_failure where kind = 'address' and key like '203.0.113.%' order by key")
                .query(String.class).list();
    }

    @Test
    void aTrustedProxysForwardedForIsTheClientInTheAuditAndTheThrottle() throws Exception {
        proxies.trust("10.77.0.0/24, 127.0.0.1");
        // the client, then a proxy in front of ours (also trusted): the right-most untrusted hop is the client
        mvc.perform(from(post("/login"), PROXY, "203.0.113.7, 10.77.0.9").param("username", "proxytest-nobody")
                .param("password", "wrong").with(csrf()));
        assertThat(lastSignInAddress("proxytest-nobody")).isEqualTo("203.0.113.7");
        assertThat(failureAddresses()).contains("203.0.113.7").doesNotContain(PROXY);

        // the same header from a peer that is not a trusted proxy is ignored: the peer is the client
        mvc.perform(from(post("/login"), STRANGER, "203.0.113.8").param("username", "proxytest-nobody2")
                .param("password", "wrong").with(csrf()));
        assertThat(lastSignInAddress("proxytest-nobody2")).isEqualTo(STRANGER);
        assertThat(failureAddresses()).doesNotContain("203.0.113.8");

        // a client cannot push its own false address in front: only the hop our proxy added counts
        mvc.perform(from(post("/login"), PROXY, "1.2.3.4, 203.0.113.9").param("username", "proxytest-nobody3")
                .param("password", "wrong").with(csrf()));
        assertThat(lastSignInAddress("proxytest-nobody3")).isEqualTo("203.0.113.9");
    }

    @Test
    void withoutTrustedProxiesNoForwardedHeaderIsBelieved() throws Exception {
        mvc.perform(from(post("/login"), PROXY, "203.0.113.10").param("username", "proxytest-nobody4")
                .param("password", "wrong").with(csrf()));
        assertThat(lastSignInAddress("proxytest-nobody4")).isEqualTo(PROXY);
    }

    /** The session cookie's Secure flag is checked between real servers (SharedSessionsTest): MockMvc has no cookie. */
    @Test
    void httpsAtTheTrustedProxySendsHsts() throws Exception {
        proxies.trust(PROXY);
        MvcResult tls = mvc.perform(from(get("/login"), PROXY, "203.0.113.11").header("X-Forwarded-Proto", "https"))
                .andReturn();
        assertThat(tls.getResponse().getHeader("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(tls.getRequest().isSecure()).isFalse(); // the container's request; the wrapper said https

        MvcResult forged = mvc.perform(from(get("/login"), STRANGER, "203.0.113.11").header("X-Forwarded-Proto", "https"))
                .andReturn();
        assertThat(forged.getResponse().getHeader("Strict-Transport-Security")).isNull();

        MvcResult plain = mvc.perform(from(get("/login"), PROXY, "203.0.113.11").header("X-Forwarded-Proto", "http"))
                .andReturn();
        assertThat(plain.getResponse().getHeader("Strict-Transport-Security")).isNull();
    }

    @Test
    void trustedProxiesAreAddressesOrCidrsAndNamesAreNeverLookedUp() {
        assertThat(TrustedProxyFilter.parse("127.0.0.1, 10.0.0.0/8 ::1 fd00::/8")).hasSize(4);
        assertThat(TrustedProxyFilter.literal("proxy.example")).isNull();
        assertThat(TrustedProxyFilter.literal("[::1]")).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrustedProxyFilter.parse("proxy.example"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrustedProxyFilter.parse("10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class);
        TrustedProxyFilter f = new TrustedProxyFilter("10.0.0.0/8");
        assertThat(f.isTrusted("10.200.1.1")).isTrue();
        assertThat(f.isTrusted("11.0.0.1")).isFalse();
        assertThat(f.isTrusted("::ffff:11.0.0.1")).isFalse();
    }
}
