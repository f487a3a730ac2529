package cn.shouwang.server.casework.quality;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.figures.FigureSourceApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The data-quality findings (数据质量) of monitored households per area, for 统计调度's ranking (通报). The rules run
 * in Java over each household and its members (the list's own code, {@link DataQualityStore#findings}), which costs
 * seconds for a city: a result is kept ten minutes per area, day and level (the only figure that is not recomputed per
 * request; docs/architecture.md, figures). The rules have no dated history: a past day is checked with today's data.
 */
@Component
class QualityFigures implements FigureSourceApi {
    static final Duration KEEP = Duration.ofMinutes(10);
    private final DataQualityStore store;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(Instant at, Map<String, Long> counts) {}

    QualityFigures(DataQualityStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void figures(AreaScope scope, int digits, LocalDate asOf, Sink out) {
        String key = scope.areaCode() + ":" + digits + ":" + asOf;
        Instant now = clock.instant();
        Kept k = kept.get(key);
        if (k == null || k.at().plus(KEEP).isBefore(now)) {
            Map<String, Long> counts = new HashMap<>();
            for (DataQualityStore.Finding f : store.findings(scope, asOf)) {
                counts.merge(f.villageCode().substring(0, digits), 1L, Long::sum);
            }
            k = new Kept(now, counts);
            if (kept.size() > 1_000) kept.clear();
            kept.put(key, k);
        }
        k.counts().forEach((a, n) -> out.add(a, QUALITY_FINDINGS, n));
    }

    /** Forgets every kept count (tests, and after a change a user wants to see at once). */
    void forget() {
        kept.clear();
    }
}
