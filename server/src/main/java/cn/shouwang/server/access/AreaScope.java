package cn.shouwang.server.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An account's area and everything below it. Area codes are hierarchical (province 2, city 2,
 * county 2, township 3, village 3 digits), so "below" is a prefix of the 12-digit code with
 * the trailing zero groups removed. Queries use {@link #likePattern()} on a code column.
 */
public record AreaScope(String areaCode) implements java.io.Serializable {
    private static final int[] LEVEL_LENGTHS = {2, 4, 6, 9, 12};

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

    /**
     * The lowest and highest 12-digit codes inside the scope: {@code code between lowestCode() and highestCode()} is
     * the index-friendly form of "in this area" on a char(12) code column (unlike LIKE with a parameter, it stays
     * indexable in generic plans). Every module's scoped SQL uses it.
     */
    public String lowestCode() {
        String p = prefix();
        return p + "0".repeat(12 - p.length());
    }

    /** See {@link #lowestCode()}. */
    public String highestCode() {
        String p = prefix();
        return p + "9".repeat(12 - p.length());
    }

    /** 1 province, 2 city, 3 county, 4 township, 5 village. */
    public int level() {
        int len = prefix().length();
        for (int i = 0; i < LEVEL_LENGTHS.length; i++) {
            if (LEVEL_LENGTHS[i] == len) return i + 1;
        }
        throw new IllegalStateException();
    }

    /** Digits of the codes one level below this area (a village stays itself: 12): what a figure table groups by. */
    public int childDigits() {
        int len = prefix().length();
        for (int d : LEVEL_LENGTHS) if (d > len) return d;
        return 12;
    }

    /** For {@code code like ?}: every area at or below this one. */
    public String likePattern() {
        return prefix() + "%";
    }

    public boolean covers(String otherAreaCode) {
        return otherAreaCode != null && otherAreaCode.length() == 12 && otherAreaCode.startsWith(prefix());
    }

    public boolean covers(AreaScope other) {
        return covers(other.areaCode);
    }

    /** The codes from {@code top} down to this area, both included; empty when {@code top} does not cover it. */
    public List<String> pathFrom(AreaScope top) {
        List<String> path = new ArrayList<>();
        if (!top.covers(this)) return path;
        int from = top.prefix().length();
        for (int len : LEVEL_LENGTHS) {
            if (len < from || len > prefix().length()) continue;
            path.add((areaCode.substring(0, len) + "000000000000").substring(0, 12));
        }
        return path;
    }

    /** Whether {@code code} is a syntactically valid 12-digit area code. */
    public static boolean isAreaCode(String code) {
        return code != null && code.matches("\\d{12}");
    }
}
