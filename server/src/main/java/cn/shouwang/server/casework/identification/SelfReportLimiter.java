package cn.shouwang.server.casework.identification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sliding windows against floods of self-reports, all of which a report must pass: per client address (an hour),
 * per village (an hour: a script rotating addresses still cannot bury one village's monitor) and per id number (a
 * day: one person cannot be reported over and over). The id number is known here only by its keyed hash
 * ({@code PersonalDataApi.idNumberHash}), never in clear. A refused report counts in no window. Held in memory: one
 * county server, and a restart forgetting the counts is harmless. Old keys are swept as they are seen, and the map is
 * bounded.
 */
@Component
class SelfReportLimiter {
    private static final int MAX_KEYS = 100_000;
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    /** The settings {@code shouwang.casework.self-reports-per-hour}, {@code …-per-village-per-hour}, {@code …-per-id-number-per-day}. */
    record Limits(int perAddressPerHour, int perVillagePerHour, int perIdNumberPerDay) {}

    private final Map<String, Deque<Instant>> seen = new java.util.HashMap<>();
    private final Clock clock;
    private final Limits limits;

    @Autowired
    SelfReportLimiter(Clock clock,
                      @Value("${shouwang.casework.self-reports-per-hour:5}") int perAddressPerHour,
                      @Value("${shouwang.casework.self-reports-per-village-per-hour:30}") int perVillagePerHour,
                      @Value("${shouwang.casework.self-reports-per-id-number-per-day:3}") int perIdNumberPerDay) {
        this(clock, new Limits(perAddressPerHour, perVillagePerHour, perIdNumberPerDay));
    }

    SelfReportLimiter(Clock clock, Limits limits) {
        this.clock = clock;
        this.limits = limits;
    }

    Limits limits() {
        return limits;
    }

    private record Window(String key, Duration length, int limit) {}

    /** Whether a report from this address, for this village and id number (its keyed hash) may go in now; counts it if so. */
    synchronized boolean allow(String address, String village, byte[] idNumberHash) {
        Instant now = clock.instant();
        if (seen.size() > MAX_KEYS) sweep(now);
        List<Window> windows = List.of(new Window("a:" + address, HOUR, limits.perAddressPerHour()),
                new Window("v:" + village, HOUR, limits.perVillagePerHour()),
                new Window("i:" + HexFormat.of().formatHex(idNumberHash), DAY, limits.perIdNumberPerDay()));
        for (Window w : windows) {
            Deque<Instant> q = seen.get(w.key());
            if (q == null) continue;
            Instant cutoff = now.minus(w.length());
            while (!q.isEmpty() && !q.peekFirst().isAfter(cutoff)) q.pollFirst();
            if (q.size() >= w.limit()) return false;
        }
        for (Window w : windows) seen.computeIfAbsent(w.key(), k -> new ArrayDeque<>()).addLast(now);
        return true;
    }

    private void sweep(Instant now) {
        for (Iterator<Map.Entry<String, Deque<Instant>>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Deque<Instant>> e = it.next();
            Duration length = e.getKey().startsWith("i:") ? DAY : HOUR;
            if (e.getValue().isEmpty() || !e.getValue().peekLast().isAfter(now.minus(length))) it.remove();
        }
    }
}
