package cn.shouwang.server.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session whose account was changed since sign-in (disabled, password reset, role or area
 * changed: every such change bumps the row's version). Without this a disabled account would keep working
 * until its session timed out. One primary-key lookup per page request.
 */
class AccountFreshnessFilter extends OncePerRequestFilter {
    private final JdbcClient jdbc;

    AccountFreshnessFilter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccountPrincipal p && p.version() >= 0) {
            Optional<Boolean> fresh = jdbc.sql("select enabled and version = :v from account where id = :id")
                    .param("v", p.version()).param("id", p.currentUser().accountId()).query(Boolean.class).optional();
            if (!fresh.orElse(false)) {
                HttpSession session = request.getSession(false);
                if (session != null) session.invalidate();
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/login?expired");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
