package cn.shouwang.core.casework;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * 收入核查: the village monitor's later visit to a monitored household (monitors visit monthly), recording income
 * from its parts, the four guarantee flags and whether large rigid costs are resolved. These checks are what the
 * elimination check reads as "income stably above the line" (policy.md §7): without them a household identified
 * six months ago could never be proposed, since its identification visit lies before the stability window.
 */
public record HomeCheck(Actor by, LocalDate on, String findings, IncomeBreakdown income, BigDecimal eligibleOutOfPocket,
                        int householdSize, GuaranteeFlags guarantees, boolean rigidCostsResolved) {

    /**
     * Checks the visit against the household and the rules — a village monitor of its village, while it is
     * monitored, on a day from its identification up to today, with findings and this year's line set — and
     * returns the income worked out against that line. A refusal throws {@link CaseworkException}.
     */
    public IncomeAssessment assess(MonitoredHousehold m, CaseworkContext ctx) {
        CaseworkException.require(by.role() == CaseRole.VILLAGE_MONITOR, CaseworkProblem.ROLE_NOT_ALLOWED, null);
        CaseworkException.require(by.area().covers(m.village()), CaseworkProblem.OUT_OF_AREA, null);
        CaseworkException.require(m.status() == MonitoringStatus.MONITORED, CaseworkProblem.NOT_MONITORED, null);
        CaseworkException.require(!on.isAfter(ctx.today()), CaseworkProblem.DATE_IN_FUTURE, "on");
        CaseworkException.require(!on.isBefore(m.identifiedOn()), CaseworkProblem.DATE_BEFORE_PREVIOUS_STEP, "on");
        CaseworkException.require(findings != null && !findings.isBlank(), CaseworkProblem.REQUIRED_FIELD, "findings");
        int year = on.getYear();
        return income.assess(householdSize, eligibleOutOfPocket, year, ctx.incomeLines().line(year));
    }

    /** What the elimination check counts. */
    public IncomeCheck asIncomeCheck(IncomeAssessment a) {
        return new IncomeCheck(on, a.comparisonValue());
    }
}
