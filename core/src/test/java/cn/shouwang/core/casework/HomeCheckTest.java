package cn.shouwang.core.casework;

import static cn.shouwang.core.casework.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.core.household.RiskType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitor's home check of a monitored household: who, when, and the income it works out. */
class HomeCheckTest {
    static final MonitoredHousehold M = monitored(LocalDate.of(2024, 1, 10), RiskTypes.of(RiskType.ILLNESS));

    static HomeCheck check(Actor by, LocalDate on, String findings) {
        return new HomeCheck(by, on, findings, income("16000"), new BigDecimal("1000"), 2, GuaranteeFlags.SECURE, true);
    }

    static CaseworkProblem refusal(HomeCheck c, MonitoredHousehold m) {
        try {
            c.assess(m, CTX);
        } catch (CaseworkException e) {
            return e.problem();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void theIncomeIsWorkedOutAgainstTheLineOfTheVisitsYear() {
        // (16,000 + 3,000 + 0 + 1,200.50 − 800 − 1,000) ÷ 2 = 9,200.25 against 8,500 (2024)
        IncomeAssessment a = check(MONITOR, TODAY, "务工收入稳定").assess(M, CTX);
        assertThat(a.comparisonValue()).isEqualByComparingTo("9200.25");
        assertThat(a.perCapita()).isEqualByComparingTo("9700.25");
        assertThat(a.line()).isEqualByComparingTo("8500");
        assertThat(a.withinRange()).isFalse();
        assertThat(check(MONITOR, TODAY, "x").asIncomeCheck(a)).isEqualTo(new IncomeCheck(TODAY, new BigDecimal("9200.25")));
    }

    @Test
    void onlyTheVillagesMonitorRecordsItWhileTheHouseholdIsMonitoredOnADayFromIdentificationToToday() {
        assertThat(refusal(check(TOWNSHIP_1, TODAY, "x"), M)).isEqualTo(CaseworkProblem.ROLE_NOT_ALLOWED);
        assertThat(refusal(check(COUNTY_1, TODAY, "x"), M)).isEqualTo(CaseworkProblem.ROLE_NOT_ALLOWED);
        assertThat(refusal(check(OTHER_VILLAGE_MONITOR, TODAY, "x"), M)).isEqualTo(CaseworkProblem.OUT_OF_AREA);
        assertThat(refusal(check(MONITOR, TODAY.plusDays(1), "x"), M)).isEqualTo(CaseworkProblem.DATE_IN_FUTURE);
        assertThat(refusal(check(MONITOR, LocalDate.of(2024, 1, 9), "x"), M))
                .isEqualTo(CaseworkProblem.DATE_BEFORE_PREVIOUS_STEP);
        assertThat(refusal(check(MONITOR, TODAY, " "), M)).isEqualTo(CaseworkProblem.REQUIRED_FIELD);
        MonitoredHousehold ended = new MonitoredHousehold(100L, VILLAGE, "张三", "MARGINAL_AT_RISK", M.riskTypes(),
                M.identifiedOn(), MonitoringStatus.RISK_ELIMINATED, List.of(), List.of(), EliminationMethod.ASSISTANCE,
                java.time.YearMonth.of(2024, 6));
        assertThat(refusal(check(MONITOR, TODAY, "x"), ended)).isEqualTo(CaseworkProblem.NOT_MONITORED);
        assertThat(check(MONITOR, LocalDate.of(2024, 1, 10), "x").assess(M, CTX)).isNotNull();
    }

    @Test
    void aYearWithoutALineAndABadAmountAreRefused() {
        MonitoredHousehold old = monitored(LocalDate.of(2021, 1, 1), RiskTypes.of(RiskType.ILLNESS));
        assertThat(refusal(check(MONITOR, LocalDate.of(2022, 3, 1), "x"), old)).isEqualTo(CaseworkProblem.INCOME_LINE_MISSING);
        HomeCheck negative = new HomeCheck(MONITOR, TODAY, "x", income("16000"), new BigDecimal("-1"), 2,
                GuaranteeFlags.SECURE, true);
        assertThat(refusal(negative, M)).isEqualTo(CaseworkProblem.MONEY_INVALID);
        assertThatThrownBy(() -> new HomeCheck(MONITOR, TODAY, "x", income("16000"), BigDecimal.ZERO, 0,
                GuaranteeFlags.SECURE, true).assess(M, CTX)).isInstanceOf(CaseworkException.class);
    }
}
