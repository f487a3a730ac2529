package cn.shouwang.spark;

import java.io.Serializable;

/**
 * A household as a shuffle key: its number plus its county (the first 6 digits of its village code), so that
 * {@link CountyPartitioner} can keep a county's households together.
 */
public record HouseholdKey(int county, String householdId) implements Serializable {

    /** The county of a 12-digit village code. */
    public static int countyOf(long villageCode) {
        return (int) (villageCode / 1_000_000L);
    }
}
