package cn.shouwang.screening.feed;

import java.io.Serializable;

/** A row of households.csv. {@code headId} is a packed id number ({@link PackedId}). */
public record Household(String householdId, long areaCode, long headId, boolean formerlyPoor, int line)
        implements Serializable {
}
