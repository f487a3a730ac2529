package cn.shouwang.core.area;

/**
 * A 12-digit statistical division code: province 2, city 2, county 2, township 3, village 3 digits.
 * The level follows from which trailing groups are zero.
 */
public record AreaCode(String value) implements Comparable<AreaCode> {

    public AreaCode {
        if (value == null || !value.matches("\\d{12}")) {
            throw new IllegalArgumentException("area code must have 12 digits");
        }
    }

    public static boolean isValid(String text) {
        return text != null && text.matches("\\d{12}");
    }

    public AreaLevel level() {
        if (value.endsWith("0000000000")) return AreaLevel.PROVINCE;
        if (value.endsWith("00000000")) return AreaLevel.CITY;
        if (value.endsWith("000000")) return AreaLevel.COUNTY;
        if (value.endsWith("000")) return AreaLevel.TOWNSHIP;
        return AreaLevel.VILLAGE;
    }

    /** The significant digits: every code below this one starts with them. */
    public String prefix() {
        return switch (level()) {
            case PROVINCE -> value.substring(0, 2);
            case CITY -> value.substring(0, 4);
            case COUNTY -> value.substring(0, 6);
            case TOWNSHIP -> value.substring(0, 9);
            case VILLAGE -> value;
        };
    }

    public boolean covers(AreaCode other) {
        return other.value.startsWith(prefix());
    }

    /** The 6-digit county part, as in an id number's first six digits. */
    public String countyPart() { return value.substring(0, 6); }

    @Override public int compareTo(AreaCode o) { return value.compareTo(o.value); }
    @Override public String toString() { return value; }
}
