package cn.shouwang.server.casework;

import cn.shouwang.core.area.AreaCode;
import cn.shouwang.core.area.AreaLevel;
import cn.shouwang.core.casework.Actor;
import cn.shouwang.core.casework.AssistanceOfficer;
import cn.shouwang.core.casework.CaseAction;
import cn.shouwang.core.casework.CaseCommand;
import cn.shouwang.core.casework.CaseState;
import cn.shouwang.core.casework.CaseworkContext;
import cn.shouwang.core.casework.CaseworkException;
import cn.shouwang.core.casework.CaseworkProblem;
import cn.shouwang.core.casework.EliminationCheck;
import cn.shouwang.core.casework.HomeCheck;
import cn.shouwang.core.casework.HouseholdFacts;
import cn.shouwang.core.casework.IncomeAssessment;
import cn.shouwang.core.casework.Intake;
import cn.shouwang.core.casework.Lead;
import cn.shouwang.core.casework.LeadChannel;
import cn.shouwang.core.casework.Measure;
import cn.shouwang.core.casework.MeasureState;
import cn.shouwang.core.casework.MonitoredHousehold;
import cn.shouwang.core.casework.NewLead;
import cn.shouwang.core.casework.Plan;
import cn.shouwang.core.casework.Reclassify;
import cn.shouwang.core.casework.RiskTypes;
import cn.shouwang.core.casework.VerifyHousehold;
import cn.shouwang.core.casework.Workflow;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.identification.LeadStore;
import cn.shouwang.server.casework.monitoring.MonitoredStore;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.ConcurrentEditException;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Executes casework commands: loads the case inside the caller's scope (SQL), lets the core domain decide,
 * writes the result with optimistic locking and records it in the audit log, all in one transaction.
 */
@Service
public class CaseworkService implements CaseworkApi {
    private final LeadStore leads;
    private final MonitoredStore monitored;
    private final CaseworkSettingsStore config;
    private final AuditApi audit;
    private final PersonalDataApi personalData;
    private final WorkbenchQueries workbench;

    private final org.springframework.beans.factory.ObjectProvider<cn.shouwang.server.casework.recheck.Rechecks> rechecks;

    CaseworkService(LeadStore leads, MonitoredStore monitored, CaseworkSettingsStore config, AuditApi audit,
                    PersonalDataApi personalData, WorkbenchQueries workbench,
                    org.springframework.beans.factory.ObjectProvider<cn.shouwang.server.casework.recheck.Rechecks> rechecks,
                    AssetStandards assetStandards) {
        this.rechecks = rechecks;
        this.assetStandards = assetStandards;
        this.workbench = workbench;
        this.leads = leads;
        this.monitored = monitored;
        this.config = config;
        this.audit = audit;
        this.personalData = personalData;
    }

    @Override
    public RecheckFigures recheckFigures(AreaScope area) {
        var all = rechecks.getObject().candidates(area);
        var t = cn.shouwang.server.casework.recheck.Rechecks.total(area.areaCode(), all);
        return new RecheckFigures(t.longMonitored(), t.belowLine(), t.todo());
    }

    private final AssetStandards assetStandards;

    static Actor actor(CurrentUser u) {
        return new Actor(String.valueOf(u.accountId()), u.displayName(), u.role().caseRole(),
                new AreaCode(u.scope().areaCode()));
    }

    // ---- leads ----------------------------------------------------------------------------------------------

    /** A lead opened by hand (field or department screening) for a household found by its number. */
    @Transactional
    public IntakeResult openLead(String householdNo, LeadChannel channel, String description, List<String> riskCodes,
                                 @Nullable String sourceRef) {
        CurrentUser u = CurrentUsers.require();
        HouseholdApi.Ref h = monitored.householdByNo(householdNo.strip(), u.scope())
                .orElseThrow(() -> new CaseworkException(CaseworkProblem.OUT_OF_AREA, "householdNo"));
        return intake(actor(u), h, channel, description, riskCodes, sourceRef);
    }

