package cn.shouwang.screening.feed;

import java.io.Serializable;

/**
 * A row of households.csv. {@code headId} is a packed id number ({@link PackedId}), or negative when
 * head_id_number is not a valid id number ({@link Values#idProblem(long)} names the problem): the household is
 * still compared and the registry check reports it.
 */
public record Household(String householdId, long areaCode, long headId, boolean formerlyPoor, int line)
        implements Serializable {
}
