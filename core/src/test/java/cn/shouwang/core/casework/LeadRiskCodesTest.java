package cn.shouwang.core.casework;

import static cn.shouwang.core.casework.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.household.RiskType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A risk type an administrator has deactivated cannot be suggested on a new lead; leads already open keep it. */
class LeadRiskCodesTest {
    static final CodeList ACCIDENT_RETIRED = CodeList.riskTypes()
            .with(new CodeList.Code("ACCIDENT", "因意外事故", "Accident", false));
    static final CaseworkContext RETIRED_CTX = new CaseworkContext(CTX.clock(), CTX.settings(), CTX.categories(),
            ACCIDENT_RETIRED, CTX.incomeLines());

    @Test
    void aNewLeadMayNotSuggestADeactivatedRiskType() {
        CaseRulesTest.refused(() -> Lead.open(1, report(LeadChannel.FIELD_SCREENING, 100L, MONITOR, RiskType.ACCIDENT),
                RETIRED_CTX), CaseworkProblem.RISK_TYPE_INACTIVE);
        // the same for a household reporting itself, and with the retired code among active ones
        CaseRulesTest.refused(() -> Lead.open(1, report(LeadChannel.SELF_REPORT, null, null, RiskType.ILLNESS,
                RiskType.ACCIDENT), RETIRED_CTX), CaseworkProblem.RISK_TYPE_INACTIVE);
        CaseRulesTest.refused(() -> Lead.open(1, new NewLead(LeadChannel.FIELD_SCREENING, VILLAGE, 100L, "张三", "x",
                List.of("NO_SUCH_CODE"), null, MONITOR, OPENED), RETIRED_CTX), CaseworkProblem.RISK_TYPE_UNKNOWN);
        assertThat(Lead.open(1, report(LeadChannel.FIELD_SCREENING, 100L, MONITOR, RiskType.ILLNESS), RETIRED_CTX)
                .suggestedRisks()).containsExactly("ILLNESS");
    }

    @Test
    void aLeadOpenedBeforeTheCodeWasDeactivatedKeepsIt() {
        Lead before = Lead.open(1, report(LeadChannel.FIELD_SCREENING, 100L, MONITOR, RiskType.ACCIDENT), CTX);
        Lead stored = Lead.restore(before.id(), before.workflow(), before.channel(), before.village(), before.householdId(),
                before.headName(), before.description(), before.suggestedRisks(), before.sourceRef(), before.openedOn(),
                before.openedBy(), before.state(), before.steps(), List.of(), null, null, null, null, null);
        assertThat(stored.suggestedRisks()).containsExactly("ACCIDENT");
        // and it still moves on: a rejection does not look at the suggested codes
        Lead rejected = stored.apply(new RejectLead(MONITOR, OPENED.plusDays(1), "不属实"), RETIRED_CTX);
        assertThat(rejected.state()).isEqualTo(CaseState.REJECTED);
    }
}
