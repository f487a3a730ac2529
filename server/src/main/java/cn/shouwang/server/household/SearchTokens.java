package cn.shouwang.server.household;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.personaldata.PersonalDataApi;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * An id number typed into the household search never goes into a URL (access logs, browser history, the Referer
 * header): it is kept in the signed-in user's session under a random token for 30 minutes, and the list's
 * address, paging, sorting and export links carry only {@code qt=<token>}. Another session cannot use the token.
 * Sessions are kept in PostgreSQL (Spring Session JDBC, platform V3) so that any server behind the proxy can answer
 * the next page: the search text is therefore kept sealed ({@link PersonalDataApi#seal}), like every id number at rest.
 */
@Component
class SearchTokens {
    static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final String ATTRIBUTE = SearchTokens.class.getName();
    private static final int KEPT = 20;

    private record Entry(byte[] sealedQ, Instant expires) implements java.io.Serializable {}

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final PersonalDataApi personalData;

    SearchTokens(Clock clock, PersonalDataApi personalData) {
        this.clock = clock;
        this.personalData = personalData;
    }

    /** Whether a search text is, or looks like, an id number (valid or not): those stay out of URLs. */
    static boolean looksLikeIdNumber(@Nullable String q) {
        if (q == null) return false;
        String t = q.strip();
        return t.matches("\\d{17}[0-9Xx]") || t.matches("\\d{15}") || IdNumber.parse(t).isPresent();
    }

    /** A new token for {@code q}, valid in this session for {@link #LIFETIME}. */
    String issue(HttpSession session, String q) {
        byte[] b = new byte[12];
        random.nextBytes(b);
        String token = HexFormat.of().formatHex(b);
        synchronized (session) {
            Map<String, Entry> m = entries(session);
            Instant now = clock.instant();
            m.values().removeIf(e -> e.expires().isBefore(now));
            while (m.size() >= KEPT) m.remove(m.keySet().iterator().next());
            m.put(token, new Entry(personalData.seal(q.strip()), now.plus(LIFETIME)));
            session.setAttribute(ATTRIBUTE, m); // set again so replicated sessions see the change
        }
        return token;
    }

    /** The search text behind a token of this session, if it has not expired. */
    @Nullable String resolve(@Nullable HttpSession session, @Nullable String token) {
        if (session == null || token == null || token.isBlank()) return null;
        synchronized (session) {
            Entry e = entries(session).get(token);
            return e == null || e.expires().isBefore(clock.instant()) ? null : personalData.open(e.sealedQ());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Entry> entries(HttpSession session) {
        Object o = session.getAttribute(ATTRIBUTE);
        return o instanceof LinkedHashMap<?, ?> m ? (Map<String, Entry>) m : new LinkedHashMap<>();
    }
}
