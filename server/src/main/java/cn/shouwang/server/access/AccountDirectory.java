package cn.shouwang.server.access;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The enabled accounts of one area, by name, for other modules to pick a person (fieldwork's grid worker and
 * ten-household head): no password, lockout or audit detail leaves access.
 */
@Component
public class AccountDirectory {
    /** An account as a picker shows it. */
    public record Person(long id, String displayName, Role role) {}

    private final JdbcClient jdbc;

    AccountDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The enabled accounts whose area is exactly {@code areaCode} (a village's monitor and grid workers). */
    public List<Person> of(String areaCode) {
        return jdbc.sql("select id, display_name, role from account where area_code = :a and enabled order by display_name, id")
                .param("a", areaCode)
                .query((rs, i) -> new Person(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)))).list();
    }

    /** The enabled account of that area, if it is one. */
    public Optional<Person> find(long id, String areaCode) {
        return jdbc.sql("select id, display_name, role from account where id = :id and area_code = :a and enabled")
                .param("id", id).param("a", areaCode)
                .query((rs, i) -> new Person(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)))).optional();
    }
}
