package cn.shouwang.server.figures.snapshot;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.figures.FigureTable;
import cn.shouwang.server.figures.live.Figures;
import cn.shouwang.server.platform.PgCopy;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Month-end snapshots (月末快照): every source's figures per village as of a month's last day, written once
 * (figure_snapshot, figure_snapshot_value; append-only) and read back summed to the level a page shows. Taken by the
 * month-end job ({@link #monthEnd}, SCHEDULED), by an administrator for a past month that has none (MANUAL), or by the
 * demo from the dated records (RECONSTRUCTED).
 */
@Component
public class Snapshots {
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

    public enum How { SCHEDULED, MANUAL, RECONSTRUCTED }

    public record Snapshot(YearMonth month, LocalDate asOf, How how, Instant takenAt, String takenBy, int villages,
                           int values) {
        /** When it was taken, on the server's clock (the page shows it). */
        public java.time.LocalDateTime takenAtLocal() {
            return java.time.LocalDateTime.ofInstant(takenAt, java.time.ZoneId.systemDefault());
        }
    }

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Figures figures;
    private final AreaApi areas;
    private final AuditApi audit;
    private final Clock clock;
    private final TransactionTemplate tx;

    Snapshots(JdbcClient jdbc, DataSource dataSource, Figures figures, AreaApi areas, AuditApi audit, Clock clock,
              TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.figures = figures;
        this.areas = areas;
        this.audit = audit;
        this.clock = clock;
        this.tx = tx;
    }

    /** The snapshots taken, newest first. */
    public List<Snapshot> list() {
        return jdbc.sql("select month, as_of, how, taken_at, taken_by, villages, values_n from figure_snapshot order by month desc")
                .query((rs, i) -> new Snapshot(YearMonth.from(rs.getObject(1, LocalDate.class)),
                        rs.getObject(2, LocalDate.class), How.valueOf(rs.getString(3)),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getInt(6), rs.getInt(7))).list();
    }

    public Optional<Snapshot> find(YearMonth month) {
        return list().stream().filter(s -> s.month().equals(month)).findFirst();
    }

    /**
     * A month's frozen figures of {@code scope}, summed by area of {@code digits} digits: above the villages from the
     * per-area sums written with the snapshot ({@code figure_snapshot_area}), villages from their own values.
     */
    public FigureTable read(YearMonth month, AreaScope scope, int digits) {
        FigureTable t = new FigureTable();
        if (digits < 12) {
            jdbc.sql("""
                    select area_code, metric, value from figure_snapshot_area
                     where month = :m and digits = :d and area_code between :lo and :hi""")
                    .param("m", month.atDay(1)).param("d", digits).param("lo", scope.lowestCode())
                    .param("hi", scope.highestCode())
                    .query(rs -> {
                        t.add(rs.getString(1).substring(0, digits), rs.getString(2), rs.getBigDecimal(3));
                    });
            return t;
        }
        jdbc.sql("""
                select substr(village_code, 1, :n), metric, sum(value) from figure_snapshot_value
                 where month = :m and village_code between :lo and :hi group by 1, 2""")
                .param("n", digits).param("m", month.atDay(1)).param("lo", scope.lowestCode())
                .param("hi", scope.highestCode())
                .query(rs -> {
                    t.add(rs.getString(1), rs.getString(2), rs.getBigDecimal(3));
                });
        return t;
    }

    /** Totals of {@code scope} per snapshot month for the given metrics (the trend lines), oldest first. */
    public Map<YearMonth, Map<String, BigDecimal>> trend(AreaScope scope, Collection<String> metrics) {
        Map<YearMonth, Map<String, BigDecimal>> out = new TreeMap<>();
        for (Snapshot s : list()) out.put(s.month(), new LinkedHashMap<>());
        if (metrics.isEmpty()) return out;
        if (scope.level() < 5) {
            jdbc.sql("""
                    select month, metric, value from figure_snapshot_area
                     where area_code = :a and digits = :d and metric in (:metrics)""")
                    .param("a", scope.areaCode()).param("d", scope.prefix().length()).param("metrics", metrics)
                    .query(rs -> {
                        out.computeIfAbsent(YearMonth.from(rs.getObject(1, LocalDate.class)), k -> new LinkedHashMap<>())
                                .put(rs.getString(2), rs.getBigDecimal(3));
                    });
            return out;
        }
        // a village: its own values, one primary-key range per month
        String[] months = out.keySet().stream().map(m -> m.atDay(1).toString()).toArray(String[]::new);
        jdbc.sql("""
                select month, metric, sum(value) from figure_snapshot_value
                 where month = any(cast(:months as date[])) and village_code between :lo and :hi and metric in (:metrics) group by 1, 2""")
                .param("months", months).param("lo", scope.lowestCode()).param("hi", scope.highestCode())
                .param("metrics", metrics)
                .query(rs -> {
                    out.computeIfAbsent(YearMonth.from(rs.getObject(1, LocalDate.class)), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getBigDecimal(3));
                });
        return out;
    }

    /**
     * Takes the snapshot of {@code month} as of {@code asOf} unless the month has one: false when it had. The figures
     * are gathered first (village by village, every province with divisions), then written in one transaction.
     */
    public boolean take(YearMonth month, LocalDate asOf, How how, String by) {
        if (find(month).isPresent()) return false;
        FigureTable all = new FigureTable();
        for (String province : provinces()) {
            AreaScope scope = new AreaScope(province + "0000000000");
            FigureTable t = figures.live(scope, 12, asOf);
            for (String v : t.areas()) {
                for (Map.Entry<String, BigDecimal> e : valuesOf(t, v).entrySet()) all.add(v, e.getKey(), e.getValue());
            }
        }
        Boolean done = tx.execute(st -> {
            int inserted = jdbc.sql("""
                    insert into figure_snapshot (month, as_of, how, taken_at, taken_by, villages, values_n)
                    values (:m, :asOf, :how, :at, :by, :villages, :values) on conflict (month) do nothing""")
                    .param("m", month.atDay(1)).param("asOf", asOf).param("how", how.name())
                    .param("at", Timestamp.from(clock.instant())).param("by", by)
                    .param("villages", all.areas().size()).param("values", countValues(all)).update();
            if (inserted == 0) return false;
            try (PgCopy copy = PgCopy.open(dataSource, "figure_snapshot_value", "month, village_code, metric, value")) {
                String m = month.atDay(1).toString();
                for (String v : all.areas()) {
                    for (Map.Entry<String, BigDecimal> e : valuesOf(all, v).entrySet()) {
                        copy.add(m).add(v).add(e.getKey()).add(e.getValue().toPlainString()).endRow();
                    }
                }
            }
            // the sums per area above the villages (the trend and a past month of a city read these)
            jdbc.sql("""
                    insert into figure_snapshot_area (month, digits, area_code, metric, value)
                    select month, d, rpad(substr(village_code, 1, d), 12, '0'), metric, sum(value)
                      from figure_snapshot_value, (values (2), (4), (6), (9)) as l (d)
                     where month = :m group by 1, 2, 3, 4""").param("m", month.atDay(1)).update();
            audit.record(AuditAction.FIGURES_SNAPSHOT_TAKE, null, null, null, List.of(), month + " " + how.name());
            return true;
        });
        if (Boolean.TRUE.equals(done)) log.info("figures: snapshot of {} taken ({}, as of {})", month, how, asOf);
        return Boolean.TRUE.equals(done);
    }

    private static Map<String, BigDecimal> valuesOf(FigureTable t, String area) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (String metric : t.totals().keySet()) {
            BigDecimal v = t.get(area, metric);
            if (v.signum() != 0) out.put(metric, v);
        }
        return out;
    }

    private static int countValues(FigureTable t) {
        int n = 0;
        for (String v : t.areas()) n += valuesOf(t, v).size();
        return n;
    }

    private List<String> provinces() {
        return List.copyOf(new TreeSet<>(areas.countyCodes("").stream().map(c -> c.substring(0, 2)).toList()));
    }

    /**
     * The month-end job: runs every evening (Asia/Shanghai) and takes the month's snapshot on its last day, as of that
     * day, with the server's clock (so tests and a moved clock see the same rule). A month missed (server down) stays
     * for an administrator's button.
     */
    @Scheduled(cron = "0 50 23 * * *", zone = "${shouwang.time-zone:Asia/Shanghai}")
    public void monthEnd() {
        LocalDate today = LocalDate.now(clock);
        if (!today.equals(YearMonth.from(today).atEndOfMonth())) return;
        take(YearMonth.from(today), today, How.SCHEDULED, "system");
    }
}
