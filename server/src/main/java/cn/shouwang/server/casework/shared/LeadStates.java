package cn.shouwang.server.casework.shared;

import cn.shouwang.core.casework.CaseState;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Open and closed leads in SQL, from the core's {@link CaseState#terminal()}: every query on table {@code lead} uses
 * these instead of its own copy of the list. {@link #OPEN} is the predicate of V40's partial indexes
 * ({@code lead_open_due}, …), so the planner can use them (LeadStatesTest).
 */
public final class LeadStates {
    /** The closed states as an SQL list, {@code ('CONFIRMED', 'REJECTED')}. */
    static final String CLOSED_LIST = Arrays.stream(CaseState.values()).filter(CaseState::terminal)
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    /** A condition on column {@code state}: the lead is open. */
    public static final String OPEN = "state not in " + CLOSED_LIST;
    /** A condition on column {@code state}: the lead is closed (confirmed or rejected). */
    public static final String CLOSED = "state in " + CLOSED_LIST;

    private LeadStates() {}
}
