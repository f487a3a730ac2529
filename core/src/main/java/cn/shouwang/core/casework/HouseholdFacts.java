package cn.shouwang.core.casework;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * The household as the checks see it: members, the latest guarantee flags, the year's eligible out-of-pocket
 * spending, whether large rigid costs are resolved, and its income checks (verification, home checks, annual).
 */
public record HouseholdFacts(List<MemberFacts> members, GuaranteeFlags guarantees, BigDecimal eligibleOutOfPocket,
                             boolean rigidCostsResolved, List<IncomeCheck> incomeChecks) {

    public HouseholdFacts {
        members = List.copyOf(members);
        incomeChecks = incomeChecks.stream().sorted(Comparator.comparing(IncomeCheck::on)).toList();
    }

    /** Any active member whose labour capacity can work. */
    public boolean canWork() {
        return members.stream().anyMatch(m -> m.active() && m.labourCapacity().canWork());
    }

    public List<MemberFacts> activeMembers() {
        return members.stream().filter(MemberFacts::active).toList();
    }
}
