package cn.shouwang.core.casework;

import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;

/** What casework needs to know of a member (from the registry). */
public record MemberFacts(MemberStatus status, LabourCapacity labourCapacity, boolean disabilityCertificate,
                          boolean medicalInsurance) {

    public boolean active() {
        return status == MemberStatus.ACTIVE;
    }
}
