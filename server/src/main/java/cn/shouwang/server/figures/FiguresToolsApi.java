package cn.shouwang.server.figures;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.figures.dashboard.Dashboard;
import cn.shouwang.server.figures.snapshot.Snapshots;
import java.time.YearMonth;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** What the command-line tools may ask of the figures module: the timings of bench-figures. */
@Component
public class FiguresToolsApi {
    private final Dashboard dashboard;
    private final Snapshots snapshots;

    FiguresToolsApi(Dashboard dashboard, Snapshots snapshots) {
        this.dashboard = dashboard;
        this.snapshots = snapshots;
    }

    /** Milliseconds to gather everything 统计调度 shows for the area today (every source, the trend, the ranking). */
    public long timeDashboard(AreaScope scope) {
        long t0 = System.nanoTime();
        dashboard.view(scope, null, Locale.SIMPLIFIED_CHINESE);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The dashboard's headline figures of the area (households, persons monitored), for the benchmark's report. */
    public String headline(AreaScope scope) {
        Dashboard.AreaRow t = dashboard.view(scope, null, Locale.SIMPLIFIED_CHINESE).total();
        return "%,d monitored households, %,d persons, %,d eliminated, %,d overdue leads, %,d without a measure"
                .formatted(t.monitoredHouseholds(), t.monitoredPersons(), t.eliminatedHouseholds(), t.leadsOverdue(),
                        t.withoutMeasure());
    }

    /** Takes the snapshot of the latest past month without one (reconstructed); its month and milliseconds. */
    public String timeSnapshot(YearMonth before) {
        YearMonth m = before;
        while (snapshots.find(m).isPresent()) m = m.minusMonths(1);
        long t0 = System.nanoTime();
        snapshots.take(m, m.atEndOfMonth(), Snapshots.How.RECONSTRUCTED, "bench");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Snapshots.Snapshot s = snapshots.find(m).orElseThrow();
        return "%s: %,d ms, %,d villages, %,d values".formatted(m, ms, s.villages(), s.values());
    }
}
