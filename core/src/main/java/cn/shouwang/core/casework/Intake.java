package cn.shouwang.core.casework;

import org.jspecify.annotations.Nullable;

/**
 * Decides where a new report about a household goes: one household has at most one case. A report for a
 * household with an open identification lead joins that lead; one for a monitored household joins the monitored
 * household's record (its assistance officer follows it up); otherwise it opens a new lead. A report whose
 * household is not yet known (an unmatched self-report) always opens a lead; verification finds the household.
 */
public final class Intake {
    private Intake() {}

    public sealed interface Decision permits OpenNewLead, JoinLead, JoinMonitored {}

    public record OpenNewLead() implements Decision {}

    public record JoinLead(long leadId) implements Decision {}

    public record JoinMonitored(long householdId) implements Decision {}

    /**
     * @param openLeadId the household's open identification lead, if any
     * @param monitored whether the household is monitored now (status MONITORED)
     */
    public static Decision decide(@Nullable Long householdId, @Nullable Long openLeadId, boolean monitored) {
        if (householdId == null) return new OpenNewLead();
        if (openLeadId != null) return new JoinLead(openLeadId);
        if (monitored) return new JoinMonitored(householdId);
        return new OpenNewLead();
    }
}
