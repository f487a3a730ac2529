package cn.shouwang.screening.rules;

import cn.shouwang.core.household.RiskType;
import cn.shouwang.screening.feed.FeedKind;
import java.util.Locale;

/** The sixteen rules of feeds.md and the three asset rules of docs/feeds-assets.md, with their risk type (null: none), the file they read, and what one warning is per. */
public enum Rule {
    MEDICAL_PERSON(RiskType.ILLNESS, FeedKind.MEDICAL_CLAIMS, true),
    MEDICAL_HOUSEHOLD(RiskType.ILLNESS, FeedKind.MEDICAL_CLAIMS, false),
    MAJOR_DIAGNOSIS(RiskType.ILLNESS, FeedKind.MAJOR_DIAGNOSES, true),
    NOT_INSURED(RiskType.ILLNESS, FeedKind.INSURANCE_ENROLLMENT, true),
    UNSAFE_HOUSE(RiskType.UNSAFE_HOUSING, FeedKind.HOUSING_APPRAISALS, true),
    DROPOUT(RiskType.SCHOOLING, FeedKind.SCHOOL_ENROLLMENT, true),
    SCHOOL_COST(RiskType.SCHOOLING, FeedKind.SCHOOL_COSTS, true),
    NEW_DISABILITY(RiskType.DISABILITY, FeedKind.DISABILITY_CERTIFICATES, true),
    DEATH_OF_WORKER(RiskType.LACK_OF_LABOUR, FeedKind.CIVIL_REGISTRY_EVENTS, true),
    ACCIDENT(RiskType.ACCIDENT, FeedKind.ACCIDENTS, true),
    DISASTER_LOSS(RiskType.NATURAL_DISASTER, FeedKind.DISASTER_LOSSES, true),
    JOB_LOSS(RiskType.UNSTABLE_EMPLOYMENT, FeedKind.EMPLOYMENT_STATUS, true),
    UNSAFE_WATER(RiskType.UNSAFE_WATER, FeedKind.WATER_SUPPLY, false),
    DIVIDEND_SHORTFALL(RiskType.INDUSTRY_FAILURE, FeedKind.ENTERPRISE_PAYMENTS, true),
    NEW_ASSISTANCE(null, FeedKind.SOCIAL_ASSISTANCE, true),
    INCOME_BELOW_LINE(null, FeedKind.INCOMES, false),
    // assets beside income (docs/feeds-assets.md): no risk type, never suppressed
    VEHICLE_ASSET(null, FeedKind.VEHICLE_REGISTRATIONS, true),
    PROPERTY_ASSET(null, FeedKind.PROPERTY_REGISTRATIONS, true),
    MARKET_ENTITY_ASSET(null, FeedKind.MARKET_ENTITIES, true);

    private final RiskType riskType;
    private final FeedKind source;
    private final boolean perPerson;

    Rule(RiskType riskType, FeedKind source, boolean perPerson) {
        this.riskType = riskType;
        this.source = source;
        this.perPerson = perPerson;
    }

    /** Null for rules without a risk type (NEW_ASSISTANCE, INCOME_BELOW_LINE, the asset rules). */
    public RiskType riskType() { return riskType; }

    /** The file whose rows cause it (INCOMES for the registry rule). */
    public FeedKind source() { return source; }

    public boolean perPerson() { return perPerson; }

    /**
     * An asset rule (docs/feeds-assets.md): a registration above the local limit, a reason against identification
     * rather than a risk; it is produced for monitored households too (feeds.md's suppression does not apply).
     */
    public boolean asset() { return this == VEHICLE_ASSET || this == PROPERTY_ASSET || this == MARKET_ENTITY_ASSET; }

    /** The key of this rule in a rules file: the code in lower case. */
    public String key() { return name().toLowerCase(Locale.ROOT); }
}
