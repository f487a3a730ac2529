package cn.shouwang.server.casework;

import cn.shouwang.screening.rules.Rule;
import cn.shouwang.screening.rules.RulesConfig;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The comparison's thresholds and which of its rules run, as administrators set them beside 业务参数 (系统管理 ›
 * 比对规则与阈值), per area with inheritance like the other per-area settings: stored in {@code casework_setting}
 * (province-wide) and {@code casework_area_setting} under {@link #key()}. Unset anywhere: feeds.md's default
 * ({@link RulesConfig#defaults()}), the same the command line uses without a rules file. Values are stored as typed
 * for their {@link Kind}: yuan ("5000" or "5000.50"), a fraction ("0.5"), whole years, or rule codes comma-separated.
 */
public enum ComparisonSetting {
    RULES_OFF("screening_rules_off", Kind.RULES, null),
    MEDICAL_PERSON_PRIORITY("medical_person_priority_threshold", Kind.YUAN, Rule.MEDICAL_PERSON),
    MEDICAL_PERSON_OTHER("medical_person_other_threshold", Kind.YUAN, Rule.MEDICAL_PERSON),
    MEDICAL_HOUSEHOLD_SHARE("medical_household_share", Kind.SHARE, Rule.MEDICAL_HOUSEHOLD),
    DROPOUT_MIN_AGE("dropout_min_age", Kind.AGE, Rule.DROPOUT),
    DROPOUT_MAX_AGE("dropout_max_age", Kind.AGE, Rule.DROPOUT),
    SCHOOL_COST("school_cost_threshold", Kind.YUAN, Rule.SCHOOL_COST),
    DEATH_MIN_AGE("death_min_age", Kind.AGE, Rule.DEATH_OF_WORKER),
    DEATH_MAX_AGE("death_max_age", Kind.AGE, Rule.DEATH_OF_WORKER),
    DISASTER_LOSS("disaster_loss_threshold", Kind.YUAN, Rule.DISASTER_LOSS),
    DISASTER_LOSS_SHARE("disaster_loss_share", Kind.SHARE, Rule.DISASTER_LOSS),
    JOB_LOSS_WAGE_SHARE("job_loss_wage_share", Kind.SHARE, Rule.JOB_LOSS),
    // assets beside income (issue 17 point 3, docs/feeds-assets.md): the local limits, used by the comparison's asset
    // rules and by the identification check alike, and whether an asset above its limit refuses identification
    VEHICLE_ASSET_LIMIT("vehicle_asset_limit", Kind.YUAN, Rule.VEHICLE_ASSET),
    PROPERTY_ASSET_LIMIT("property_asset_limit", Kind.YUAN, Rule.PROPERTY_ASSET),
    MARKET_ENTITY_ASSET_LIMIT("market_entity_asset_limit", Kind.YUAN, Rule.MARKET_ENTITY_ASSET),
    DEPOSIT_LIMIT("deposit_limit", Kind.YUAN, null),
    ASSETS_ABOVE_LIMIT("assets_above_limit", Kind.CHOICE, null);

    /** How a value is typed and stored. CHOICE: one of {@link #choices()}. */
    public enum Kind { YUAN, SHARE, AGE, RULES, CHOICE }

    /** The identification check's answer to an asset above its limit: refuse the county's confirmation, or only show it. */
    public static final String BLOCK = "BLOCK", WARN = "WARN";

    /** The values of a CHOICE setting, as stored. */
    public List<String> choices() { return kind == Kind.CHOICE ? List.of(WARN, BLOCK) : List.of(); }

    /** Whether the setting belongs to the comparison's rules (a run keeps and shows it), not only to casework. */
    public boolean comparison() { return rule != null; }

    private final String key;
    private final Kind kind;
    private final Rule rule;

    ComparisonSetting(String key, Kind kind, Rule rule) {
        this.key = key;
        this.kind = kind;
        this.rule = rule;
    }

    /** The setting's name in the settings tables (and its message key {@code comparison.setting.<key>}). */
    public String key() { return key; }

    public Kind kind() { return kind; }

    /** The kind's name (YUAN, SHARE, AGE, RULES), for message keys. */
    public String kindName() { return kind.name(); }

    /** The rule the threshold belongs to (null for the list of rules switched off, the deposit limit and the choice). */
    public Rule rule() { return rule; }

    /** The stored names, in page order. */
    public static final List<String> KEYS = Arrays.stream(values()).map(ComparisonSetting::key).toList();

    public static Optional<ComparisonSetting> ofKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    /** feeds.md's value, as stored. */
    public String defaultValue() {
        RulesConfig d = RulesConfig.defaults();
        return switch (this) {
            case RULES_OFF -> "";
            case MEDICAL_PERSON_PRIORITY -> yuan(d.medicalPersonPriorityThreshold());
            case MEDICAL_PERSON_OTHER -> yuan(d.medicalPersonOtherThreshold());
            case MEDICAL_HOUSEHOLD_SHARE -> d.medicalHouseholdShare().toString();
            case DROPOUT_MIN_AGE -> String.valueOf(d.dropoutMinAge());
            case DROPOUT_MAX_AGE -> String.valueOf(d.dropoutMaxAge());
            case SCHOOL_COST -> yuan(d.schoolCostThreshold());
            case DEATH_MIN_AGE -> String.valueOf(d.deathMinAge());
            case DEATH_MAX_AGE -> String.valueOf(d.deathMaxAge());
            case DISASTER_LOSS -> yuan(d.disasterLossThreshold());
            case DISASTER_LOSS_SHARE -> d.disasterLossShare().toString();
            case JOB_LOSS_WAGE_SHARE -> d.jobLossWageShare().toString();
            case VEHICLE_ASSET_LIMIT -> yuan(d.assets().vehicleLimit());
            case PROPERTY_ASSET_LIMIT -> yuan(d.assets().propertyLimit());
            case MARKET_ENTITY_ASSET_LIMIT -> yuan(d.assets().marketEntityLimit());
            case DEPOSIT_LIMIT -> "50000";
            case ASSETS_ABOVE_LIMIT -> WARN;
        };
    }

    private static String yuan(long fen) {
        return BigDecimal.valueOf(fen, 2).stripTrailingZeros().toPlainString();
    }

    /**
     * The value as stored, or empty when it is not one of this kind (the message key of the problem is then
     * {@code comparison.setting.bad.<kind>}). Rule codes are kept in the rules' order.
     */
    public Optional<String> normalise(String typed) {
        String s = typed.strip().replace(",", kind == Kind.RULES ? "," : "").replace("，", kind == Kind.RULES ? "," : "");
        switch (kind) {
            case YUAN -> {
                if (!s.matches("\\d{1,9}(\\.\\d{1,2})?")) return Optional.empty();
                return Optional.of(new BigDecimal(s).stripTrailingZeros().toPlainString());
            }
            case SHARE -> {
                if (!s.matches("(0(\\.\\d{1,4})?|1(\\.0{1,4})?|\\.\\d{1,4})")) return Optional.empty();
                return Optional.of(new BigDecimal(s).stripTrailingZeros().toPlainString());
            }
            case CHOICE -> {
                String u = s.toUpperCase(java.util.Locale.ROOT);
                return choices().contains(u) ? Optional.of(u) : Optional.empty();
            }
            case AGE -> {
                if (!s.matches("\\d{1,3}") || Integer.parseInt(s) > 150) return Optional.empty();
                return Optional.of(String.valueOf(Integer.parseInt(s)));
            }
            default -> {
                Set<String> codes = Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                        .collect(Collectors.toSet());
                Set<String> known = Arrays.stream(Rule.values()).map(Rule::name).collect(Collectors.toSet());
                if (!known.containsAll(codes)) return Optional.empty();
                return Optional.of(rulesValue(codes));
            }
        }
    }

    /** Rule codes as stored: in the rules' order, comma-separated. */
    public static String rulesValue(java.util.Collection<String> codes) {
        return Arrays.stream(Rule.values()).map(Rule::name).filter(codes::contains).collect(Collectors.joining(","));
    }

    /** The rules of a stored list (unknown codes left out). */
    public static Set<Rule> rules(String stored) {
        Set<Rule> out = EnumSet.noneOf(Rule.class);
        for (String c : stored.split(",")) {
            String x = c.strip();
            Arrays.stream(Rule.values()).filter(r -> r.name().equals(x)).forEach(out::add);
        }
        return out;
    }
}
