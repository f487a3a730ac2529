package cn.shouwang.server.casework.identification;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.core.casework.CaseAction;
import cn.shouwang.core.casework.CaseState;
import cn.shouwang.core.casework.CaseworkException;
import cn.shouwang.core.casework.CaseworkSettings;
import cn.shouwang.core.casework.CloseNotice;
import cn.shouwang.core.casework.CountyConfirmation;
import cn.shouwang.core.casework.CrossCheck;
import cn.shouwang.core.casework.DeadlineStatus;
import cn.shouwang.core.casework.GuaranteeFlags;
import cn.shouwang.core.casework.IncomeBreakdown;
import cn.shouwang.core.casework.LeadChannel;
import cn.shouwang.core.casework.LeadDeadline;
import cn.shouwang.core.casework.PublishNotice;
import cn.shouwang.core.casework.RejectLead;
import cn.shouwang.core.casework.RiskTypes;
import cn.shouwang.core.casework.StartFastTrack;
import cn.shouwang.core.casework.TownshipReview;
import cn.shouwang.core.casework.VerifyHousehold;
import cn.shouwang.core.casework.VillageReview;
import cn.shouwang.core.casework.Workflow;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.casework.CaseworkService;
import cn.shouwang.server.casework.admin.AreaContacts;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.CodeKind;
import cn.shouwang.server.casework.shared.ConcurrentEditException;
import cn.shouwang.server.casework.shared.Forms;
import cn.shouwang.server.household.HouseholdApi;
import jakarta.validation.Valid;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 识别认定: the lead list with days left, a lead's page with its step forms, new leads, the printed notice. */
@Controller
public class LeadController {
    private final ExcelExports exports;
    private final CaseworkService service;
    private final LeadStore leads;
    private final CaseworkSettingsStore config;
    private final AreaApi areas;
    private final org.springframework.context.MessageSource messages;
    private final cn.shouwang.server.audit.AuditApi audit;
    private final AreaContacts contacts;
    private final HouseholdApi households;
    private final LeadPage page;

    LeadController(CaseworkService service, LeadStore leads, CaseworkSettingsStore config, AreaApi areas,
                   org.springframework.context.MessageSource messages, cn.shouwang.server.audit.AuditApi audit,
                   AreaContacts contacts, HouseholdApi households, LeadPage page, ExcelExports exports) {
        this.exports = exports;
        this.page = page;
        this.contacts = contacts;
        this.households = households;
        this.messages = messages;
        this.audit = audit;
        this.service = service;
        this.leads = leads;
        this.config = config;
        this.areas = areas;
    }

    /** A list row with its deadline label and colour. */
    record Row(LeadStore.LeadRow lead, String villageName, @Nullable DeadlineStatus deadline, String statusClass) {}

    static String statusClass(CaseState s, @Nullable DeadlineStatus d) {
        if (s == CaseState.CONFIRMED) return "status-green";
        if (s == CaseState.REJECTED) return "status-grey";
        if (d != null && d.overdue()) return "status-red";
        if (d != null && d.dueSoon()) return "status-orange";
        return "status-blue";
    }

    static DeadlineStatus standing(LeadDeadline rule, LeadStore.LeadRow r, LocalDate today) {
        // the due date was fixed when the lead opened; days left are counted in the rule's unit
        return rule.statusForDue(r.dueOn(), today);
    }

