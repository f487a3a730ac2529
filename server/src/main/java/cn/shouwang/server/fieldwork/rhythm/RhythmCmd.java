package cn.shouwang.server.fieldwork.rhythm;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The administrator's visit rhythm, in months per kind of household. */
public record RhythmCmd(
        @NotNull(message = "{fieldwork.rhythm.error.months}") @Min(value = 1, message = "{fieldwork.rhythm.error.months}")
        @Max(value = 24, message = "{fieldwork.rhythm.error.months}") Integer monitoredMonths,
        @NotNull(message = "{fieldwork.rhythm.error.months}") @Min(value = 1, message = "{fieldwork.rhythm.error.months}")
        @Max(value = 24, message = "{fieldwork.rhythm.error.months}") Integer formerlyPoorMonths,
        @NotNull(message = "{fieldwork.rhythm.error.months}") @Min(value = 1, message = "{fieldwork.rhythm.error.months}")
        @Max(value = 36, message = "{fieldwork.rhythm.error.otherMonths}") Integer otherMonths,
        int version) {
}
