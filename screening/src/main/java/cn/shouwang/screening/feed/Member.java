package cn.shouwang.screening.feed;

import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.household.Relation;
import java.io.Serializable;

/** A row of members.csv (the name is not kept: the comparison does not need it). {@code id} is packed. */
public record Member(String householdId, long id, Relation relation, LabourCapacity labourCapacity,
                     MemberStatus status, int line) implements Serializable {
    public boolean active() { return status == MemberStatus.ACTIVE; }
}
