package cn.shouwang.core.casework;

import cn.shouwang.core.household.RiskType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Runs the data-quality checks of policy.md §6 and the national checks counties are scored on, on one household.
 * A monitored household gets the monitoring checks; a household whose risk was eliminated only the elimination
 * checks (its record is history otherwise). "No measure" counts live measures (a stopped one is no assistance); the
 * month runs from the identification day, and a missing measure for a risk is reported only after that month, like
 * {@link DataQualityRule#NO_MEASURE_AFTER_ONE_MONTH}: the plan is made in it.
 */
public final class DataQuality {
    private DataQuality() {}

    /** Wage income above 0 and below this (yuan a year) is a typing slip (monthly for yearly, or a missing digit). */
    public static final BigDecimal WAGES_PLAUSIBLE = new BigDecimal("100");

    static final Set<MeasureGroup> ILLNESS_MEASURES =
            EnumSet.of(MeasureGroup.HEALTH, MeasureGroup.SOCIAL_HELP, MeasureGroup.SOCIAL_ASSISTANCE_FLOOR);
    static final Set<MeasureGroup> EDUCATION_MEASURES =
            EnumSet.of(MeasureGroup.COMPULSORY_EDUCATION, MeasureGroup.OTHER_EDUCATION);
    static final Set<MeasureGroup> HOUSING_MEASURES = EnumSet.of(MeasureGroup.HOUSING_SAFETY, MeasureGroup.RELOCATION);

    public static List<DataQualityRule> check(MonitoredHousehold m, Plan plan, HouseholdFacts facts, LocalDate asOf) {
        return check(m, plan, facts, null, asOf);
    }

    /** @param income the latest income check, if any (the income checks are skipped without one) */
    public static List<DataQualityRule> check(MonitoredHousehold m, Plan plan, HouseholdFacts facts,
                                              @Nullable LatestIncome income, LocalDate asOf) {
        if (m.status() == MonitoringStatus.RISK_ELIMINATED) return eliminated(m, plan, income);
        List<DataQualityRule> found = new ArrayList<>();
        RiskTypes r = m.riskTypes();
        boolean monthPassed = !asOf.isBefore(m.identifiedOn().plusMonths(1));
        if (monthPassed && !plan.hasLiveMeasure()) {
            found.add(DataQualityRule.NO_MEASURE_AFTER_ONE_MONTH);
        }
        if (facts.canWork() && plan.onlyFloor()) {
            found.add(DataQualityRule.ONLY_FLOOR_MEASURES);
        }
        if (r.contains(RiskType.ILLNESS) && facts.eligibleOutOfPocket().signum() == 0) {
            found.add(DataQualityRule.ILLNESS_WITHOUT_OUT_OF_POCKET);
        }
        if (r.contains(RiskType.DISABILITY) && facts.activeMembers().stream().noneMatch(MemberFacts::disabilityCertificate)) {
            found.add(DataQualityRule.DISABILITY_WITHOUT_CERTIFICATE);
        }
        if (r.contains(RiskType.UNSTABLE_EMPLOYMENT) && !facts.canWork()) {
            found.add(DataQualityRule.UNSTABLE_EMPLOYMENT_WITHOUT_WORKER);
        }
        if (r.contains(RiskType.NATURAL_DISASTER) && r.disasterSubtype() == null) {
            found.add(DataQualityRule.DISASTER_WITHOUT_SUBTYPE);
        }
        if (facts.activeMembers().stream().anyMatch(x -> !x.medicalInsurance()) && !r.contains(RiskType.ILLNESS)) {
            found.add(DataQualityRule.UNINSURED_WITHOUT_ILLNESS_RISK);
        }
        if (facts.guarantees().waterUnsafe() && !r.contains(RiskType.UNSAFE_WATER)) {
            found.add(DataQualityRule.UNSAFE_WATER_WITHOUT_RISK);
        }
        if (r.contains(RiskType.LACK_OF_LABOUR) && facts.canWork()) {
            found.add(DataQualityRule.LACK_OF_LABOUR_WITH_WORKERS);
        }
        // an empty plan is already NO_MEASURE_AFTER_ONE_MONTH; these say which measure a plan with others lacks
        if (monthPassed && plan.hasLiveMeasure() && r.contains(RiskType.UNSAFE_WATER)
                && !hasLive(plan, EnumSet.of(MeasureGroup.DRINKING_WATER))) {
            found.add(DataQualityRule.UNSAFE_WATER_WITHOUT_WATER_MEASURE);
        }
        if (monthPassed && plan.hasLiveMeasure() && r.contains(RiskType.UNSAFE_HOUSING) && !hasLive(plan, HOUSING_MEASURES)) {
            found.add(DataQualityRule.UNSAFE_HOUSING_WITHOUT_HOUSING_MEASURE);
        }
        if (income != null && wagesImplausible(income.wages())) {
            found.add(DataQualityRule.WAGES_BELOW_100);
        }
        return found;
    }

    /** The checks of an elimination: most only for one through assistance (a natural one needed no measure). */
    private static List<DataQualityRule> eliminated(MonitoredHousehold m, Plan plan, @Nullable LatestIncome income) {
        List<DataQualityRule> found = new ArrayList<>();
        RiskTypes r = m.riskTypes();
        if (m.eliminationMethod() == EliminationMethod.ASSISTANCE) {
            if (income != null && income.belowLine()) found.add(DataQualityRule.ELIMINATED_BELOW_LINE);
            boolean development = plan.measures().stream()
                    .anyMatch(x -> x.state() == MeasureState.DELIVERED && x.group().incomeGenerating());
            if (!development) found.add(DataQualityRule.ELIMINATED_WITHOUT_DEVELOPMENT);
            if (r.contains(RiskType.ILLNESS) && !hasLive(plan, ILLNESS_MEASURES)) {
                found.add(DataQualityRule.ILLNESS_ELIMINATED_WITHOUT_HEALTH_MEASURE);
            }
            if (r.contains(RiskType.SCHOOLING) && !hasLive(plan, EDUCATION_MEASURES)) {
                found.add(DataQualityRule.SCHOOLING_ELIMINATED_WITHOUT_EDUCATION_MEASURE);
            }
            if (r.contains(RiskType.UNSAFE_WATER) && !hasLive(plan, EnumSet.of(MeasureGroup.DRINKING_WATER))) {
                found.add(DataQualityRule.UNSAFE_WATER_WITHOUT_WATER_MEASURE);
            }
            if (r.contains(RiskType.UNSAFE_HOUSING) && !hasLive(plan, HOUSING_MEASURES)) {
                found.add(DataQualityRule.UNSAFE_HOUSING_WITHOUT_HOUSING_MEASURE);
            }
        }
        if (m.eliminatedMonth() != null && !m.eliminatedMonth().isAfter(m.identificationMonth().plusMonths(1))) {
            found.add(DataQualityRule.ELIMINATED_TOO_SOON);
        }
        return found;
    }

    /** Above 0 and below 100 yuan. */
    static boolean wagesImplausible(BigDecimal wages) {
        return wages.signum() > 0 && wages.compareTo(WAGES_PLAUSIBLE) < 0;
    }

    private static boolean hasLive(Plan plan, Set<MeasureGroup> groups) {
        return plan.measures().stream().anyMatch(x -> x.state().live() && groups.contains(x.group()));
    }
}
