package cn.shouwang.server.access;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Names and children of areas for the selector and the account pages, read from the current edition of the
 * division list (table {@code area}). Without a loaded list it still works, showing codes instead of names.
 */
@Component
class AreaDirectory {
    private static final String CURRENT = "(select id from area_edition where is_current)";
    private final JdbcClient jdbc;

    AreaDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AreaInfo> find(String code) {
        return jdbc.sql("select code, name, level from area where edition_id = " + CURRENT + " and code = :c")
                .param("c", code)
                .query((rs, i) -> new AreaInfo(rs.getString(1), rs.getString(2), rs.getInt(3))).optional();
    }

    List<AreaInfo> children(String code) {
        return jdbc.sql("select code, name, level from area where edition_id = " + CURRENT
                        + " and parent_code = :c order by code limit 1000")
                .param("c", code)
                .query((rs, i) -> new AreaInfo(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
    }

    /** Names by code for the given codes; codes not in the list are absent from the map. */
    Map<String, String> names(Collection<String> codes) {
        Map<String, String> names = new HashMap<>();
        if (codes.isEmpty()) return names;
        jdbc.sql("select code, name from area where edition_id = " + CURRENT + " and code in (:c)")
                .param("c", List.copyOf(codes))
                .query(rs -> { names.put(rs.getString(1), rs.getString(2)); });
        return names;
    }

    /** How many areas of each level (4 township, 5 village …) lie below {@code scope}'s area. */
    Map<Integer, Long> countsBelow(AreaScope scope) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        jdbc.sql("select level, count(*) from area where edition_id = " + CURRENT
                        + " and code like :p and code <> :c group by level")
                .param("p", scope.likePattern()).param("c", scope.areaCode())
                .query(rs -> { counts.put(rs.getInt(1), rs.getLong(2)); });
        return counts;
    }

    /** Whether a division list has been loaded at all (before that, codes cannot be checked). */
    boolean anyLoaded() {
        return jdbc.sql("select exists (select 1 from area where edition_id = " + CURRENT + ")")
                .query(Boolean.class).single();
    }

    String name(String code) {
        return find(code).map(AreaInfo::name).orElse(code);
    }
}
