package cn.shouwang.server.access;

import java.util.Objects;

/**
 * An account's area and everything below it. Area codes are hierarchical (province 2, city 2,
 * county 2, township 3, village 3 digits), so "below" is a prefix of the 12-digit code with
 * the trailing zero groups removed. Queries use {@link #likePattern()} on a code column.
 */
public record AreaScope(String areaCode) {

    public AreaScope {
        Objects.requireNonNull(areaCode, "areaCode");
        if (!areaCode.matches("\\d{12}")) {
            throw new IllegalArgumentException("area code must have 12 digits");
        }
    }

    /** The significant prefix: 22 for a province, 2203 for a city, 220302100 for a township. */
    public String prefix() {
        if (areaCode.endsWith("0000000000")) return areaCode.substring(0, 2);
        if (areaCode.endsWith("00000000")) return areaCode.substring(0, 4);
        if (areaCode.endsWith("000000")) return areaCode.substring(0, 6);
        if (areaCode.endsWith("000")) return areaCode.substring(0, 9);
        return areaCode;
    }

    /** For {@code code like ?}: every area at or below this one. */
    public String likePattern() {
        return prefix() + "%";
    }

    public boolean covers(String otherAreaCode) {
        return otherAreaCode != null && otherAreaCode.startsWith(prefix());
    }
}
