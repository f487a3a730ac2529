package cn.shouwang.core.casework;

import cn.shouwang.core.household.RiskType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the data-quality checks of policy.md §6 on one monitored household. Only households under monitoring are
 * checked: an eliminated household's record is history. "No measure" counts live measures (a stopped one is no
 * assistance); the month runs from the identification day.
 */
public final class DataQuality {
    private DataQuality() {}

    public static List<DataQualityRule> check(MonitoredHousehold m, Plan plan, HouseholdFacts facts, LocalDate asOf) {
        List<DataQualityRule> found = new ArrayList<>();
        if (m.status() != MonitoringStatus.MONITORED) return found;
        RiskTypes r = m.riskTypes();
        if (!asOf.isBefore(m.identifiedOn().plusMonths(1)) && !plan.hasLiveMeasure()) {
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
        return found;
    }
}
