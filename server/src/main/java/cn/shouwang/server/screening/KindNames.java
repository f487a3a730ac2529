package cn.shouwang.server.screening;

import cn.shouwang.screening.feed.FeedKind;

/**
 * Names of the department kinds: their message codes. The one source is the bundle the pages use
 * ({@code screening.kind.*} in {@code i18n/screening*.properties}); nothing here spells a name.
 */
final class KindNames {
    private KindNames() {}

    static String key(FeedKind k) {
        return "screening.kind." + k.name();
    }

    /** The department whose files a kind holds (policy.md §8); null for the registry's own kinds. */
    static cn.shouwang.server.access.Department department(FeedKind k) {
        return switch (k) {
            case MEDICAL_CLAIMS, INSURANCE_ENROLLMENT -> cn.shouwang.server.access.Department.MEDICAL_INSURANCE;
            case MAJOR_DIAGNOSES -> cn.shouwang.server.access.Department.HEALTH;
            case HOUSING_APPRAISALS -> cn.shouwang.server.access.Department.HOUSING;
            case SCHOOL_ENROLLMENT, SCHOOL_COSTS -> cn.shouwang.server.access.Department.EDUCATION;
            case DISABILITY_CERTIFICATES -> cn.shouwang.server.access.Department.DISABILITY;
            // vehicle registrations come from 公安交管, a part of the public security bureau
            case CIVIL_REGISTRY_EVENTS, ACCIDENTS, VEHICLE_REGISTRATIONS -> cn.shouwang.server.access.Department.PUBLIC_SECURITY;
            // 不动产登记 (natural resources / housing): the housing bureau's officer uploads it
            case PROPERTY_REGISTRATIONS -> cn.shouwang.server.access.Department.HOUSING;
            case DISASTER_LOSSES -> cn.shouwang.server.access.Department.EMERGENCY;
            case EMPLOYMENT_STATUS -> cn.shouwang.server.access.Department.HUMAN_RESOURCES;
            case WATER_SUPPLY -> cn.shouwang.server.access.Department.WATER;
            case ENTERPRISE_PAYMENTS -> cn.shouwang.server.access.Department.AGRICULTURE;
            case SOCIAL_ASSISTANCE -> cn.shouwang.server.access.Department.CIVIL_AFFAIRS;
            // 市场监管 has no department account yet (access.Department, a migration of access): analysts and
            // administrators upload the market regulator's file
            case MARKET_ENTITIES, HOUSEHOLDS, MEMBERS, INCOMES, MONITORED -> null;
        };
    }

    /**
     * The department kinds a user may upload: a department data officer only their department's (none without a
     * department), county and city analysts and administrators every one.
     */
    static java.util.List<FeedKind> uploadable(cn.shouwang.server.access.CurrentUser u) {
        if (!u.is(cn.shouwang.server.access.Role.DATA_OFFICER)) return FeedKind.departments();
        return FeedKind.departments().stream().filter(k -> u.department() != null && department(k) == u.department()).toList();
    }
}
