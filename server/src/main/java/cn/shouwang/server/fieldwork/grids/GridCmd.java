package cn.shouwang.server.fieldwork.grids;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A grid (网格) or a ten-household group (十户一组) as its form sends it: the name, and the person in charge (the grid
 * worker, the group's head) as an account of the village, a household of the village (its head; groups only) or a
 * typed name; the version read with the form (0 for a new one).
 */
public record GridCmd(
        @NotBlank(message = "{fieldwork.grids.error.name}") @Size(max = 60, message = "{fieldwork.grids.error.nameLong}") String name,
        @Nullable Long accountId,
        @Nullable Long householdId,
        @Size(max = 60, message = "{fieldwork.grids.error.personLong}") @Nullable String personName,
        int version) {

    public static GridCmd blank() {
        return new GridCmd("", null, null, "", 0);
    }
}
