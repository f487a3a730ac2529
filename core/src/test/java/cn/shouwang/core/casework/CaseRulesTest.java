package cn.shouwang.core.casework;

import static cn.shouwang.core.casework.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.core.household.RiskType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Roles, areas, maker-checker, dates and each step's own rules. */
class CaseRulesTest {

    static void refused(ThrowingCallable call, CaseworkProblem problem) {
        assertThatThrownBy(call).isInstanceOfSatisfying(CaseworkException.class,
                e -> assertThat(e.problem()).isEqualTo(problem));
    }

    // ---- roles -------------------------------------------------------------------------------------------

    /** Which roles may perform each action, written out by hand (REJECT depends on the state, below). */
    private static final Map<CaseAction, Set<CaseRole>> ROLES = Map.of(
            CaseAction.VERIFY, EnumSet.of(CaseRole.VILLAGE_MONITOR),
            CaseAction.CROSS_CHECK, EnumSet.of(CaseRole.COUNTY_ANALYST),
            CaseAction.VILLAGE_REVIEW, EnumSet.of(CaseRole.VILLAGE_MONITOR),
            CaseAction.PUBLISH_NOTICE, EnumSet.of(CaseRole.VILLAGE_MONITOR),
            CaseAction.CLOSE_NOTICE, EnumSet.of(CaseRole.VILLAGE_MONITOR),
            CaseAction.TOWNSHIP_APPROVE, EnumSet.of(CaseRole.TOWNSHIP_STAFF),
            CaseAction.COUNTY_CONFIRM, EnumSet.of(CaseRole.COUNTY_ANALYST),
            CaseAction.FAST_TRACK, EnumSet.of(CaseRole.TOWNSHIP_STAFF, CaseRole.COUNTY_ANALYST));

    private static final Map<CaseState, Set<CaseRole>> REJECTERS = Map.of(
            CaseState.AWAITING_VERIFICATION, EnumSet.of(CaseRole.VILLAGE_MONITOR, CaseRole.TOWNSHIP_STAFF, CaseRole.COUNTY_ANALYST),
            CaseState.AWAITING_CROSS_CHECK, EnumSet.of(CaseRole.TOWNSHIP_STAFF, CaseRole.COUNTY_ANALYST),
            CaseState.AWAITING_VILLAGE_REVIEW, EnumSet.of(CaseRole.VILLAGE_MONITOR, CaseRole.TOWNSHIP_STAFF, CaseRole.COUNTY_ANALYST),
            CaseState.AWAITING_NOTICE, EnumSet.of(CaseRole.VILLAGE_MONITOR, CaseRole.TOWNSHIP_STAFF, CaseRole.COUNTY_ANALYST),
            CaseState.NOTICE_RUNNING, EnumSet.of(CaseRole.VILLAGE_MONITOR, CaseRole.TOWNSHIP_STAFF, CaseRole.COUNTY_ANALYST),
            CaseState.AWAITING_TOWNSHIP_REVIEW, EnumSet.of(CaseRole.TOWNSHIP_STAFF, CaseRole.COUNTY_ANALYST),
            CaseState.AWAITING_COUNTY_CONFIRMATION, EnumSet.of(CaseRole.COUNTY_ANALYST));

