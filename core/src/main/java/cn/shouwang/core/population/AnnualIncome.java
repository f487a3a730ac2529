package cn.shouwang.core.population;

import java.math.BigDecimal;

/** One year of a household's income in yuan, as in feeds.md's incomes.csv. */
public record AnnualIncome(int year, BigDecimal wages, BigDecimal business, BigDecimal property, BigDecimal transfers,
                           BigDecimal productionCosts, BigDecimal eligibleOutOfPocket) {

    /** wages + business + property + transfers − production costs. */
    public BigDecimal netIncome() {
        return wages.add(business).add(property).add(transfers).subtract(productionCosts);
    }
}
