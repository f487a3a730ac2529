package cn.shouwang.server.household;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/** Records a member's death on a date; the member stays in the registry, marked deceased. */
public record DeathCmd(
        @NotNull(message = "{registry.date.required}") @PastOrPresent(message = "{registry.date.future}")
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
        @NotNull Integer householdVersion) {
}
