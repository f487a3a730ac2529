package cn.shouwang.server.screening;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.casework.StandardsApi;
import cn.shouwang.server.household.HouseholdApi;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The what-if of an income line (测算): how many households and persons of an area would fall below a proposed line,
 * beside today's, per township and village, with the cost of lifting each to the line. Nothing is changed: a line is
 * adopted only through 标准调整 (系统管理 › 监测标准). Today's line is the one in force today at each county
 * ({@link StandardsApi}, the same as the comparison and verification use); the counts come from the registry's
 * per-capita values ({@link HouseholdApi#belowLine}), so a city takes one index scan whatever its size.
 */
@Service
class WhatIf {
    /** The households listed on the page; the export has them all. */
    static final int SHOWN = 200;
    /** At most this many households go into an export. */
    static final int EXPORT_LIMIT = 1_000_000;

    private final HouseholdApi households;
    private final StandardsApi standards;
    private final AreaApi areas;
    private final Clock clock;

    WhatIf(HouseholdApi households, StandardsApi standards, AreaApi areas, Clock clock) {
        this.households = households;
        this.standards = standards;
        this.areas = areas;
        this.clock = clock;
    }

    /** Figures of one place (a village, a township, the whole area). */
    record Figures(String code, String name, long householdsToday, long personsToday, BigDecimal gapToday,
                   long householdsProposed, long personsProposed, BigDecimal gapProposed, long householdsNewly,
                   long personsNewly, BigDecimal gapNewly) {
        static Figures zero(String code, String name) {
            return new Figures(code, name, 0, 0, BigDecimal.ZERO.setScale(2), 0, 0, BigDecimal.ZERO.setScale(2), 0, 0,
                    BigDecimal.ZERO.setScale(2));
        }

        Figures plus(HouseholdApi.BelowLine b) {
            return new Figures(code, name, householdsToday + b.householdsToday(), personsToday + b.personsToday(),
                    gapToday.add(b.gapToday()), householdsProposed + b.householdsProposed(),
                    personsProposed + b.personsProposed(), gapProposed.add(b.gapProposed()),
                    householdsNewly + b.householdsNewly(), personsNewly + b.personsNewly(), gapNewly.add(b.gapNewly()));
        }
    }

    /** A township and its villages' figures. */
    record Township(Figures figures, List<Figures> villages) {}

    /** Today's line at a county for the year (null: none set). */
    record CountyLine(String code, String name, @Nullable BigDecimal line) {}

    record Result(int year, BigDecimal proposed, List<CountyLine> today, Figures total, List<Township> townships,
                  long millis) {}

    /** The income years there are values for, newest first. */
    List<Integer> years(AreaScope scope) {
        return households.incomeYears(scope);
    }

    /** Today's line per county of the area (6-digit code → yuan) for an income year; counties without one absent. */
    Map<String, BigDecimal> todayByCounty(AreaScope scope, int year) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        LocalDate today = LocalDate.now(clock);
        for (String county : counties(scope)) {
            for (StandardsApi.IncomeLineInForce l : standards.incomeLines(county, today)) {
                if (l.year() == year) out.put(county.substring(0, 6), l.line());
            }
        }
        return out;
    }

    List<String> countyCodes(AreaScope scope) {
        return counties(scope);
    }

    private List<String> counties(AreaScope scope) {
        if (scope.level() >= 3) return List.of(scope.prefix().substring(0, 6) + "000000");
        // AreaApi gives the counties' six-digit prefixes: as area codes here
        return areas.countyCodes(scope.prefix()).stream().map(c -> (c + "000000000000").substring(0, 12)).sorted().toList();
    }

    /** Today's line at each county of the area for the year, with the county's name. */
    List<CountyLine> todayLines(AreaScope scope, int year) {
        Map<String, BigDecimal> today = todayByCounty(scope, year);
        List<String> counties = counties(scope);
        Map<String, String> names = areas.currentEdition().map(e -> areas.names(e.id(), counties)).orElse(Map.of());
        return counties.stream().map(c -> new CountyLine(c, names.getOrDefault(c, c), today.get(c.substring(0, 6)))).toList();
    }

    Result compute(AreaScope scope, int year, BigDecimal proposed) {
        return compute(scope, year, proposed, todayByCounty(scope, year));
    }

    /** {@link #compute(AreaScope, int, BigDecimal)} with today's lines given (6-digit county code → yuan). */
    Result compute(AreaScope scope, int year, BigDecimal proposed, Map<String, BigDecimal> today) {
        long t0 = System.nanoTime();
        List<HouseholdApi.BelowLine> rows = households.belowLine(scope, year, today, proposed);
        TreeSet<String> codes = new TreeSet<>();
        for (HouseholdApi.BelowLine b : rows) {
            codes.add(b.villageCode());
            codes.add(township(b.villageCode()));
        }
        List<String> counties = counties(scope);
        codes.addAll(counties);
        Map<String, String> names = areas.currentEdition().map(e -> areas.names(e.id(), codes)).orElse(Map.of());
        Map<String, Figures> towns = new LinkedHashMap<>();
        Map<String, List<Figures>> villages = new HashMap<>();
        Figures total = Figures.zero(scope.areaCode(), "");
        for (HouseholdApi.BelowLine b : rows) {
            String t = township(b.villageCode());
            towns.merge(t, Figures.zero(t, names.getOrDefault(t, t)).plus(b), (a, x) -> a.plus(b));
            villages.computeIfAbsent(t, k -> new ArrayList<>())
                    .add(Figures.zero(b.villageCode(), names.getOrDefault(b.villageCode(), b.villageCode())).plus(b));
            total = total.plus(b);
        }
        List<Township> out = new ArrayList<>();
        towns.forEach((code, f) -> out.add(new Township(f, villages.get(code))));
        List<CountyLine> lines = counties.stream().map(c -> new CountyLine(c, names.getOrDefault(c, c),
                today.get(c.substring(0, 6)))).toList();
        return new Result(year, proposed, lines, total, out, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The households that would newly fall below the line, by village and household number. */
    void newly(AreaScope scope, int year, BigDecimal proposed, int limit, Consumer<HouseholdApi.NewlyBelow> rows) {
        households.newlyBelow(scope, year, todayByCounty(scope, year), proposed, limit, rows);
    }

    static String township(String village) {
        return village.substring(0, 9) + "000";
    }
}
