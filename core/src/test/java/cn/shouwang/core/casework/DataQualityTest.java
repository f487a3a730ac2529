package cn.shouwang.core.casework;

import static cn.shouwang.core.casework.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.household.RiskType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each data-quality check of policy.md §6 firing, and not firing on the nearest clean case. */
class DataQualityTest {

    static final LocalDate IDENTIFIED = LocalDate.of(2024, 5, 20);
    static final Plan JOB = new Plan(100L, List.of(PlanTest.measure(1, MeasureGroup.PUBLIC_WELFARE_JOB)));
    static final MemberFacts WORKER = new MemberFacts(MemberStatus.ACTIVE, LabourCapacity.ORDINARY, false, true);

    static HouseholdFacts facts(List<MemberFacts> members, GuaranteeFlags g, String outOfPocket) {
        return new HouseholdFacts(members, g, new BigDecimal(outOfPocket), true, List.of());
    }

    static final HouseholdFacts CLEAN = facts(List.of(WORKER), GuaranteeFlags.SECURE, "0");

    static List<DataQualityRule> check(RiskTypes r, Plan p, HouseholdFacts f, LocalDate asOf) {
        return DataQuality.check(monitored(IDENTIFIED, r), p, f, asOf);
    }

    @Test
    void aCleanHouseholdHasNoFindings() {
        assertThat(check(RiskTypes.of(RiskType.ACCIDENT), JOB, CLEAN, TODAY)).isEmpty();
    }

    @Test
    void noMeasureOneMonthAfterIdentification() {
        Plan empty = new Plan(100L, List.of());
        assertThat(check(RiskTypes.of(RiskType.ACCIDENT), empty, CLEAN, LocalDate.of(2024, 6, 19))).isEmpty();
        assertThat(check(RiskTypes.of(RiskType.ACCIDENT), empty, CLEAN, LocalDate.of(2024, 6, 20)))
                .containsExactly(DataQualityRule.NO_MEASURE_AFTER_ONE_MONTH);
        Plan stopped = new Plan(100L, List.of(PlanTest.inState(MeasureState.STOPPED)));
        assertThat(check(RiskTypes.of(RiskType.ACCIDENT), stopped, CLEAN, TODAY))
                .containsExactly(DataQualityRule.NO_MEASURE_AFTER_ONE_MONTH);
    }

    @Test
    void aWorkingHouseholdWithOnlyFloorMeasures() {
        // imported data can hold what the plan rules refuse to create
        Plan floor = new Plan(100L, List.of(PlanTest.measure(1, MeasureGroup.SOCIAL_ASSISTANCE_FLOOR)));
        assertThat(check(RiskTypes.of(RiskType.ACCIDENT), floor, CLEAN, TODAY))
                .containsExactly(DataQualityRule.ONLY_FLOOR_MEASURES);
        HouseholdFacts nobody = facts(List.of(member(LabourCapacity.LOST)), GuaranteeFlags.SECURE, "0");
        assertThat(check(RiskTypes.of(RiskType.ACCIDENT), floor, nobody, TODAY)).isEmpty();
    }

    @Test
    void illnessWithZeroOutOfPocket() {
        assertThat(check(RiskTypes.of(RiskType.ILLNESS), JOB, CLEAN, TODAY))
                .containsExactly(DataQualityRule.ILLNESS_WITHOUT_OUT_OF_POCKET);
        assertThat(check(RiskTypes.of(RiskType.ILLNESS), JOB, facts(List.of(WORKER), GuaranteeFlags.SECURE, "0.01"), TODAY))
                .isEmpty();
    }

