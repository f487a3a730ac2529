package cn.shouwang.server.casework.quality;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.figures.FigureSourceApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The data-quality findings (数据质量) of monitored households per area, for 统计调度's ranking (通报). The rules run
 * in Java over each household and its members (the list's own code, {@link DataQualityStore#findings}), which costs
 * seconds for a city, so they are not recomputed per request (docs/architecture.md, figures):
 * <ul>
 *   <li>today: the findings of every village of every province with monitored households, counted in one pass and
 *       kept; a request sums the villages of its area (so every drill-down step is served from the same pass). A pass
 *       older than {@link #KEEP} is served while a new one runs in the background: only the first request after a
 *       start waits for a pass;</li>
 *   <li>another day (a reconstructed snapshot): counted for the area, kept ten minutes per area, day and level.</li>
 * </ul>
 * The rules have no dated history: a past day is checked with today's data.
 */
@Component
class QualityFigures implements FigureSourceApi {
    private static final Logger log = LoggerFactory.getLogger(QualityFigures.class);
    static final Duration KEEP = Duration.ofMinutes(10);
    private final DataQualityStore store;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "quality-figures");
        t.setDaemon(true);
        return t;
    });
    private volatile Today today;

    private record Kept(Instant at, Map<String, Long> counts) {}

    /** One pass over every village: the day it checked, when it ran, findings per village code. */
    private record Today(LocalDate day, Instant at, Map<String, Long> villages) {}

    QualityFigures(DataQualityStore store, JdbcClient jdbc, Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void figures(AreaScope scope, int digits, LocalDate asOf, Sink out) {
        Instant now = clock.instant();
        if (asOf.equals(LocalDate.now(clock))) {
            Today t = today;
            if (t == null) {
                t = pass();
            } else if (!t.day().equals(asOf) || t.at().plus(KEEP).isBefore(now)) {
                refreshInBackground();
            }
            Map<String, Long> counts = new HashMap<>();
            String lo = scope.lowestCode();
            String hi = scope.highestCode();
            t.villages().forEach((v, n) -> {
                if (v.compareTo(lo) >= 0 && v.compareTo(hi) <= 0) counts.merge(v.substring(0, digits), n, Long::sum);
            });
            counts.forEach((a, n) -> out.add(a, QUALITY_FINDINGS, n));
            return;
        }
        String key = scope.areaCode() + ":" + digits + ":" + asOf;
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

    /** Counts today's findings of every village (each province with monitored households in turn) and keeps them. */
    private synchronized Today pass() {
        LocalDate day = LocalDate.now(clock);
        Today t = today;
        if (t != null && t.day().equals(day) && !t.at().plus(KEEP).isBefore(clock.instant())) return t;
        Instant at = clock.instant();
        Map<String, Long> villages = new HashMap<>();
        List<String> provinces = jdbc.sql("select distinct substr(village_code, 1, 2) from monitored_household")
                .query(String.class).list();
        for (String p : provinces) {
            for (DataQualityStore.Finding f : store.findings(new AreaScope(p + "0000000000"), day)) {
                villages.merge(f.villageCode(), 1L, Long::sum);
            }
        }
        t = new Today(day, at, Map.copyOf(villages));
        today = t;
        return t;
    }

    private void refreshInBackground() {
        if (!refreshing.compareAndSet(false, true)) return;
        background.execute(() -> {
            try {
                pass();
            } catch (RuntimeException e) {
                log.warn("figures: the data-quality findings could not be counted", e);
            } finally {
                refreshing.set(false);
            }
        });
    }

    /** Forgets every kept count (tests, and after a change a user wants to see at once). */
    void forget() {
        kept.clear();
        today = null;
    }
}