    /**
     * {@link #openLead(String, LeadChannel, String, List, String)} once per client key (the field form's key, made
     * when it opened): a retry answers the lead or joined report the first try stored, and does nothing else.
     */
    @Transactional
    public KeyedIntake openLead(String householdNo, LeadChannel channel, String description, List<String> riskCodes,
                                @Nullable String sourceRef, java.util.@Nullable UUID clientKey) {
        CurrentUser u = CurrentUsers.require();
        HouseholdApi.Ref h = monitored.householdByNo(householdNo.strip(), u.scope())
                .orElseThrow(() -> new CaseworkException(CaseworkProblem.OUT_OF_AREA, "householdNo"));
        return keyed(u, h, channel, description, riskCodes, sourceRef, clientKey);
    }

    @Override
    @Transactional
    public KeyedIntake fieldLead(long householdId, String description, List<String> riskCodes, java.util.UUID clientKey) {
        CurrentUser u = CurrentUsers.require();
        HouseholdApi.Ref h = monitored.household(householdId, u.scope())
                .orElseThrow(() -> new OutOfScopeException("household outside the scope"));
        return keyed(u, h, LeadChannel.FIELD_SCREENING, description, riskCodes, null, clientKey);
    }

    private KeyedIntake keyed(CurrentUser u, HouseholdApi.Ref h, LeadChannel channel, String description,
                              List<String> riskCodes, @Nullable String sourceRef, java.util.@Nullable UUID clientKey) {
        if (clientKey != null) {
            leads.lockClientKey(clientKey);
            var earlier = leads.byClientKey(clientKey);
            if (earlier.isPresent()) {
                var k = earlier.get();
                if (k.householdId() == null || k.householdId() != h.id()) {
                    throw new CaseworkException(CaseworkProblem.OUT_OF_AREA, "clientKey");
                }
                IntakeResult r = !k.joined() ? new IntakeResult(IntakeResult.Outcome.OPENED, k.leadId())
                        : k.leadId() != null ? new IntakeResult(IntakeResult.Outcome.JOINED_LEAD, k.leadId())
                        : new IntakeResult(IntakeResult.Outcome.JOINED_MONITORED, h.id());
                return new KeyedIntake(r, true);
            }
        }
        IntakeResult r = intake(actor(u), h, channel, description, riskCodes, sourceRef);
        if (clientKey != null) {
            leads.keepClientKey(r.outcome() != IntakeResult.Outcome.OPENED, r.id(), h.id(), clientKey);
        }
        return new KeyedIntake(r, false);
    }

    @Override
    public java.util.Optional<OpenLead> openLeadOf(long householdId, AreaScope scope) {
        return leads.openIdentification(householdId, scope)
                .map(o -> new OpenLead(o.leadId(), o.openedOn(), o.openedBy(), o.openedByName()));
    }

    @Override
    public java.util.Map<Long, Long> openLeadsIn(AreaScope scope) {
        return leads.openLeadsIn(scope);
    }

    @Override
    @Transactional
    public IntakeResult intakeFromWarning(long householdId, String description, List<String> riskCodes, String sourceRef) {
        CurrentUser u = CurrentUsers.require();
        HouseholdApi.Ref h = monitored.household(householdId, u.scope())
                .orElseThrow(() -> new OutOfScopeException("household outside the scope"));
        return intake(actor(u), h, LeadChannel.DEPARTMENT_SCREENING, description, riskCodes, sourceRef);
    }

    @Override
    @Transactional
    public IntakeResult intakeFromField(long householdId, String description, List<String> riskCodes, String sourceRef) {
        CurrentUser u = CurrentUsers.require();
        HouseholdApi.Ref h = monitored.household(householdId, u.scope())
                .orElseThrow(() -> new OutOfScopeException("household outside the scope"));
        return intake(actor(u), h, LeadChannel.FIELD_SCREENING, description, riskCodes, sourceRef);
    }

