package cn.shouwang.server.area;

import cn.shouwang.core.area.AreaLevel;
import cn.shouwang.server.access.AreaScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AreaRepository implements AreaApi {
    private final JdbcClient jdbc;

    AreaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static AreaInfo row(ResultSet rs, int i) throws SQLException {
        String name = rs.getString("name");
        String parent = rs.getString("parent_code");
        return new AreaInfo(rs.getInt("edition_id"), rs.getString("code"), name, AreaNames.shortForm(name),
                AreaLevel.ofDepth(rs.getInt("level")), parent == null ? null : parent.strip());
    }

    @Override
    public Optional<AreaInfo> find(String code) {
        return currentEdition().flatMap(e -> find(e.id(), code));
    }

    @Override
    public Optional<AreaInfo> find(int editionId, String code) {
        return jdbc.sql("select * from area where edition_id = :e and code = :c")
                .param("e", editionId).param("c", code).query(AreaRepository::row).optional();
    }

    @Override
    public List<AreaInfo> children(String code) {
        return currentEdition().map(e -> children(e.id(), code)).orElse(List.of());
    }

    @Override
    public List<AreaInfo> children(int editionId, String code) {
        return jdbc.sql("select * from area where edition_id = :e and parent_code = :c order by code")
                .param("e", editionId).param("c", code).query(AreaRepository::row).list();
    }

    @Override
    public List<AreaInfo> path(int editionId, String code) {
        return jdbc.sql("""
                with recursive up as (
                    select * from area where edition_id = :e and code = :c
                    union all
                    select a.* from area a join up on a.edition_id = up.edition_id and a.code = up.parent_code)
                select * from up order by level""")
                .param("e", editionId).param("c", code).query(AreaRepository::row).list();
    }

    private static AreaEdition edition(ResultSet rs, int i) throws SQLException {
        return new AreaEdition(rs.getInt("id"), rs.getString("name"), rs.getObject("loaded_at", OffsetDateTime.class),
                rs.getString("loaded_by"), rs.getBoolean("is_current"), rs.getLong("areas"));
    }

    @Override
    public Optional<AreaEdition> currentEdition() {
        return jdbc.sql("""
                select e.*, (select count(*) from area a where a.edition_id = e.id) as areas
                  from area_edition e where is_current""").query(AreaRepository::edition).optional();
    }

    @Override
    public boolean coversEverything(AreaScope scope) {
        if (scope.level() != 1) return false;
        String p = scope.prefix();
        return !jdbc.sql("""
                        select exists (select 1 from area where edition_id in (select id from area_edition where is_current)
                                         and (code < :lo or code > :hi))""")
                .param("lo", p + "0".repeat(12 - p.length())).param("hi", p + "9".repeat(12 - p.length()))
                .query(Boolean.class).single();
    }

    @Override
    public List<AreaEdition> editions() {
        return jdbc.sql("""
                select e.*, (select count(*) from area a where a.edition_id = e.id) as areas
                  from area_edition e order by loaded_at desc""").query(AreaRepository::edition).list();
    }

    @Override
    public List<AreaInfo> villages(String scopePrefix, int limit) {
        return jdbc.sql("""
                select a.* from area a join area_edition e on e.id = a.edition_id and e.is_current
                 where a.level = 5 and a.code like :p order by a.code limit :limit""")
                .param("p", scopePrefix + "%").param("limit", limit).query(AreaRepository::row).list();
    }

    @Override
    public java.util.Map<String, String> names(int editionId, java.util.Collection<String> codes) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        if (codes.isEmpty()) return names;
        jdbc.sql("select code, name from area where edition_id = :e and code in (:c)")
                .param("e", editionId).param("c", List.copyOf(codes))
                .query(rs -> { names.put(rs.getString(1), rs.getString(2)); });
        return names;
    }

    @Override
    public List<String> countyCodes(String scopePrefix) {
        // every edition, as before: a county code names the same county in each
        return jdbc.sql("select distinct substr(a.code, 1, 6) from area a where a.level = 3 and a.code like :p")
                .param("p", scopePrefix + "%").query(String.class).list();
    }

    @Override
    public List<AreaInfo> villages(int editionId, String scopePrefix, int limit) {
        return jdbc.sql("""
                select a.* from area a where a.edition_id = :e and a.level = 5 and a.code like :p order by a.code limit :limit""")
                .param("e", editionId).param("p", scopePrefix + "%").param("limit", limit)
                .query(AreaRepository::row).list();
    }

    @Override
    public List<AreaInfo> search(int editionId, String scopePrefix, String q, int limit) {
        String term = q.strip();
        if (term.isEmpty()) return List.of();
        return jdbc.sql("""
                select * from area
                 where edition_id = :e and code like :scope
                   and (strpos(name, :q) > 0 or code like :codePrefix)
                 order by level, code limit :limit""")
                .param("e", editionId).param("scope", scopePrefix + "%").param("q", term)
                .param("codePrefix", term.replaceAll("[^0-9]", "") .isEmpty() ? "-" : term.replaceAll("[^0-9]", "") + "%")
                .param("limit", limit)
                .query(AreaRepository::row).list();
    }
}
