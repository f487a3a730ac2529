package cn.shouwang.server.figures.report;

import static cn.shouwang.server.figures.FigureSourceApi.*;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.figures.FigureTable;
import cn.shouwang.server.figures.live.Figures;
import cn.shouwang.server.figures.snapshot.Snapshots;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * 调度表 (issue 14 point 3): for a month (live or a snapshot) and an area, one row per child area with the columns a
 * county reports — monitored households and persons by category, risk eliminated and not, identified this month,
 * overdue leads, measures by group —, and the totals. The same figures as the dashboard.
 */
@Component
public class Review {
    static final BigDecimal WAN = BigDecimal.valueOf(10_000);
    private final Figures figures;
    private final Snapshots snapshots;
    private final AreaApi areas;
    private final Clock clock;

    Review(Figures figures, Snapshots snapshots, AreaApi areas, Clock clock) {
        this.figures = figures;
        this.snapshots = snapshots;
        this.areas = areas;
        this.clock = clock;
    }

    /**
     * A column: its header, the metrics it sums, and whether it is money (yuan summed, shown in 万元 with two decimals)
     * or a count.
     */
    public record Column(String header, List<String> metrics, boolean wan) {
        Column(String header, List<String> metrics) {
            this(header, metrics, false);
        }
    }

    /** A row's values: a {@code Long} for a count, a {@code BigDecimal} (万元, two decimals) for money. */
    public record Row(String code, String name, List<Number> values) {}

    public record Table(String areaName, @Nullable YearMonth month, LocalDate asOf, List<Column> columns, List<Row> rows,
                        Row total) {}

    public Table table(AreaScope scope, @Nullable YearMonth month, Locale locale, java.util.function.Function<String, String> msg) {
        LocalDate today = LocalDate.now(clock);
        int digits = scope.childDigits();
        FigureTable t = month == null ? figures.live(scope, digits, today) : snapshots.read(month, scope, digits);
        Map<String, String> names = figures.codeNames(locale);
        List<Column> cols = new ArrayList<>();
        cols.add(new Column(msg.apply("figures.review.monitoredHouseholds"), List.of(MONITORED_HOUSEHOLDS)));
        cols.add(new Column(msg.apply("figures.review.monitoredPersons"), List.of(MONITORED_PERSONS)));
        for (String cat : new TreeSet<>(t.totalsUnder(BY_CATEGORY_HOUSEHOLDS).keySet())) {
            String n = names.getOrDefault("category." + cat, cat);
            cols.add(new Column(msg.apply("figures.review.categoryHouseholds").formatted(n), List.of(BY_CATEGORY_HOUSEHOLDS + cat)));
            cols.add(new Column(msg.apply("figures.review.categoryPersons").formatted(n), List.of(BY_CATEGORY_PERSONS + cat)));
        }
        cols.add(new Column(msg.apply("figures.review.eliminatedHouseholds"), List.of(ELIMINATED_HOUSEHOLDS)));
        cols.add(new Column(msg.apply("figures.review.eliminatedPersons"), List.of(ELIMINATED_PERSONS)));
        cols.add(new Column(msg.apply("figures.review.leadsNew"), List.of(LEADS_NEW)));
        cols.add(new Column(msg.apply("figures.review.leadsConfirmed"), List.of(LEADS_CONFIRMED)));
        cols.add(new Column(msg.apply("figures.review.overdue"), List.of(LEADS_OVERDUE)));
        cols.add(new Column(msg.apply("figures.review.withoutMeasure"), List.of(WITHOUT_MEASURE)));
        // measures by group (stopped ones left out: what is planned, running or delivered)
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String k : new TreeSet<>(t.totalsUnder(MEASURES).keySet())) {
            int dot = k.lastIndexOf('.');
            if (k.endsWith(".STOPPED")) continue;
            groups.computeIfAbsent(k.substring(0, dot), g -> new ArrayList<>()).add(MEASURES + k);
        }
        groups.forEach((g, metrics) -> cols.add(new Column(msg.apply("figures.review.measures")
                .formatted(names.getOrDefault("measureGroup." + g, g)), metrics)));
        // 防贫保 (insurance): claims and payouts of the year up to the day, payouts of the month
        cols.add(new Column(msg.apply("figures.review.insuranceClaims"), List.of(INSURANCE_CLAIMS)));
        cols.add(new Column(msg.apply("figures.review.insurancePaid"), List.of(INSURANCE_PAID)));
        cols.add(new Column(msg.apply("figures.review.insurancePayouts"), List.of(INSURANCE_PAYOUTS), true));
        cols.add(new Column(msg.apply("figures.review.insurancePayoutsMonth"), List.of(INSURANCE_PAYOUTS_MONTH), true));

        List<Row> rows = new ArrayList<>();
        if (scope.level() < 5) {
            Map<String, String> children = new LinkedHashMap<>();
            for (AreaInfo c : areas.children(scope.areaCode())) children.put(c.code(), c.name());
            for (String code : t.areas()) children.putIfAbsent(code, code);
            children.forEach((code, name) -> rows.add(new Row(code, name, values(cols, m -> t.get(code, m)))));
        }
        String areaName = areas.find(scope.areaCode()).map(AreaInfo::name).orElse(scope.areaCode());
        Row total = new Row(scope.areaCode(), msg.apply("figures.total"), values(cols, t::total));
        return new Table(areaName, month, month == null ? today : month.atEndOfMonth(), cols, rows, total);
    }

    private static List<Number> values(List<Column> cols, java.util.function.Function<String, BigDecimal> v) {
        List<Number> out = new ArrayList<>();
        for (Column c : cols) {
            BigDecimal n = BigDecimal.ZERO;
            for (String m : c.metrics()) n = n.add(v.apply(m));
            out.add(c.wan() ? n.divide(WAN, 2, RoundingMode.HALF_UP) : (Number) n.longValue());
        }
        return out;
    }
}
