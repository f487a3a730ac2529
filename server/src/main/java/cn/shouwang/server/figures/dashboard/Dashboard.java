package cn.shouwang.server.figures.dashboard;

import static cn.shouwang.server.figures.FigureSourceApi.*;

import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.figures.FigureTable;
import cn.shouwang.server.figures.live.Figures;
import cn.shouwang.server.figures.snapshot.Snapshots;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What 统计调度 shows for an area and a month (null: live, today): the figures of the area and of each child area,
 * by category, risk type and measure, the trend over the snapshot months and the ranking of the child areas (通报).
 * Every figure of an area is a sum of its villages' figures; ratios and averages are computed from the sums here.
 */
@Component
public class Dashboard {
    static final BigDecimal WAN = BigDecimal.valueOf(10_000);
    static final List<String> TREND_METRICS = List.of(MONITORED_HOUSEHOLDS, MONITORED_PERSONS, ELIMINATED_HOUSEHOLDS,
            LEADS_NEW, LEADS_OVERDUE, WITHOUT_MEASURE);
    static final List<String> MEASURE_STATES = List.of("PLANNED", "IN_PROGRESS", "DELIVERED", "STOPPED");

    private final Figures figures;
    private final Snapshots snapshots;
    private final AreaApi areas;
    private final Clock clock;

    Dashboard(Figures figures, Snapshots snapshots, AreaApi areas, Clock clock) {
        this.figures = figures;
        this.snapshots = snapshots;
        this.areas = areas;
        this.clock = clock;
    }

    /** The figures of one area (the scope itself or a child) as the page shows them. */
    public record AreaRow(String code, String name, String href, long monitoredHouseholds, long monitoredPersons,
                          long identifiedHouseholds, long identifiedPersons, long eliminatedHouseholds,
                          long eliminatedPersons, String eliminatedHouseholdShare, String eliminatedPersonShare,
                          long leadsNew, long leadsConfirmed, long leadsRejected, long leadsOverdue,
                          long withoutMeasure, long qualityFindings, long incomeHouseholds, String incomeAverageWan,
                          long incomeBelowLine, long registryHouseholds, long registryPersons, String monitoredShare,
                          long insuranceClaims, long insurancePaid, String insurancePayoutsWan) {}

    /** A category or risk type: households and persons, and the list behind it. */
    public record CodeRow(String code, String name, long households, long persons, String href) {}

    /** Measures of one group by state. */
    public record MeasureRow(String group, String name, long planned, long inProgress, long delivered, long stopped,
                             long total) {}

    /** One month of the trend (a snapshot, or the live month). */
    public record TrendRow(String month, boolean live, long monitoredHouseholds, long monitoredPersons,
                           long eliminatedHouseholds, long leadsNew, long leadsOverdue, long withoutMeasure) {}

    public record View(AreaRow total, List<AreaRow> children, List<CodeRow> categories, List<CodeRow> risks,
                       List<MeasureRow> measures, List<TrendRow> trend, List<AreaRow> ranking,
                       @Nullable YearMonth month, LocalDate asOf, boolean childrenAreVillages) {}

    public View view(AreaScope scope, @Nullable YearMonth month, Locale locale) {
        LocalDate today = LocalDate.now(clock);
        int digits = scope.childDigits();
        FigureTable t = month == null ? figures.live(scope, digits, today) : snapshots.read(month, scope, digits);
        Map<String, String> codes = figures.codeNames(locale);
        String monthParam = month == null ? null : month.toString();

        String scopeName = areas.find(scope.areaCode()).map(AreaInfo::name).orElse(scope.areaCode());
        AreaRow total = row(scope.areaCode(), scopeName, monitoredHref(scope.areaCode(), null, null), t, null);

        List<AreaRow> children = new ArrayList<>();
        boolean villages = scope.level() == 4;
        if (scope.level() < 5) {
            Map<String, String> names = new LinkedHashMap<>();
            for (AreaInfo c : areas.children(scope.areaCode())) names.put(c.code(), c.name());
            for (String code : t.areas()) names.putIfAbsent(code, code);
            for (Map.Entry<String, String> c : names.entrySet()) {
                String href = reportHref(c.getKey(), monthParam);
                children.add(row(c.getKey(), c.getValue(), href, t, c.getKey()));
            }
        }
        List<CodeRow> categories = codeRows(t, BY_CATEGORY_HOUSEHOLDS, BY_CATEGORY_PERSONS, "category.", codes,
                code -> monitoredHref(scope.areaCode(), code, null));
        List<CodeRow> risks = codeRows(t, BY_RISK_HOUSEHOLDS, BY_RISK_PERSONS, "risk.", codes,
                code -> monitoredHref(scope.areaCode(), null, code));

        Map<String, long[]> byGroup = new LinkedHashMap<>();
        t.totalsUnder(MEASURES).forEach((k, v) -> {
            int dot = k.lastIndexOf('.');
            int state = MEASURE_STATES.indexOf(k.substring(dot + 1));
            if (state >= 0) byGroup.computeIfAbsent(k.substring(0, dot), g -> new long[4])[state] += v.longValue();
        });
        List<MeasureRow> measures = new ArrayList<>();
        byGroup.forEach((g, n) -> measures.add(new MeasureRow(g, codes.getOrDefault("measureGroup." + g, g),
                n[0], n[1], n[2], n[3], n[0] + n[1] + n[2] + n[3])));
        measures.sort(Comparator.comparingLong(MeasureRow::total).reversed());

        List<TrendRow> trend = new ArrayList<>();
        Map<YearMonth, Map<String, BigDecimal>> past = new java.util.TreeMap<>(snapshots.trend(scope, TREND_METRICS));
        YearMonth current = YearMonth.from(today);
        past.remove(current); // the current month is live
        past.forEach((m, v) -> trend.add(trendRow(m.toString(), false, v)));
        trend.add(trendRow(current.toString(), true, month == null ? t.totals()
                : figures.live(scope, 2, today).totals()));

        List<AreaRow> ranking = new ArrayList<>(children);
        ranking.sort(Comparator.comparingLong(AreaRow::leadsOverdue).reversed()
                .thenComparing(Comparator.comparingLong(AreaRow::withoutMeasure).reversed())
                .thenComparing(Comparator.comparingLong(AreaRow::qualityFindings).reversed())
                .thenComparing(AreaRow::code));
        return new View(total, children, categories, risks, measures, trend, ranking, month,
                month == null ? today : month.atEndOfMonth(), villages);
    }