    @Override
    @Transactional
    public IntakeResult intakeFromWarning(IntakeActor by, AreaScope scope, long householdId, String description,
                                          List<String> riskCodes, String sourceRef) {
        // the starter's account may since have lost the area: the scope is also checked against the actor's area
        if (!new AreaScope(by.areaCode()).covers(scope)) throw new OutOfScopeException("scope outside the starter's area");
        HouseholdApi.Ref h = monitored.household(householdId, scope)
                .orElseThrow(() -> new OutOfScopeException("household outside the scope"));
        Actor actor = new Actor(String.valueOf(by.accountId()), by.openedByName(), by.role().caseRole(),
                new AreaCode(by.areaCode()));
        IntakeResult r = intake(actor, h, LeadChannel.DEPARTMENT_SCREENING, description, riskCodes, sourceRef);
        audit.record(AuditAction.LEAD_AUTO_INTAKE, h.id(), null, h.villageCode(), List.of(),
                by.openedByName() + " [" + by.username() + "] " + sourceRef + " → " + r.outcome() + " " + r.id());
        return r;
    }

    @Override
    @Transactional
    public IntakeResult intakeFromVisit(long householdId, String description, List<String> riskCodes, String sourceRef) {
        CurrentUser u = CurrentUsers.require();
        HouseholdApi.Ref h = monitored.household(householdId, u.scope())
                .orElseThrow(() -> new OutOfScopeException("household outside the scope"));
        return intake(actor(u), h, LeadChannel.FIELD_SCREENING, description, riskCodes, sourceRef);
    }

    @Override
    public java.util.Set<Long> monitoredIn(AreaScope scope) {
        return monitored.monitoredIn(scope);
    }

    @Override
    public List<RiskOption> activeRiskTypes(String villageCode) {
        var list = config.context(villageCode).riskTypes();
        return list.codes().stream().filter(c -> list.selectable(c.code()))
                .map(c -> new RiskOption(c.code(), c.chinese(), c.english())).toList();
    }

    @Override
    public List<MeasureRef> measuresOf(long householdId, cn.shouwang.server.access.AreaScope scope) {
        return monitored.measureRefs(householdId, scope);
    }

    @Override
    public java.util.Map<String, Long> monitoredByVillage(java.util.Collection<String> villageCodes,
                                                          cn.shouwang.server.access.AreaScope scope) {
        return workbench.monitoredByVillage(villageCodes, scope);
    }

    @Override
    public void monitoredForScreening(cn.shouwang.server.access.AreaScope county, MonitoredRows rows) {
        monitored.forScreening(county, rows);
    }

    @Override
    public java.util.Set<String> autoIntakeRules(String areaCode) {
        return config.autoIntakeRules(areaCode);
    }

    @Override
    public java.util.Set<Long> confirmedLeads(java.util.Collection<Long> leadIds) {
        return workbench.confirmed(leadIds);
    }

    @Override
    public int warningReturnPercent() {
        return CaseworkSettingsStore.intOf(config.global(), "warning_return_percent", WARNING_RETURN_PERCENT_DEFAULT);
    }

    @Override
    public Workbench workbench(AreaScope area, Role role, int todoLimit) {
        return workbench.workbench(area, role.caseRole(), todoLimit);
    }

    /** The audit action of a lead step: one per core action, so a new step does not compile without its own. */
    static AuditAction stepAction(CaseAction a) {
        return switch (a) {
            case VERIFY -> AuditAction.LEAD_VERIFY;
            case CROSS_CHECK -> AuditAction.LEAD_CROSS_CHECK;
            case VILLAGE_REVIEW -> AuditAction.LEAD_VILLAGE_REVIEW;
            case PUBLISH_NOTICE -> AuditAction.LEAD_PUBLISH_NOTICE;
            case CLOSE_NOTICE -> AuditAction.LEAD_CLOSE_NOTICE;
            case TOWNSHIP_APPROVE -> AuditAction.LEAD_TOWNSHIP_APPROVE;
            case COUNTY_CONFIRM -> AuditAction.LEAD_COUNTY_CONFIRM;
            case REJECT -> AuditAction.LEAD_REJECT;
            case FAST_TRACK -> AuditAction.LEAD_FAST_TRACK;
        };
    }

