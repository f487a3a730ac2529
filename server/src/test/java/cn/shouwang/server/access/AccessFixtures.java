package cn.shouwang.server.access;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Access's fixtures for tests of every module: accounts beside the demo ones. A bean of the one test context
 * ({@code ServerTest}): {@code @Autowired AccessFixtures access;}.
 */
public class AccessFixtures {
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    public AccessFixtures(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /** A new personal API token of the account (as 我的账户 → API 令牌 makes one), in clear. */
    public String apiToken(String username) {
        long id = jdbc.sql("select id from account where username = :u").param("u", username).query(Long.class).single();
        return new ApiTokens(jdbc, java.time.Clock.systemUTC()).create(id, "test");
    }

    /** An enabled demo account that signs in with {@code password}, unless the user name is taken already. */
    public void account(String username, String displayName, Role role, String area, String password) {
        jdbc.sql("""
                insert into account (username, display_name, password_hash, role, area_code, demo, password_changed_at)
                values (:u, :d, :h, :r, :a, true, now())
                on conflict (username) do nothing""")
                .param("u", username).param("d", displayName).param("h", passwords.encode(password))
                .param("r", role.name()).param("a", area).update();
    }
}
