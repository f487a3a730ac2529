package cn.shouwang.server.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any handler sees it, input no field of the product can hold: a NUL character (PostgreSQL refuses it
 * in text, so a search for it answered 500), half of a surrogate pair (not text at all), and a query string longer
 * than a browser's address bar keeps (a 5,000-character search overflowed a response header). The answer is 400: the
 * error page in words on the web, a problem body in the API. Tabs and line breaks stay allowed: notes have them.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class UnreadableInputFilter extends OncePerRequestFilter {
    /** Longer than any search or filter of the product; forms with long texts post them in the body. */
    public static final int MAX_QUERY_CHARS = 4096;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        boolean refused = query != null && query.length() > MAX_QUERY_CHARS;
        if (!refused) refused = unreadable(decoded(request.getRequestURI())) || unreadable(decoded(query));
        String type = request.getContentType();
        if (!refused && (type == null || !type.startsWith("multipart/"))) {
            for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
                if (unreadable(e.getKey())) refused = true;
                for (String v : e.getValue()) if (unreadable(v)) refused = true;
                if (refused) break;
            }
        }
        if (!refused) {
            chain.doFilter(request, response);
        } else if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                    + "\"detail\":\"the request holds characters no field can take (NUL, half a surrogate pair) or is too long\"}");
        } else {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }

    private static String decoded(String s) {
        if (s == null) return null;
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray % is not ours to refuse here: the handler reads the parameter as sent
        }
    }

    /** True when the text holds a NUL or an unpaired surrogate. */
    static boolean unreadable(String s) {
        if (s == null) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) return true;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return true;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
