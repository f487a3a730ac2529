package cn.shouwang.server.access;

/**
 * The departments that send files for the comparison (policy.md §8, feeds.md): a department data officer belongs to
 * one and uploads only its files. Names in the access bundle ({@link #messageKey()}); which file kinds belong to which
 * department is screening's to say.
 */
public enum Department {
    MEDICAL_INSURANCE, HEALTH, HOUSING, EDUCATION, DISABILITY, PUBLIC_SECURITY, EMERGENCY, HUMAN_RESOURCES, WATER,
    AGRICULTURE, CIVIL_AFFAIRS;

    public String messageKey() {
        return "department." + name();
    }
}