    private IntakeResult intake(Actor by, HouseholdApi.Ref h, LeadChannel channel, String description,
                                List<String> riskCodes, @Nullable String sourceRef) {
        CaseworkContext ctx = config.context(h.villageCode());
        NewLead report = new NewLead(channel, new AreaCode(h.villageCode()), h.id(), h.headName().isEmpty() ? h.householdNo()
                : h.headName(), description, riskCodes, sourceRef, by, ctx.today());
        leads.lockHousehold(h.id());
        Intake.Decision d = Intake.decide(h.id(), leads.openCase(h.id(), Workflow.IDENTIFICATION).orElse(null),
                monitored.isMonitored(h.id()));
        return apply(d, report, ctx, null, null, null);
    }

    private IntakeResult apply(Intake.Decision d, NewLead report, CaseworkContext ctx, byte @Nullable [] phoneEnc,
                               byte @Nullable [] idEnc, byte @Nullable [] idHash) {
        String village = report.village().value();
        if (d instanceof Intake.JoinLead j) {
            Lead l = leads.find(j.leadId(), new AreaScope(village)).orElseThrow().lead();
            l.join(report.asJoinedReport()); // refuses a closed case
            leads.addReport(j.leadId(), report.householdId(), village, report.asJoinedReport());
            audit.record(AuditAction.LEAD_JOIN, report.householdId(), null, village, List.of(),
                    "lead " + j.leadId() + " " + report.channel());
            return new IntakeResult(IntakeResult.Outcome.JOINED_LEAD, j.leadId());
        }
        if (d instanceof Intake.JoinMonitored m) {
            MonitoredStore.MonitoredRow row = monitored.find(m.householdId(), new AreaScope(village)).orElseThrow();
            MonitoredHousehold after = row.household().recordNewReport(report.asJoinedReport());
            leads.addReport(null, m.householdId(), village, report.asJoinedReport());
            monitored.appendHistory(row.household(), after);
            audit.record(AuditAction.MONITORED_NEW_REPORT, m.householdId(), null, village, List.of(), String.valueOf(report.channel()));
            return new IntakeResult(IntakeResult.Outcome.JOINED_MONITORED, m.householdId());
        }
        Lead l = Lead.open(leads.nextId(), report, ctx);
        leads.insert(l, ctx.settings().deadline().dueDate(l.openedOn()), phoneEnc, idEnc, idHash);
        audit.record(AuditAction.LEAD_OPEN, l.householdId(), null, village, List.of(), l.channel() + " lead " + l.id());
        return new IntakeResult(IntakeResult.Outcome.OPENED, l.id());
    }

    /**
     * The household's self-report from the public page: no account. The id number (by its keyed hash) is matched
     * against the village's registry; phone and id number are sealed with the lead and never shown back. The same
     * lookups run whatever the household is, and the report is kept with its {@code reference} (as its source) in
     * every case: the lead it opens, or the row that joins it to an open lead or a monitored household.
     */
    @Transactional
    public IntakeResult selfReport(String villageCode, String name, String phone, IdNumber id, byte[] idHash,
                                   String description, List<String> riskCodes, String reference) {
        Long householdId = monitored.householdByIdHash(idHash, villageCode).orElse(null);
        long lookup = householdId == null ? -1 : householdId;  // no household has id -1: the same queries, no rows
        Long openLead = leads.openCase(lookup, Workflow.IDENTIFICATION).orElse(null);
        boolean isMonitored = monitored.isMonitored(lookup);
        CaseworkContext ctx = config.context(villageCode);
        // the household's pick is only a hint (the description keeps it): one since deactivated is not suggested
        List<String> suggested = riskCodes.stream().filter(ctx.riskTypes()::selectable).toList();
        NewLead report = new NewLead(LeadChannel.SELF_REPORT, new AreaCode(villageCode), householdId, name.strip(),
                description, suggested, reference, null, ctx.today());
        Intake.Decision d = Intake.decide(householdId, openLead, isMonitored);
        return apply(d, report, ctx, personalData.seal(phone.strip()), personalData.seal(id.value()), idHash);
    }

    /** Outcome of linking a lead to its household: done, or the household already has an open lead. */
    public enum MatchOutcome { LINKED, HOUSEHOLD_HAS_OPEN_LEAD }

