package cn.shouwang.screening.run;

import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.rules.Rule;
import java.util.List;
import java.util.Map;

/** What a run did: per file rows read / rejected / unmatched, warnings per rule, time taken. */
public record Summary(String period, List<FileStats> files, Map<Rule, Long> warningsPerRule, long warnings,
                      long rejects, int households, int persons, long millis, int threads) {

    /**
     * One input file. {@code status}: "compared", "absent" (its rules did not run) or a reason it was not used.
     */
    public record FileStats(FeedKind kind, String file, String status, long read, long rejected, long unmatched) {}

    public long rowsRead() {
        long n = 0;
        for (FileStats f : files) n += f.read();
        return n;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("比对期 period ").append(period).append(": ").append(households).append(" 户 households, ")
                .append(persons).append(" 人 persons\n");
        sb.append(String.format("%-26s %-10s %12s %10s %10s%n", "文件 file", "status", "读取 read", "拒收 rejected", "未匹配 unmatched"));
        for (FileStats f : files) {
            sb.append(String.format("%-26s %-10s %12d %10d %10s%n", f.kind().fileName(), f.status(), f.read(), f.rejected(),
                    f.kind().isRegistry() || f.kind() == FeedKind.WATER_SUPPLY ? "-" : Long.toString(f.unmatched())));
        }
        sb.append("预警 warnings per rule:\n");
        for (Map.Entry<Rule, Long> e : warningsPerRule.entrySet()) {
            sb.append(String.format("  %-20s %10d%n", e.getKey().name(), e.getValue()));
        }
        sb.append(String.format("预警 warnings %d, 拒收 rejects %d, 用时 time %.1f s (%d threads, %.0f rows/s)%n",
                warnings, rejects, millis / 1000.0, threads, millis == 0 ? 0.0 : rowsRead() * 1000.0 / millis));
        return sb.toString();
    }
}
