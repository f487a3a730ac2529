package cn.shouwang.screening.run;

/**
 * household_id -> household index. Household numbers are usually digits (the national system's 户编号): those
 * are looked up as longs, which is several times faster than hashing strings; any other text works too.
 */
final class HouseholdIndex {
    private final LongIntMap numeric;
    private final StringIntMap other;

    HouseholdIndex(int expected) {
        numeric = new LongIntMap(expected);
        other = new StringIntMap(16);
    }

    /** The digits as a number when the text is 1-18 digits without a leading zero (so the number is unique), else -1. */
    static long numeric(String s) {
        int n = s.length();
        if (n == 0 || n > 18 || (s.charAt(0) == '0' && n > 1)) return -1;
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A household_id whose {@link #numeric} value is {@code v} (v >= 0). */
    void putNumeric(long v, int h) {
        numeric.put(v, h);
    }

    int getNumeric(long v) {
        return numeric.get(v);
    }

    void put(String hid, int h) {
        long v = numeric(hid);
        if (v >= 0) numeric.put(v, h);
        else other.putIfAbsent(hid, h);
    }

    /** As {@link LongIntMap#touch}: loads the cache line a later {@link #get} of {@code hid} reads. */
    long touch(String hid) {
        long v = numeric(hid);
        return v >= 0 ? numeric.touch(v) : 0;
    }

    int get(String hid) {
        long v = numeric(hid);
        return v >= 0 ? numeric.get(v) : other.get(hid);
    }
}
