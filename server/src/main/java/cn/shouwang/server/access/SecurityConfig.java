package cn.shouwang.server.access;

import static org.springframework.security.authorization.AuthenticatedAuthorizationManager.authenticated;
import static org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Two doors. People sign in with a form (session, CSRF tokens on every form and htmx request);
 * scripts call {@code /api/v1} statelessly with HTTP Basic or a token and get problem details for 401/403/429. Both share the
 * accounts, the lockout and the role rules. A department data officer reaches only the upload pages.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
class SecurityConfig {

    /** Only 'self': no inline script or style anywhere, no CDN. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; worker-src 'self'; manifest-src 'self'";

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt by default, {id}-prefixed so a later move to argon2 keeps old hashes valid
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The one way a password is checked, form and HTTP Basic alike: throttled, audited, Basic remembered. */
    @Bean
    SignInProvider signInProvider(AccountDetailsService details, PasswordEncoder encoder, SignInThrottle throttle,
                                  Accounts accounts, org.springframework.context.ApplicationEventPublisher events,
                                  java.time.Clock clock) {
        return new SignInProvider(details, encoder, throttle, accounts, events, clock);
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, AccountDetailsService accounts,
                            MessageSource messages, LocaleResolver locales) throws Exception {
        // the filters answer before any controller: their texts come from the bundles in the request's language
        // (the API's: Accept-Language, Chinese by default; platform.WebConfig)
        AuthenticationEntryPoint unauthorized = (req, res, ex) -> {
            Locale locale = locales.resolveLocale(req);
            if (ex instanceof SignInThrottledException t) {
                res.setHeader("Retry-After", String.valueOf(t.seconds()));
                json(res, 429, messages.getMessage("api.problem.throttled.title", null, locale),
                        messages.getMessage("api.problem.throttled", new Object[] {t.seconds()}, locale));
                return;
            }
            res.setHeader("WWW-Authenticate", "Basic realm=\"shouwang\"");
            json(res, HttpServletResponse.SC_UNAUTHORIZED, messages.getMessage("api.problem.unauthorized.title", null, locale),
                    messages.getMessage("api.problem.unauthorized", null, locale));
        };
        http.securityMatcher("/api/**")
                .addFilterBefore(new ApiTokenFilter(tokens, accounts, unauthorized), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/v1/uploads/**").authenticated()
                        .requestMatchers("/api/v1/accounts/**").hasRole(Role.ADMIN.name())
                        .anyRequest().access(notDataOfficer()))
                .httpBasic(b -> b.realmName("shouwang").authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((req, res, ex) -> {
                            Locale locale = locales.resolveLocale(req);
                            json(res, HttpServletResponse.SC_FORBIDDEN, messages.getMessage("api.problem.forbidden.title", null, locale),
                                    messages.getMessage("api.problem.forbidden", null, locale));
                        }))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable()) // no cookies, no session: nothing for a forged request to ride on
                .headers(SecurityConfig::headers);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, JdbcClient jdbc) throws Exception {
        // a waiting address or account is told how long (whole seconds); anything else is just "wrong name or password"
        // a sign-in that could not be checked (InternalAuthenticationServiceException: the database did not answer)
        // never says "wrong password"
        AuthenticationFailureHandler failure = (req, res, ex) -> res.sendRedirect(req.getContextPath()
                + (ex instanceof SignInThrottledException t ? "/login?throttled=" + t.seconds()
                : ex instanceof LockedException ? "/login?locked"
                : ex instanceof InternalAuthenticationServiceException ? "/login?unavailable" : "/login?error"));
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/vendor/**", "/webjars/**", "/favicon.ico",
                                "/error").permitAll()
                        // the installable web app (fieldwork offline): the browser fetches these without asking first
                        .requestMatchers("/sw.js", "/manifest.webmanifest").permitAll()
                        // the household's self-report page (QR code on the village board): no account, CSRF still on
                        .requestMatchers("/report/**").permitAll()
                        .requestMatchers("/uploads/**").authenticated()
                        .requestMatchers("/admin/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/audit/**").hasAnyRole(Role.ADMIN.name(), Role.CITY_ANALYST.name(),
                                Role.COUNTY_ANALYST.name())
                        .requestMatchers("/", "/area-selection", "/account/**", "/logout").authenticated()
                        .anyRequest().access(notDataOfficer()))
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).failureHandler(failure))
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .addFilterAfter(new AccountFreshnessFilter(jdbc), SecurityContextHolderFilter.class)
                .headers(SecurityConfig::headers);
        return http.build();
    }

    /** Signed in and not a department data officer (who may only upload). */
    static AuthorizationManager<RequestAuthorizationContext> notDataOfficer() {
        return AuthorizationManagers.allOf(authenticated(),
                AuthorizationManagers.not(hasRole(Role.DATA_OFFICER.name())));
    }

    static void headers(HeadersConfigurer<HttpSecurity> h) {
        h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                .frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                .contentTypeOptions(c -> {})
                // sent on HTTPS requests only (behind a TLS proxy: shouwang.proxy.trusted, platform.TrustedProxyFilter)
                .httpStrictTransportSecurity(s -> s.includeSubDomains(true).maxAgeInSeconds(31_536_000));
    }

    /**
     * The API's one error format (problem details, RFC 9457), also for what the security filters answer before any
     * controller: 401, 403 and 429, their texts from the message bundles (escaped as JSON strings).
     */
    static void json(HttpServletResponse res, int status, String title, String detail) throws java.io.IOException {
        res.setStatus(status);
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        res.setCharacterEncoding(StandardCharsets.UTF_8.name());
        res.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + jsonText(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + jsonText(detail) + "\"}");
    }

    /** A JSON string's content: quotes, backslashes and control characters escaped. */
    static String jsonText(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

}
