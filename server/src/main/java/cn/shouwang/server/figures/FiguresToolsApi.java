package cn.shouwang.server.figures;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.figures.dashboard.Dashboard;
import cn.shouwang.server.figures.live.Figures;
import cn.shouwang.server.figures.report.Review;
import cn.shouwang.server.figures.report.ReviewWorkbook;
import cn.shouwang.server.figures.snapshot.Snapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** What the command-line tools may ask of the figures module: the timings of bench-figures. */
@Component
public class FiguresToolsApi {
    private final Dashboard dashboard;
    private final Snapshots snapshots;
    private final Figures figures;
    private final ReviewWorkbook workbook;
    private final Clock clock;

    FiguresToolsApi(Dashboard dashboard, Snapshots snapshots, Figures figures, ReviewWorkbook workbook, Clock clock) {
        this.dashboard = dashboard;
        this.snapshots = snapshots;
        this.figures = figures;
        this.workbook = workbook;
        this.clock = clock;
    }

    /**
     * Milliseconds to gather everything 统计调度 shows for the area (every source or the month's snapshot, the trend,
     * the ranking); {@code month} null: today's live figures.
     */
    public long timeDashboard(AreaScope scope, @Nullable YearMonth month) {
        long t0 = System.nanoTime();
        dashboard.view(scope, month, Locale.SIMPLIFIED_CHINESE);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    public long timeDashboard(AreaScope scope) {
        return timeDashboard(scope, null);
    }

    /** Milliseconds to make the 调度表 workbook of the area (live) and its size in bytes. */
    public long[] timeReviewWorkbook(AreaScope scope) {
        long t0 = System.nanoTime();
        Review.Table t = workbook.table(scope, null, Locale.SIMPLIFIED_CHINESE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            workbook.write(t, workbook.heading(scope, t, Locale.SIMPLIFIED_CHINESE), Locale.SIMPLIFIED_CHINESE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new long[] {(System.nanoTime() - t0) / 1_000_000, out.size()};
    }

    /** Milliseconds each figure source takes for the area's children today (the profile of the dashboard). */
    public Map<String, Long> timeSources(AreaScope scope) {
        return figures.timeSources(scope, scope.childDigits(), LocalDate.now(clock));
    }

    /** The dashboard's headline figures of the area (households, persons monitored), for the benchmark's report. */
    public String headline(AreaScope scope) {
        Dashboard.AreaRow t = dashboard.view(scope, null, Locale.SIMPLIFIED_CHINESE).total();
        return "%,d monitored households, %,d persons, %,d eliminated, %,d overdue leads, %,d without a measure"
                .formatted(t.monitoredHouseholds(), t.monitoredPersons(), t.eliminatedHouseholds(), t.leadsOverdue(),
                        t.withoutMeasure());
    }

    /** Takes the snapshot of the latest month up to {@code before} without one (reconstructed); its month and ms. */
    public String timeSnapshot(YearMonth before) {
        YearMonth m = before;
        while (snapshots.find(m).isPresent()) m = m.minusMonths(1);
        long t0 = System.nanoTime();
        snapshots.take(m, m.atEndOfMonth(), Snapshots.How.RECONSTRUCTED, "bench");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Snapshots.Snapshot s = snapshots.find(m).orElseThrow();
        return "%s: %,d ms, %,d villages, %,d values".formatted(m, ms, s.villages(), s.values());
    }

    /** Whether the month has a snapshot. */
    public boolean hasSnapshot(YearMonth month) {
        return snapshots.find(month).isPresent();
    }
}
