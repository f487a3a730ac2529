package cn.shouwang.server.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Base64;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * PostgreSQL stopped or unreachable underneath a running server (issue 15.3): whatever the request was, the user gets
 * within a few seconds (the pool's {@code shouwang.db.connection-timeout}) a 503 that needs no database — a page in
 * words ("服务暂不可用", retried by the browser every 30 s) or, under {@code /api/}, a problem+json — instead of a 500 or,
 * worse, "wrong password" on the sign-in page. Nothing is cached: the next request asks the pool again, so the server
 * recovers by itself when the database is back. Runs outside the session store (Spring Session JDBC reads the session
 * from the database) and outside security, and its texts come straight from the message bundles, not through the
 * deployment's wording (which lives in the database).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class DatabaseUnavailableFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);
    static final int RETRY_SECONDS = 30;
    private static final String STYLE = "body{font-family:sans-serif;margin:0;padding:2rem 1rem;color:#1f2933;"
            + "background:#f5f7fa}main{max-width:36rem;margin:0 auto;background:#fff;border-radius:8px;padding:1.5rem;"
            + "box-shadow:0 1px 3px rgba(0,0,0,.12)}h1{font-size:1.4rem;margin:0 0 1rem}p{line-height:1.6}";
    private static final String CSP = "default-src 'none'; style-src '" + sha256(STYLE) + "'; frame-ancestors 'none'";

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

    public DatabaseUnavailableFilter() {
        messages.setBasename("messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!databaseDown(e) || response.isCommitted()) throw e;
            log.warn("database unavailable: {} {} answered 503 ({})", request.getMethod(), request.getRequestURI(),
                    rootMessage(e));
            unavailable(request, response);
        }
    }

    /** A failure to reach PostgreSQL at all, as opposed to a failing statement. */
    static boolean databaseDown(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof CannotCreateTransactionException && hasConnectionCause(t)) return true;
            if (t instanceof DataAccessResourceFailureException && hasConnectionCause(t)) return true;
            if (t instanceof SQLException s && s.getSQLState() != null
                    // 08: connection exception; 57P01-57P03: the server shuts down or is starting
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) return true;
        }
        return false;
    }

    private static boolean hasConnectionCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException) return true;
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) return true;
        }
        return false;
    }

    void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = locale(request);
        response.reset();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(RETRY_SECONDS));
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String title = messages.getMessage("unavailable.title", null, locale);
        String text = messages.getMessage("unavailable.text", null, locale);
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                    + "\"detail\":\"" + json(title + ": " + text) + "\"}");
            return;
        }
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        String lang = locale.getLanguage().equals("en") ? "en" : "zh-CN";
        response.getWriter().write("<!DOCTYPE html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta http-equiv=\"refresh\" content=\"" + RETRY_SECONDS + "\">"
                + "<title>" + HtmlUtils.htmlEscape(title) + "</title><style>" + STYLE + "</style></head><body><main>"
                + "<h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(text) + "</p>"
                + "<p>" + HtmlUtils.htmlEscape(messages.getMessage("unavailable.retry", new Object[] {RETRY_SECONDS}, locale))
                + "</p></main></body></html>");
    }

    /** The language the pages use (the SHOUWANG_LANG cookie, platform.WebConfig), Chinese by default. */
    private static Locale locale(HttpServletRequest request) {
        String lang = request.getParameter("lang");
        if (lang == null && request.getCookies() != null) {
            for (Cookie c : request.getCookies()) if ("SHOUWANG_LANG".equals(c.getName())) lang = c.getValue();
        }
        return lang != null && lang.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getClass().getSimpleName();
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }

    private static String sha256(String s) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
