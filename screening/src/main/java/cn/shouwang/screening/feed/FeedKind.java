package cn.shouwang.screening.feed;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every file of feeds.md: the four registry files, the fourteen department files and the three asset files of docs/feeds-assets.md. The {@link #fileName()}
 * is the file's base name (".csv" or ".xlsx" is added) and also the {@code source} written to the outputs.
 */
public enum FeedKind {
    // registry
    HOUSEHOLDS(true, cols(Column.HOUSEHOLD_ID, Column.AREA_CODE, Column.HEAD_ID_NUMBER, Column.FORMERLY_POOR)),
    MEMBERS(true, cols(Column.HOUSEHOLD_ID, Column.ID_NUMBER, Column.RELATION, Column.LABOUR_CAPACITY, Column.STATUS)),
    INCOMES(true, cols(Column.HOUSEHOLD_ID, Column.YEAR, Column.WAGES, Column.BUSINESS, Column.PROPERTY,
            Column.TRANSFERS, Column.PRODUCTION_COSTS, Column.ELIGIBLE_OUT_OF_POCKET)),
    MONITORED(true, cols(Column.HOUSEHOLD_ID, Column.RISK_TYPES, Column.IDENTIFIED_MONTH, Column.STATUS)),
    // departments (feeds.md table order)
    MEDICAL_CLAIMS(false, cols(Column.ID_NUMBER, Column.SETTLED_ON, Column.TOTAL_COST, Column.INSURANCE_PAID, Column.OUT_OF_POCKET)),
    MAJOR_DIAGNOSES(false, cols(Column.ID_NUMBER, Column.DIAGNOSED_ON)),
    INSURANCE_ENROLLMENT(false, cols(Column.ID_NUMBER, Column.YEAR)),
    HOUSING_APPRAISALS(false, cols(Column.ID_NUMBER, Column.APPRAISED_ON, Column.GRADE)),
    SCHOOL_ENROLLMENT(false, cols(Column.ID_NUMBER, Column.STATUS, Column.REPORTED_ON)),
    SCHOOL_COSTS(false, cols(Column.ID_NUMBER, Column.STAGE, Column.OUT_OF_POCKET)),
    DISABILITY_CERTIFICATES(false, cols(Column.ID_NUMBER, Column.GRADE, Column.ISSUED_ON)),
    CIVIL_REGISTRY_EVENTS(false, cols(Column.ID_NUMBER, Column.EVENT, Column.EVENT_ON)),
    ACCIDENTS(false, cols(Column.ID_NUMBER, Column.OCCURRED_ON)),
    DISASTER_LOSSES(false, cols(Column.ID_NUMBER, Column.OCCURRED_ON, Column.LOSS)),
    EMPLOYMENT_STATUS(false, cols(Column.ID_NUMBER, Column.MONTH, Column.STATUS)),
    WATER_SUPPLY(false, cols(Column.AREA_CODE, Column.STATUS, Column.CHECKED_ON)),
    ENTERPRISE_PAYMENTS(false, cols(Column.ID_NUMBER, Column.MONTH, Column.DUE, Column.PAID)),
    SOCIAL_ASSISTANCE(false, cols(Column.ID_NUMBER, Column.KIND, Column.STARTED_ON)),
    // assets (docs/feeds-assets.md)
    VEHICLE_REGISTRATIONS(false, cols(Column.ID_NUMBER, Column.VEHICLE_TYPE, Column.REGISTERED_ON, Column.VALUE)),
    PROPERTY_REGISTRATIONS(false, cols(Column.ID_NUMBER, Column.PROPERTY_TYPE, Column.REGISTERED_ON, Column.VALUE)),
    MARKET_ENTITIES(false, cols(Column.ID_NUMBER, Column.ENTITY_TYPE, Column.REGISTERED_ON, Column.REGISTERED_CAPITAL));

    private static final List<FeedKind> DEPARTMENTS = List.of(values()).subList(4, values().length);

    private final boolean registry;
    private final List<Column> required;
    private final String fileName;

    FeedKind(boolean registry, List<Column> required) {
        this.registry = registry;
        this.required = required;
        this.fileName = name().toLowerCase(Locale.ROOT);
    }

    private static List<Column> cols(Column... c) { return List.of(c); }

    /** "medical_claims": the file's base name and the {@code source} column of the outputs. */
    public String fileName() { return fileName; }

    public boolean isRegistry() { return registry; }

    /** Columns the header must have (the rules read them); other columns of feeds.md are optional. */
    public List<Column> requiredColumns() { return required; }

    /** Department kinds in feeds.md order. */
    public static List<FeedKind> departments() { return DEPARTMENTS; }

    public static Optional<FeedKind> ofFileName(String base) {
        for (FeedKind k : values()) if (k.fileName.equals(base)) return Optional.of(k);
        return Optional.empty();
    }
}
