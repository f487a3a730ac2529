package cn.shouwang.server.figures;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Figures by area (12-digit code) and metric: the live figures of the sources or a month's snapshot, summed to one
 * level. Absent is zero. Not thread-safe (one per request).
 */
public final class FigureTable {
    private final Map<String, Map<String, BigDecimal>> byArea = new TreeMap<>();
    private final Map<String, BigDecimal> totals = new TreeMap<>();

    /** Adds a value to an area given by a code prefix (padded with zeros to 12 digits). */
    public void add(String areaPrefix, String metric, BigDecimal value) {
        if (value.signum() == 0) return;
        String area = (areaPrefix.strip() + "000000000000").substring(0, 12);
        byArea.computeIfAbsent(area, a -> new TreeMap<>()).merge(metric, value, BigDecimal::add);
        totals.merge(metric, value, BigDecimal::add);
    }

    public BigDecimal get(String area, String metric) {
        return byArea.getOrDefault(area, Map.of()).getOrDefault(metric, BigDecimal.ZERO);
    }

    public long count(String area, String metric) {
        return get(area, metric).longValue();
    }

    public BigDecimal total(String metric) {
        return totals.getOrDefault(metric, BigDecimal.ZERO);
    }

    public long totalCount(String metric) {
        return total(metric).longValue();
    }

    /** The metrics with a value that start with {@code prefix}, with the rest of their name → total. */
    public Map<String, BigDecimal> totalsUnder(String prefix) {
        Map<String, BigDecimal> out = new TreeMap<>();
        totals.forEach((m, v) -> {
            if (m.startsWith(prefix)) out.put(m.substring(prefix.length()), v);
        });
        return out;
    }

    public Set<String> areas() {
        return byArea.keySet();
    }

    public Map<String, BigDecimal> totals() {
        return totals;
    }
}
