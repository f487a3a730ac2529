package cn.shouwang.server.household;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A new household with its head; the head's other fields start as ordinary and are edited on the member form. */
public record NewHouseholdCmd(
        @Valid HouseholdCmd household,
        @NotBlank(message = "{registry.name.required}") @Size(max = 40, message = "{registry.tooLong}") String headName,
        @NotBlank(message = "{registry.idNumber.EMPTY}") @ValidIdNumber String headIdNumber) {
}
