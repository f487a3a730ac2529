package cn.shouwang.server.casework;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At most {@code perHour} self-reports per IP address in a sliding hour. Held in memory: one county server, and a
 * restart forgetting the counts is harmless. Old addresses are swept as they are seen, and the map is bounded.
 */
@Component
class SelfReportLimiter {
    private static final int MAX_ADDRESSES = 100_000;
    private final Map<String, Deque<Instant>> seen = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int perHour;

    SelfReportLimiter(Clock clock, @Value("${shouwang.casework.self-reports-per-hour:5}") int perHour) {
        this.clock = clock;
        this.perHour = perHour;
    }

    boolean allow(String ip) {
        Instant now = clock.instant();
        Instant cutoff = now.minus(Duration.ofHours(1));
        if (seen.size() > MAX_ADDRESSES) sweep(cutoff);
        Deque<Instant> q = seen.computeIfAbsent(ip, k -> new ArrayDeque<>());
        synchronized (q) {
            while (!q.isEmpty() && q.peekFirst().isBefore(cutoff)) q.pollFirst();
            if (q.size() >= perHour) return false;
            q.addLast(now);
            return true;
        }
    }

    private void sweep(Instant cutoff) {
        for (Iterator<Map.Entry<String, Deque<Instant>>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            Deque<Instant> q = it.next().getValue();
            synchronized (q) {
                if (q.isEmpty() || q.peekLast().isBefore(cutoff)) it.remove();
            }
        }
    }
}
