package cn.shouwang.core.casework;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a monitored household's risk may be marked eliminated on a day (policy.md §7), listing every failing
 * condition with the figures behind it.
 *
 * <p>"Stably above the line" is defined as: at least {@code minIncomeChecksForStability} (2) income checks in the
 * {@code stableIncomeMonths} (6) months up to the day, every one of them above this year's line. "Above the line"
 * uses the latest check's comparison value (per capita, after eligible out-of-pocket) against the line of the
 * year of the check day. Both are settings.
 */
public record EliminationCheck(LocalDate asOf, List<Failure> failures) {

    public record Failure(EliminationCondition condition, String detail) {}

    public EliminationCheck {
        failures = List.copyOf(failures);
    }

    public boolean passes() {
        return failures.isEmpty();
    }

    public boolean fails(EliminationCondition c) {
        return failures.stream().anyMatch(f -> f.condition() == c);
    }

    public static EliminationCheck run(MonitoredHousehold m, Plan plan, HouseholdFacts facts, IncomeLines lines,
                                       CaseworkSettings s, LocalDate asOf) {
        List<Failure> f = new ArrayList<>();
        if (m.status() != MonitoringStatus.MONITORED) {
            f.add(new Failure(EliminationCondition.MONITORED, m.status().name()));
        }
        LocalDate earliest = m.identifiedOn().plusMonths(s.eliminationMinMonths());
        if (asOf.isBefore(earliest)) {
            f.add(new Failure(EliminationCondition.MIN_MONTHS, "identified " + m.identifiedOn() + ", earliest " + earliest));
        }
        if (!plan.hasDelivered()) {
            f.add(new Failure(EliminationCondition.MEASURE_DELIVERED, "0"));
        }
        if (!lines.byYear().containsKey(asOf.getYear())) {
            // early in a year, before an administrator has entered its line: say so instead of failing the page
            f.add(new Failure(EliminationCondition.INCOME_LINE_SET, String.valueOf(asOf.getYear())));
        } else {
            incomeConditions(lines.line(asOf.getYear()), facts, s, asOf, f);
        }
        if (!facts.rigidCostsResolved()) {
            f.add(new Failure(EliminationCondition.RIGID_COSTS_RESOLVED, ""));
        }
        if (!facts.guarantees().secure()) {
            f.add(new Failure(EliminationCondition.GUARANTEES_SECURE, facts.guarantees().toString()));
        }
        if (!facts.canWork()) {
            f.add(new Failure(EliminationCondition.ABLE_TO_WORK, facts.activeMembers().size() + " active members"));
        }
        return new EliminationCheck(asOf, f);
    }

    private static void incomeConditions(BigDecimal line, HouseholdFacts facts, CaseworkSettings s, LocalDate asOf,
                                         List<Failure> f) {
        List<IncomeCheck> checks = facts.incomeChecks().stream().filter(c -> !c.on().isAfter(asOf)).toList();
        if (checks.isEmpty()) {
            f.add(new Failure(EliminationCondition.INCOME_ABOVE_LINE, "no income check; line " + line));
        } else {
            IncomeCheck latest = checks.get(checks.size() - 1);
            if (latest.comparisonValue().compareTo(line) <= 0) {
                f.add(new Failure(EliminationCondition.INCOME_ABOVE_LINE,
                        latest.comparisonValue().toPlainString() + " <= " + line.toPlainString()));
            }
        }
        LocalDate windowStart = asOf.minusMonths(s.stableIncomeMonths());
        List<IncomeCheck> window = checks.stream().filter(c -> !c.on().isBefore(windowStart)).toList();
        long below = window.stream().filter(c -> c.comparisonValue().compareTo(line) <= 0).count();
        if (window.size() < s.minIncomeChecksForStability() || below > 0) {
            f.add(new Failure(EliminationCondition.INCOME_STABLE,
                    window.size() + " checks since " + windowStart + ", " + below + " not above " + line.toPlainString()));
        }
    }
}
