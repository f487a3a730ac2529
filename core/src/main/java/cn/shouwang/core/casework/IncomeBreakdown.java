package cn.shouwang.core.casework;

import java.math.BigDecimal;

/**
 * A household's income over the 12 months before the check, from its parts (policy.md §2), in yuan.
 * Transfers include minimum living allowance, extreme-poverty support, pensions, subsidies and insurance payouts.
 */
public record IncomeBreakdown(BigDecimal wages, BigDecimal business, BigDecimal property, BigDecimal transfers,
                              BigDecimal productionCosts) {

    public IncomeBreakdown {
        wages = Money.check(wages, "wages");
        business = Money.check(business, "business");
        property = Money.check(property, "property");
        transfers = Money.check(transfers, "transfers");
        productionCosts = Money.check(productionCosts, "productionCosts");
    }

    /** wages + business + property + transfers − production costs (may be negative after a failed harvest). */
    public BigDecimal netIncome() {
        return wages.add(business).add(property).add(transfers).subtract(productionCosts);
    }

    /**
     * Per-capita net income and the value compared with the line: (net − eligible out-of-pocket) ÷ size, two
     * decimals rounded half up.
     */
    public IncomeAssessment assess(int householdSize, BigDecimal eligibleOutOfPocket, int year, BigDecimal line) {
        CaseworkException.require(householdSize >= 1, CaseworkProblem.HOUSEHOLD_SIZE, "householdSize");
        BigDecimal oop = Money.check(eligibleOutOfPocket, "eligibleOutOfPocket");
        BigDecimal net = netIncome();
        return new IncomeAssessment(net, Money.divide(net, householdSize),
                Money.divide(net.subtract(oop), householdSize), year, line);
    }
}
