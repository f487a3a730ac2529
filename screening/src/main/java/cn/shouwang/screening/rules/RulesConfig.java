package cn.shouwang.screening.rules;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every threshold of feeds.md (and the asset limits of docs/feeds-assets.md), which rules run, and the monitoring income line per year. Amounts in fen.
 * {@link #defaults()} is feeds.md; {@link RulesFile} reads a changed copy from YAML.
 */
public record RulesConfig(
        Set<Rule> enabled,
        long medicalPersonPriorityThreshold,
        long medicalPersonOtherThreshold,
        Share medicalHouseholdShare,
        Set<String> unsafeHouseGrades,
        int dropoutMinAge,
        int dropoutMaxAge,
        long schoolCostThreshold,
        Set<String> schoolCostStages,
        Set<String> disabilityGrades,
        int deathMinAge,
        int deathMaxAge,
        long disasterLossThreshold,
        Share disasterLossShare,
        Share jobLossWageShare,
        Set<String> assistanceKinds,
        long incomeLineDefault,
        Map<Integer, Long> incomeLineByYear,
        AssetLimits assets) implements Serializable {

    public RulesConfig {
        enabled = Collections.unmodifiableSet(EnumSet.copyOf(enabled.isEmpty() ? EnumSet.noneOf(Rule.class) : enabled));
        unsafeHouseGrades = Set.copyOf(unsafeHouseGrades);
        schoolCostStages = Set.copyOf(schoolCostStages);
        disabilityGrades = Set.copyOf(disabilityGrades);
        assistanceKinds = Set.copyOf(assistanceKinds);
        incomeLineByYear = Collections.unmodifiableMap(new TreeMap<>(incomeLineByYear));
        if (assets == null) assets = AssetLimits.defaults();
    }

    /** The thresholds of the sixteen rules of feeds.md, with the asset rules' default limits. */
    public RulesConfig(Set<Rule> enabled, long medicalPersonPriorityThreshold, long medicalPersonOtherThreshold,
                       Share medicalHouseholdShare, Set<String> unsafeHouseGrades, int dropoutMinAge, int dropoutMaxAge,
                       long schoolCostThreshold, Set<String> schoolCostStages, Set<String> disabilityGrades,
                       int deathMinAge, int deathMaxAge, long disasterLossThreshold, Share disasterLossShare,
                       Share jobLossWageShare, Set<String> assistanceKinds, long incomeLineDefault,
                       Map<Integer, Long> incomeLineByYear) {
        this(enabled, medicalPersonPriorityThreshold, medicalPersonOtherThreshold, medicalHouseholdShare,
                unsafeHouseGrades, dropoutMinAge, dropoutMaxAge, schoolCostThreshold, schoolCostStages,
                disabilityGrades, deathMinAge, deathMaxAge, disasterLossThreshold, disasterLossShare, jobLossWageShare,
                assistanceKinds, incomeLineDefault, incomeLineByYear, AssetLimits.defaults());
    }

    /** The same rules with other asset limits. */
    public RulesConfig withAssets(AssetLimits a) {
        return new RulesConfig(enabled, medicalPersonPriorityThreshold, medicalPersonOtherThreshold, medicalHouseholdShare,
                unsafeHouseGrades, dropoutMinAge, dropoutMaxAge, schoolCostThreshold, schoolCostStages,
                disabilityGrades, deathMinAge, deathMaxAge, disasterLossThreshold, disasterLossShare, jobLossWageShare,
                assistanceKinds, incomeLineDefault, incomeLineByYear, a);
    }

    public static RulesConfig defaults() {
        return new RulesConfig(EnumSet.allOf(Rule.class), 5_000_00, 20_000_00, Share.of("0.5"),
                Set.of("C", "D"), 6, 15, 10_000_00, Set.of("SENIOR", "VOCATIONAL"), Set.of("1", "2"),
                16, 59, 5_000_00, Share.of("0.3"), Share.of("0.5"),
                Set.of("TEMPORARY_RELIEF", "MINIMUM_LIVING", "EXTREME_POVERTY"), 6_700_00, Map.of(),
                AssetLimits.defaults());
    }

    public boolean runs(Rule r) { return enabled.contains(r); }

    /** The monitoring line (fen per person per year) for an income year. */
    public long incomeLine(int year) { return incomeLineByYear.getOrDefault(year, incomeLineDefault); }
}
