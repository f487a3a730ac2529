package cn.shouwang.core.casework;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * 入户核实: the visit's findings, the income from its parts (compared with the year's line), the four guarantee
 * flags, the risk types (first = main), the proposed category and the household's signed consent. For an
 * elimination the same form is the home check, with how the risk ended instead of a consent.
 */
public record VerifyHousehold(Actor by, LocalDate on, String findings, IncomeBreakdown income,
                              BigDecimal eligibleOutOfPocket, int householdSize, GuaranteeFlags guarantees,
                              RiskTypes riskTypes, String category, boolean rigidCostsResolved,
                              boolean consentSigned, @Nullable EliminationMethod eliminationMethod)
        implements CaseCommand {
    @Override public CaseAction action() { return CaseAction.VERIFY; }
    @Override public String note() { return findings; }
}
