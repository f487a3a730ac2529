package cn.shouwang.server.access;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link AccountsApi} over the account table. */
@Component
class AccountDirectory implements AccountsApi {
    private final JdbcClient jdbc;

    AccountDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Person> of(String areaCode) {
        return jdbc.sql("select id, display_name, role from account where area_code = :a and enabled order by display_name, id")
                .param("a", areaCode)
                .query((rs, i) -> new Person(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)))).list();
    }

    @Override
    public Optional<Person> find(long id, String areaCode) {
        return jdbc.sql("select id, display_name, role from account where id = :id and area_code = :a and enabled")
                .param("id", id).param("a", areaCode)
                .query((rs, i) -> new Person(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)))).optional();
    }
}
