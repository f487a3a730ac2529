package cn.shouwang.core.casework;

import static cn.shouwang.core.casework.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.household.RiskType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
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
        Plan withWater = new Plan(100L, List.of(PlanTest.measure(1, MeasureGroup.PUBLIC_WELFARE_JOB),
                PlanTest.measure(2, MeasureGroup.DRINKING_WATER)));
        assertThat(check(RiskTypes.of(RiskType.ACCIDENT, RiskType.UNSAFE_WATER), withWater, f, TODAY)).isEmpty();
    }

    @Test
    void lackOfLabourWhileAMemberCanWork() {
        assertThat(check(RiskTypes.of(RiskType.LACK_OF_LABOUR), JOB, CLEAN, TODAY))
                .containsExactly(DataQualityRule.LACK_OF_LABOUR_WITH_WORKERS);
        HouseholdFacts weak = facts(List.of(member(LabourCapacity.NONE)), GuaranteeFlags.SECURE, "0");
        assertThat(check(RiskTypes.of(RiskType.LACK_OF_LABOUR), JOB, weak, TODAY)).isEmpty();
    }

    @Test
    void unsafeWaterWithoutAWaterMeasureAfterTheFirstMonth() {
        RiskTypes water = RiskTypes.of(RiskType.UNSAFE_WATER);
        assertThat(check(water, JOB, CLEAN, LocalDate.of(2024, 6, 19))).isEmpty();
        assertThat(check(water, JOB, CLEAN, LocalDate.of(2024, 6, 20)))
                .containsExactly(DataQualityRule.UNSAFE_WATER_WITHOUT_WATER_MEASURE);
        Plan withWater = new Plan(100L, List.of(PlanTest.measure(1, MeasureGroup.PUBLIC_WELFARE_JOB),
                PlanTest.measure(2, MeasureGroup.DRINKING_WATER)));
        assertThat(check(water, withWater, CLEAN, TODAY)).isEmpty();
    }

    @Test
    void unsafeHousingWithoutAHousingOrRelocationMeasure() {
        RiskTypes house = RiskTypes.of(RiskType.UNSAFE_HOUSING);
        assertThat(check(house, JOB, CLEAN, TODAY)).containsExactly(DataQualityRule.UNSAFE_HOUSING_WITHOUT_HOUSING_MEASURE);
        for (MeasureGroup g : List.of(MeasureGroup.HOUSING_SAFETY, MeasureGroup.RELOCATION)) {
            Plan p = new Plan(100L, List.of(PlanTest.measure(1, MeasureGroup.PUBLIC_WELFARE_JOB), PlanTest.measure(2, g)));
            assertThat(check(house, p, CLEAN, TODAY)).isEmpty();
        }
    }

    static LatestIncome income(String wages, String value, String line) {
        return new LatestIncome(LocalDate.of(2024, 6, 1), new BigDecimal(wages), new BigDecimal(value), new BigDecimal(line));
    }

    @Test
    void wagesAboveZeroAndBelowOneHundred() {
        MonitoredHousehold m = monitored(IDENTIFIED, RiskTypes.of(RiskType.ACCIDENT));
        assertThat(DataQuality.check(m, JOB, CLEAN, income("0", "9000", "8700"), TODAY)).isEmpty();
        assertThat(DataQuality.check(m, JOB, CLEAN, income("0.01", "9000", "8700"), TODAY))
                .containsExactly(DataQualityRule.WAGES_BELOW_100);
        assertThat(DataQuality.check(m, JOB, CLEAN, income("99.99", "9000", "8700"), TODAY))
                .containsExactly(DataQualityRule.WAGES_BELOW_100);
        assertThat(DataQuality.check(m, JOB, CLEAN, income("100", "9000", "8700"), TODAY)).isEmpty();
    }

    static final Measure DELIVERED_JOB = PlanTest.inState(MeasureState.DELIVERED); // an industry measure, delivered

    static MonitoredHousehold eliminated(RiskTypes r, EliminationMethod how, YearMonth month) {
        return new MonitoredHousehold(100L, VILLAGE, "张三", "MARGINAL_AT_RISK", r, IDENTIFIED,
                MonitoringStatus.RISK_ELIMINATED, List.of(), List.of(), how, month);
    }

    static final YearMonth LATER = YearMonth.of(2024, 12);

    @Test
    void eliminatedThroughAssistanceBelowTheLineItWasJudgedAgainst() {
        MonitoredHousehold m = eliminated(RiskTypes.of(RiskType.ACCIDENT), EliminationMethod.ASSISTANCE, LATER);
        Plan p = new Plan(100L, List.of(DELIVERED_JOB));
        assertThat(DataQuality.check(m, p, CLEAN, income("5000", "8699.99", "8700"), TODAY))
                .containsExactly(DataQualityRule.ELIMINATED_BELOW_LINE);
        assertThat(DataQuality.check(m, p, CLEAN, income("5000", "8700", "8700"), TODAY)).isEmpty();
        // naturally: the income may have risen by itself; that is a matter for the elimination check, not this one
        MonitoredHousehold natural = eliminated(RiskTypes.of(RiskType.ACCIDENT), EliminationMethod.NATURAL, LATER);
        assertThat(DataQuality.check(natural, p, CLEAN, income("5000", "100", "8700"), TODAY)).isEmpty();
    }

    @Test
    void eliminatedThroughAssistanceWithoutADeliveredDevelopmentMeasure() {
        MonitoredHousehold m = eliminated(RiskTypes.of(RiskType.ACCIDENT), EliminationMethod.ASSISTANCE, LATER);
        assertThat(DataQuality.check(m, JOB, CLEAN, null, TODAY)) // planned only
                .containsExactly(DataQualityRule.ELIMINATED_WITHOUT_DEVELOPMENT);
        Plan floorDelivered = new Plan(100L, List.of(delivered(MeasureGroup.SOCIAL_ASSISTANCE_FLOOR)));
        assertThat(DataQuality.check(m, floorDelivered, CLEAN, null, TODAY))
                .containsExactly(DataQualityRule.ELIMINATED_WITHOUT_DEVELOPMENT);
        assertThat(DataQuality.check(m, new Plan(100L, List.of(DELIVERED_JOB)), CLEAN, null, TODAY)).isEmpty();
    }

    static Measure delivered(MeasureGroup g) {
        LocalDate d = LocalDate.of(2024, 6, 2);
        return PlanTest.measure(9, g).moveTo(MeasureState.IN_PROGRESS, d).moveTo(MeasureState.DELIVERED, d);
    }

    @Test
    void illnessOrSchoolingEliminatedWithoutTheirMeasure() {
        MonitoredHousehold ill = eliminated(RiskTypes.of(RiskType.ILLNESS), EliminationMethod.ASSISTANCE, LATER);
        Plan job = new Plan(100L, List.of(DELIVERED_JOB));
        assertThat(DataQuality.check(ill, job, CLEAN, null, TODAY))
                .containsExactly(DataQualityRule.ILLNESS_ELIMINATED_WITHOUT_HEALTH_MEASURE);
        for (MeasureGroup g : List.of(MeasureGroup.HEALTH, MeasureGroup.SOCIAL_HELP, MeasureGroup.SOCIAL_ASSISTANCE_FLOOR)) {
            Plan p = new Plan(100L, List.of(DELIVERED_JOB, PlanTest.measure(2, g)));
            assertThat(DataQuality.check(ill, p, CLEAN, null, TODAY)).isEmpty();
        }
        MonitoredHousehold school = eliminated(RiskTypes.of(RiskType.SCHOOLING), EliminationMethod.ASSISTANCE, LATER);
        assertThat(DataQuality.check(school, job, CLEAN, null, TODAY))
                .containsExactly(DataQualityRule.SCHOOLING_ELIMINATED_WITHOUT_EDUCATION_MEASURE);
        Plan edu = new Plan(100L, List.of(DELIVERED_JOB, PlanTest.measure(2, MeasureGroup.OTHER_EDUCATION)));
        assertThat(DataQuality.check(school, edu, CLEAN, null, TODAY)).isEmpty();
        // a stopped health measure is no assistance
        Plan stopped = new Plan(100L, List.of(DELIVERED_JOB, PlanTest.measure(2, MeasureGroup.HEALTH)
                .moveTo(MeasureState.STOPPED, LocalDate.of(2024, 6, 3))));
        assertThat(DataQuality.check(ill, stopped, CLEAN, null, TODAY))
                .containsExactly(DataQualityRule.ILLNESS_ELIMINATED_WITHOUT_HEALTH_MEASURE);
    }

    @Test
    void waterAndHousingRisksEliminatedWithoutTheirMeasure() {
        Plan job = new Plan(100L, List.of(DELIVERED_JOB));
        MonitoredHousehold water = eliminated(RiskTypes.of(RiskType.UNSAFE_WATER), EliminationMethod.ASSISTANCE, LATER);
        assertThat(DataQuality.check(water, job, CLEAN, null, TODAY))
                .containsExactly(DataQualityRule.UNSAFE_WATER_WITHOUT_WATER_MEASURE);
        MonitoredHousehold house = eliminated(RiskTypes.of(RiskType.UNSAFE_HOUSING), EliminationMethod.ASSISTANCE, LATER);
        assertThat(DataQuality.check(house, new Plan(100L, List.of(DELIVERED_JOB, delivered(MeasureGroup.RELOCATION))),
                CLEAN, null, TODAY)).isEmpty();
    }

    @Test
    void eliminatedInTheMonthOfIdentificationOrTheNext() {
        Plan job = new Plan(100L, List.of(DELIVERED_JOB));
        // identified 2024-05-20
        for (YearMonth soon : List.of(YearMonth.of(2024, 5), YearMonth.of(2024, 6))) {
            assertThat(DataQuality.check(eliminated(RiskTypes.of(RiskType.ACCIDENT), EliminationMethod.NATURAL, soon),
                    job, CLEAN, null, TODAY)).containsExactly(DataQualityRule.ELIMINATED_TOO_SOON);
        }
        assertThat(DataQuality.check(eliminated(RiskTypes.of(RiskType.ACCIDENT), EliminationMethod.NATURAL,
                YearMonth.of(2024, 7)), job, CLEAN, null, TODAY)).isEmpty();
    }

    @Test
    void anEliminatedHouseholdGetsOnlyTheEliminationChecks() {
        MonitoredHousehold gone = new MonitoredHousehold(100L, VILLAGE, "张三", "MARGINAL_AT_RISK",
                RiskTypes.of(RiskType.NATURAL_DISASTER), IDENTIFIED, MonitoringStatus.RISK_ELIMINATED, List.of(),
                List.of(), EliminationMethod.NATURAL, null);
        assertThat(DataQuality.check(gone, new Plan(100L, List.of()), CLEAN, TODAY)).isEmpty();
    }
}