    /** Links an unmatched self-report to its registry household (same village, inside the caller's scope). */
    @Transactional
    public MatchOutcome matchHousehold(long leadId, int version, String householdNo) {
        CurrentUser u = CurrentUsers.require();
        LeadStore.Loaded loaded = require(leadId);
        if (loaded.row().version() != version) throw new ConcurrentEditException();
        HouseholdApi.Ref h = monitored.householdByNo(householdNo.strip(), u.scope())
                .filter(x -> x.villageCode().equals(loaded.lead().village().value()))
                .orElseThrow(() -> new CaseworkException(CaseworkProblem.OUT_OF_AREA, "householdNo"));
        Lead linked = loaded.lead().matchHousehold(h.id(), actor(u));
        if (leads.openCase(h.id(), Workflow.IDENTIFICATION).isPresent()) return MatchOutcome.HOUSEHOLD_HAS_OPEN_LEAD;
        if (!leads.setHousehold(leadId, version, h.id())) throw new ConcurrentEditException();
        audit.record(AuditAction.LEAD_MATCH, h.id(), null, linked.village().value(), List.of(), "lead " + leadId);
        return MatchOutcome.LINKED;
    }

    Optional<LeadStore.Loaded> find(long id) {
        return leads.find(id, CurrentUsers.require().scope());
    }

    public LeadStore.Loaded require(long id) {
        return find(id).orElseThrow(() -> new OutOfScopeException("lead not in scope"));
    }

