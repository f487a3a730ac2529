package cn.shouwang.server.access;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Every password sign-in (the form and HTTP Basic on the API): first the throttle ({@link SignInThrottle}: a waiting
 * address or account is refused before any password is checked), then the password, then the outcome is counted and
 * announced for the audit log ({@link SignInAttempted}).
 *
 * <p>HTTP Basic sends the password with every request, and a bcrypt costs about 0.1 s of a core: 50 scripts made the
 * server crawl. A successful check is therefore remembered for {@link #REMEMBER} as an HMAC (under a key that lives
 * only in this process's memory) of name and password, together with the account's version: a later request with the
 * same name and password skips bcrypt (and is not audited again: the check it stands on was), but the account is
 * still read, and any change to it (password reset, role, area, disabling: each bumps the version) ends the shortcut. A wrong password never matches a remembered one, so
 * guessing gains nothing; personal API tokens (SHA-256, no bcrypt at all) remain the way for scripts.
 */
class SignInProvider implements AuthenticationProvider {
    static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 10_000;

    private record Remembered(long accountId, int version, Instant until) {}

    private final DaoAuthenticationProvider passwords;
    private final AccountDetailsService details;
    private final SignInThrottle throttle;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final byte[] cacheKey = new byte[32];
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    SignInProvider(AccountDetailsService details, PasswordEncoder encoder, SignInThrottle throttle, Accounts accounts,
                   ApplicationEventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.passwords = new DaoAuthenticationProvider(details);
        this.passwords.setPasswordEncoder(encoder);
        this.details = details;
        this.throttle = throttle;
        this.events = events;
        this.clock = clock;
        new SecureRandom().nextBytes(cacheKey);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String username = attempt.getName() == null ? "" : attempt.getName();
        String address = address(attempt);
        Duration wait = throttle.waitFor(address, username);
        if (!wait.isZero()) throw new SignInThrottledException(wait);

        String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        // only HTTP Basic on the API is remembered: a form sign-in happens once per session, always checked and audited
        String key = apiRequest() ? cacheKey(username, password) : null;
        if (key != null) {
            Authentication known = fromMemory(key, username);
            if (known != null) return known;
        }

        Authentication ok;
        try {
            ok = passwords.authenticate(attempt);
        } catch (InternalAuthenticationServiceException e) {
            // the account could not be read (the database is down): not a wrong password, nothing to count; the
            // cause goes on to platform.DatabaseUnavailableFilter (503, "服务暂不可用")
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        } catch (AuthenticationException e) {
            throttle.failed(address, username);
            AccountPrincipal who = account(username);
            events.publishEvent(new SignInAttempted(false, who == null ? null : who.currentUser().accountId(), username,
                    who == null ? null : who.currentUser().scope().areaCode(), address));
            throw e;
        }
        AccountPrincipal p = (AccountPrincipal) ok.getPrincipal();
        throttle.succeeded(address, p.currentUser().accountId(), username);
        accounts.recordSuccess(username);
        events.publishEvent(new SignInAttempted(true, p.currentUser().accountId(), username,
                p.currentUser().scope().areaCode(), address));
        if (key != null) {
            if (remembered.size() >= MAX_REMEMBERED) remembered.clear();
            remembered.put(key, new Remembered(p.currentUser().accountId(), p.version(), clock.instant().plus(REMEMBER)));
        }
        return ok;
    }

    /** The remembered sign-in, if the same name and password succeeded lately and the account has not changed since. */
    private @Nullable Authentication fromMemory(String key, String username) {
        Remembered r = remembered.get(key);
        if (r == null) return null;
        if (r.until().isBefore(clock.instant())) {
            remembered.remove(key);
            return null;
        }
        AccountPrincipal p = account(username);
        if (p == null || p.currentUser().accountId() != r.accountId() || p.version() != r.version() || !p.isEnabled() || !p.isAccountNonLocked()) {
            remembered.remove(key);
            return null;
        }
        return UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities());
    }

    private @Nullable AccountPrincipal account(String username) {
        try {
            return (AccountPrincipal) details.loadUserByUsername(username);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String cacheKey(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cacheKey, "HmacSHA256"));
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets every remembered sign-in (tests; an operator never needs to: a change to the account ends its own). */
    void forgetAll() {
        remembered.clear();
    }

    private static boolean apiRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            HttpServletRequest r = a.getRequest();
            return r.getRequestURI().startsWith(r.getContextPath() + "/api/");
        }
        return false;
    }

    static String address(Authentication attempt) {
        if (attempt.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null) {
            return d.getRemoteAddress();
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            HttpServletRequest r = a.getRequest();
            return r.getRemoteAddr();
        }
        return "local";
    }
}
