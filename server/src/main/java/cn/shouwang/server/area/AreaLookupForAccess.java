package cn.shouwang.server.area;

import cn.shouwang.server.access.AreaInfo;
import cn.shouwang.server.access.AreaLookup;
import cn.shouwang.server.access.AreaScope;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Access's questions about the current division list ({@link AreaLookup}): the area selector and account pages. */
@Component
class AreaLookupForAccess implements AreaLookup {
    private static final String CURRENT = "(select id from area_edition where is_current)";
    private final JdbcClient jdbc;

    AreaLookupForAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<AreaInfo> find(String code) {
        return jdbc.sql("select code, name, level from area where edition_id = " + CURRENT + " and code = :c")
                .param("c", code)
                .query((rs, i) -> new AreaInfo(rs.getString(1), rs.getString(2), rs.getInt(3))).optional();
    }

    @Override
    public List<AreaInfo> children(String code) {
        return jdbc.sql("select code, name, level from area where edition_id = " + CURRENT
                        + " and parent_code = :c order by code limit 1000")
                .param("c", code)
                .query((rs, i) -> new AreaInfo(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
    }

    @Override
    public Map<String, String> names(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        if (codes.isEmpty()) return names;
        jdbc.sql("select code, name from area where edition_id = " + CURRENT + " and code in (:c)")
                .param("c", List.copyOf(codes))
                .query(rs -> { names.put(rs.getString(1), rs.getString(2)); });
        return names;
    }

    @Override
    public Map<Integer, Long> countsBelow(AreaScope scope) {
        Map<Integer, Long> counts = new TreeMap<>();
        jdbc.sql("select level, count(*) from area where edition_id = " + CURRENT
                        + " and code like :p and code <> :c group by level")
                .param("p", scope.likePattern()).param("c", scope.areaCode())
                .query(rs -> { counts.put(rs.getInt(1), rs.getLong(2)); });
        return counts;
    }

    @Override
    public boolean anyLoaded() {
        return jdbc.sql("select exists (select 1 from area where edition_id = " + CURRENT + ")")
                .query(Boolean.class).single();
    }
}
