package cn.shouwang.core.casework;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The household's latest income check (the identification or elimination visit, or a later 收入核查) as the
 * data-quality checks need it: the day, the year's wage income, the per-capita comparison value and the line it was
 * judged against then (a past check keeps its own line: a later change of the standard does not re-judge it).
 */
public record LatestIncome(LocalDate on, BigDecimal wages, BigDecimal comparisonValue, BigDecimal line) {

    /** Below the line it was judged against. */
    public boolean belowLine() {
        return comparisonValue.compareTo(line) < 0;
    }
}
