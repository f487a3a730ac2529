package cn.shouwang.server.fieldwork.sweeps;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** Opening a sweep: its name, the area (a county, township or village inside the user's scope) and the period. */
public record SweepCmd(
        @NotBlank(message = "{fieldwork.sweep.error.name}") @Size(max = 60, message = "{fieldwork.sweep.error.name}") String name,
        @NotBlank(message = "{fieldwork.sweep.error.area}") @Pattern(regexp = "\\d{12}", message = "{fieldwork.sweep.error.area}") String areaCode,
        @NotNull(message = "{fieldwork.sweep.error.startsOn}") LocalDate startsOn,
        @NotNull(message = "{fieldwork.sweep.error.endsOn}") LocalDate endsOn) {
}
