package cn.shouwang.core.casework;

import cn.shouwang.core.area.AreaCode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * 监测对象: category, one to five risk types (first = main), identification day and month, assistance officers
 * over time, and the history of its status. Immutable; each change returns a new value with a history line.
 */
public record MonitoredHousehold(long householdId, AreaCode village, String headName, String category,
                                 RiskTypes riskTypes, LocalDate identifiedOn, MonitoringStatus status,
                                 List<AssistanceOfficer> officers, List<StatusChange> history,
                                 @Nullable EliminationMethod eliminationMethod, @Nullable YearMonth eliminatedMonth) {

    public MonitoredHousehold {
        officers = List.copyOf(officers);
        history = List.copyOf(history);
    }

    public YearMonth identificationMonth() {
        return YearMonth.from(identifiedOn);
    }

    /** The household that a confirmed identification case makes monitored, with the verification's findings. */
    public static MonitoredHousehold fromConfirmedLead(Lead lead) {
        VerifyHousehold v = lead.verification();
        LocalDate on = lead.closedOn();
        if (lead.workflow() != Workflow.IDENTIFICATION || lead.state() != CaseState.CONFIRMED || v == null
                || on == null || lead.householdId() == null) {
            throw new CaseworkException(CaseworkProblem.STEP_NOT_ALLOWED);
        }
        StatusChange first = new StatusChange(on, StatusChange.Kind.IDENTIFIED, "线索" + lead.id(),
                lead.lastStep() == null ? null : lead.lastStep().by().name());
        return new MonitoredHousehold(lead.householdId(), lead.village(), lead.headName(), v.category(), v.riskTypes(),
                on, MonitoringStatus.MONITORED, List.of(), List.of(first), null, null);
    }

    /** Ends the risk as a confirmed elimination case records it: how (from the home check) and the month. */
    public MonitoredHousehold eliminate(Lead elimination) {
        VerifyHousehold v = elimination.verification();
        LocalDate on = elimination.closedOn();
        if (elimination.workflow() != Workflow.ELIMINATION || elimination.state() != CaseState.CONFIRMED || v == null
                || on == null || status != MonitoringStatus.MONITORED) {
            throw new CaseworkException(CaseworkProblem.STEP_NOT_ALLOWED);
        }
        EliminationMethod how = v.eliminationMethod();
        return new MonitoredHousehold(householdId, village, headName, category, riskTypes, identifiedOn,
                MonitoringStatus.RISK_ELIMINATED, officers,
                append(new StatusChange(on, StatusChange.Kind.RISK_ELIMINATED, how == null ? "" : how.chinese(),
                        elimination.lastStep() == null ? null : elimination.lastStep().by().name())),
                how, YearMonth.from(on));
    }

    /** A new officer takes over from {@code officer.from()}; the current one's term ends the day before. */
    public MonitoredHousehold assignOfficer(AssistanceOfficer officer, String by) {
        List<AssistanceOfficer> list = new ArrayList<>();
        for (AssistanceOfficer o : officers) {
            if (o.to() == null || o.to().isAfter(officer.from().minusDays(1))) {
                LocalDate end = officer.from().minusDays(1);
                CaseworkException.require(!end.isBefore(o.from()), CaseworkProblem.OFFICER_DATES, "from");
                list.add(new AssistanceOfficer(o.name(), o.unit(), o.phone(), o.from(), end));
            } else {
                list.add(o);
            }
        }
        list.add(officer);
        return new MonitoredHousehold(householdId, village, headName, category, riskTypes, identifiedOn, status, list,
                append(new StatusChange(officer.from(), StatusChange.Kind.OFFICER_ASSIGNED,
                        officer.name() + " " + officer.unit(), by)), eliminationMethod, eliminatedMonth);
    }

    public MonitoredHousehold changeRiskTypes(RiskTypes newTypes, CodeList list, LocalDate on, String by) {
        newTypes.validate(list);
        return new MonitoredHousehold(householdId, village, headName, category, newTypes, identifiedOn, status,
                officers, append(new StatusChange(on, StatusChange.Kind.RISK_TYPES_CHANGED,
                String.join(",", newTypes.codes()), by)), eliminationMethod, eliminatedMonth);
    }

    public MonitoredHousehold changeCategory(String newCategory, CodeList list, LocalDate on, String by) {
        CaseworkException.require(list.selectable(newCategory), CaseworkProblem.CATEGORY_UNKNOWN, "category");
        return new MonitoredHousehold(householdId, village, headName, newCategory, riskTypes, identifiedOn, status,
                officers, append(new StatusChange(on, StatusChange.Kind.CATEGORY_CHANGED, newCategory, by)),
                eliminationMethod, eliminatedMonth);
    }

    /**
     * 调整监测类别和风险类型. Refused unless the actor's role may ({@link CaseRole#mayReclassify()}), the household lies
     * in the actor's area and is monitored, the day lies between identification and today, a reason is given and
     * something changes. A code newly chosen must be active; a code the household already has may be kept even if
     * deactivated since. Each changed part gets its own history line (old → new: reason).
     */
    public MonitoredHousehold reclassify(Reclassify cmd, CaseworkContext ctx) {
        Actor by = cmd.by();
        CaseworkException.require(by.role().mayReclassify(), CaseworkProblem.ROLE_NOT_ALLOWED, null);
        CaseworkException.require(by.area().covers(village), CaseworkProblem.OUT_OF_AREA, null);
        CaseworkException.require(status == MonitoringStatus.MONITORED, CaseworkProblem.NOT_MONITORED, null);
        CaseworkException.require(!cmd.on().isAfter(ctx.today()), CaseworkProblem.DATE_IN_FUTURE, "on");
        CaseworkException.require(!cmd.on().isBefore(identifiedOn), CaseworkProblem.DATE_BEFORE_IDENTIFICATION, "on");
        String reason = cmd.reason().strip();
        CaseworkException.require(!reason.isEmpty(), CaseworkProblem.REASON_REQUIRED, "reason");
        boolean categoryChanges = !cmd.category().equals(category);
        if (categoryChanges) {
            CaseworkException.require(ctx.categories().find(cmd.category()).isPresent(), CaseworkProblem.CATEGORY_UNKNOWN,
                    "category");
            CaseworkException.require(ctx.categories().selectable(cmd.category()), CaseworkProblem.CATEGORY_INACTIVE,
                    "category");
        }
        RiskTypes t = cmd.riskTypes();
        for (String code : t.codes()) {
            if (!riskTypes.codes().contains(code)) RiskTypes.requireSelectable(ctx.riskTypes(), code);
        }
        CaseworkException.require(!t.contains(cn.shouwang.core.household.RiskType.NATURAL_DISASTER)
                || t.disasterSubtype() != null, CaseworkProblem.DISASTER_SUBTYPE_REQUIRED, "disasterSubtype");
        // a sub-type only means something beside NATURAL_DISASTER
        if (!t.contains(cn.shouwang.core.household.RiskType.NATURAL_DISASTER)) t = t.withSubtype(null);
        boolean risksChange = !t.equals(riskTypes);
        CaseworkException.require(categoryChanges || risksChange, CaseworkProblem.NOTHING_CHANGED, null);
        List<StatusChange> h = new ArrayList<>(history);
        if (categoryChanges) {
            h.add(new StatusChange(cmd.on(), StatusChange.Kind.CATEGORY_CHANGED, name(ctx.categories(), category) + " → "
                    + name(ctx.categories(), cmd.category()) + ": " + reason, by.name()));
        }
        if (risksChange) {
            h.add(new StatusChange(cmd.on(), StatusChange.Kind.RISK_TYPES_CHANGED, names(ctx.riskTypes(), riskTypes)
                    + " → " + names(ctx.riskTypes(), t) + ": " + reason, by.name()));
        }
        return new MonitoredHousehold(householdId, village, headName, cmd.category(), t, identifiedOn, status, officers,
                h, eliminationMethod, eliminatedMonth);
    }

    private static String name(CodeList list, String code) {
        return list.find(code).map(CodeList.Code::chinese).orElse(code);
    }

    /** The risk types as the history records them in Chinese, main first: 因自然灾害(洪涝)、因病. */
    private static String names(CodeList list, RiskTypes t) {
        List<String> n = new ArrayList<>();
        for (String c : t.codes()) {
            String s = name(list, c);
            if (c.equals(cn.shouwang.core.household.RiskType.NATURAL_DISASTER.name()) && t.disasterSubtype() != null) {
                s += "(" + t.disasterSubtype().chinese() + ")";
            }
            n.add(s);
        }
        return String.join("、", n);
    }

    /** A report that joined this household instead of opening a lead (see {@link Intake}). */
    public MonitoredHousehold recordNewReport(JoinedReport r) {
        return new MonitoredHousehold(householdId, village, headName, category, riskTypes, identifiedOn, status,
                officers, append(new StatusChange(r.reportedOn(), StatusChange.Kind.NEW_RISK_REPORTED,
                r.channel().chinese() + ": " + r.description(), r.reportedBy())), eliminationMethod, eliminatedMonth);
    }

    public Optional<AssistanceOfficer> officerOn(LocalDate day) {
        return officers.stream().filter(o -> o.activeOn(day)).reduce((a, b) -> b);
    }

    private List<StatusChange> append(StatusChange c) {
        List<StatusChange> h = new ArrayList<>(history);
        h.add(c);
        return h;
    }
}
