package cn.shouwang.core.casework;

import static cn.shouwang.core.casework.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.core.household.RiskType;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReclassifyTest {
    static final MonitoredHousehold M = monitored(LocalDate.of(2024, 1, 5), RiskTypes.of(RiskType.ILLNESS));

    static Reclassify cmd(Actor by, String category, List<String> risks, DisasterSubtype sub, String reason) {
        return new Reclassify(by, TODAY, category, new RiskTypes(risks, sub), reason);
    }

    static CaseworkProblem refusal(Reclassify c, CaseworkContext ctx) {
        try {
            M.reclassify(c, ctx);
        } catch (CaseworkException e) {
            return e.problem();
        }
        return null;
    }

    @Test
    void townshipChangesBothAndEachPartGetsAHistoryLine() {
        MonitoredHousehold after = M.reclassify(cmd(TOWNSHIP_1, "SUDDEN_HARDSHIP", List.of("NATURAL_DISASTER", "ILLNESS"),
                DisasterSubtype.FLOOD, " 洪水冲毁房屋 "), CTX);
        assertThat(after.category()).isEqualTo("SUDDEN_HARDSHIP");
        assertThat(after.riskTypes().main()).isEqualTo("NATURAL_DISASTER");
        assertThat(after.riskTypes().disasterSubtype()).isEqualTo(DisasterSubtype.FLOOD);
        assertThat(after.history()).hasSize(M.history().size() + 2);
        assertThat(after.history().get(after.history().size() - 2).note()).isEqualTo("边缘易致贫户 → 突发严重困难户: 洪水冲毁房屋");
        assertThat(after.history().get(after.history().size() - 1).note()).isEqualTo("因病 → 因自然灾害(洪涝)、因病: 洪水冲毁房屋");
        assertThat(after.history().get(after.history().size() - 1).by()).isEqualTo("乡镇一");
        // only the risk order changes: one line
        MonitoredHousehold two = M.reclassify(cmd(COUNTY_1, "MARGINAL_AT_RISK", List.of("ILLNESS", "DISABILITY"), null, "r"), CTX);
        assertThat(two.history()).hasSize(M.history().size() + 1);
        assertThat(two.history().get(two.history().size() - 1).kind()).isEqualTo(StatusChange.Kind.RISK_TYPES_CHANGED);
    }

    @Test
    void refusals() {
        List<String> ill = List.of("ILLNESS");
        assertThat(refusal(cmd(MONITOR, "SUDDEN_HARDSHIP", ill, null, "r"), CTX)).isEqualTo(CaseworkProblem.ROLE_NOT_ALLOWED);
        assertThat(refusal(cmd(OTHER_TOWNSHIP_STAFF, "SUDDEN_HARDSHIP", ill, null, "r"), CTX))
                .isEqualTo(CaseworkProblem.OUT_OF_AREA);
        assertThat(refusal(cmd(TOWNSHIP_1, "SUDDEN_HARDSHIP", ill, null, " "), CTX)).isEqualTo(CaseworkProblem.REASON_REQUIRED);
        assertThat(refusal(cmd(TOWNSHIP_1, "MARGINAL_AT_RISK", ill, null, "r"), CTX)).isEqualTo(CaseworkProblem.NOTHING_CHANGED);
        assertThat(refusal(cmd(TOWNSHIP_1, "NO_SUCH", ill, null, "r"), CTX)).isEqualTo(CaseworkProblem.CATEGORY_UNKNOWN);
        assertThat(refusal(cmd(TOWNSHIP_1, "MARGINAL_AT_RISK", List.of("NATURAL_DISASTER"), null, "r"), CTX))
                .isEqualTo(CaseworkProblem.DISASTER_SUBTYPE_REQUIRED);
        assertThat(refusal(new Reclassify(TOWNSHIP_1, TODAY.plusDays(1), "SUDDEN_HARDSHIP", new RiskTypes(ill, null), "r"), CTX))
                .isEqualTo(CaseworkProblem.DATE_IN_FUTURE);
        assertThat(refusal(new Reclassify(TOWNSHIP_1, LocalDate.of(2024, 1, 4), "SUDDEN_HARDSHIP", new RiskTypes(ill, null), "r"),
                CTX)).isEqualTo(CaseworkProblem.DATE_BEFORE_IDENTIFICATION);
        assertThatThrownBy(() -> new RiskTypes(List.of("ILLNESS", "DISABILITY", "SCHOOLING", "ACCIDENT", "OTHER", "UNSAFE_WATER"),
                null)).hasMessageContaining("RISK_TYPES_COUNT");
    }

    @Test
    void deactivatedCodesAreRefusedWhenNewButMayBeKept() {
        CaseworkContext retired = new CaseworkContext(CLOCK, CaseworkSettings.DEFAULTS,
                CodeList.categories().with(new CodeList.Code("SUDDEN_HARDSHIP", "突发严重困难户", "Sudden", false))
                        .with(new CodeList.Code("MARGINAL_AT_RISK", "边缘易致贫户", "Marginal", false)),
                CodeList.riskTypes().with(new CodeList.Code("OTHER", "其他", "Other", false))
                        .with(new CodeList.Code("ILLNESS", "因病", "Illness", false)), CTX.incomeLines());
        assertThat(refusal(cmd(TOWNSHIP_1, "SUDDEN_HARDSHIP", List.of("ILLNESS"), null, "r"), retired))
                .isEqualTo(CaseworkProblem.CATEGORY_INACTIVE);
        assertThat(refusal(cmd(TOWNSHIP_1, "MARGINAL_AT_RISK", List.of("ILLNESS", "OTHER"), null, "r"), retired))
                .isEqualTo(CaseworkProblem.RISK_TYPE_INACTIVE);
        // the household's own deactivated category and risk stay while another risk is added
        MonitoredHousehold after = M.reclassify(cmd(TOWNSHIP_1, "MARGINAL_AT_RISK", List.of("ILLNESS", "DISABILITY"), null, "r"),
                retired);
        assertThat(after.riskTypes().codes()).containsExactly("ILLNESS", "DISABILITY");
    }
}