    String villageName(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    @GetMapping("/leads")
    String list(@RequestParam(required = false) String state, @RequestParam(required = false) String urgency,
                @RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, @RequestParam(defaultValue = "IDENTIFICATION") Workflow workflow,
                @RequestParam(required = false) String sort, @RequestParam(required = false) String dir, Model model) {
        AreaScope scope = CurrentUsers.viewScope();
        // a self-report's reference, as the household reads it out on the phone: straight to its case
        Optional<String> place = SelfReportReference.parse(q).flatMap(ref -> leads.selfReportPlace(ref, scope));
        if (place.isPresent()) return "redirect:" + place.get();
        CaseworkSettings settings = config.settings();
        LocalDate today = config.today();
        String st = stateOf(state);
        String query = q == null || q.isBlank() ? null : q.strip();
        String urg = "overdue".equals(urgency) || "soon".equals(urgency) ? urgency : null;
        LeadStore.Filter f = new LeadStore.Filter(workflow, st, st == null && !"all".equals(urgency), urg, query);
        int p = Forms.page(page);
        int s = Forms.size(size);
        LeadDeadline rule = settings.deadline();
        List<Row> rows = new ArrayList<>();
        String sk = Forms.sortKey(sort, LeadStore.SORTS);
        String sd = "desc".equals(dir) ? "desc" : "asc";
        model.addAttribute("sort", sk);
        model.addAttribute("dir", sd);
        for (LeadStore.LeadRow r : leads.list(scope, f, today, rule.lastDueSoonDay(today), p, s, sk, sd)) {
            DeadlineStatus d = r.state().terminal() ? null : standing(rule, r, today);
            rows.add(new Row(r, villageName(r.villageCode()), d, statusClass(r.state(), d)));
        }
        int total = leads.count(scope, f, today, rule.lastDueSoonDay(today));
        Map<String, LeadStore.AreaCount> counts = new LinkedHashMap<>();
        for (LeadStore.AreaCount c : leads.countsByChild(scope, today)) counts.put(c.areaCode(), c);
        List<Map.Entry<String, LeadStore.AreaCount>> byArea = new ArrayList<>();
        counts.forEach((k, v) -> byArea.add(Map.entry(villageName(k), v)));
        model.addAttribute("rows", rows);
        Forms.paging(model, p, s, total);
        model.addAttribute("states", CaseState.values());
        model.addAttribute("state", st);
        model.addAttribute("urgency", urgency);
        model.addAttribute("q", query);
        model.addAttribute("workflow", workflow);
        model.addAttribute("byArea", byArea);
        model.addAttribute("overdueTotal", counts.values().stream().mapToInt(LeadStore.AreaCount::overdue).sum());
        model.addAttribute("mayOpen", CurrentUsers.require().role().caseRole().mayOpenLead());
        // a village in view: its QR poster for the notice board (SelfReportPoster)
        model.addAttribute("posterVillage", CaseworkService.isVillage(scope.areaCode()) ? scope.areaCode() : null);
        return "casework/leads";
    }

    /**
     * 导出Excel: every lead the filters show (all pages, read in pages of 500), with days left / overdue as on screen.
     * No description (it may tell of an illness), no phone or id number.
     */
    @GetMapping("/leads/export")
    void export(@RequestParam(required = false) String state, @RequestParam(required = false) String urgency,
                @RequestParam(required = false) String q,
                @RequestParam(defaultValue = "IDENTIFICATION") Workflow workflow,
                @RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
                jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        AreaScope scope = CurrentUsers.viewScope();
        CaseworkSettings settings = config.settings();
        LocalDate today = config.today();
        String st = stateOf(state);
        String query = q == null || q.isBlank() ? null : q.strip();
        String urg = "overdue".equals(urgency) || "soon".equals(urgency) ? urgency : null;
        LeadStore.Filter f = new LeadStore.Filter(workflow, st, st == null && !"all".equals(urgency), urg, query);
        java.util.Locale l = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        audit.record(AuditAction.EXPORT, null, null, scope.areaCode(), List.of(), "leads " + workflow
                + (st == null ? "" : " " + st) + (urg == null ? "" : " " + urg) + (query == null ? "" : " q"));
        List<String> headers = java.util.stream.Stream.of("casework.leadNo", "casework.village", "casework.headName",
                "casework.channel", "casework.openedOn", "casework.state", "casework.dueOnColumn", "casework.deadline")
                .map(k -> messages.getMessage(k, null, k, l)).toList();
        LeadDeadline rule = settings.deadline();
        Map<String, String> names = new java.util.HashMap<>();
        ExcelExports.Heading h = exports.heading(areas.pathName(scope.areaCode()),
                        messages.getMessage("casework.leads.title", null, l), today)
                .with(messages.getMessage("casework.state", null, l),
                        st == null ? exports.any() : messages.getMessage("casework.state." + st, null, l))
                .with(messages.getMessage("casework.deadline", null, l), urg == null ? null
                        : messages.getMessage("overdue".equals(urg) ? "casework.leads.overdue" : "casework.leads.dueSoon", null, l))
                .with(messages.getMessage("xlsx.search", null, l), query);
        exports.send(response, h, headers, sink -> {
            for (int p = 1; ; p++) {
                List<LeadStore.LeadRow> batch = leads.list(scope, f, today, rule.lastDueSoonDay(today), p, 500, sort, dir);
                for (LeadStore.LeadRow r : batch) {
                    DeadlineStatus d = r.state().terminal() ? null : standing(rule, r, today);
                            String channel = r.channel() != null ? messages.getMessage("casework.channel." + r.channel(), null, l)
                            : messages.getMessage("casework.workflow.ELIMINATION", null, l);
                    String days = d == null ? "" : d.overdue()
                            ? messages.getMessage("casework.daysOverdue", new Object[] {-d.daysLeft()}, l)
                            : messages.getMessage("casework.daysLeft", new Object[] {d.daysLeft()}, l);
                    sink.accept(java.util.Arrays.asList(r.id(), names.computeIfAbsent(r.villageCode(), this::villageName),
                            r.headName(), channel, r.openedOn(), messages.getMessage("casework.state." + r.state(), null, l),
                            r.dueOn(), days));
                }
                if (batch.size() < 500) break;
            }
        });
    }

    @GetMapping("/leads/new")
    String newLead(@RequestParam(required = false) Long household, Model model) {
        // from a household's page (走访): its number filled in; a household outside the area is simply not filled
        AreaScope scope = CurrentUsers.require().scope();
        HouseholdApi.Ref ref = household == null ? null : households.ref(household, scope).orElse(null);
        model.addAttribute("cmd", ref == null ? LeadCmd.Open.empty() : LeadCmd.Open.forHousehold(ref.householdNo()));
        if (ref != null) {
            // what the phone's offline queue sends with the lead if there is no signal when it is saved
            model.addAttribute("forHousehold", ref);
            model.addAttribute("openLead", service.openLeadOf(ref.id(), scope).map(CaseworkApi.OpenLead::leadId).orElse(null));
        }
        return newForm(model);
    }

    private String newForm(Model model) {
        model.addAttribute("channels", List.of(LeadChannel.FIELD_SCREENING, LeadChannel.DEPARTMENT_SCREENING,
                LeadChannel.SELF_REPORT));
        model.addAttribute("risks", config.activeCodes(CodeKind.RISK_TYPE));
        return "casework/lead-new";
    }

    /** Households shown as the monitor types into 户编号 (a head's name, or the start of the number). */
    static final int PICKS = 10;

    /**
     * The pick list under the household-number field: up to {@value #PICKS} households in the user's own area whose
     * number starts with, or a member's name contains, what was typed (at least 2 characters). Village, number and
     * head's name only. Opening the lead still checks the number and the scope.
     */
    @GetMapping("/leads/households")
    String householdPicks(@RequestParam(defaultValue = "") String householdNo, Model model) {
        CurrentUser me = CurrentUsers.require();
        if (!me.role().caseRole().mayOpenLead()) {
            throw new org.springframework.security.access.AccessDeniedException("may not open leads");
        }
        String q = householdNo.strip();
        model.addAttribute("typed", q);
        model.addAttribute("picks", households.pick(q, me.scope(), PICKS));
        return "casework/lead-new :: picks";
    }

    @PostMapping("/leads")
    String open(@Valid @ModelAttribute("cmd") LeadCmd.Open cmd, BindingResult binding, Model model, RedirectAttributes ra) {
        if (binding.hasErrors()) return newForm(model);
        try {
            CaseworkApi.IntakeResult r = service.openLead(cmd.householdNo(), cmd.channel(), cmd.description(),
                    cmd.riskCodes() == null ? List.of() : cmd.riskCodes(), null, cmd.key()).result();
            ra.addFlashAttribute("done", "casework.intake." + r.outcome().name());
            return r.outcome() == CaseworkApi.IntakeResult.Outcome.JOINED_MONITORED
                    ? "redirect:/monitored/" + r.id() : "redirect:/leads/" + r.id();
        } catch (CaseworkException e) {
            Forms.reject(binding, e, cmd);
            return newForm(model);
        }
    }

    // ---- one lead -----------------------------------------------------------------------------------------

    @GetMapping("/leads/{id}")
    String detail(@PathVariable long id, Model model) {
        return page.render(id, model);
    }

    /**
     * 入户核实表 to print and take on the home visit (issue 13 point 6): what the registry knows (members with relation,
     * age, labour capacity and schooling; no id numbers, phones or health), the latest per-capita income, and blank
     * boxes for what the visit finds (income items, the 3+1 guarantees, risk types, consent, signatures).
     */
    @GetMapping("/leads/{id}/verification-sheet")
    String verificationSheet(@PathVariable long id, Model model) {
        LeadStore.Loaded l = service.require(id);
        String village = l.lead().village().value();
        model.addAttribute("lead", l.lead());
        model.addAttribute("villageName", villageName(village));
        Long hid = l.lead().householdId();
        var household = hid == null ? null : households.findHousehold(hid, CurrentUsers.require().scope()).orElse(null);
        model.addAttribute("household", household);
        model.addAttribute("members", household == null ? List.of()
                : household.members().stream().filter(m -> "ACTIVE".equals(m.status())).toList());
        model.addAttribute("latestIncome", hid == null ? null : households.latestPerCapita(List.of(hid)).get(hid));
        var ctx = config.context(village);
        model.addAttribute("thisYear", ctx.today().getYear());
        model.addAttribute("risks", ctx.riskTypes().codes().stream()
                .filter(cn.shouwang.core.casework.CodeList.Code::active).map(cn.shouwang.core.casework.CodeList.Code::code)
                .toList());
        return "casework/verification-sheet";
    }

    /** Runs a step; on a refusal shows the lead again with the reason beside the field and the form as typed. */
    private String step(long id, int version, Object form, BindingResult binding, Model model, RedirectAttributes ra,
                        java.util.function.Function<cn.shouwang.core.casework.Actor, cn.shouwang.core.casework.CaseCommand> cmd) {
        if (binding.hasErrors()) {
            model.addAttribute("stepError", "casework.form.invalid");
            return detail(id, model);
        }
        try {
            service.perform(id, version, cmd);
        } catch (CaseworkException e) {
            Forms.reject(binding, e, form);
            // also above the forms: the refused step's own form may not be on the page at all
            model.addAttribute("stepError", "casework.problem." + e.problem().name());
            return detail(id, model);
        } catch (ConcurrentEditException e) {
            binding.reject("casework.concurrent");
            model.addAttribute("stepError", "casework.concurrent");
            return detail(id, model);
        }
        ra.addFlashAttribute("done", "casework.step.done");
        return "redirect:/leads/" + id;
    }

    @PostMapping("/leads/{id}/household")
    String match(@PathVariable long id, @RequestParam String householdNo, @RequestParam int version, Model model,
                 RedirectAttributes ra) {
        try {
            CaseworkService.MatchOutcome o = service.matchHousehold(id, version, householdNo);
            if (o == CaseworkService.MatchOutcome.HOUSEHOLD_HAS_OPEN_LEAD) {
                model.addAttribute("stepError", "casework.match.duplicate");
                return detail(id, model);
            }
        } catch (CaseworkException e) {
            model.addAttribute("stepError", "casework.problem." + e.problem().name());
            return detail(id, model);
        } catch (ConcurrentEditException e) {
            model.addAttribute("stepError", "casework.concurrent");
            return detail(id, model);
        }
        ra.addFlashAttribute("done", "casework.step.done");
        return "redirect:/leads/" + id;
    }

    @PostMapping("/leads/{id}/verify")
    String verify(@PathVariable long id, @Valid @ModelAttribute("verifyCmd") LeadCmd.Verify f, BindingResult b, Model m,
                  RedirectAttributes ra) {
        return step(id, f.version(), f, b, m, ra, by -> new VerifyHousehold(by, f.on(), f.findings(),
                new IncomeBreakdown(f.wages(), f.business(), f.property(), f.transfers(), f.productionCosts()),
                f.eligibleOutOfPocket(), f.householdSize(),
                new GuaranteeFlags(LeadCmd.yes(f.housingUnsafe()), LeadCmd.yes(f.childOutOfSchool()),
                        LeadCmd.yes(f.waterUnsafe()), LeadCmd.yes(f.memberUninsured())),
                new RiskTypes(f.riskCodes(), f.disasterSubtype()), f.category() == null ? "" : f.category().strip(),
                LeadCmd.yes(f.rigidCostsResolved()),
                LeadCmd.yes(f.consentSigned()), f.eliminationMethod()));
    }

    @PostMapping("/leads/{id}/cross-check")
    String crossCheck(@PathVariable long id, @Valid @ModelAttribute("crossCheckCmd") LeadCmd.CrossCheck f, BindingResult b,
                      Model m, RedirectAttributes ra) {
        return step(id, f.version(), f, b, m, ra, by -> new CrossCheck(by, f.on(), LeadCmd.yes(f.discrepancies()),
                f.findings() == null ? "" : f.findings()));
    }

    @PostMapping("/leads/{id}/review")
    String review(@PathVariable long id, @Valid @ModelAttribute("reviewCmd") LeadCmd.Review f, BindingResult b, Model m,
                  RedirectAttributes ra) {
        return step(id, f.version(), f, b, m, ra, by -> new VillageReview(by, f.on(), f.passed(), f.present(),
                f.notes() == null ? "" : f.notes()));
    }

    @PostMapping("/leads/{id}/notice")
    String notice(@PathVariable long id, @Valid @ModelAttribute("noticeCmd") LeadCmd.Notice f, BindingResult b, Model m,
                  RedirectAttributes ra) {
        return step(id, f.version(), f, b, m, ra, by -> new PublishNotice(by, f.from(), f.to(), f.batch().strip()));
    }

    @PostMapping("/leads/{id}/notice/close")
    String closeNotice(@PathVariable long id, @Valid @ModelAttribute("closeNoticeCmd") LeadCmd.CloseNotice f,
                       BindingResult b, Model m, RedirectAttributes ra) {
        return step(id, f.version(), f, b, m, ra, by -> new CloseNotice(by, f.on(), f.objections(),
                f.objectionNotes() == null ? "" : f.objectionNotes()));
    }

    @PostMapping("/leads/{id}/township")
    String township(@PathVariable long id, @Valid @ModelAttribute("townshipCmd") LeadCmd.DecisionForm f, BindingResult b,
                    Model m, RedirectAttributes ra) {
        return step(id, f.version(), f, b, m, ra, by -> new TownshipReview(by, f.on(), f.decision(),
                f.reason() == null ? "" : f.reason()));
    }

    @PostMapping("/leads/{id}/county")
    String county(@PathVariable long id, @Valid @ModelAttribute("countyCmd") LeadCmd.DecisionForm f, BindingResult b,
                  Model m, RedirectAttributes ra) {
        return step(id, f.version(), f, b, m, ra, by -> new CountyConfirmation(by, f.on(), f.decision(),
                f.reason() == null ? "" : f.reason()));
    }

    @PostMapping("/leads/{id}/reject")
    String reject(@PathVariable long id, @Valid @ModelAttribute("rejectCmd") LeadCmd.Reason f, BindingResult b, Model m,
                  RedirectAttributes ra) {
        return step(id, f.version(), f, b, m, ra, by -> new RejectLead(by, f.on(), f.reason()));
    }

    @PostMapping("/leads/{id}/fast-track")
    String fastTrack(@PathVariable long id, @Valid @ModelAttribute("fastTrackCmd") LeadCmd.Reason f, BindingResult b,
                     Model m, RedirectAttributes ra) {
        return step(id, f.version(), f, b, m, ra, by -> new StartFastTrack(by, f.on(), f.reason()));
    }

    // ---- the printed public notice ------------------------------------------------------------------------

    /** Household on the printed notice: never id numbers, phones, bank accounts or health. */
    record NoticeLine(String villageGroup, String headName, int size, String category, @Nullable String mainRisk) {}

    @GetMapping("/leads/notice")
    String notice(@RequestParam String village, @RequestParam String batch, Model model) {
        AreaScope scope = CurrentUsers.viewScope();
        if (!CaseworkService.isVillage(village) || !CurrentUsers.require().scope().covers(village)) {
            throw new OutOfScopeException("village not in scope");
        }
        List<LeadStore.LeadRow> rows = leads.noticeBatch(CurrentUsers.require().scope(), village, batch);
        if (rows.isEmpty()) throw new OutOfScopeException("no such notice");
        boolean showRisk = config.settings().showMainRiskOnNotice();
        model.addAttribute("backLead", rows.get(0).id()); // the page opens from a lead of the batch: back to it
        List<NoticeLine> lines = new ArrayList<>();
        LocalDate from = null;
        LocalDate to = null;
        LocalDate reviewedOn = null;
        Workflow wf = rows.get(0).workflow();
        for (LeadStore.LeadRow r : rows) {
            LeadStore.Loaded l = leads.find(r.id(), scope).orElseThrow();
            var v = l.lead().verification();
            String group = r.householdId() == null ? "" : leads.villageGroup(r.householdId());
            lines.add(new NoticeLine(group == null ? "" : group, r.headName(), v == null ? 0 : v.householdSize(),
                    v == null ? "" : v.category(), showRisk && v != null ? v.riskTypes().main() : null));
            if (l.lead().notice() != null) {
                from = l.lead().notice().from();
                to = l.lead().notice().to();
            }
            for (var s : l.lead().steps()) {
                if (s.action() == CaseAction.VILLAGE_REVIEW) reviewedOn = s.on();
            }
        }
        AreaInfo v = areas.find(village).orElse(null);
        String townshipCode = village.substring(0, 9) + "000";
        model.addAttribute("lines", lines);
        model.addAttribute("count", lines.size());
        model.addAttribute("elimination", wf == Workflow.ELIMINATION);
        model.addAttribute("villageName", v == null ? village : v.name());
        model.addAttribute("townshipName", villageName(townshipCode));
        // where to object: the office phones kept under 系统管理 › 办公电话; a missing one is pointed out on screen
        String villagePhone = contacts.phone(village);
        String townshipPhone = contacts.phone(townshipCode);
        List<String> missing = new ArrayList<>();
        if (villagePhone == null) missing.add(v == null ? village : v.name());
        if (townshipPhone == null) missing.add(villageName(townshipCode));
        model.addAttribute("villagePhone", villagePhone);
        model.addAttribute("townshipPhone", townshipPhone);
        model.addAttribute("phonesMissing", String.join("、", missing));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("reviewedOn", reviewedOn);
        model.addAttribute("issuedOn", from);
        model.addAttribute("showRisk", showRisk);
        return "casework/notice";
    }

    /** The state filter as a state's name, or null for none; a name that is no state is a bad request (400). */
    static String stateOf(String state) {
        if (state == null || state.isBlank()) return null;
        for (CaseState c : CaseState.values()) if (c.name().equals(state.strip())) return c.name();
        throw new org.springframework.web.server.ResponseStatusException(HttpStatus.BAD_REQUEST, "no such lead state");
    }

    @ExceptionHandler(ConcurrentEditException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String conflict(Model model) {
        model.addAttribute("message", "casework.concurrent");
        return "casework/conflict";
    }
}
