package cn.shouwang.server.screening;

import cn.shouwang.server.access.AreaScope;
import org.jspecify.annotations.Nullable;

/** What other modules may ask of the comparison: the figures the workbench shows. */
public interface ScreeningApi {

    /** The latest compared period within an area, its warnings and how many of them became or joined a lead. */
    record PeriodWarnings(@Nullable String period, long warnings, long takenIn) {}

    /** Warnings of the latest period with a finished run of a county within {@code scope} (period null: none yet). */
    PeriodWarnings latestWarnings(AreaScope scope);

    /**
     * 待核查预警: warnings assigned for checking to {@code scope}'s area or below and not yet dismissed nor turned into a
     * lead, per household and period, earliest deadline first (at most {@code limit}), with how many there are and
     * how many are past their deadline (server clock).
     */
    Assigned assigned(AreaScope scope, int limit);

    record Assigned(long households, long overdue, java.util.List<AssignedTodo> todos) {}

    /** A household's warnings of a period to check: by when, and to which area they were sent. */
    record AssignedTodo(long householdId, String householdNo, String headName, String villageCode, String period,
                        int warnings, java.time.LocalDate due, String assignedArea) {}

    /**
     * A warning of the kinds an anti-poverty insurance claim starts from (MEDICAL_PERSON, MEDICAL_HOUSEHOLD,
     * SCHOOL_COST, DISASTER_LOSS), for the claim form's prefill: its household, the person (the registry's member of
     * the warning's id number, null for a household warning or a person not found within {@code scope}), the rule,
     * the period and the amount (out of pocket, or the loss). Empty when the warning is outside {@code scope}, unknown
     * or of another kind.
     */
    java.util.Optional<WarningForClaim> warningForClaim(long id, AreaScope scope);

    record WarningForClaim(long id, long householdId, String householdNo, String villageCode, String rule,
                           String period, @Nullable Long memberId, java.math.@Nullable BigDecimal amount) {}
}
