package cn.shouwang.core.casework;

import java.math.BigDecimal;

/**
 * The outcome of working out a household's income: per-capita net income, the comparison value (after eligible
 * out-of-pocket spending, policy.md §2) and the year's monitoring line it is compared with.
 */
public record IncomeAssessment(BigDecimal netIncome, BigDecimal perCapita, BigDecimal comparisonValue, int year,
                               BigDecimal line) {

    /** At or below the line: within the monitoring range. */
    public boolean withinRange() {
        return comparisonValue.compareTo(line) <= 0;
    }
}
