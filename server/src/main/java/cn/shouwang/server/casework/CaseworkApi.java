package cn.shouwang.server.casework;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.Role;
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

    /**
     * Who an automatic intake acts for when nobody is signed in (a comparison run in the background): the run's
     * starter, and the name the lead records as its opener, e.g. "比对自动转入（运行 #12，张三发起）".
     */
    record IntakeActor(long accountId, String username, Role role, String areaCode, String openedByName) {}

    /**
     * The same intake as {@link #intakeFromWarning(long, String, List, String)} for an explicit actor and scope
     * instead of the signed-in user: the household must lie in {@code scope} and the actor's role must be allowed
     * to open leads. Audited as LEAD_AUTO_INTAKE besides the usual record.
     */
    IntakeResult intakeFromWarning(IntakeActor by, AreaScope scope, long householdId, String description,
                                   List<String> riskCodes, String sourceRef);

    /** Comparison rule codes whose new warnings an administrator wants turned into leads without a click. */
    java.util.Set<String> autoIntakeRules();
}
