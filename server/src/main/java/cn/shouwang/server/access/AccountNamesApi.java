package cn.shouwang.server.access;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Display names of accounts by account name, for pages that list who did what (the audit log). */
@Service
public class AccountNamesApi {
    private final JdbcClient jdbc;

    AccountNamesApi(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Display name by account name for the given names (one query); names of no account are absent. */
    public Map<String, String> displayNames(Collection<String> usernames) {
        Map<String, String> names = new HashMap<>();
        if (usernames.isEmpty()) return names;
        jdbc.sql("select username, display_name from account where username in (:u)")
                .param("u", List.copyOf(usernames))
                .query(rs -> {
                    names.put(rs.getString(1), rs.getString(2));
                });
        return names;
    }
}
