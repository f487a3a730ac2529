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
     * A risk found in the field by the signed-in user (a visit of the elderly visits module, 巡访关爱): the same intake
     * as a lead opened by hand through 基层干部排查 (FIELD_SCREENING) for a household in the user's scope; an open lead or
     * a monitored household gets the report joined to it.
     *
     * @param sourceRef where it comes from, kept with the lead (e.g. "elder-visit:42")
     */
    IntakeResult intakeFromField(long householdId, String description, List<String> riskCodes, String sourceRef);

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

    /**
     * Comparison rule codes whose new warnings an administrator wants turned into leads without a click, as set for
     * {@code areaCode} (the compared county) or the nearest area above it, else province-wide.
     */
    java.util.Set<String> autoIntakeRules(String areaCode);

    /**
     * Of these lead ids, the identification leads confirmed (the household identified and monitored): the comparison's
     * figures of which department's data yields households. One query.
     */
    java.util.Set<Long> confirmedLeads(java.util.Collection<Long> leadIds);

    /** policy default of {@link #warningReturnPercent()}. */
    int WARNING_RETURN_PERCENT_DEFAULT = 20;

    /**
     * How much a dismissed warning's amount must grow (per cent) before a later period's warning of the same fact
     * comes back instead of staying dismissed (province-wide setting {@code warning_return_percent}, 业务参数).
     */
    int warningReturnPercent();

    /**
     * The workbench's casework part for an area (within the caller's scope): open and overdue leads, open leads per
     * child area, monitored households by status and category, and the cases waiting for {@code role}'s step —
     * the {@code todoLimit} most urgent first — with their standing against the deadline today (server clock).
     */
    Workbench workbench(AreaScope area, Role role, int todoLimit);

    /**
     * 有序退出复核 figures of an area, the same as the list {@code /rechecks} counts: households listed for a re-check
     * because monitored for the set months without the risk eliminated, because eliminated but still below the line,
     * and of all of them those not re-checked within a year.
     */
    record RecheckFigures(long longMonitored, long belowLine, long todo) {}

    RecheckFigures recheckFigures(AreaScope area);

    record Workbench(long openLeads, long overdueLeads, List<AreaLeads> leadsByChildArea, List<Count> monitoredByStatus,
                     List<Count> monitoredByCategory, List<Todo> todos, long todosTotal) {}

    /** Open identification leads of one child area (its 12-digit code). */
    record AreaLeads(String areaCode, long open, long overdue) {}

    /** A count under a code, with the code's names (category names come from the code list). */
    record Count(String code, String nameZh, String nameEn, long count) {}

    /** A case waiting for the role's step; {@code deadline.label()} is "剩3天" / "超期2天". */
    record Todo(long leadId, cn.shouwang.core.casework.Workflow workflow, String headName, String villageCode,
                cn.shouwang.core.casework.CaseState state, cn.shouwang.core.casework.DeadlineStatus deadline) {}

    /**
     * The monitored households of a county as the comparison reads them (feeds.md's monitored.csv), by household
     * id: category, risk types, month identified, and whether still monitored (else eliminated).
     */
    void monitoredForScreening(cn.shouwang.server.access.AreaScope county, MonitoredRows rows);

    /** Receives {@link #monitoredForScreening}'s rows, on the caller's thread. */
    interface MonitoredRows {
        void monitored(long householdId, String category, java.util.List<String> riskTypes, String identifiedMonth,
                       boolean stillMonitored);
    }

    /**
     * The plan measures of a household inside the scope (none when it is outside or has no plan), for the registers
     * beside the core to point a grant, a job or a loan at one ({@link MeasureBackingApi}).
     */
    java.util.List<MeasureRef> measuresOf(long householdId, cn.shouwang.server.access.AreaScope scope);

    /** A plan measure as other modules see it: its group (core's {@code MeasureGroup} name), text and state. */
    record MeasureRef(long id, long householdId, String group, String description,
                      java.time.LocalDate start, java.time.LocalDate end, String state) {}

    /**
     * Households monitored now (status MONITORED) in each of these villages inside {@code scope}, one query: a page of
     * the village list (一村一档). Villages outside the scope or without monitored households are absent.
     */
    java.util.Map<String, Long> monitoredByVillage(java.util.Collection<String> villageCodes,
                                                   cn.shouwang.server.access.AreaScope scope);

    /**
     * Households monitored now (status MONITORED) inside {@code scope}, by id: one query, for a worklist's rhythm
     * (fieldwork visits monitored households more often).
     */
    java.util.Set<Long> monitoredIn(AreaScope scope);

    /** A risk type that may be chosen on a new report now, with its names (the administrator's code list). */
    record RiskOption(String code, String nameZh, String nameEn) {}

    /** The risk types selectable now for a report about a household of this village, in the list's order. */
    List<RiskOption> activeRiskTypes(String villageCode);

    /**
     * A report from a field visit (基层干部排查) by the signed-in user about a household in their scope: the same
     * intake as every report (an open lead or a monitored household gets it joined, else a lead is opened).
     *
     * @param sourceRef the visit it comes from, kept with the lead (e.g. "visit:42")
     */
    IntakeResult intakeFromVisit(long householdId, String description, List<String> riskCodes, String sourceRef);
    /** A report stored once per client key: what it did, and whether an earlier try with the key had done it. */
    record KeyedIntake(IntakeResult result, boolean replayed) {}

    /**
     * A lead reported in the field (基层干部排查) by the signed-in user about a household in their scope, sent with the
     * form's client key (issue 13's offline queue): the same intake as {@code POST /leads}; a retry with the same key
     * answers what the first try stored (no second lead or report, no second audit line). A key used for another
     * household is refused (CaseworkException OUT_OF_AREA on field clientKey).
     */
    KeyedIntake fieldLead(long householdId, String description, List<String> riskCodes, java.util.UUID clientKey);

    /** A household's open identification lead: who opened it and when. */
    record OpenLead(long leadId, java.time.LocalDate openedOn, @org.jspecify.annotations.Nullable String openedByAccount,
                    @org.jspecify.annotations.Nullable String openedByName) {
        /** Opened by this account (leads record their opener's account id as text). */
        public boolean openedLeadIsMine(long accountId) {
            return String.valueOf(accountId).equals(openedByAccount);
        }
    }

    /** The household's open identification lead within the scope, if any. */
    java.util.Optional<OpenLead> openLeadOf(long householdId, AreaScope scope);

    /** The open identification lead of every household of the scope that has one: household id → lead id (one query). */
    java.util.Map<Long, Long> openLeadsIn(AreaScope scope);
}
