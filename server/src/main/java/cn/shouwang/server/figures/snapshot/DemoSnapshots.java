package cn.shouwang.server.figures.snapshot;

import java.time.Clock;
import java.time.YearMonth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's month-end snapshots: after every other demo runner (order 50) has loaded its records, the last twelve
 * months are reconstructed from the dated records (identified, eliminated, opened, closed) so that the month chooser
 * and the trend of 统计调度 have data. Only when no snapshot exists (a restarted demo keeps its own).
 */
@Component
@Profile("demo")
@Order(50)
class DemoSnapshots implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoSnapshots.class);
    static final int MONTHS = 12;
    private final Snapshots snapshots;
    private final Clock clock;

    DemoSnapshots(Snapshots snapshots, Clock clock) {
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!snapshots.list().isEmpty()) return;
        long t0 = System.nanoTime();
        YearMonth now = YearMonth.now(clock);
        for (int i = MONTHS; i >= 1; i--) {
            YearMonth m = now.minusMonths(i);
            snapshots.take(m, m.atEndOfMonth(), Snapshots.How.RECONSTRUCTED, "demo");
        }
        log.info("demo: {} month-end snapshots reconstructed in {} ms", MONTHS, (System.nanoTime() - t0) / 1_000_000);
    }
}
