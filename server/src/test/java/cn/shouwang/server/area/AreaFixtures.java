package cn.shouwang.server.area;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The division list's fixtures for tests of every module. A bean of the one test context ({@code ServerTest}):
 * {@code @Autowired AreaFixtures areas;}. The list itself is loaded by {@code ServerTest.ensureAreas}.
 */
public class AreaFixtures {
    private final JdbcClient jdbc;

    public AreaFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The current edition's id. */
    public int currentEdition() {
        return jdbc.sql("select id from area_edition where is_current").query(Integer.class).single();
    }

    /** Puts the area (level 1 province … 5 village) into the current edition unless it is there already. */
    public void area(String code, String name, int level, String parentCode) {
        jdbc.sql("""
                insert into area (edition_id, code, name, level, parent_code)
                select :e, :c, :n, :l, :p where not exists (select 1 from area where edition_id = :e and code = :c)""")
                .param("e", currentEdition()).param("c", code).param("n", name).param("l", level).param("p", parentCode)
                .update();
    }

    /** A new, empty edition that is not the current one; returns its id. */
    public int idleEdition(String name) {
        return jdbc.sql("insert into area_edition (name, loaded_by, is_current) values (:n, 'test', false) returning id")
                .param("n", name).query(Integer.class).single();
    }
}
