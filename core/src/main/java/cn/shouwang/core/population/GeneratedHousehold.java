package cn.shouwang.core.population;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A generated household. {@code householdId} is the village code followed by a five-digit sequence
 * (17 digits, like the national system's 户编号). The head is {@code members.get(0)} and is ACTIVE.
 * {@code incomes} are the two years before the as-of year, newest first.
 */
public record GeneratedHousehold(
        String householdId,
        String villageCode,
        String villageGroup,
        String address,
        boolean formerlyPoor,
        @Nullable Integer exitYear,
        String phone,
        List<GeneratedMember> members,
        List<AnnualIncome> incomes,
        @Nullable MonitoringRecord monitoring) {

    public GeneratedMember head() {
        return members.get(0);
    }
}
