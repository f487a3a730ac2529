package cn.shouwang.core.casework;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** 帮扶责任人: name, unit, phone (personal data: masked on screens), from, to (open while assigned). */
public record AssistanceOfficer(String name, String unit, String phone, LocalDate from, @Nullable LocalDate to) {
    public AssistanceOfficer {
        CaseworkException.require(!Lead.isBlank(name), CaseworkProblem.REQUIRED_FIELD, "name");
        CaseworkException.require(!Lead.isBlank(unit), CaseworkProblem.REQUIRED_FIELD, "unit");
        CaseworkException.require(phone != null && phone.strip().matches("[0-9+\\- ]{5,20}"),
                CaseworkProblem.REQUIRED_FIELD, "phone");
        CaseworkException.require(to == null || !to.isBefore(from), CaseworkProblem.OFFICER_DATES, "to");
    }

    public boolean activeOn(LocalDate day) {
        return !day.isBefore(from) && (to == null || !day.isAfter(to));
    }
}
