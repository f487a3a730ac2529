package cn.shouwang.core.casework;

import static cn.shouwang.core.casework.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.core.household.RiskType;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntakeTest {

    @Test
    void aReportForAHouseholdWithAnOpenLeadJoinsIt() {
        assertThat(Intake.decide(100L, 7L, false)).isEqualTo(new Intake.JoinLead(7L));
        Lead l = newLead();
        NewLead second = new NewLead(LeadChannel.DEPARTMENT_SCREENING, VILLAGE, 100L, "张三", "医保: 自付 23,000 元",
                List.of("ILLNESS"), "warning:42", COUNTY_1, OPENED.plusDays(2));
        Lead joined = l.join(second.asJoinedReport());
        assertThat(joined.joined()).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo(LeadChannel.DEPARTMENT_SCREENING);
            assertThat(r.sourceRef()).isEqualTo("warning:42");
            assertThat(r.riskCodes()).containsExactly("ILLNESS");
        });
        assertThat(joined.state()).isEqualTo(l.state());
        assertThat(joined.openedOn()).as("joining does not restart the deadline").isEqualTo(l.openedOn());
    }

    @Test
    void aReportForAMonitoredHouseholdJoinsItsRecord() {
        assertThat(Intake.decide(100L, null, true)).isEqualTo(new Intake.JoinMonitored(100L));
        MonitoredHousehold m = monitored(LocalDate.of(2024, 1, 5), RiskTypes.of(RiskType.ILLNESS));
        MonitoredHousehold after = m.recordNewReport(new JoinedReport(LeadChannel.SELF_REPORT, TODAY, "又遭冰雹",
                List.of("NATURAL_DISASTER"), "self:9", null));
        assertThat(after.history()).last().satisfies(h -> {
            assertThat(h.kind()).isEqualTo(StatusChange.Kind.NEW_RISK_REPORTED);
            assertThat(h.note()).contains("又遭冰雹");
        });
    }

    @Test
    void otherwiseANewLeadOpens() {
        assertThat(Intake.decide(100L, null, false)).isEqualTo(new Intake.OpenNewLead());
        assertThat(Intake.decide(null, null, false)).as("unmatched self-report").isEqualTo(new Intake.OpenNewLead());
        assertThat(Intake.decide(null, 7L, true)).isEqualTo(new Intake.OpenNewLead());
    }

    @Test
    void aClosedLeadTakesNoMoreReports() {
        Lead rejected = reach(Workflow.IDENTIFICATION, CaseState.REJECTED);
        assertThatThrownBy(() -> rejected.join(new JoinedReport(LeadChannel.SELF_REPORT, TODAY, "x", List.of(), null, null)))
                .isInstanceOf(CaseworkException.class);
    }
}
