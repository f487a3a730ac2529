package cn.shouwang.server.access;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads accounts from the database for sign-in (form and HTTP Basic). */
@Service
class AccountDetailsService implements UserDetailsService {
    private final JdbcClient jdbc;
    private final Clock clock;

    AccountDetailsService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("""
                select id, username, display_name, password_hash, role, area_code, enabled, locked_until, version, department
                  from account where username = :u""")
                .param("u", username)
                .query((rs, i) -> {
                    OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
                    boolean locked = lockedUntil != null && lockedUntil.toInstant().isAfter(clock.instant());
                    CurrentUser user = new CurrentUser(rs.getLong("id"), rs.getString("username"),
                            rs.getString("display_name"), Role.valueOf(rs.getString("role")),
                            new AreaScope(rs.getString("area_code")),
                            rs.getString("department") == null ? null : Department.valueOf(rs.getString("department")));
                    return (UserDetails) new AccountPrincipal(user, rs.getString("password_hash"), locked,
                            rs.getBoolean("enabled"), rs.getInt("version"));
                })
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("unknown account"));
    }
}
