package cn.shouwang.core.casework;

import static cn.shouwang.core.casework.Fixtures.CLOCK;
import static cn.shouwang.core.casework.Fixtures.CTX;
import static cn.shouwang.core.casework.Fixtures.MONITOR;
import static cn.shouwang.core.casework.Fixtures.OPENED;
import static cn.shouwang.core.casework.Fixtures.newElimination;
import static cn.shouwang.core.casework.Fixtures.newLead;
import static cn.shouwang.core.casework.Fixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 标准调整 of the categories (issue 17): a region may leave only some of the monitoring categories open for new
 * identifications, or none; the verification of an identification follows it, an elimination's does not.
 */
class CategoriesForNewTest {
    static CaseworkContext open(Set<String> codes) {
        return new CaseworkContext(CLOCK, CTX.settings(), CTX.categories(), CTX.riskTypes(), CTX.incomeLines(), codes);
    }

    static VerifyHousehold withCategory(VerifyHousehold v, String category) {
        return new VerifyHousehold(v.by(), v.on(), v.findings(), v.income(), v.eligibleOutOfPocket(), v.householdSize(),
                v.guarantees(), v.riskTypes(), category, v.rigidCostsResolved(), v.consentSigned(), v.eliminationMethod());
    }

    static void refused(Runnable r, CaseworkProblem p) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(CaseworkException.class, e -> assertThat(e.problem()).isEqualTo(p));
    }

    @Test
    void unsetEveryActiveCategoryIsOpen() {
        assertThat(CTX.categoriesForNew()).containsExactly("UNSTABLE_FORMERLY_POOR", "MARGINAL_AT_RISK", "SUDDEN_HARDSHIP");
    }

    @Test
    void switchedOffANewIdentificationRecordsNoCategory() {
        LocalDate d = OPENED.plusDays(1);
        VerifyHousehold v = verify(MONITOR, d, Workflow.IDENTIFICATION);
        CaseworkContext none = open(Set.of());
        assertThat(none.categoriesForNew()).isEmpty();
        refused(() -> newLead().apply(v, none), CaseworkProblem.CATEGORY_CLOSED);
        assertThat(newLead().apply(withCategory(v, ""), none).state()).isEqualTo(CaseState.AWAITING_CROSS_CHECK);
        // where they are open a category is still required
        refused(() -> newLead().apply(withCategory(v, ""), CTX), CaseworkProblem.CATEGORY_REQUIRED);
    }

    @Test
    void onlyTheOpenCategoriesMayBeChosen() {
        LocalDate d = OPENED.plusDays(1);
        CaseworkContext one = open(Set.of("SUDDEN_HARDSHIP"));
        assertThat(one.categoriesForNew()).containsExactly("SUDDEN_HARDSHIP");
        refused(() -> newLead().apply(withCategory(verify(MONITOR, d, Workflow.IDENTIFICATION), "MARGINAL_AT_RISK"), one),
                CaseworkProblem.CATEGORY_CLOSED);
        assertThat(newLead().apply(withCategory(verify(MONITOR, d, Workflow.IDENTIFICATION), "SUDDEN_HARDSHIP"), one)
                .verification().category()).isEqualTo("SUDDEN_HARDSHIP");
    }

    @Test
    void anEliminationKeepsTheHouseholdsCategoryOrNone() {
        VerifyHousehold v = verify(MONITOR, Fixtures.TODAY, Workflow.ELIMINATION);
        CaseworkContext none = open(Set.of());
        assertThat(newElimination().apply(v, none).verification().category()).isEqualTo(v.category());
        assertThat(newElimination().apply(withCategory(v, ""), none).verification().category()).isEmpty();
    }
}