    private static TrendRow trendRow(String month, boolean live, Map<String, BigDecimal> v) {
        return new TrendRow(month, live, n(v, MONITORED_HOUSEHOLDS), n(v, MONITORED_PERSONS),
                n(v, ELIMINATED_HOUSEHOLDS), n(v, LEADS_NEW), n(v, LEADS_OVERDUE), n(v, WITHOUT_MEASURE));
    }

    private static long n(Map<String, BigDecimal> v, String metric) {
        BigDecimal x = v.get(metric);
        return x == null ? 0 : x.longValue();
    }

    private static List<CodeRow> codeRows(FigureTable t, String householdsPrefix, String personsPrefix, String namePrefix,
                                          Map<String, String> names, java.util.function.Function<String, String> href) {
        Map<String, BigDecimal> persons = t.totalsUnder(personsPrefix);
        List<CodeRow> rows = new ArrayList<>();
        t.totalsUnder(householdsPrefix).forEach((code, h) -> rows.add(new CodeRow(code,
                names.getOrDefault(namePrefix + code, code), h.longValue(),
                persons.getOrDefault(code, BigDecimal.ZERO).longValue(), href.apply(code))));
        rows.sort(Comparator.comparingLong(CodeRow::households).reversed().thenComparing(CodeRow::code));
        return rows;
    }

    /** An area's row; {@code area} null: the totals of the table. */
    static AreaRow row(String code, String name, String href, FigureTable t, @Nullable String area) {
        java.util.function.Function<String, BigDecimal> v = m -> area == null ? t.total(m) : t.get(area, m);
        long identifiedH = v.apply(IDENTIFIED_HOUSEHOLDS).longValue();
        long identifiedP = v.apply(IDENTIFIED_PERSONS).longValue();
        long eliminatedH = v.apply(ELIMINATED_HOUSEHOLDS).longValue();
        long eliminatedP = v.apply(ELIMINATED_PERSONS).longValue();
        long monitoredP = v.apply(MONITORED_PERSONS).longValue();
        long incomeH = v.apply(INCOME_HOUSEHOLDS).longValue();
        long registryP = v.apply(REGISTRY_PERSONS).longValue();
        return new AreaRow(code, name, href, v.apply(MONITORED_HOUSEHOLDS).longValue(), monitoredP, identifiedH,
                identifiedP, eliminatedH, eliminatedP, percent(eliminatedH, identifiedH), percent(eliminatedP, identifiedP),
                v.apply(LEADS_NEW).longValue(), v.apply(LEADS_CONFIRMED).longValue(), v.apply(LEADS_REJECTED).longValue(),
                v.apply(LEADS_OVERDUE).longValue(), v.apply(WITHOUT_MEASURE).longValue(),
                v.apply(QUALITY_FINDINGS).longValue(), incomeH,
                incomeH == 0 ? "" : v.apply(INCOME_PER_CAPITA_SUM).divide(BigDecimal.valueOf(incomeH), 10, RoundingMode.HALF_UP)
                        .divide(WAN, 2, RoundingMode.HALF_UP).toPlainString(),
                v.apply(INCOME_BELOW_LINE).longValue(), v.apply(REGISTRY_HOUSEHOLDS).longValue(), registryP,
                percent(monitoredP, registryP), v.apply(INSURANCE_CLAIMS).longValue(), v.apply(INSURANCE_PAID).longValue(),
                v.apply(INSURANCE_PAYOUTS).divide(WAN, 2, RoundingMode.HALF_UP).toPlainString());
    }

    /** {@code part / whole} in percent with two decimals ("90.95"), empty when there is no whole. */
    static String percent(long part, long whole) {
        if (whole == 0) return "";
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP).toPlainString();
    }

    static String reportHref(String area, @Nullable String month) {
        return UriComponentsBuilder.fromPath("/reports").queryParam("area", area)
                .queryParamIfPresent("month", java.util.Optional.ofNullable(month)).build().toUriString();
    }

    /** The monitored households behind a figure: the list filtered to the area (and category or risk type). */
    static String monitoredHref(String area, @Nullable String category, @Nullable String risk) {
        return UriComponentsBuilder.fromPath("/monitored").queryParam("area", area)
                .queryParam("status", "MONITORED")
                .queryParamIfPresent("category", java.util.Optional.ofNullable(category))
                .queryParamIfPresent("risk", java.util.Optional.ofNullable(risk)).build().toUriString();
    }

}
