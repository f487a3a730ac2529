package cn.shouwang.core.population;

import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.household.Relation;
import cn.shouwang.core.household.SchoolingStage;
import cn.shouwang.core.person.Sex;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A generated person; {@code idNumber} is a valid GB 11643 number whose first six digits are the household's county. */
public record GeneratedMember(
        String idNumber,
        String name,
        Sex sex,
        LocalDate birthDate,
        Relation relation,
        LabourCapacity labourCapacity,
        HealthStatus health,
        @Nullable Integer disabilityGrade,
        SchoolingStage schooling,
        boolean medicalInsurance,
        MemberStatus status) {
}
