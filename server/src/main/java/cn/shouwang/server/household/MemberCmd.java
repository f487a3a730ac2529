package cn.shouwang.server.household;

import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.Relation;
import cn.shouwang.core.household.SchoolingStage;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A member as typed. On an edit a blank id number keeps the stored one (the form never shows it in full).
 * {@code householdVersion} is the household's version when the form was read.
 */
public record MemberCmd(
        @Nullable @ValidIdNumber(optional = true) String idNumber,
        @NotBlank(message = "{registry.name.required}") @Size(max = 40, message = "{registry.tooLong}") String name,
        @NotNull(message = "{registry.required}") Relation relation,
        @NotNull(message = "{registry.required}") LabourCapacity labourCapacity,
        @NotNull(message = "{registry.required}") HealthStatus health,
        @Nullable @Min(value = 1, message = "{registry.disability.range}") @Max(value = 4, message = "{registry.disability.range}") Integer disabilityGrade,
        @NotNull(message = "{registry.required}") SchoolingStage schoolingStage,
        @Nullable Boolean medicalInsurance,
        @Nullable Integer householdVersion) {

    @AssertTrue(message = "{registry.disability.needsDisabled}")
    public boolean isDisabilityGradeOnlyWhenDisabled() {
        return disabilityGrade == null || health == HealthStatus.DISABLED;
    }

    /** An unticked checkbox sends nothing: read it as no. */
    public boolean insured() {
        return Boolean.TRUE.equals(medicalInsurance);
    }

    /** A blank form for a new member. */
    static MemberCmd blank(@Nullable Integer householdVersion) {
        return new MemberCmd("", "", Relation.CHILD, LabourCapacity.ORDINARY, HealthStatus.HEALTHY, null,
                SchoolingStage.NONE, true, householdVersion);
    }
}