    /**
     * Performs a step on a case. {@code version} is the version the form was read at; a case changed since is
     * refused with {@link ConcurrentEditException}.
     */
    @Transactional
    public Lead perform(long leadId, int version, Function<Actor, CaseCommand> command) {
        CurrentUser u = CurrentUsers.require();
        LeadStore.Loaded loaded = require(leadId);
        Lead before = loaded.lead();
        if (loaded.row().version() != version) throw new ConcurrentEditException();
        CaseCommand cmd = command.apply(actor(u));
        // the standards in force on the step's day (标准调整): a visit of March is judged by March's income line
        CaseworkContext ctx = config.context(before.village().value(), cmd.on());
        EliminationCheck check = null;
        MonitoredStore.MonitoredRow mon = null;
        if (before.workflow() == Workflow.ELIMINATION && cmd.action() == CaseAction.COUNTY_CONFIRM
                && before.householdId() != null) {
            mon = monitored.find(before.householdId(), u.scope()).orElseThrow();
            check = eliminationCheck(mon.household(), ctx, cmd.on());
        }
        // assets beside income (issue 17 point 3): with the local setting BLOCK, an asset above its limit refuses the
        // county's confirmation of an identification; with WARN the lead page only shows it
        if (before.workflow() == Workflow.IDENTIFICATION && cmd.action() == CaseAction.COUNTY_CONFIRM
                && before.householdId() != null
                && assetStandards.check(before.householdId(), before.village().value(), u.scope(), cmd.on()).refuses()) {
            throw new CaseworkException(CaseworkProblem.ASSETS_ABOVE_LIMIT);
        }
        Lead after = before.apply(cmd, ctx, check);
        IncomeAssessment assessment = cmd instanceof VerifyHousehold ? after.incomeAssessment(ctx.incomeLines()) : null;
        if (!leads.saveStep(before, after, version, assessment)) throw new ConcurrentEditException();
        String village = after.village().value();
        audit.record(stepAction(cmd.action()), after.householdId(), null, village,
                List.of(new AuditApi.Change("state", before.state().name(), after.state().name())),
                "lead " + after.id() + (cmd.note().isBlank() ? "" : ": " + abbreviate(cmd.note())));
        if (after.state() == CaseState.CONFIRMED) {
            if (after.workflow() == Workflow.IDENTIFICATION && after.householdId() != null) {
                MonitoredHousehold m = MonitoredHousehold.fromConfirmedLead(after);
                MonitoredHousehold previous = monitored.find(m.householdId(), u.scope()).map(MonitoredStore.MonitoredRow::household)
                        .orElse(null);
                monitored.insertMonitored(m, after.id());
                // history continues across a second identification of the same household
                MonitoredHousehold withOld = previous == null ? m : new MonitoredHousehold(m.householdId(), m.village(),
                        m.headName(), m.category(), m.riskTypes(), m.identifiedOn(), m.status(), List.of(),
                        concat(previous.history(), m.history()), null, null);
                monitored.appendHistory(previous, withOld);
                audit.record(AuditAction.MONITORED_CONFIRM, m.householdId(), null, village, List.of(), "lead " + after.id());
            } else if (after.workflow() == Workflow.ELIMINATION && mon != null) {
                MonitoredHousehold ended = mon.household().eliminate(after);
                if (!monitored.updateStatus(ended, mon.version())) throw new ConcurrentEditException();
                monitored.appendHistory(mon.household(), ended);
                audit.record(AuditAction.RISK_ELIMINATED, ended.householdId(), null, village, List.of(),
                        "lead " + after.id() + " " + ended.eliminationMethod());
            }
        }
        return after;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    // ---- monitored households, plan, elimination ------------------------------------------------------------

    public MonitoredStore.MonitoredRow requireMonitored(long householdId) {
        return monitored.find(householdId, CurrentUsers.require().scope())
                .orElseThrow(() -> new OutOfScopeException("monitored household not in scope"));
    }

    EliminationCheck eliminationCheck(MonitoredHousehold m, CaseworkContext ctx, LocalDate asOf) {
        return EliminationCheck.run(m, monitored.plan(m.householdId()), monitored.facts(m.householdId()),
                ctx.incomeLines(), ctx.settings(), asOf);
    }

    /** The village monitor proposes the elimination; the check must pass today. */
    @Transactional
    public long openElimination(long householdId) {
        CurrentUser u = CurrentUsers.require();
        MonitoredHousehold m = requireMonitored(householdId).household();
        CaseworkContext ctx = config.context(m.village().value());
        if (leads.openCase(householdId, Workflow.ELIMINATION).isPresent()) {
            throw new CaseworkException(CaseworkProblem.STEP_NOT_ALLOWED);
        }
        Lead l = Lead.openElimination(leads.nextId(), m, actor(u), ctx.today(), eliminationCheck(m, ctx, ctx.today()), ctx);
        leads.insert(l, ctx.settings().deadline().dueDate(l.openedOn()), null, null, null);
        audit.record(AuditAction.ELIMINATION_OPEN, householdId, null, m.village().value(), List.of(), "lead " + l.id());
        return l.id();
    }

    /**
     * 收入核查: the village monitor records a visit to a monitored household; the elimination check counts it from
     * then on. Append-only, so there is nothing to overwrite and no version to compare.
     */
    @Transactional
    public void recordHomeCheck(long householdId, Function<Actor, HomeCheck> check) {
        CurrentUser u = CurrentUsers.require();
        MonitoredHousehold m = requireMonitored(householdId).household();
        HomeCheck c = check.apply(actor(u));
        IncomeAssessment a = c.assess(m, config.context(m.village().value(), c.on()));
        monitored.insertHomeCheck(m, c, a);
        audit.record(AuditAction.HOME_CHECK, householdId, null, m.village().value(), List.of(),
                c.on() + " " + a.comparisonValue().toPlainString() + " / " + a.line().toPlainString());
    }

    /** Whether assistance may start: monitored, or an open identification lead on the fast track. */
    private boolean assistanceMayStart(long householdId, AreaScope scope) {
        if (monitored.isMonitored(householdId)) return true;
        return leads.openCase(householdId, Workflow.IDENTIFICATION)
                .flatMap(id -> leads.find(id, scope)).map(l -> l.lead().assistanceMayStart()).orElse(false);
    }

    @Transactional
    public long addMeasure(long householdId, Function<Long, Measure> measure) {
        CurrentUser u = CurrentUsers.require();
        requirePlanRole(u);
        HouseholdApi.Ref h = monitored.household(householdId, u.scope())
                .orElseThrow(() -> new OutOfScopeException("household not in scope"));
        Measure m = measure.apply(monitored.nextMeasureId());
        HouseholdFacts facts = monitored.facts(householdId);
        monitored.plan(householdId).add(m, facts, assistanceMayStart(householdId, u.scope()));
        monitored.insertMeasure(householdId, h.villageCode(), m);
        audit.record(AuditAction.MEASURE_ADD, householdId, null, h.villageCode(), List.of(),
                m.group() + " " + m.cost().toPlainString() + " " + abbreviate(m.description()));
        return m.id();
    }

    @Transactional
    public void moveMeasure(long householdId, long measureId, int version, MeasureState target, LocalDate on) {
        CurrentUser u = CurrentUsers.require();
        requirePlanRole(u);
        HouseholdApi.Ref h = monitored.household(householdId, u.scope())
                .orElseThrow(() -> new OutOfScopeException("household not in scope"));
        List<MonitoredStore.MeasureRow> rows = monitored.measures(householdId);
        MonitoredStore.MeasureRow row = rows.stream().filter(r -> r.measure().id() == measureId).findFirst()
                .orElseThrow(() -> new OutOfScopeException("measure not in scope"));
        if (row.version() != version) throw new ConcurrentEditException();
        if (on.isAfter(config.today())) throw new CaseworkException(CaseworkProblem.DATE_IN_FUTURE, "on");
        Plan after = monitored.plan(householdId).move(measureId, target, on, monitored.facts(householdId));
        Measure moved = after.measures().stream().filter(x -> x.id() == measureId).findFirst().orElseThrow();
        if (!monitored.updateMeasureState(moved, version)) throw new ConcurrentEditException();
        audit.record(AuditAction.MEASURE_STATE, householdId, null, h.villageCode(),
                List.of(new AuditApi.Change("state", row.measure().state().name(), target.name())), "measure " + measureId);
    }

    @Transactional
    public void assignOfficer(long householdId, int version, AssistanceOfficer officer) {
        CurrentUser u = CurrentUsers.require();
        requirePlanRole(u);
        MonitoredStore.MonitoredRow row = requireMonitored(householdId);
        if (row.version() != version) throw new ConcurrentEditException();
        MonitoredHousehold after = row.household().assignOfficer(officer, u.displayName());
        monitored.insertOfficer(householdId, officer, personalData.seal(officer.phone().strip()));
        monitored.appendHistory(row.household(), after);
        if (!monitored.updateStatus(after, version)) throw new ConcurrentEditException();
        audit.record(AuditAction.OFFICER_ASSIGN, householdId, null, row.household().village().value(), List.of(),
                officer.name() + " " + officer.unit());
    }

    /**
     * 调整监测类别和风险类型: the core decides (role, area, dates, active codes, reason); written with the version the
     * form was read at, the history line appended and the change audited old → new.
     */
    @Transactional
    public MonitoredHousehold reclassify(long householdId, int version, Function<Actor, Reclassify> command) {
        CurrentUser u = CurrentUsers.require();
        MonitoredStore.MonitoredRow row = requireMonitored(householdId);
        if (row.version() != version) throw new ConcurrentEditException();
        MonitoredHousehold before = row.household();
        MonitoredHousehold after = before.reclassify(command.apply(actor(u)), config.context(before.village().value()));
        if (!monitored.updateStatus(after, version)) throw new ConcurrentEditException();
        monitored.appendHistory(before, after);
        audit.record(AuditAction.MONITORED_RECLASSIFY, householdId, null, before.village().value(),
                List.of(new AuditApi.Change("category", before.category(), after.category()),
                        new AuditApi.Change("riskTypes", riskText(before.riskTypes()), riskText(after.riskTypes()))),
                abbreviate(after.history().get(after.history().size() - 1).note()));
        return after;
    }

    private static String riskText(RiskTypes t) {
        return String.join(",", t.codes()) + (t.disasterSubtype() == null ? "" : " (" + t.disasterSubtype() + ")");
    }

    private static void requirePlanRole(CurrentUser u) {
        if (!u.role().caseRole().mayKeepPlan()) {
            throw new CaseworkException(CaseworkProblem.ROLE_NOT_ALLOWED);
        }
    }

    public String officerPhoneMasked(byte[] sealed) {
        return PersonalDataApi.maskPhone(personalData.open(sealed));
    }

    public static boolean isVillage(String code) {
        return AreaCode.isValid(code) && new AreaCode(code).level() == AreaLevel.VILLAGE;
    }
}
