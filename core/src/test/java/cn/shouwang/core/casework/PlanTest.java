package cn.shouwang.core.casework;

import static cn.shouwang.core.casework.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlanTest {

    static final Set<String> ALLOWED = Set.of("PLANNED IN_PROGRESS", "PLANNED STOPPED", "IN_PROGRESS DELIVERED",
            "IN_PROGRESS STOPPED");

    static Stream<Arguments> measureMatrix() {
        List<Arguments> all = new ArrayList<>();
        for (MeasureState from : MeasureState.values())
            for (MeasureState to : MeasureState.values())
                all.add(Arguments.of(from, to, ALLOWED.contains(from + " " + to)));
        return all.stream();
    }

    static Measure measure(long id, MeasureGroup g) {
        return Measure.planned(id, g, "养殖肉牛5头", "王帮扶", LocalDate.of(2024, 6, 1), LocalDate.of(2024, 12, 31),
                new BigDecimal("15000.00"), "衔接资金");
    }

    static Measure inState(MeasureState s) {
        Measure m = measure(1, MeasureGroup.INDUSTRY);
        LocalDate d = LocalDate.of(2024, 6, 2);
        return switch (s) {
            case PLANNED -> m;
            case IN_PROGRESS -> m.moveTo(MeasureState.IN_PROGRESS, d);
            case DELIVERED -> m.moveTo(MeasureState.IN_PROGRESS, d).moveTo(MeasureState.DELIVERED, d);
            case STOPPED -> m.moveTo(MeasureState.STOPPED, d);
        };
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("measureMatrix")
    void measureStatesOwnTheirTransitions(MeasureState from, MeasureState to, boolean allowed) {
        Measure m = inState(from);
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        if (allowed) {
            Measure after = m.moveTo(to, LocalDate.of(2024, 6, 3));
            assertThat(after.state()).isEqualTo(to);
            assertThat(after.changedOn()).isEqualTo(LocalDate.of(2024, 6, 3));
        } else {
            assertThatThrownBy(() -> m.moveTo(to, LocalDate.of(2024, 6, 3)))
                    .isInstanceOfSatisfying(CaseworkException.class,
                            e -> assertThat(e.problem()).isEqualTo(CaseworkProblem.MEASURE_TRANSITION));
        }
    }

    @Test
    void costIsAnExactDecimalAndFieldsAreRequired() {
        Measure m = Measure.planned(1, MeasureGroup.HEALTH, "慢病签约", "李医生", LocalDate.of(2024, 6, 1),
                LocalDate.of(2024, 6, 1), new BigDecimal("0.1").add(new BigDecimal("0.2")), "医保");
        assertThat(m.cost()).isEqualTo(new BigDecimal("0.30"));
        assertThatThrownBy(() -> Measure.planned(1, MeasureGroup.HEALTH, "x", "y", LocalDate.of(2024, 6, 2),
                LocalDate.of(2024, 6, 1), BigDecimal.ONE, "z")).hasMessageContaining("MEASURE_DATES");
        assertThatThrownBy(() -> Measure.planned(1, MeasureGroup.HEALTH, "x", "y", LocalDate.of(2024, 6, 1),
                LocalDate.of(2024, 6, 1), new BigDecimal("1.005"), "z")).hasMessageContaining("MONEY_INVALID");
        assertThatThrownBy(() -> Measure.planned(1, MeasureGroup.HEALTH, "x", " ", LocalDate.of(2024, 6, 1),
                LocalDate.of(2024, 6, 1), BigDecimal.ONE, "z")).hasMessageContaining("responsiblePerson");
    }

    static final HouseholdFacts CAN_WORK = new HouseholdFacts(List.of(member(LabourCapacity.WEAK)),
            GuaranteeFlags.SECURE, BigDecimal.ZERO, true, List.of());
    static final HouseholdFacts CANNOT_WORK = new HouseholdFacts(List.of(member(LabourCapacity.LOST),
            new MemberFacts(MemberStatus.DECEASED, LabourCapacity.ORDINARY, false, true)),
            GuaranteeFlags.SECURE, BigDecimal.ZERO, true, List.of());

    @Test
    void aHouseholdThatCanWorkGetsTheFloorOnlyBesideAnIncomeMeasure() {
        Plan empty = new Plan(100L, List.of());
        assertThatThrownBy(() -> empty.add(measure(1, MeasureGroup.SOCIAL_ASSISTANCE_FLOOR), CAN_WORK, true))
                .isInstanceOfSatisfying(CaseworkException.class,
                        e -> assertThat(e.problem()).isEqualTo(CaseworkProblem.PLAN_NEEDS_INCOME_MEASURE));
        Plan withJob = empty.add(measure(1, MeasureGroup.PUBLIC_WELFARE_JOB), CAN_WORK, true);
        Plan both = withJob.add(measure(2, MeasureGroup.SOCIAL_ASSISTANCE_FLOOR), CAN_WORK, true);
        assertThat(both.measures()).hasSize(2);
        assertThat(both.lacksIncomeMeasure(CAN_WORK)).isFalse();
        // stopping the only income measure would leave the floor alone
        assertThatThrownBy(() -> both.move(1, MeasureState.STOPPED, LocalDate.of(2024, 6, 5), CAN_WORK))
                .hasMessageContaining("PLAN_NEEDS_INCOME_MEASURE");
        // a household where nobody can work (the deceased member does not count) may rest on the floor
        Plan floorOnly = empty.add(measure(1, MeasureGroup.SOCIAL_ASSISTANCE_FLOOR), CANNOT_WORK, true);
        assertThat(floorOnly.onlyFloor()).isTrue();
        assertThat(floorOnly.lacksIncomeMeasure(CANNOT_WORK)).isFalse();
        // a working household with a health measure only: allowed to save, reported as lacking an income measure
        Plan healthOnly = empty.add(measure(1, MeasureGroup.HEALTH), CAN_WORK, true);
        assertThat(healthOnly.lacksIncomeMeasure(CAN_WORK)).isTrue();
    }

    @Test
    void noPlanBeforeTheHouseholdIsMonitoredOrFastTracked() {
        assertThatThrownBy(() -> new Plan(100L, List.of()).add(measure(1, MeasureGroup.INDUSTRY), CAN_WORK, false))
                .hasMessageContaining("ASSISTANCE_NOT_STARTED");
    }

    @Test
    void incomeGeneratingGroupsAreIndustryEmploymentFinanceAndPublicWelfareJobs() {
        assertThat(Stream.of(MeasureGroup.values()).filter(MeasureGroup::incomeGenerating))
                .containsExactly(MeasureGroup.INDUSTRY, MeasureGroup.EMPLOYMENT, MeasureGroup.FINANCE,
                        MeasureGroup.PUBLIC_WELFARE_JOB);
        assertThat(MeasureGroup.values()).hasSize(15);
    }

    @Test
    void anOfficerTakesOverFromThePreviousOne() {
        MonitoredHousehold m = monitored(LocalDate.of(2024, 1, 5), RiskTypes.of(cn.shouwang.core.household.RiskType.ILLNESS));
        MonitoredHousehold a = m.assignOfficer(new AssistanceOfficer("刘干部", "县农业农村局", "13800001111",
                LocalDate.of(2024, 1, 10), null), "县一");
        MonitoredHousehold b = a.assignOfficer(new AssistanceOfficer("陈干部", "县教育局", "13900002222",
                LocalDate.of(2024, 5, 1), null), "县一");
        assertThat(b.officers()).hasSize(2);
        assertThat(b.officers().get(0).to()).isEqualTo(LocalDate.of(2024, 4, 30));
        assertThat(b.officerOn(LocalDate.of(2024, 3, 1))).get().extracting(AssistanceOfficer::name).isEqualTo("刘干部");
        assertThat(b.officerOn(LocalDate.of(2024, 6, 1))).get().extracting(AssistanceOfficer::name).isEqualTo("陈干部");
        assertThat(b.officerOn(LocalDate.of(2024, 1, 9))).isEmpty();
        assertThat(b.history()).extracting(StatusChange::kind)
                .containsExactly(StatusChange.Kind.OFFICER_ASSIGNED, StatusChange.Kind.OFFICER_ASSIGNED);
        assertThatThrownBy(() -> new AssistanceOfficer("x", "y", "13800001111", LocalDate.of(2024, 2, 1),
                LocalDate.of(2024, 1, 1))).hasMessageContaining("OFFICER_DATES");
        assertThatThrownBy(() -> new AssistanceOfficer("x", "y", "phone", LocalDate.of(2024, 2, 1), null))
                .hasMessageContaining("phone");
    }

    @Test
    void categoriesAndRiskTypesAreExtendableCodeLists() {
        CodeList cats = CodeList.categories().with(new CodeList.Code("MERGED_2026", "合并类别", "Merged", true));
        MonitoredHousehold m = monitored(LocalDate.of(2024, 1, 5), RiskTypes.of(cn.shouwang.core.household.RiskType.ILLNESS));
        assertThat(m.changeCategory("MERGED_2026", cats, TODAY, "县一").category()).isEqualTo("MERGED_2026");
        assertThatThrownBy(() -> m.changeCategory("MERGED_2026", CodeList.categories(), TODAY, "县一"))
                .hasMessageContaining("CATEGORY_UNKNOWN");
        CodeList retired = CodeList.riskTypes().with(new CodeList.Code("OTHER", "其他", "Other", false));
        assertThatThrownBy(() -> m.changeRiskTypes(new RiskTypes(List.of("OTHER"), null), retired, TODAY, "县一"))
                .hasMessageContaining("RISK_TYPE_INACTIVE");
        assertThat(m.changeRiskTypes(new RiskTypes(List.of("DISABILITY", "ILLNESS"), null), retired, TODAY, "县一")
                .riskTypes().main()).isEqualTo("DISABILITY");
    }
}
