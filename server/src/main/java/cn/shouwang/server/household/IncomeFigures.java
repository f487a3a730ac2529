package cn.shouwang.server.household;

import cn.shouwang.core.casework.IncomeAssessment;
import cn.shouwang.core.casework.IncomeBreakdown;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A year's income on the household page with what policy.md §2 derives from it: net income, per-capita net income
 * over the household's active members, the comparison value after eligible out-of-pocket spending, and the line in
 * force that year (from casework's settings; null when none is set). The arithmetic is core's {@link IncomeBreakdown},
 * the same the home verification uses. A year that is not itemised (a person list gave only 人均纯收入) shows the
 * figure as given and compares with it, as the comparison and the what-if do; no net income (its items are not known).
 */
public record IncomeFigures(Views.Income income, @Nullable BigDecimal net, @Nullable BigDecimal perCapita,
                            @Nullable BigDecimal comparison, @Nullable BigDecimal line) {

    /** At or below the line (within the monitoring range); null when either side is unknown. */
    public @Nullable Boolean withinRange() {
        return comparison == null || line == null ? null : comparison.compareTo(line) <= 0;
    }

    static List<IncomeFigures> of(List<Views.Income> incomes, int activeMembers, Map<Integer, BigDecimal> lines) {
        return incomes.stream().map(i -> of(i, activeMembers, lines.get(i.year()))).toList();
    }

    static IncomeFigures of(Views.Income i, int activeMembers, @Nullable BigDecimal line) {
        if (!i.itemised()) return new IncomeFigures(i, null, i.perCapita(), i.perCapita(), line);
        IncomeBreakdown b = new IncomeBreakdown(i.wages(), i.business(), i.property(), i.transfers(), i.productionCosts());
        if (activeMembers < 1) return new IncomeFigures(i, b.netIncome(), null, null, line);
        IncomeAssessment a = b.assess(activeMembers, i.eligibleOutOfPocket(), i.year(), line == null ? BigDecimal.ZERO : line);
        return new IncomeFigures(i, a.netIncome(), a.perCapita(), a.comparisonValue(), line);
    }
}
