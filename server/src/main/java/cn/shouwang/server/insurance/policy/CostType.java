package cn.shouwang.server.insurance.policy;

/** The rigid costs the fund pays for above their warning line; the name is {@code insurance.costType.<name>}. */
public enum CostType {
    ILLNESS, SCHOOLING, DISASTER;

    /** The cost type a comparison warning's rule stands for, or null for a rule the fund does not pay. */
    public static CostType ofRule(String rule) {
        return switch (rule) {
            case "MEDICAL_PERSON", "MEDICAL_HOUSEHOLD" -> ILLNESS;
            case "SCHOOL_COST" -> SCHOOLING;
            case "DISASTER_LOSS" -> DISASTER;
            default -> null;
        };
    }

    public String messageKey() {
        return "insurance.costType." + name();
    }
}
