package cn.shouwang.server.casework;

import java.util.List;

/**
 * What other modules may ask of casework. The comparison module turns warnings into leads through
 * {@link #intake}: a household that already has an open lead or is monitored gets the report joined to it.
 */
public interface CaseworkApi {

    /** Where a report went: a new lead, joined to an open lead, or joined to a monitored household. */
    record IntakeResult(Outcome outcome, long id) {
        public enum Outcome { OPENED, JOINED_LEAD, JOINED_MONITORED }
    }

    /**
     * A department-screening report for a household, by the signed-in county analyst (in their scope).
     *
     * @param sourceRef the warning it comes from, kept with the lead (e.g. "warning:42")
     */
    IntakeResult intakeFromWarning(long householdId, String description, List<String> riskCodes, String sourceRef);

    /** Comparison rule codes whose new warnings an administrator wants turned into leads without a click. */
    java.util.Set<String> autoIntakeRules();
}
