package cn.shouwang.core.casework;

import static cn.shouwang.core.casework.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole state × action matrix of both procedures, against a table written out here by hand (not derived from
 * the enum): every allowed transition leads where the table says, every other one is refused with
 * STEP_NOT_ALLOWED and leaves the case as it was.
 */
class CaseStateMachineTest {

    /** workflow state action -> next state. Everything not listed is forbidden. */
    private static final String ALLOWED = """
            IDENTIFICATION AWAITING_VERIFICATION VERIFY AWAITING_CROSS_CHECK
            IDENTIFICATION AWAITING_VERIFICATION REJECT REJECTED
            IDENTIFICATION AWAITING_VERIFICATION FAST_TRACK AWAITING_VERIFICATION
            IDENTIFICATION AWAITING_CROSS_CHECK CROSS_CHECK AWAITING_VILLAGE_REVIEW
            IDENTIFICATION AWAITING_CROSS_CHECK REJECT REJECTED
            IDENTIFICATION AWAITING_CROSS_CHECK FAST_TRACK AWAITING_CROSS_CHECK
            IDENTIFICATION AWAITING_VILLAGE_REVIEW VILLAGE_REVIEW AWAITING_NOTICE
            IDENTIFICATION AWAITING_VILLAGE_REVIEW REJECT REJECTED
            IDENTIFICATION AWAITING_VILLAGE_REVIEW FAST_TRACK AWAITING_VILLAGE_REVIEW
            IDENTIFICATION AWAITING_NOTICE PUBLISH_NOTICE NOTICE_RUNNING
            IDENTIFICATION AWAITING_NOTICE REJECT REJECTED
            IDENTIFICATION AWAITING_NOTICE FAST_TRACK AWAITING_NOTICE
            IDENTIFICATION NOTICE_RUNNING CLOSE_NOTICE AWAITING_TOWNSHIP_REVIEW
            IDENTIFICATION NOTICE_RUNNING REJECT REJECTED
            IDENTIFICATION NOTICE_RUNNING FAST_TRACK NOTICE_RUNNING
            IDENTIFICATION AWAITING_TOWNSHIP_REVIEW TOWNSHIP_APPROVE AWAITING_COUNTY_CONFIRMATION
            IDENTIFICATION AWAITING_TOWNSHIP_REVIEW REJECT REJECTED
            IDENTIFICATION AWAITING_TOWNSHIP_REVIEW FAST_TRACK AWAITING_TOWNSHIP_REVIEW
            IDENTIFICATION AWAITING_COUNTY_CONFIRMATION COUNTY_CONFIRM CONFIRMED
            IDENTIFICATION AWAITING_COUNTY_CONFIRMATION REJECT REJECTED
            IDENTIFICATION AWAITING_COUNTY_CONFIRMATION FAST_TRACK AWAITING_COUNTY_CONFIRMATION
            ELIMINATION AWAITING_VERIFICATION VERIFY AWAITING_VILLAGE_REVIEW
            ELIMINATION AWAITING_VERIFICATION REJECT REJECTED
            ELIMINATION AWAITING_VILLAGE_REVIEW VILLAGE_REVIEW AWAITING_NOTICE
            ELIMINATION AWAITING_VILLAGE_REVIEW REJECT REJECTED
            ELIMINATION AWAITING_NOTICE PUBLISH_NOTICE NOTICE_RUNNING
            ELIMINATION AWAITING_NOTICE REJECT REJECTED
            ELIMINATION NOTICE_RUNNING CLOSE_NOTICE AWAITING_TOWNSHIP_REVIEW
            ELIMINATION NOTICE_RUNNING REJECT REJECTED
            ELIMINATION AWAITING_TOWNSHIP_REVIEW TOWNSHIP_APPROVE AWAITING_COUNTY_CONFIRMATION
            ELIMINATION AWAITING_TOWNSHIP_REVIEW REJECT REJECTED
            ELIMINATION AWAITING_COUNTY_CONFIRMATION COUNTY_CONFIRM CONFIRMED
            ELIMINATION AWAITING_COUNTY_CONFIRMATION REJECT REJECTED
            """;

    private static final Map<String, CaseState> TABLE = new HashMap<>();

    static {
        for (String line : ALLOWED.strip().split("\n")) {
            String[] p = line.strip().split(" ");
            TABLE.put(p[0] + " " + p[1] + " " + p[2], CaseState.valueOf(p[3]));
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (Workflow w : Workflow.values())
            for (CaseState s : CaseState.values())
                for (CaseAction a : CaseAction.values())
                    all.add(Arguments.of(w, s, a, Optional.ofNullable(TABLE.get(w + " " + s + " " + a))));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("matrix")
    void theEnumOwnsExactlyTheTransitionsOfTheTable(Workflow w, CaseState s, CaseAction a, Optional<CaseState> expected) {
        assertThat(s.after(a, w)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("matrix")
    void aCaseInEachReachableStateAcceptsOnlyTheAllowedSteps(Workflow w, CaseState s, CaseAction a,
                                                             Optional<CaseState> expected) {
        assumeThat(s.reachable(w)).isTrue();
        Lead lead = reach(w, s);
        assertThat(lead.state()).isEqualTo(s);
        CaseCommand cmd = commandFor(a, lead);
        if (expected.isPresent()) {
            Lead after = lead.apply(cmd, CTX, PASSING);
            assertThat(after.state()).isEqualTo(expected.get());
            assertThat(after.steps()).hasSize(lead.steps().size() + 1);
            StepRecord last = after.lastStep();
            assertThat(last.action()).isEqualTo(a);
            assertThat(last.from()).isEqualTo(s);
            assertThat(last.to()).isEqualTo(expected.get());
            assertThat(last.by()).isEqualTo(cmd.by());
        } else {
            assertThatThrownBy(() -> lead.apply(cmd, CTX, PASSING))
                    .isInstanceOfSatisfying(CaseworkException.class,
                            e -> assertThat(e.problem()).isEqualTo(CaseworkProblem.STEP_NOT_ALLOWED));
            assertThat(lead.state()).isEqualTo(s);
        }
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void theTableCoversBothProceduresFromStartToEnd(Workflow w) {
        Lead l = reach(w, CaseState.CONFIRMED);
        List<CaseAction> path = l.steps().stream().map(StepRecord::action).toList();
        if (w == Workflow.IDENTIFICATION) {
            assertThat(path).containsExactly(CaseAction.VERIFY, CaseAction.CROSS_CHECK, CaseAction.VILLAGE_REVIEW,
                    CaseAction.PUBLISH_NOTICE, CaseAction.CLOSE_NOTICE, CaseAction.TOWNSHIP_APPROVE,
                    CaseAction.COUNTY_CONFIRM);
        } else {
            assertThat(path).containsExactly(CaseAction.VERIFY, CaseAction.VILLAGE_REVIEW,
                    CaseAction.PUBLISH_NOTICE, CaseAction.CLOSE_NOTICE, CaseAction.TOWNSHIP_APPROVE,
                    CaseAction.COUNTY_CONFIRM);
        }
        assertThat(l.closedOn()).isEqualTo(l.lastStep().on());
    }

    static Stream<Workflow> workflows() {
        return Stream.of(Workflow.values());
    }
}
