package cn.shouwang.core.casework;

import cn.shouwang.core.area.AreaCode;
import cn.shouwang.core.area.AreaLevel;
import cn.shouwang.core.household.RiskType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A case: a lead on its way to identification (线索 → 监测对象), or a monitored household's risk elimination.
 * Immutable: {@link #apply} checks a command against the state machine, the role, the area, maker-checker and the
 * step's own rules, and returns the case after it; a refused command throws {@link CaseworkException} and
 * nothing changes. The server stores the fields and the step log and rebuilds a case with {@link #restore}.
 */
public final class Lead {
    private final long id;
    private final Workflow workflow;
    private final @Nullable LeadChannel channel;
    private final AreaCode village;
    private final @Nullable Long householdId;
    private final String headName;
    private final String description;
    private final List<String> suggestedRisks;
    private final @Nullable String sourceRef;
    private final LocalDate openedOn;
    private final @Nullable Actor openedBy;
    private final CaseState state;
    private final List<StepRecord> steps;
    private final List<JoinedReport> joined;
    private final @Nullable VerifyHousehold verification;
    private final @Nullable PublishNotice notice;
    private final @Nullable LocalDate fastTrackedOn;
    private final @Nullable String rejectionReason;
    private final @Nullable LocalDate closedOn;

    private Lead(long id, Workflow workflow, @Nullable LeadChannel channel, AreaCode village,
                 @Nullable Long householdId, String headName, String description, List<String> suggestedRisks,
                 @Nullable String sourceRef, LocalDate openedOn, @Nullable Actor openedBy, CaseState state,
                 List<StepRecord> steps, List<JoinedReport> joined, @Nullable VerifyHousehold verification,
                 @Nullable PublishNotice notice, @Nullable LocalDate fastTrackedOn, @Nullable String rejectionReason,
                 @Nullable LocalDate closedOn) {
        this.id = id;
        this.workflow = Objects.requireNonNull(workflow);
        this.channel = channel;
        this.village = Objects.requireNonNull(village);
        this.householdId = householdId;
        this.headName = headName;
        this.description = description;
        this.suggestedRisks = List.copyOf(suggestedRisks);
        this.sourceRef = sourceRef;
        this.openedOn = Objects.requireNonNull(openedOn);
        this.openedBy = openedBy;
        this.state = Objects.requireNonNull(state);
        this.steps = List.copyOf(steps);
        this.joined = List.copyOf(joined);
        this.verification = verification;
        this.notice = notice;
        this.fastTrackedOn = fastTrackedOn;
        this.rejectionReason = rejectionReason;
        this.closedOn = closedOn;
    }

    /**
     * Opens an identification lead. A self-report needs no actor; any other channel needs a role that may open
     * leads, acting inside its area. The village must be a village code. Joining is decided before, by
     * {@link Intake}.
     */
    public static Lead open(long id, NewLead r, CaseworkContext ctx) {
        CaseworkException.require(r.village().level() == AreaLevel.VILLAGE, CaseworkProblem.REQUIRED_FIELD, "village");
        CaseworkException.require(!isBlank(r.headName()), CaseworkProblem.REQUIRED_FIELD, "headName");
        CaseworkException.require(!isBlank(r.description()), CaseworkProblem.REQUIRED_FIELD, "description");
        CaseworkException.require(!r.reportedOn().isAfter(ctx.today()), CaseworkProblem.DATE_IN_FUTURE, "reportedOn");
        Actor by = r.by();
        if (r.channel() == LeadChannel.SELF_REPORT) {
            // A household reporting itself has no account; a cadre typing a paper self-report in does.
            if (by != null) requireArea(by, r.village());
        } else {
            CaseworkException.require(by != null, CaseworkProblem.ROLE_NOT_ALLOWED, null);
            CaseworkException.require(by.role().mayOpenLead(), CaseworkProblem.ROLE_NOT_ALLOWED, null);
            requireArea(by, r.village());
        }
        // a new lead may only suggest codes still in use; stored leads keep what they were opened with
        for (String c : r.riskCodes()) RiskTypes.requireSelectable(ctx.riskTypes(), c);
        return new Lead(id, Workflow.IDENTIFICATION, r.channel(), r.village(), r.householdId(), r.headName().strip(),
                r.description().strip(), r.riskCodes(), r.sourceRef(), r.reportedOn(), by,
                CaseState.AWAITING_VERIFICATION, List.of(), List.of(), null, null, null, null, null);
    }

    /**
     * Opens the elimination of a monitored household's risk (policy.md §7). The village monitor proposes it, and
     * only when the elimination check passes on the day.
     */
    public static Lead openElimination(long id, MonitoredHousehold m, Actor by, LocalDate on, EliminationCheck check,
                                       CaseworkContext ctx) {
        CaseworkException.require(m.status() == MonitoringStatus.MONITORED, CaseworkProblem.NOT_MONITORED, null);
        CaseworkException.require(by.role() == CaseRole.VILLAGE_MONITOR, CaseworkProblem.ROLE_NOT_ALLOWED, null);
        requireArea(by, m.village());
        CaseworkException.require(!on.isAfter(ctx.today()), CaseworkProblem.DATE_IN_FUTURE, "on");
        CaseworkException.require(check.passes(), CaseworkProblem.ELIMINATION_CHECK_FAILED, null);
        return new Lead(id, Workflow.ELIMINATION, null, m.village(), m.householdId(), m.headName(),
                "风险消除", m.riskTypes().codes(), null, on, by, CaseState.AWAITING_VERIFICATION,
                List.of(), List.of(), null, null, null, null, null);
    }

    /** Rebuilds a stored case; the server is trusted to pass what it stored. */
    public static Lead restore(long id, Workflow workflow, @Nullable LeadChannel channel, AreaCode village,
                               @Nullable Long householdId, String headName, String description,
                               List<String> suggestedRisks, @Nullable String sourceRef, LocalDate openedOn,
                               @Nullable Actor openedBy, CaseState state, List<StepRecord> steps,
                               List<JoinedReport> joined, @Nullable VerifyHousehold verification,
                               @Nullable PublishNotice notice, @Nullable LocalDate fastTrackedOn,
                               @Nullable String rejectionReason, @Nullable LocalDate closedOn) {
        return new Lead(id, workflow, channel, village, householdId, headName, description, suggestedRisks, sourceRef,
                openedOn, openedBy, state, steps, joined, verification, notice, fastTrackedOn, rejectionReason,
                closedOn);
    }

    public Lead apply(CaseCommand cmd, CaseworkContext ctx) {
        return apply(cmd, ctx, null);
    }

    /**
     * Performs a step. {@code eliminationCheck} is the check computed today; the county's confirmation of an
     * elimination needs it to pass (the household may have changed since the proposal).
     */
    public Lead apply(CaseCommand cmd, CaseworkContext ctx, @Nullable EliminationCheck eliminationCheck) {
        CaseAction action = cmd.action();
        CaseState next = state.after(action, workflow)
                .orElseThrow(() -> new CaseworkException(CaseworkProblem.STEP_NOT_ALLOWED));
        Actor by = cmd.by();
        CaseworkException.require(action.allows(by.role(), state), CaseworkProblem.ROLE_NOT_ALLOWED, null);
        requireArea(by, village);
        if (action.makerChecker()) {
            boolean prepared = steps.stream().anyMatch(s -> s.action().advances() && s.by().sameAs(by));
            CaseworkException.require(!prepared, CaseworkProblem.MAKER_CHECKER, null);
        }
        LocalDate on = cmd.on();
        CaseworkException.require(!on.isAfter(ctx.today()), CaseworkProblem.DATE_IN_FUTURE, "on");
        CaseworkException.require(!on.isBefore(lastStepDate()), CaseworkProblem.DATE_BEFORE_PREVIOUS_STEP, "on");

        VerifyHousehold newVerification = verification;
        PublishNotice newNotice = notice;
        LocalDate newFastTrack = fastTrackedOn;
        String reason = rejectionReason;
        if (cmd instanceof VerifyHousehold v) {
            validate(v, ctx);
            newVerification = v;
        } else if (cmd instanceof CrossCheck c) {
            CaseworkException.require(!c.discrepancies() || !isBlank(c.findings()), CaseworkProblem.REQUIRED_FIELD, "findings");
        } else if (cmd instanceof VillageReview r) {
            CaseworkException.require(r.present() >= 1, CaseworkProblem.PRESENT_COUNT, "present");
        } else if (cmd instanceof PublishNotice n) {
            CaseworkException.require(!n.to().isBefore(n.from()) && n.days() >= ctx.settings().minNoticeDays(),
                    CaseworkProblem.NOTICE_TOO_SHORT, "to");
            CaseworkException.require(!isBlank(n.batch()), CaseworkProblem.REQUIRED_FIELD, "batch");
            newNotice = n;
        } else if (cmd instanceof CloseNotice c) {
            CaseworkException.require(notice != null && !c.on().isBefore(notice.to()), CaseworkProblem.NOTICE_NOT_ENDED, "on");
            CaseworkException.require(c.objections() >= 0 && (c.objections() == 0 || !isBlank(c.objectionNotes())),
                    CaseworkProblem.OBJECTIONS_INVALID, "objections");
        } else if (cmd instanceof StartFastTrack f) {
            CaseworkException.require(fastTrackedOn == null, CaseworkProblem.ALREADY_FAST_TRACKED, null);
            CaseworkException.require(!isBlank(f.reason()), CaseworkProblem.REASON_REQUIRED, "reason");
            CaseworkException.require(hitByDisasterOrAccident(), CaseworkProblem.FAST_TRACK_NEEDS_DISASTER, null);
            newFastTrack = f.on();
        }
        if (action == CaseAction.COUNTY_CONFIRM && workflow == Workflow.ELIMINATION) {
            CaseworkException.require(eliminationCheck != null && eliminationCheck.passes(),
                    CaseworkProblem.ELIMINATION_CHECK_FAILED, null);
        }
        if (action == CaseAction.REJECT) {
            CaseworkException.require(!isBlank(cmd.note()), CaseworkProblem.REASON_REQUIRED, "reason");
            reason = cmd.note().strip();
        }
        List<StepRecord> log = new ArrayList<>(steps);
        log.add(new StepRecord(action, state, next, by, on, Instant.now(ctx.clock()), cmd.note()));
        return new Lead(id, workflow, channel, village, householdId, headName, description, suggestedRisks, sourceRef,
                openedOn, openedBy, next, log, joined, newVerification, newNotice, newFastTrack, reason,
                next.terminal() ? on : null);
    }

    /** Links an open lead that came without a household (an unmatched self-report) to its registry household. */
    public Lead matchHousehold(long household, Actor by) {
        CaseworkException.require(!state.terminal() && householdId == null, CaseworkProblem.STEP_NOT_ALLOWED, null);
        CaseworkException.require(by.role().mayOpenLead() && !by.role().onlyReports(), CaseworkProblem.ROLE_NOT_ALLOWED, null);
        requireArea(by, village);
        return new Lead(id, workflow, channel, village, household, headName, description, suggestedRisks, sourceRef,
                openedOn, openedBy, state, steps, joined, verification, notice, fastTrackedOn, rejectionReason, closedOn);
    }

    /** Keeps a further report about the same household with this open case. */
    public Lead join(JoinedReport report) {
        CaseworkException.require(!state.terminal(), CaseworkProblem.STEP_NOT_ALLOWED, null);
        List<JoinedReport> j = new ArrayList<>(joined);
        j.add(report);
        return new Lead(id, workflow, channel, village, householdId, headName, description, suggestedRisks, sourceRef,
                openedOn, openedBy, state, steps, j, verification, notice, fastTrackedOn, rejectionReason, closedOn);
    }

    /** Days left or overdue on {@code today}; only meaningful while the case is open. */
    public DeadlineStatus deadline(LeadDeadline rule, LocalDate today) {
        return rule.status(openedOn, today);
    }

    /** Identification cases whose disaster fast track has started may receive assistance before confirmation. */
    public boolean assistanceMayStart() {
        return workflow == Workflow.IDENTIFICATION && (state == CaseState.CONFIRMED
                || (fastTrackedOn != null && !state.terminal()));
    }

    private void validate(VerifyHousehold v, CaseworkContext ctx) {
        // an unmatched self-report is first linked to its registry household: the verification is of a household
        CaseworkException.require(householdId != null, CaseworkProblem.HOUSEHOLD_NOT_MATCHED, "householdNo");
        CaseworkException.require(!isBlank(v.findings()), CaseworkProblem.REQUIRED_FIELD, "findings");
        CaseworkException.require(v.householdSize() >= 1, CaseworkProblem.HOUSEHOLD_SIZE, "householdSize");
        Money.check(v.eligibleOutOfPocket(), "eligibleOutOfPocket");
        v.riskTypes().validate(ctx.riskTypes());
        if (workflow == Workflow.IDENTIFICATION) {
            // the categories open for new identifications on the visit's day; none open: identified without one
            List<String> open = ctx.categoriesForNew();
            if (open.isEmpty()) {
                CaseworkException.require(isBlank(v.category()), CaseworkProblem.CATEGORY_CLOSED, "category");
            } else {
                CaseworkException.require(!isBlank(v.category()), CaseworkProblem.CATEGORY_REQUIRED, "category");
                CaseworkException.require(ctx.categories().selectable(v.category()), CaseworkProblem.CATEGORY_UNKNOWN,
                        "category");
                CaseworkException.require(open.contains(v.category()), CaseworkProblem.CATEGORY_CLOSED, "category");
            }
        } else {
            // an elimination's visit: the household keeps what it was identified with, possibly no category
            CaseworkException.require(isBlank(v.category()) || ctx.categories().selectable(v.category()),
                    CaseworkProblem.CATEGORY_UNKNOWN, "category");
        }
        ctx.incomeLines().line(v.on().getYear());
        if (workflow == Workflow.IDENTIFICATION) {
            CaseworkException.require(v.consentSigned(), CaseworkProblem.CONSENT_REQUIRED, "consentSigned");
        } else {
            CaseworkException.require(v.eliminationMethod() != null, CaseworkProblem.ELIMINATION_METHOD_REQUIRED,
                    "eliminationMethod");
        }
    }

    /** The verification's assessment of income against the line of the visit's year. */
    public @Nullable IncomeAssessment incomeAssessment(IncomeLines lines) {
        VerifyHousehold v = verification;
        if (v == null) return null;
        int year = v.on().getYear();
        return v.income().assess(v.householdSize(), v.eligibleOutOfPocket(), year, lines.line(year));
    }

    private boolean hitByDisasterOrAccident() {
        if (verification != null) {
            return verification.riskTypes().contains(RiskType.NATURAL_DISASTER)
                    || verification.riskTypes().contains(RiskType.ACCIDENT);
        }
        return suggestedRisks.contains(RiskType.NATURAL_DISASTER.name()) || suggestedRisks.contains(RiskType.ACCIDENT.name());
    }

    private LocalDate lastStepDate() {
        return steps.isEmpty() ? openedOn : steps.get(steps.size() - 1).on();
    }

    private static void requireArea(Actor by, AreaCode village) {
        CaseworkException.require(by.area().covers(village), CaseworkProblem.OUT_OF_AREA, null);
    }

    static boolean isBlank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    public long id() { return id; }
    public Workflow workflow() { return workflow; }
    public @Nullable LeadChannel channel() { return channel; }
    public AreaCode village() { return village; }
    public @Nullable Long householdId() { return householdId; }
    public String headName() { return headName; }
    public String description() { return description; }
    public List<String> suggestedRisks() { return suggestedRisks; }
    public @Nullable String sourceRef() { return sourceRef; }
    public LocalDate openedOn() { return openedOn; }
    public @Nullable Actor openedBy() { return openedBy; }
    public CaseState state() { return state; }
    public List<StepRecord> steps() { return steps; }
    public List<JoinedReport> joined() { return joined; }
    public @Nullable VerifyHousehold verification() { return verification; }
    public @Nullable PublishNotice notice() { return notice; }
    public @Nullable LocalDate fastTrackedOn() { return fastTrackedOn; }
    public @Nullable String rejectionReason() { return rejectionReason; }
    public @Nullable LocalDate closedOn() { return closedOn; }

    /** The latest step, or null before the first. */
    public @Nullable StepRecord lastStep() {
        return steps.isEmpty() ? null : steps.get(steps.size() - 1);
    }
}