    static Stream<Arguments> actionsByRole() {
        List<Arguments> all = new ArrayList<>();
        for (CaseState s : CaseState.values()) {
            if (s.terminal()) continue;
            for (CaseAction a : CaseAction.values()) {
                if (s.after(a, Workflow.IDENTIFICATION).isEmpty()) continue;
                for (CaseRole r : CaseRole.values()) {
                    boolean allowed = a == CaseAction.REJECT ? REJECTERS.get(s).contains(r) : ROLES.get(a).contains(r);
                    all.add(Arguments.of(s, a, r, allowed));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1} in {0} by {2}: {3}")
    @MethodSource("actionsByRole")
    void onlyTheRightRolesMayPerformEachStep(CaseState s, CaseAction a, CaseRole role, boolean allowed) {
        Lead lead = reach(Workflow.IDENTIFICATION, s);
        CaseCommand cmd = withActor(commandFor(a, lead), withRole(role));
        if (allowed) {
            assertThat(lead.apply(cmd, CTX).lastStep().action()).isEqualTo(a);
        } else {
            refused(() -> lead.apply(cmd, CTX), CaseworkProblem.ROLE_NOT_ALLOWED);
        }
    }

    static CaseCommand withActor(CaseCommand c, Actor by) {
        if (c instanceof VerifyHousehold v) {
            return new VerifyHousehold(by, v.on(), v.findings(), v.income(), v.eligibleOutOfPocket(), v.householdSize(),
                    v.guarantees(), v.riskTypes(), v.category(), v.rigidCostsResolved(), v.consentSigned(),
                    v.eliminationMethod());
        }
        if (c instanceof CrossCheck x) return new CrossCheck(by, x.on(), x.discrepancies(), x.findings());
        if (c instanceof VillageReview x) return new VillageReview(by, x.on(), x.passed(), x.present(), x.notes());
        if (c instanceof PublishNotice x) return new PublishNotice(by, x.from(), x.to(), x.batch());
        if (c instanceof CloseNotice x) return new CloseNotice(by, x.on(), x.objections(), x.objectionNotes());
        if (c instanceof TownshipReview x) return new TownshipReview(by, x.on(), x.decision(), x.reason());
        if (c instanceof CountyConfirmation x) return new CountyConfirmation(by, x.on(), x.decision(), x.reason());
        if (c instanceof RejectLead x) return new RejectLead(by, x.on(), x.reason());
        if (c instanceof StartFastTrack x) return new StartFastTrack(by, x.on(), x.reason());
        throw new AssertionError(c);
    }

    @Test
    void openingALeadByHandNeedsAnOpeningRole() {
        for (CaseRole r : CaseRole.values()) {
            NewLead n = report(LeadChannel.FIELD_SCREENING, 100L, withRole(r), RiskType.ILLNESS);
            if (EnumSet.of(CaseRole.VILLAGE_MONITOR, CaseRole.TOWNSHIP_STAFF, CaseRole.COUNTY_ANALYST,
                    CaseRole.GRID_WORKER).contains(r)) {
                assertThat(Lead.open(1, n, CTX).state()).isEqualTo(CaseState.AWAITING_VERIFICATION);
            } else {
                refused(() -> Lead.open(1, n, CTX), CaseworkProblem.ROLE_NOT_ALLOWED);
            }
        }
    }

    @Test
    void aSelfReportNeedsNoAccount() {
        Lead l = Lead.open(1, report(LeadChannel.SELF_REPORT, null, null, RiskType.ILLNESS), CTX);
        assertThat(l.openedBy()).isNull();
        assertThat(l.householdId()).isNull();
        assertThat(l.channel()).isEqualTo(LeadChannel.SELF_REPORT);
        refused(() -> Lead.open(1, report(LeadChannel.FIELD_SCREENING, 100L, null), CTX), CaseworkProblem.ROLE_NOT_ALLOWED);
    }

    // ---- areas -------------------------------------------------------------------------------------------

    @Test
    void nobodyActsOutsideTheirArea() {
        refused(() -> Lead.open(1, report(LeadChannel.FIELD_SCREENING, 100L, OTHER_VILLAGE_MONITOR), CTX),
                CaseworkProblem.OUT_OF_AREA);
        Lead fresh = newLead();
        refused(() -> fresh.apply(verify(OTHER_VILLAGE_MONITOR, OPENED.plusDays(1), Workflow.IDENTIFICATION), CTX),
                CaseworkProblem.OUT_OF_AREA);
        Lead atTownship = reach(Workflow.IDENTIFICATION, CaseState.AWAITING_TOWNSHIP_REVIEW);
        LocalDate day = atTownship.lastStep().on();
        refused(() -> atTownship.apply(new TownshipReview(OTHER_TOWNSHIP_STAFF, day, Decision.APPROVE, ""), CTX),
                CaseworkProblem.OUT_OF_AREA);
        Lead atCounty = reach(Workflow.IDENTIFICATION, CaseState.AWAITING_COUNTY_CONFIRMATION);
        refused(() -> atCounty.apply(new CountyConfirmation(OTHER_COUNTY_ANALYST, day, Decision.APPROVE, ""), CTX),
                CaseworkProblem.OUT_OF_AREA);
        refused(() -> atCounty.apply(new RejectLead(OTHER_COUNTY_ANALYST, day, "理由"), CTX), CaseworkProblem.OUT_OF_AREA);
    }

    // ---- maker-checker -----------------------------------------------------------------------------------

    @Test
    void theCountyAnalystWhoCrossCheckedMayNotConfirm() {
        Lead l = reach(Workflow.IDENTIFICATION, CaseState.AWAITING_COUNTY_CONFIRMATION);
        LocalDate day = l.lastStep().on();
        refused(() -> l.apply(new CountyConfirmation(COUNTY_1, day, Decision.APPROVE, "同意"), CTX),
                CaseworkProblem.MAKER_CHECKER);
        assertThat(l.apply(new CountyConfirmation(COUNTY_2, day, Decision.APPROVE, "同意"), CTX).state())
                .isEqualTo(CaseState.CONFIRMED);
    }

    @Test
    void whoPreparedAStepMayNotDecideEvenAfterChangingRole() {
        // Account 11 verified as the village monitor, then moved to the township: it may not review its own case.
        Actor promoted = new Actor(MONITOR.id(), MONITOR.name(), CaseRole.TOWNSHIP_STAFF, TOWNSHIP);
        Lead l = reach(Workflow.IDENTIFICATION, CaseState.AWAITING_TOWNSHIP_REVIEW);
        LocalDate day = l.lastStep().on();
        refused(() -> l.apply(new TownshipReview(promoted, day, Decision.APPROVE, "同意"), CTX),
                CaseworkProblem.MAKER_CHECKER);
        Lead approved = l.apply(new TownshipReview(TOWNSHIP_1, day, Decision.APPROVE, "同意"), CTX);
        // and the township reviewer, later at the county, may not confirm
        Actor movedUp = new Actor(TOWNSHIP_1.id(), TOWNSHIP_1.name(), CaseRole.COUNTY_ANALYST, COUNTY);
        refused(() -> approved.apply(new CountyConfirmation(movedUp, day, Decision.APPROVE, "同意"), CTX),
                CaseworkProblem.MAKER_CHECKER);
    }

    @Test
    void aFastTrackDecisionIsNoPreparedStep() {
        Lead l = reach(Workflow.IDENTIFICATION, CaseState.AWAITING_TOWNSHIP_REVIEW);
        LocalDate day = l.lastStep().on();
        Lead ft = l.apply(new StartFastTrack(TOWNSHIP_1, day, "洪灾"), CTX);
        assertThat(ft.apply(new TownshipReview(TOWNSHIP_1, day, Decision.APPROVE, ""), CTX).state())
                .isEqualTo(CaseState.AWAITING_COUNTY_CONFIRMATION);
    }

    // ---- dates -------------------------------------------------------------------------------------------

    @Test
    void stepsCannotBeDatedInTheFutureOrBeforeThePreviousStep() {
        Lead l = newLead();
        refused(() -> l.apply(verify(MONITOR, TODAY.plusDays(1), Workflow.IDENTIFICATION), CTX), CaseworkProblem.DATE_IN_FUTURE);
        refused(() -> l.apply(verify(MONITOR, OPENED.minusDays(1), Workflow.IDENTIFICATION), CTX),
                CaseworkProblem.DATE_BEFORE_PREVIOUS_STEP);
        assertThat(l.apply(verify(MONITOR, TODAY, Workflow.IDENTIFICATION), CTX).state())
                .isEqualTo(CaseState.AWAITING_CROSS_CHECK);
        refused(() -> Lead.open(1, new NewLead(LeadChannel.SELF_REPORT, VILLAGE, null, "张三", "x", List.of(), null,
                null, TODAY.plusDays(1)), CTX), CaseworkProblem.DATE_IN_FUTURE);
    }

    // ---- each step's rules -------------------------------------------------------------------------------

    @Test
    void verificationNeedsTheSignedConsentAndValidFigures() {
        Lead l = newLead();
        LocalDate d = OPENED.plusDays(1);
        VerifyHousehold ok = verify(MONITOR, d, Workflow.IDENTIFICATION);
        refused(() -> l.apply(new VerifyHousehold(MONITOR, d, ok.findings(), ok.income(), ok.eligibleOutOfPocket(), 3,
                ok.guarantees(), ok.riskTypes(), ok.category(), false, false, null), CTX), CaseworkProblem.CONSENT_REQUIRED);
        refused(() -> l.apply(new VerifyHousehold(MONITOR, d, ok.findings(), ok.income(), ok.eligibleOutOfPocket(), 0,
                ok.guarantees(), ok.riskTypes(), ok.category(), false, true, null), CTX), CaseworkProblem.HOUSEHOLD_SIZE);
        refused(() -> l.apply(new VerifyHousehold(MONITOR, d, " ", ok.income(), ok.eligibleOutOfPocket(), 3,
                ok.guarantees(), ok.riskTypes(), ok.category(), false, true, null), CTX), CaseworkProblem.REQUIRED_FIELD);
        refused(() -> l.apply(new VerifyHousehold(MONITOR, d, ok.findings(), ok.income(), ok.eligibleOutOfPocket(), 3,
                ok.guarantees(), ok.riskTypes(), "NO_SUCH_CATEGORY", false, true, null), CTX), CaseworkProblem.CATEGORY_UNKNOWN);
        refused(() -> l.apply(new VerifyHousehold(MONITOR, d, ok.findings(), ok.income(), ok.eligibleOutOfPocket(), 3,
                ok.guarantees(), new RiskTypes(List.of("NATURAL_DISASTER"), null), ok.category(), false, true, null), CTX),
                CaseworkProblem.DISASTER_SUBTYPE_REQUIRED);
        refused(() -> l.apply(new VerifyHousehold(MONITOR, d, ok.findings(), ok.income(), ok.eligibleOutOfPocket(), 3,
                ok.guarantees(), new RiskTypes(List.of("FLYING_SAUCER"), null), ok.category(), false, true, null), CTX),
                CaseworkProblem.RISK_TYPE_UNKNOWN);
        refused(() -> new RiskTypes(List.of("ILLNESS", "ILLNESS"), null), CaseworkProblem.RISK_TYPES_COUNT);
        refused(() -> new RiskTypes(List.of(), null), CaseworkProblem.RISK_TYPES_COUNT);
        refused(() -> RiskTypes.of(RiskType.ILLNESS, RiskType.DISABILITY, RiskType.SCHOOLING, RiskType.ACCIDENT,
                RiskType.OTHER, RiskType.LACK_OF_LABOUR), CaseworkProblem.RISK_TYPES_COUNT);
        refused(() -> income("100.001"), CaseworkProblem.MONEY_INVALID);
        refused(() -> income("-1"), CaseworkProblem.MONEY_INVALID);
        Lead noLine = Lead.restore(1, Workflow.IDENTIFICATION, LeadChannel.FIELD_SCREENING, VILLAGE, 100L, "张三", "x",
                List.of(), null, LocalDate.of(2022, 1, 1), MONITOR, CaseState.AWAITING_VERIFICATION, List.of(), List.of(),
                null, null, null, null, null);
        refused(() -> noLine.apply(verify(MONITOR, LocalDate.of(2022, 1, 2), Workflow.IDENTIFICATION), CTX),
                CaseworkProblem.INCOME_LINE_MISSING);
    }

    @Test
    void verificationWorksOutIncomeFromItsPartsAgainstTheLine() {
        Lead l = reach(Workflow.IDENTIFICATION, CaseState.AWAITING_CROSS_CHECK);
        IncomeAssessment a = l.incomeAssessment(CTX.incomeLines());
        // 6000 + 3000 + 0 + 1200.50 - 800 = 9400.50; / 3 = 3133.50; after 2000 out-of-pocket: 7400.50 / 3 = 2466.83
        assertThat(a.netIncome()).isEqualByComparingTo("9400.50");
        assertThat(a.perCapita()).isEqualByComparingTo("3133.50");
        assertThat(a.comparisonValue()).isEqualByComparingTo("2466.83");
        assertThat(a.line()).isEqualByComparingTo("8500");
        assertThat(a.withinRange()).isTrue();
        IncomeAssessment above = income("30000").assess(3, new BigDecimal("0"), 2024, new BigDecimal("8500"));
        assertThat(above.comparisonValue()).isEqualByComparingTo("11133.50");
        assertThat(above.withinRange()).isFalse();
        IncomeAssessment exactly = new IncomeBreakdown(new BigDecimal("17000"), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO).assess(2, BigDecimal.ZERO, 2024, new BigDecimal("8500"));
        assertThat(exactly.withinRange()).as("at the line is within the range").isTrue();
    }

    @Test
    void theVillageReviewNeedsPeoplePresentAndAFailedReviewRejects() {
        Lead l = reach(Workflow.IDENTIFICATION, CaseState.AWAITING_VILLAGE_REVIEW);
        LocalDate d = l.lastStep().on();
        refused(() -> l.apply(new VillageReview(MONITOR, d, true, 0, ""), CTX), CaseworkProblem.PRESENT_COUNT);
        refused(() -> l.apply(new VillageReview(MONITOR, d, false, 20, ""), CTX), CaseworkProblem.REASON_REQUIRED);
        Lead failed = l.apply(new VillageReview(MONITOR, d, false, 20, "多数认为收入来源稳定"), CTX);
        assertThat(failed.state()).isEqualTo(CaseState.REJECTED);
        assertThat(failed.rejectionReason()).isEqualTo("多数认为收入来源稳定");
        assertThat(failed.steps()).hasSize(l.steps().size() + 1);
    }

    @Test
    void theNoticeRunsAtLeastTheMinimumDaysAndClosesOnlyAfterItsEnd() {
        Lead l = reach(Workflow.IDENTIFICATION, CaseState.AWAITING_NOTICE);
        LocalDate d = l.lastStep().on().plusDays(1);
        refused(() -> l.apply(new PublishNotice(MONITOR, d, d.plusDays(3), "b1"), CTX), CaseworkProblem.NOTICE_TOO_SHORT);
        refused(() -> l.apply(new PublishNotice(MONITOR, d, d.minusDays(1), "b1"), CTX), CaseworkProblem.NOTICE_TOO_SHORT);
        Lead running = l.apply(new PublishNotice(MONITOR, d, d.plusDays(4), "b1"), CTX);
        assertThat(running.notice().days()).isEqualTo(5);
        refused(() -> running.apply(new CloseNotice(MONITOR, d.plusDays(3), 0, ""), CTX), CaseworkProblem.NOTICE_NOT_ENDED);
        refused(() -> running.apply(new CloseNotice(MONITOR, d.plusDays(4), 2, " "), CTX), CaseworkProblem.OBJECTIONS_INVALID);
        refused(() -> running.apply(new CloseNotice(MONITOR, d.plusDays(4), -1, "x"), CTX), CaseworkProblem.OBJECTIONS_INVALID);
        Lead closed = running.apply(new CloseNotice(MONITOR, d.plusDays(4), 1, "邻居反映其子女在外务工"), CTX);
        assertThat(closed.state()).isEqualTo(CaseState.AWAITING_TOWNSHIP_REVIEW);
        assertThat(closed.lastStep().note()).isEqualTo("邻居反映其子女在外务工");

        CaseworkSettings seven = new CaseworkSettings(15, DayCounting.CALENDAR, WorkingCalendar.WEEKENDS_ONLY, 3, 7, 6, 6, 2, false);
        CaseworkContext ctx7 = new CaseworkContext(CLOCK, seven, CTX.categories(), CTX.riskTypes(), CTX.incomeLines());
        refused(() -> l.apply(new PublishNotice(MONITOR, d, d.plusDays(5), "b1"), ctx7), CaseworkProblem.NOTICE_TOO_SHORT);
    }

    @Test
    void rejectionsAndDecisionsAgainstNeedAReasonAndAreKept() {
        Lead l = reach(Workflow.IDENTIFICATION, CaseState.AWAITING_TOWNSHIP_REVIEW);
        LocalDate d = l.lastStep().on();
        refused(() -> l.apply(new TownshipReview(TOWNSHIP_1, d, Decision.REJECT, ""), CTX), CaseworkProblem.REASON_REQUIRED);
        refused(() -> l.apply(new RejectLead(TOWNSHIP_1, d, "  "), CTX), CaseworkProblem.REASON_REQUIRED);
        Lead rejected = l.apply(new TownshipReview(TOWNSHIP_1, d, Decision.REJECT, "家庭有经营性车辆"), CTX);
        assertThat(rejected.state()).isEqualTo(CaseState.REJECTED);
        assertThat(rejected.rejectionReason()).isEqualTo("家庭有经营性车辆");
        assertThat(rejected.closedOn()).isEqualTo(d);
        assertThat(rejected.steps()).extracting(StepRecord::action).endsWith(CaseAction.REJECT);
        assertThat(rejected.verification()).as("the record stays").isNotNull();

        Lead atCounty = reach(Workflow.IDENTIFICATION, CaseState.AWAITING_COUNTY_CONFIRMATION);
        Lead countyNo = atCounty.apply(new CountyConfirmation(COUNTY_2, atCounty.lastStep().on(), Decision.REJECT,
                "不符合"), CTX);
        assertThat(countyNo.state()).isEqualTo(CaseState.REJECTED);
    }

    @Test
    void theFastTrackIsForDisasterOrAccidentAndOnlyOnce() {
        Lead l = newLead(); // suggested NATURAL_DISASTER
        Lead ft = l.apply(new StartFastTrack(TOWNSHIP_1, OPENED, "房屋倒塌"), CTX);
        assertThat(ft.fastTrackedOn()).isEqualTo(OPENED);
        assertThat(ft.state()).isEqualTo(CaseState.AWAITING_VERIFICATION);
        assertThat(ft.assistanceMayStart()).isTrue();
        assertThat(l.assistanceMayStart()).isFalse();
        refused(() -> ft.apply(new StartFastTrack(COUNTY_1, OPENED, "again"), CTX), CaseworkProblem.ALREADY_FAST_TRACKED);
        refused(() -> l.apply(new StartFastTrack(TOWNSHIP_1, OPENED, ""), CTX), CaseworkProblem.REASON_REQUIRED);
        Lead illness = Lead.open(3, report(LeadChannel.FIELD_SCREENING, 100L, MONITOR, RiskType.ILLNESS), CTX);
        refused(() -> illness.apply(new StartFastTrack(TOWNSHIP_1, OPENED, "住院"), CTX),
                CaseworkProblem.FAST_TRACK_NEEDS_DISASTER);
        // the rejected fast-tracked lead no longer allows assistance to start on its account
        Lead rejected = ft.apply(new RejectLead(COUNTY_1, OPENED, "重复"), CTX);
        assertThat(rejected.assistanceMayStart()).isFalse();
        assertThat(reach(Workflow.IDENTIFICATION, CaseState.CONFIRMED).assistanceMayStart()).isTrue();
    }

    @Test
    void anEliminationOpensOnlyOnAPassingCheckAndIsConfirmedOnlyIfItStillPasses() {
        MonitoredHousehold m = monitored(LocalDate.of(2023, 6, 1), RiskTypes.of(RiskType.ILLNESS));
        EliminationCheck failing = new EliminationCheck(TODAY,
                List.of(new EliminationCheck.Failure(EliminationCondition.MIN_MONTHS, "")));
        refused(() -> Lead.openElimination(2, m, MONITOR, OPENED, failing, CTX), CaseworkProblem.ELIMINATION_CHECK_FAILED);
        refused(() -> Lead.openElimination(2, m, TOWNSHIP_1, OPENED, PASSING, CTX), CaseworkProblem.ROLE_NOT_ALLOWED);
        refused(() -> Lead.openElimination(2, m, OTHER_VILLAGE_MONITOR, OPENED, PASSING, CTX), CaseworkProblem.OUT_OF_AREA);
        Lead l = reach(Workflow.ELIMINATION, CaseState.AWAITING_COUNTY_CONFIRMATION);
        LocalDate d = l.lastStep().on();
        CountyConfirmation yes = new CountyConfirmation(COUNTY_2, d, Decision.APPROVE, "同意");
        refused(() -> l.apply(yes, CTX), CaseworkProblem.ELIMINATION_CHECK_FAILED);
        refused(() -> l.apply(yes, CTX, failing), CaseworkProblem.ELIMINATION_CHECK_FAILED);
        Lead done = l.apply(yes, CTX, PASSING);
        MonitoredHousehold ended = m.eliminate(done);
        assertThat(ended.status()).isEqualTo(MonitoringStatus.RISK_ELIMINATED);
        assertThat(ended.eliminationMethod()).isEqualTo(EliminationMethod.ASSISTANCE);
        assertThat(ended.eliminatedMonth()).isEqualTo(java.time.YearMonth.from(d));
        assertThat(ended.history()).extracting(StatusChange::kind).endsWith(StatusChange.Kind.RISK_ELIMINATED);
        refused(() -> ended.eliminate(done), CaseworkProblem.STEP_NOT_ALLOWED);
        refused(() -> Lead.openElimination(3, ended, MONITOR, OPENED, PASSING, CTX), CaseworkProblem.NOT_MONITORED);
    }

    @Test
    void anEliminationHomeCheckSaysHowTheRiskEnded() {
        Lead l = newElimination();
        VerifyHousehold v = verify(MONITOR, OPENED.plusDays(1), Workflow.ELIMINATION);
        refused(() -> l.apply(new VerifyHousehold(MONITOR, v.on(), v.findings(), v.income(), v.eligibleOutOfPocket(),
                3, v.guarantees(), v.riskTypes(), v.category(), true, false, null), CTX),
                CaseworkProblem.ELIMINATION_METHOD_REQUIRED);
        assertThat(l.apply(v, CTX).state()).isEqualTo(CaseState.AWAITING_VILLAGE_REVIEW);
    }

    @Test
    void aConfirmedLeadMakesTheHouseholdMonitoredWithTheVerifiedFindings() {
        Lead l = reach(Workflow.IDENTIFICATION, CaseState.CONFIRMED);
        MonitoredHousehold m = MonitoredHousehold.fromConfirmedLead(l);
        assertThat(m.householdId()).isEqualTo(100L);
        assertThat(m.category()).isEqualTo("SUDDEN_HARDSHIP");
        assertThat(m.riskTypes().main()).isEqualTo("NATURAL_DISASTER");
        assertThat(m.riskTypes().disasterSubtype()).isEqualTo(DisasterSubtype.FLOOD);
        assertThat(m.identifiedOn()).isEqualTo(l.closedOn());
        assertThat(m.identificationMonth()).isEqualTo(java.time.YearMonth.of(2024, 6));
        assertThat(m.status()).isEqualTo(MonitoringStatus.MONITORED);
        assertThat(m.history()).extracting(StatusChange::kind).containsExactly(StatusChange.Kind.IDENTIFIED);
        refused(() -> MonitoredHousehold.fromConfirmedLead(reach(Workflow.IDENTIFICATION, CaseState.REJECTED)),
                CaseworkProblem.STEP_NOT_ALLOWED);
    }

    @Test
    void anUnmatchedSelfReportIsLinkedToItsHouseholdBeforeVerification() {
        Lead l = Lead.open(9, report(LeadChannel.SELF_REPORT, null, null, RiskType.ILLNESS), CTX);
        refused(() -> l.apply(verify(MONITOR, OPENED.plusDays(1), Workflow.IDENTIFICATION), CTX),
                CaseworkProblem.HOUSEHOLD_NOT_MATCHED);
        refused(() -> l.matchHousehold(100L, OTHER_VILLAGE_MONITOR), CaseworkProblem.OUT_OF_AREA);
        refused(() -> l.matchHousehold(100L, withRole(CaseRole.CITY_ANALYST)), CaseworkProblem.ROLE_NOT_ALLOWED);
        Lead linked = l.matchHousehold(100L, MONITOR);
        assertThat(linked.householdId()).isEqualTo(100L);
        refused(() -> linked.matchHousehold(101L, MONITOR), CaseworkProblem.STEP_NOT_ALLOWED);
        assertThat(linked.apply(verify(MONITOR, OPENED.plusDays(1), Workflow.IDENTIFICATION), CTX).state())
                .isEqualTo(CaseState.AWAITING_CROSS_CHECK);
    }
}