    @Test
    void disabilityWithoutACertificate() {
        assertThat(check(RiskTypes.of(RiskType.DISABILITY), JOB, CLEAN, TODAY))
                .containsExactly(DataQualityRule.DISABILITY_WITHOUT_CERTIFICATE);
        MemberFacts certified = new MemberFacts(MemberStatus.ACTIVE, LabourCapacity.LOST, true, true);
        assertThat(check(RiskTypes.of(RiskType.DISABILITY), JOB, facts(List.of(WORKER, certified),
                GuaranteeFlags.SECURE, "0"), TODAY)).isEmpty();
        MemberFacts deceased = new MemberFacts(MemberStatus.DECEASED, LabourCapacity.LOST, true, true);
        assertThat(check(RiskTypes.of(RiskType.DISABILITY), JOB, facts(List.of(WORKER, deceased),
                GuaranteeFlags.SECURE, "0"), TODAY)).containsExactly(DataQualityRule.DISABILITY_WITHOUT_CERTIFICATE);
    }

    @Test
    void unstableEmploymentWithNobodyAbleToWork() {
        HouseholdFacts nobody = facts(List.of(member(LabourCapacity.NONE)), GuaranteeFlags.SECURE, "0");
        assertThat(check(RiskTypes.of(RiskType.UNSTABLE_EMPLOYMENT), JOB, nobody, TODAY))
                .containsExactly(DataQualityRule.UNSTABLE_EMPLOYMENT_WITHOUT_WORKER);
        assertThat(check(RiskTypes.of(RiskType.UNSTABLE_EMPLOYMENT), JOB, CLEAN, TODAY)).isEmpty();
    }

    @Test
    void naturalDisasterWithoutSubtype() {
        assertThat(check(RiskTypes.of(RiskType.NATURAL_DISASTER), JOB, CLEAN, TODAY))
                .containsExactly(DataQualityRule.DISASTER_WITHOUT_SUBTYPE);
        assertThat(check(RiskTypes.of(RiskType.NATURAL_DISASTER).withSubtype(DisasterSubtype.HAIL), JOB, CLEAN, TODAY))
                .isEmpty();
    }

    @Test
    void anUninsuredMemberWithoutIllnessRisk() {
        MemberFacts uninsured = new MemberFacts(MemberStatus.ACTIVE, LabourCapacity.ORDINARY, false, false);
        HouseholdFacts f = facts(List.of(uninsured), GuaranteeFlags.SECURE, "100");
        assertThat(check(RiskTypes.of(RiskType.ACCIDENT), JOB, f, TODAY))
                .containsExactly(DataQualityRule.UNINSURED_WITHOUT_ILLNESS_RISK);
        assertThat(check(RiskTypes.of(RiskType.ACCIDENT, RiskType.ILLNESS), JOB, f, TODAY)).isEmpty();
        MemberFacts movedOut = new MemberFacts(MemberStatus.MOVED_OUT, LabourCapacity.ORDINARY, false, false);
        assertThat(check(RiskTypes.of(RiskType.ACCIDENT), JOB, facts(List.of(WORKER, movedOut),
                GuaranteeFlags.SECURE, "0"), TODAY)).isEmpty();
    }

    @Test
    void unsafeWaterFlagWithoutTheRisk() {
        HouseholdFacts f = facts(List.of(WORKER), new GuaranteeFlags(false, false, true, false), "0");
        assertThat(check(RiskTypes.of(RiskType.ACCIDENT), JOB, f, TODAY))
                .containsExactly(DataQualityRule.UNSAFE_WATER_WITHOUT_RISK);
        assertThat(check(RiskTypes.of(RiskType.ACCIDENT, RiskType.UNSAFE_WATER), JOB, f, TODAY)).isEmpty();
    }

    @Test
    void anEliminatedHouseholdIsNotChecked() {
        MonitoredHousehold gone = new MonitoredHousehold(100L, VILLAGE, "张三", "MARGINAL_AT_RISK",
                RiskTypes.of(RiskType.NATURAL_DISASTER), IDENTIFIED, MonitoringStatus.RISK_ELIMINATED, List.of(),
                List.of(), EliminationMethod.NATURAL, null);
        assertThat(DataQuality.check(gone, new Plan(100L, List.of()), CLEAN, TODAY)).isEmpty();
    }
}
