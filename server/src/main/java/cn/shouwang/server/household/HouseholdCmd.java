package cn.shouwang.server.household;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The household's own fields, as typed on the form or sent to the API. {@code version} is the version the
 * form was read at (optimistic locking); ignored on create.
 */
public record HouseholdCmd(
        @Nullable @Pattern(regexp = "\\d{17}|", message = "{registry.householdNo.format}") String householdNo,
        @NotBlank(message = "{registry.village.required}") @Pattern(regexp = "\\d{12}", message = "{registry.village.format}") String villageCode,
        @Nullable @Size(max = 40, message = "{registry.tooLong}") String villageGroup,
        @Nullable @Size(max = 200, message = "{registry.tooLong}") String address,
        @Nullable Boolean formerlyPoor,
        @Nullable @Min(value = 2013, message = "{registry.exitYear.range}") @Max(value = 2030, message = "{registry.exitYear.range}") Integer exitYear,
        @Nullable @Pattern(regexp = "(1\\d{10})|(0\\d{2,3}-?\\d{7,8})|", message = "{registry.phone.format}") String phone,
        @Nullable Integer version) {

    /** An unticked checkbox sends nothing: read it as no. */
    public boolean poor() {
        return Boolean.TRUE.equals(formerlyPoor);
    }

    @AssertTrue(message = "{registry.exitYear.required}")
    public boolean isExitYearGivenForFormerlyPoor() {
        return !poor() || exitYear != null;
    }
}
