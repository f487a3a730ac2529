package cn.shouwang.server.access;

import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The account table. Every listing and every change is limited to an {@link AreaScope} in the SQL itself. */
@Repository
class Accounts {
    private static final String COLUMNS = "id, username, display_name, role, area_code, enabled, failed_logins, "
            + "locked_until, demo, version, last_login_at, department";
    private static final RowMapper<Account> ROW = (rs, i) -> new Account(rs.getLong("id"), rs.getString("username"),
            rs.getString("display_name"), Role.valueOf(rs.getString("role")), rs.getString("area_code"),
            rs.getBoolean("enabled"), rs.getInt("failed_logins"), rs.getObject("locked_until", OffsetDateTime.class),
            rs.getBoolean("demo"), rs.getInt("version"), rs.getObject("last_login_at", OffsetDateTime.class),
            rs.getString("department") == null ? null : Department.valueOf(rs.getString("department")));

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    Accounts(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    long count() {
        return jdbc.sql("select count(*) from account").query(Long.class).single();
    }

    boolean exists(String username) {
        return jdbc.sql("select count(*) from account where username = :u").param("u", username)
                .query(Long.class).single() > 0;
    }

    long countIn(AreaScope scope, String search) {
        return jdbc.sql("select count(*) from account where area_code like :p and (:q = '' or username ilike :qq "
                        + "or display_name ilike :qq)")
                .param("p", scope.likePattern()).param("q", search).param("qq", "%" + escapeLike(search) + "%")
                .query(Long.class).single();
    }

    List<Account> pageIn(AreaScope scope, String search, int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from account where area_code like :p and (:q = '' or username ilike :qq "
                        + "or display_name ilike :qq) order by area_code, username offset :o limit :l")
                .param("p", scope.likePattern()).param("q", search).param("qq", "%" + escapeLike(search) + "%")
                .param("o", offset).param("l", limit)
                .query(ROW).list();
    }

    /** The account, if it lies inside {@code scope}; an account elsewhere is as good as absent. */
    Optional<Account> findIn(AreaScope scope, long id) {
        return jdbc.sql("select " + COLUMNS + " from account where id = :id and area_code like :p")
                .param("id", id).param("p", scope.likePattern()).query(ROW).optional();
    }

    Optional<Account> findByUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from account where username = :u").param("u", username)
                .query(ROW).optional();
    }

    @Transactional
    long create(String username, String displayName, Role role, String areaCode, String rawPassword, boolean demo) {
        return create(username, displayName, role, areaCode, null, rawPassword, demo);
    }

    long create(String username, String displayName, Role role, String areaCode, @Nullable Department department,
                String rawPassword, boolean demo) {
        return jdbc.sql("""
                insert into account (username, display_name, password_hash, role, area_code, demo, password_changed_at,
                  department)
                values (:u, :n, :h, :r, :a, :d, :t, :dep) returning id""")
                .param("dep", department == null ? null : department.name())
                .param("u", username).param("n", displayName).param("h", encoder.encode(rawPassword))
                .param("r", role.name()).param("a", areaCode).param("d", demo).param("t", now())
                .query(Long.class).single();
    }

    /** Gives a demo account without a department this one (demo databases of earlier releases). */
    void demoDepartmentIfNone(String username, Department department) {
        jdbc.sql("update account set department = :d, version = version + 1 where username = :u and demo and department is null")
                .param("d", department.name()).param("u", username).update();
    }

    /** @return false when the row changed since {@code version} was read (someone else saved first). */
    boolean update(AreaScope scope, long id, int version, String displayName, Role role, String areaCode,
                   @Nullable Department department) {
        return jdbc.sql("""
                update account set display_name = :n, role = :r, area_code = :a, department = :dep, version = version + 1,
                       updated_at = :t
                 where id = :id and version = :v and area_code like :p""")
                .param("dep", department == null ? null : department.name())
                .param("n", displayName).param("r", role.name()).param("a", areaCode).param("t", now())
                .param("id", id).param("v", version).param("p", scope.likePattern()).update() == 1;
    }

    boolean setPassword(AreaScope scope, long id, String rawPassword) {
        return jdbc.sql("""
                update account set password_hash = :h, password_changed_at = :t, failed_logins = 0, locked_until = null,
                       version = version + 1, updated_at = :t where id = :id and area_code like :p""")
                .param("h", encoder.encode(rawPassword)).param("t", now()).param("id", id)
                .param("p", scope.likePattern()).update() == 1;
    }

    String passwordHash(long id) {
        return jdbc.sql("select password_hash from account where id = :id").param("id", id).query(String.class).single();
    }

    void setOwnPassword(long id, String rawPassword) {
        jdbc.sql("update account set password_hash = :h, password_changed_at = :t, version = version + 1, updated_at = :t "
                        + "where id = :id")
                .param("h", encoder.encode(rawPassword)).param("t", now()).param("id", id).update();
    }

    boolean unlock(AreaScope scope, long id) {
        return jdbc.sql("""
                update account set failed_logins = 0, locked_until = null, version = version + 1, updated_at = :t
                 where id = :id and area_code like :p""")
                .param("t", now()).param("id", id).param("p", scope.likePattern()).update() == 1;
    }

    boolean setEnabled(AreaScope scope, long id, boolean enabled) {
        return jdbc.sql("""
                update account set enabled = :e, version = version + 1, updated_at = :t
                 where id = :id and area_code like :p""")
                .param("e", enabled).param("t", now()).param("id", id).param("p", scope.likePattern()).update() == 1;
    }

    void recordSuccess(String username) {
        jdbc.sql("update account set failed_logins = 0, locked_until = null, last_login_at = :t where username = :u")
                .param("t", now()).param("u", username).update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
