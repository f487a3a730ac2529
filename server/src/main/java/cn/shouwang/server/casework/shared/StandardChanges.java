package cn.shouwang.server.casework.shared;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * 标准调整 of the standards besides the income lines (table {@code standard_change}, casework V11): the comparison's
 * thresholds and rules ({@code ComparisonSetting} keys) and the monitoring categories open for new identifications
 * ({@link #CATEGORIES_OPEN}). Each change is a row of its own with the day it takes effect; the value at a place on a
 * day is the nearest region's latest change effective by then (area code null: the province-wide value). A change
 * whose value is null ends the region's own value from its day (the place inherits again).
 */
@Repository
public class StandardChanges {
    /**
     * Which of the monitoring categories (core's {@code MonitoringCategory} codes, comma-separated) a new
     * identification may record; empty: none, the household is identified without a category. Unset: all.
     */
    public static final String CATEGORIES_OPEN = "categories_open";

    private final JdbcClient jdbc;

    StandardChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A value in force: the value, the region that sets it (null: province-wide) and since when (null: from before). */
    public record InForce(String value, @Nullable String areaCode, @Nullable LocalDate effectiveFrom) {}

    private record Latest(@Nullable String areaCode, String name, @Nullable String value, @Nullable LocalDate from) {}

    /** Per region (null: province-wide) and name, the latest change effective on {@code asOf}. */
    private List<Latest> latest(Set<String> areaCodes, LocalDate asOf) {
        return jdbc.sql("""
                select distinct on (name, coalesce(area_code, '')) area_code, name, value, effective_from
                from standard_change
                where (area_code is null or area_code in (:a)) and (effective_from is null or effective_from <= :d)
                order by name, coalesce(area_code, ''), effective_from desc nulls last, id desc""")
                .param("a", areaCodes.isEmpty() ? List.of("-") : areaCodes).param("d", asOf)
                .query((rs, i) -> new Latest(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class))).list();
    }

    /**
     * Per name, the value in force at an area (any level) on a day: the most specific of its regions whose latest
     * change by then has a value, else the province-wide one; names nobody sets are absent (their default applies).
     */
    public Map<String, InForce> inForce(String areaCode, LocalDate asOf) {
        return inForce(areaCode, latest(new LinkedHashSet<>(CaseworkSettingsStore.lineage(areaCode)), asOf));
    }

    /** {@link #inForce(String, LocalDate)} of many areas in one query. */
    public Map<String, Map<String, InForce>> inForce(java.util.Collection<String> areaCodes, LocalDate asOf) {
        Set<String> all = new LinkedHashSet<>();
        areaCodes.forEach(a -> all.addAll(CaseworkSettingsStore.lineage(a)));
        List<Latest> rows = latest(all, asOf);
        Map<String, Map<String, InForce>> out = new HashMap<>();
        for (String a : areaCodes) out.computeIfAbsent(a, k -> inForce(k, rows));
        return out;
    }

    private static Map<String, InForce> inForce(String areaCode, List<Latest> rows) {
        Map<String, InForce> v = new HashMap<>();
        Map<String, Integer> specificity = new HashMap<>();
        for (Latest l : rows) {
            if (l.value() == null) continue;
            int s;
            if (l.areaCode() == null) {
                s = -1;
            } else {
                String p = Scopes.prefix(l.areaCode());
                if (!areaCode.startsWith(p)) continue;
                s = p.length();
            }
            if (s > specificity.getOrDefault(l.name(), -2)) {
                specificity.put(l.name(), s);
                v.put(l.name(), new InForce(l.value(), l.areaCode(), l.from()));
            }
        }
        return v;
    }

    /** What a region itself (null: province-wide) sets on a day, by name (names it does not set are absent). */
    public Map<String, String> own(@Nullable String areaCode, LocalDate asOf) {
        Map<String, String> v = new TreeMap<>();
        for (Latest l : latest(areaCode == null ? Set.of() : Set.of(areaCode), asOf)) {
            if (l.value() != null && java.util.Objects.equals(l.areaCode(), areaCode)) v.put(l.name(), l.value());
        }
        return v;
    }

    /** A change recorded and not yet in force (待生效). */
    public record Scheduled(String name, @Nullable String value, LocalDate effectiveFrom, @Nullable String reason,
                            @Nullable String document, @Nullable String byName) {}

    /** A region's changes effective after {@code today}, by day. */
    public List<Scheduled> scheduled(@Nullable String areaCode, LocalDate today) {
        return jdbc.sql("""
                select name, value, effective_from, reason, document, changed_by_name from standard_change
                where area_code is not distinct from :a and effective_from > :d order by effective_from, id""")
                .param("a", areaCode).param("d", today)
                .query((rs, i) -> new Scheduled(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getString(5), rs.getString(6))).list();
    }

    /** The id of a region's last change (0: none): a form read before another change is refused. */
    public long lastId(@Nullable String areaCode) {
        return jdbc.sql("select coalesce(max(id), 0) from standard_change where area_code is not distinct from :a")
                .param("a", areaCode).query(Long.class).single();
    }

    /** Records one change (append-only), in the caller's transaction. */
    public void record(@Nullable String areaCode, String name, @Nullable String value, LocalDate effectiveFrom,
                       String reason, @Nullable String document, String byUser, String byName, Instant at) {
        jdbc.sql("""
                insert into standard_change (area_code, name, value, effective_from, reason, document, changed_by,
                  changed_by_name, changed_at)
                values (:a, :n, :v, :e, :r, :d, :by, :byName, :at)""")
                .param("a", areaCode).param("n", name).param("v", value).param("e", effectiveFrom).param("r", reason)
                .param("d", document).param("by", byUser).param("byName", byName).param("at", Timestamp.from(at))
                .update();
    }

    /** The category codes of a stored {@link #CATEGORIES_OPEN} value, in its order. */
    public static List<String> categories(String stored) {
        return Arrays.stream(stored.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The stored value of a set of category codes: in the order of {@code all}. */
    public static String categoriesValue(List<String> all, java.util.Collection<String> open) {
        return all.stream().filter(open::contains).collect(Collectors.joining(","));
    }

}
