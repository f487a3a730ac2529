package cn.shouwang.server.eldervisits.people;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a visitor can tick during a visit, in three groups (health, living conditions, needs). A finding with a risk
 * type (casework's code list) is a risk of falling back into poverty: the visit can open a lead with those risk types
 * (基层干部排查). Names in i18n/eldervisits*.properties ({@code eldervisits.finding.<NAME>}).
 */
public enum Finding {
    HEALTH_GOOD(Group.HEALTH, null), HEALTH_CHRONIC(Group.HEALTH, null), HEALTH_ILL(Group.HEALTH, "ILLNESS"),
    HEALTH_BEDRIDDEN(Group.HEALTH, "DISABILITY"), HEALTH_NO_MEDICINE(Group.HEALTH, "ILLNESS"),
    LIVING_GOOD(Group.LIVING, null), HOUSE_UNSAFE(Group.LIVING, "UNSAFE_HOUSING"), NO_HEATING(Group.LIVING, "OTHER"),
    NO_SAFE_WATER(Group.LIVING, "UNSAFE_WATER"), NO_CAREGIVER(Group.LIVING, "LACK_OF_LABOUR"), HYGIENE_POOR(Group.LIVING, null),
    NEED_MEDICAL(Group.NEEDS, null), NEED_CARE(Group.NEEDS, null), NEED_GOODS(Group.NEEDS, null),
    NEED_REPAIR(Group.NEEDS, null), NEED_COMPANY(Group.NEEDS, null), NEED_ASSISTANCE(Group.NEEDS, "OTHER");

    public enum Group { HEALTH, LIVING, NEEDS }

    private final Group group;
    private final @Nullable String riskType;

    Finding(Group group, @Nullable String riskType) {
        this.group = group;
        this.riskType = riskType;
    }

    public Group group() {
        return group;
    }

    public boolean risk() {
        return riskType != null;
    }

    public @Nullable String riskType() {
        return riskType;
    }

    public static List<Finding> of(Group g) {
        return Arrays.stream(values()).filter(f -> f.group == g).toList();
    }
}
