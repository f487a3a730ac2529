package cn.shouwang.server.casework.identification;

import cn.shouwang.core.casework.CaseAction;
import cn.shouwang.core.casework.CaseRole;
import cn.shouwang.core.casework.CaseState;
import cn.shouwang.core.casework.CaseworkContext;
import cn.shouwang.core.casework.CaseworkSettings;
import cn.shouwang.core.casework.CodeList;
import cn.shouwang.core.casework.DeadlineStatus;
import cn.shouwang.core.casework.DisasterSubtype;
import cn.shouwang.core.casework.EliminationMethod;
import cn.shouwang.core.casework.Workflow;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.casework.CaseworkService;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The page of one lead ({@code /leads/{id}}): the case, its log and verification, the household's other cases, and the
 * forms of the steps this account may take now; for its own GET and for every step form that comes back refused.
 */
@Component
class LeadPage {
    private final CaseworkService service;
    private final LeadStore leads;
    private final CaseworkSettingsStore config;
    private final AreaApi areas;

    private final cn.shouwang.server.casework.AssetStandards assets;
    private final cn.shouwang.server.household.HouseholdApi households;

    LeadPage(CaseworkService service, LeadStore leads, CaseworkSettingsStore config, AreaApi areas,
             cn.shouwang.server.casework.AssetStandards assets, cn.shouwang.server.household.HouseholdApi households) {
        this.households = households;
        this.assets = assets;
        this.service = service;
        this.leads = leads;
        this.config = config;
        this.areas = areas;
    }

    private String villageName(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    private static List<String> active(CodeList codes) {
        return codes.codes().stream().filter(CodeList.Code::active).map(CodeList.Code::code).toList();
    }

    /** Fills the model with the page and returns its view. */
    public String render(long id, Model model) {
        LeadStore.Loaded l = service.require(id);
        CurrentUser u = CurrentUsers.require();
        CaseRole role = u.role().caseRole();
        CaseState state = l.lead().state();
        Workflow wf = l.lead().workflow();
        // the settings, code lists and income lines in force at the lead's village, read once (the minimum notice may
        // differ per area)
        CaseworkContext ctx = config.context(l.lead().village().value());
        LocalDate today = ctx.today();
        int v = l.row().version();
        CaseworkSettings settings = ctx.settings();
        Set<CaseAction> may = EnumSet.noneOf(CaseAction.class);
        for (CaseAction a : CaseAction.values()) {
            if (state.after(a, wf).isPresent() && a.allows(role, state)) may.add(a);
        }
        if (l.lead().fastTrackedOn() != null) may.remove(CaseAction.FAST_TRACK);
        // maker-checker: whoever prepared an earlier step is not offered the decision (the server refuses it anyway)
        String me = String.valueOf(u.accountId());
        boolean prepared = l.lead().steps().stream().anyMatch(s -> s.action().advances() && s.by().id().equals(me));
        boolean makerChecker = prepared && may.removeIf(CaseAction::makerChecker);
        model.addAttribute("makerChecker", makerChecker);
        model.addAttribute("otherCases", l.lead().householdId() == null ? List.of()
                : leads.otherCases(l.lead().householdId(), id, u.scope()));
        DeadlineStatus d = state.terminal() ? null : LeadController.standing(settings.deadline(), l.row(), today);
        model.addAttribute("lead", l.lead());
        model.addAttribute("row", l.row());
        model.addAttribute("villageName", villageName(l.lead().village().value()));
        model.addAttribute("deadline", d);
        model.addAttribute("statusClass", LeadController.statusClass(state, d));
        model.addAttribute("may", may);
        model.addAttribute("mayMatch", l.lead().householdId() == null && !state.terminal() && role.mayOpenLead()
                && !role.onlyReports());
        model.addAttribute("verification", leads.verificationView(id).orElse(null));
        // assets above the local limits: a reason against identification, shown to everyone who sees the lead
        model.addAttribute("assetCheck", wf == Workflow.IDENTIFICATION && l.lead().householdId() != null
                ? assets.check(l.lead().householdId(), l.lead().village().value(), u.scope()) : null);
        model.addAttribute("risks", active(ctx.riskTypes()));
        // a new identification offers the categories open for new identifications at the village (none: the field
        // is left out); an elimination's visit any active one (the household keeps what it was identified with)
        model.addAttribute("categories", wf == Workflow.IDENTIFICATION ? ctx.categoriesForNew() : active(ctx.categories()));
        model.addAttribute("subtypes", DisasterSubtype.values());
        model.addAttribute("methods", EliminationMethod.values());
        model.addAttribute("minNoticeDays", settings.minNoticeDays());
        // the line the verification will be compared with, shown beside the income fields (null: not set yet)
        model.addAttribute("lineThisYear", ctx.incomeLines().byYear().get(today.getYear()));
        model.addAttribute("year", String.valueOf(today.getYear())); // a string: MessageFormat would print 2,026
        String batch = today.format(DateTimeFormatter.ofPattern("yyyyMMdd"));
        if (!model.containsAttribute("verifyCmd")) {
            Long hid = l.lead().householdId();
            var known = hid == null ? null : households.findHousehold(hid, u.scope()).orElse(null);
            if (known != null && may.contains(CaseAction.VERIFY)) {
                int active = (int) known.members().stream().filter(m -> "ACTIVE".equals(m.status())).count();
                var income = households.latestIncome(hid, u.scope()).orElse(null);
                model.addAttribute("verifyCmd", LeadCmd.Verify.prefilled(today, v, active, income));
                model.addAttribute("prefilledYear", income == null ? null : income.year());
                model.addAttribute("prefilledMembers", active);
            } else {
                model.addAttribute("verifyCmd", LeadCmd.Verify.empty(today, v));
            }
        }
        if (!model.containsAttribute("crossCheckCmd")) model.addAttribute("crossCheckCmd", LeadCmd.CrossCheck.empty(today, v));
        if (!model.containsAttribute("reviewCmd")) model.addAttribute("reviewCmd", LeadCmd.Review.empty(today, v));
        if (!model.containsAttribute("noticeCmd"))
            model.addAttribute("noticeCmd", LeadCmd.Notice.empty(today, settings.minNoticeDays(), batch, v));
        if (!model.containsAttribute("closeNoticeCmd")) model.addAttribute("closeNoticeCmd", LeadCmd.CloseNotice.empty(today, v));
        if (!model.containsAttribute("townshipCmd")) model.addAttribute("townshipCmd", LeadCmd.DecisionForm.empty(today, v));
        if (!model.containsAttribute("countyCmd")) model.addAttribute("countyCmd", LeadCmd.DecisionForm.empty(today, v));
        if (!model.containsAttribute("rejectCmd")) model.addAttribute("rejectCmd", LeadCmd.Reason.empty(today, v));
        if (!model.containsAttribute("fastTrackCmd")) model.addAttribute("fastTrackCmd", LeadCmd.Reason.empty(today, v));
        return "casework/lead";
    }
}
