package cn.shouwang.server.casework.monitoring;

import cn.shouwang.core.casework.CaseworkContext;
import cn.shouwang.core.casework.CodeList;
import cn.shouwang.core.casework.DataQuality;
import cn.shouwang.core.casework.DisasterSubtype;
import cn.shouwang.core.casework.EliminationCheck;
import cn.shouwang.core.casework.HouseholdFacts;
import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.casework.MonitoringStatus;
import cn.shouwang.core.casework.Plan;
import cn.shouwang.core.casework.Workflow;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.casework.CaseworkService;
import cn.shouwang.server.casework.identification.LeadCmd;
import cn.shouwang.server.casework.identification.LeadStore;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The page of one monitored household ({@code /monitored/{id}}): what it shows, gathered in one place, for its own
 * GET and for every form on it that comes back with errors (officer, category, home check, plan measures).
 */
@Component
public class MonitoredPage {
    private final CaseworkService service;
    private final MonitoredStore monitored;
    private final LeadStore leads;
    private final CaseworkSettingsStore config;
    private final AreaApi areas;

    private final cn.shouwang.server.casework.recheck.Rechecks rechecks;
    /** The registers beside the core that may back a measure (a grant, a job, a loan): each asked once per page. */
    private final org.springframework.beans.factory.ObjectProvider<cn.shouwang.server.casework.MeasureBackingApi> backings;

    MonitoredPage(CaseworkService service, MonitoredStore monitored, LeadStore leads, CaseworkSettingsStore config,
                  AreaApi areas, cn.shouwang.server.casework.recheck.Rechecks rechecks,
                  org.springframework.beans.factory.ObjectProvider<cn.shouwang.server.casework.MeasureBackingApi> backings) {
        this.backings = backings;
        this.rechecks = rechecks;
        this.service = service;
        this.monitored = monitored;
        this.leads = leads;
        this.config = config;
        this.areas = areas;
    }

    private String name(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    /** Fills the model with the page and returns its view. */
    public String render(long id, Model model) {
        // each thing once: the household (with officers and history), the settings in force at its village, the plan,
        // the facts; the checks then run on them in memory (CaseworkStatementsTest bounds the statements)
        MonitoredStore.MonitoredRow row = service.requireMonitored(id);
        CaseworkContext ctx = config.context(row.household().village().value());
        var today = ctx.today();
        List<MonitoredStore.MeasureRow> measures = monitored.measures(id);
        Plan plan = new Plan(id, measures.stream().map(MonitoredStore.MeasureRow::measure).toList());
        MonitoredStore.FactsAndIncome fi = monitored.factsAndIncomes(List.of(id)).get(id);
        HouseholdFacts facts = fi.facts();
        model.addAttribute("m", row.household());
        model.addAttribute("version", row.version());
        model.addAttribute("villageName", name(row.household().village().value()));
        List<OfficerView> officers = new ArrayList<>();
        for (MonitoredStore.OfficerRow o : monitored.officerRows(id)) {
            officers.add(new OfficerView(o.name(), o.unit(), service.officerPhoneMasked(o.phoneEnc()), o.from(), o.to()));
        }
        model.addAttribute("officers", officers);
        model.addAttribute("measures", measures);
        java.util.Map<Long, List<cn.shouwang.server.casework.MeasureBackingApi.Backing>> backed = new java.util.HashMap<>();
        backings.orderedStream().forEach(b -> b.backings(id).forEach(
                (measure, lines) -> backed.computeIfAbsent(measure, k -> new ArrayList<>()).addAll(lines)));
        model.addAttribute("backings", backed);
        model.addAttribute("groups", MeasureGroup.values());
        model.addAttribute("check", EliminationCheck.run(row.household(), plan, facts, ctx.incomeLines(), ctx.settings(), today));
        model.addAttribute("findings", DataQuality.check(row.household(), plan, facts, fi.income(), today));
        model.addAttribute("mayKeepPlan", CurrentUsers.require().role().caseRole().mayKeepPlan());
        model.addAttribute("mayPropose", CurrentUsers.require().role() == Role.VILLAGE_MONITOR
                && row.household().status() == MonitoringStatus.MONITORED);
        model.addAttribute("openElimination", leads.openCase(id, Workflow.ELIMINATION).orElse(null));
        model.addAttribute("lacksIncome", plan.lacksIncomeMeasure(facts));
        model.addAttribute("checks", monitored.homeChecks(id));
        model.addAttribute("mayCheck", CurrentUsers.require().role() == Role.VILLAGE_MONITOR
                && row.household().status() == MonitoringStatus.MONITORED);
        if (!model.containsAttribute("homeCheckCmd")) model.addAttribute("homeCheckCmd", LeadCmd.HomeCheckForm.empty(today));
        if (!model.containsAttribute("measureCmd")) model.addAttribute("measureCmd", LeadCmd.MeasureForm.empty(today));
        if (!model.containsAttribute("officerCmd")) model.addAttribute("officerCmd", LeadCmd.Officer.empty(today, row.version()));
        boolean mayReclassify = CurrentUsers.require().role().caseRole().mayReclassify()
                && row.household().status() == MonitoringStatus.MONITORED;
        model.addAttribute("mayReclassify", mayReclassify);
        if (!model.containsAttribute("reclassifyCmd"))
            model.addAttribute("reclassifyCmd", LeadCmd.Reclassify.of(row.household(), today, row.version()));
        if (mayReclassify) {
            // the active codes, and the household's own ones even if deactivated since: they may be kept
            java.util.LinkedHashSet<String> risks = new java.util.LinkedHashSet<>(active(ctx.riskTypes()));
            risks.addAll(row.household().riskTypes().codes());
            java.util.LinkedHashSet<String> cats = new java.util.LinkedHashSet<>(active(ctx.categories()));
            cats.add(row.household().category());
            model.addAttribute("risks", risks);
            model.addAttribute("categories", cats);
            model.addAttribute("subtypes", DisasterSubtype.values());
        }
        // 复核走访: why the household is listed now (if it is), its re-checks, the form
        var m = row.household();
        var history = rechecks.history(id);
        var listed = rechecks.listed(id, m.village().value(), m.headName(), m.category(),
                m.status() == MonitoringStatus.RISK_ELIMINATED, m.identifiedOn(), m.eliminatedMonth(), history);
        boolean mayRecheck = cn.shouwang.server.casework.recheck.RecheckController.mayRecord(CurrentUsers.require());
        model.addAttribute("recheckListed", listed);
        model.addAttribute("rechecks", history);
        model.addAttribute("mayRecheck", mayRecheck);
        // the result list only where the form shows
        model.addAttribute("recheckResults", listed != null && mayRecheck
                ? config.activeCodes(cn.shouwang.server.casework.shared.CodeKind.RECHECK_RESULT) : List.of());
        model.addAttribute("today", today);
        model.addAttribute("lineThisYear", ctx.incomeLines().byYear().get(today.getYear()));
        model.addAttribute("year", String.valueOf(today.getYear())); // a string: MessageFormat would print 2,026
        return "casework/monitored-detail";
    }

    private static List<String> active(CodeList codes) {
        return codes.codes().stream().filter(CodeList.Code::active).map(CodeList.Code::code).toList();
    }

    record OfficerView(String name, String unit, String phone, java.time.LocalDate from, java.time.@Nullable LocalDate to) {}
}
