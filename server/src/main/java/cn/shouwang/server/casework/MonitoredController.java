package cn.shouwang.server.casework;

import cn.shouwang.core.casework.AssistanceOfficer;
import cn.shouwang.core.casework.CaseworkException;
import cn.shouwang.core.casework.DataQualityRule;
import cn.shouwang.core.casework.DisasterSubtype;
import cn.shouwang.core.casework.EliminationCheck;
import cn.shouwang.core.casework.GuaranteeFlags;
import cn.shouwang.core.casework.HomeCheck;
import cn.shouwang.core.casework.IncomeBreakdown;
import cn.shouwang.core.casework.Measure;
import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.casework.MeasureState;
import cn.shouwang.core.casework.MonitoringStatus;
import cn.shouwang.core.casework.Reclassify;
import cn.shouwang.core.casework.RiskTypes;
import cn.shouwang.core.casework.Workflow;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 监测对象, 帮扶措施, 风险消除: monitored households with officer and plan, measures, elimination candidates. */
@Controller
class MonitoredController {
    private final CaseworkService service;
    private final MonitoredStore monitored;
    private final LeadStore leads;
    private final CaseworkSettingsStore config;
    private final AreaApi areas;
    private final org.springframework.context.MessageSource messages;
    private final cn.shouwang.server.audit.AuditApi audit;
    private final CaseworkCodes codes;

    MonitoredController(CaseworkService service, MonitoredStore monitored, LeadStore leads, CaseworkSettingsStore config,
                        AreaApi areas, org.springframework.context.MessageSource messages,
                        cn.shouwang.server.audit.AuditApi audit, CaseworkCodes codes) {
        this.messages = messages;
        this.audit = audit;
        this.codes = codes;
        this.service = service;
        this.monitored = monitored;
        this.leads = leads;
        this.config = config;
        this.areas = areas;
    }

    private String name(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    @GetMapping("/monitored")
    String list(@RequestParam(required = false) MonitoringStatus status, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort,
                @RequestParam(required = false) String dir, Model model) {
        AreaScope scope = CurrentUsers.viewScope();
        int p = Forms.page(page);
        int s = Forms.size(size);
        int total = monitored.count(scope, status);
        String sk = Forms.sortKey(sort, MonitoredStore.MONITORED_SORTS);
        model.addAttribute("sort", sk);
        model.addAttribute("dir", "desc".equals(dir) ? "desc" : "asc");
        model.addAttribute("rows", monitored.list(scope, status, p, s, sk, dir));
        Forms.paging(model, p, s, total);
        model.addAttribute("status", status);
        model.addAttribute("statuses", MonitoringStatus.values());
        model.addAttribute("names", new AreaNamesView(this::name));
        return "casework/monitored";
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, key,
                org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    private List<String> headers(String... keys) {
        return java.util.Arrays.stream(keys).map(k -> msg(k)).toList();
    }

    /** 导出Excel of the monitored households the filter shows (all pages), as the list shows them. */
    @GetMapping("/monitored/export")
    void exportMonitored(@RequestParam(required = false) MonitoringStatus status,
                         @RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
                         jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        AreaScope scope = CurrentUsers.viewScope();
        audit.record(AuditAction.EXPORT, null, null, scope.areaCode(), List.of(), "monitored" + (status == null ? "" : " " + status));
        java.util.Map<String, String> names = new java.util.HashMap<>();
        java.util.Map<String, String> codeNames = new java.util.HashMap<>(); // one code-list read per code, not per row
        Xlsx.send(response, "monitored.xlsx", msg("casework.monitored.title"),
                headers("casework.village", "casework.headName", "casework.category", "casework.mainRisk",
                        "casework.identifiedOn", "casework.monitoring.status", "casework.measures"), sink -> {
                    for (int p = 1; ; p++) {
                        List<MonitoredStore.MonitoredListRow> batch = monitored.list(scope, status, p, 500, sort, dir);
                        for (MonitoredStore.MonitoredListRow r : batch) {
                            sink.accept(java.util.Arrays.asList(names.computeIfAbsent(r.villageCode(), this::name),
                                    r.headName(), codeNames.computeIfAbsent("C" + r.category(), k -> codes.name(CodeKind.CATEGORY, r.category())),
                                    r.riskTypes().isEmpty() ? "" : codeNames.computeIfAbsent("R" + r.riskTypes().get(0),
                                            k -> codes.name(CodeKind.RISK_TYPE, r.riskTypes().get(0))),
                                    r.identifiedOn(), msg("casework.monitoring." + r.status()),
                                    msg("casework.measureCount", r.measures(), r.delivered())));
                        }
                        if (batch.size() < 500) break;
                    }
                });
    }

    /**
     * 导出Excel of the measures the filter shows. A health measure's description is left out: it tells of a
     * member's illness.
     */
    @GetMapping("/assistance/export")
    void exportAssistance(@RequestParam(required = false) MeasureState state,
                          @RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
                          jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        AreaScope scope = CurrentUsers.viewScope();
        audit.record(AuditAction.EXPORT, null, null, scope.areaCode(), List.of(), "measures" + (state == null ? "" : " " + state));
        java.util.Map<String, String> names = new java.util.HashMap<>();
        Xlsx.send(response, "assistance.xlsx", msg("casework.assistance.title"),
                headers("casework.village", "casework.headName", "casework.measure.group", "casework.description",
                        "casework.measure.responsible", "casework.measure.start", "casework.measure.end",
                        "casework.measure.cost", "casework.measure.funding", "casework.measure.state"), sink -> {
                    for (int p = 1; ; p++) {
                        List<MonitoredStore.MeasureListRow> batch = monitored.measureList(scope, state, p, 500, sort, dir);
                        for (MonitoredStore.MeasureListRow r : batch) {
                            sink.accept(java.util.Arrays.asList(names.computeIfAbsent(r.villageCode(), this::name),
                                    r.headName(), msg("casework.group." + r.group()),
                                    r.group() == MeasureGroup.HEALTH ? "" : r.description(), r.responsiblePerson(),
                                    r.start(), r.end(), r.cost(), r.fundingSource(), msg("casework.measureState." + r.state())));
                        }
                        if (batch.size() < 500) break;
                    }
                });
    }

    /** Lets a template turn codes into names: {@code ${names.of(code)}}. */
    record AreaNamesView(java.util.function.Function<String, String> f) {
        public String of(String code) {
            return f.apply(code);
        }
    }

    @GetMapping("/monitored/{id}")
    String detail(@PathVariable long id, Model model) {
        MonitoredStore.MonitoredRow row = service.requireMonitored(id);
        var today = config.today();
        model.addAttribute("m", row.household());
        model.addAttribute("version", row.version());
        model.addAttribute("villageName", name(row.household().village().value()));
        List<OfficerView> officers = new ArrayList<>();
        for (MonitoredStore.OfficerRow o : monitored.officerRows(id)) {
            officers.add(new OfficerView(o.name(), o.unit(), service.officerPhoneMasked(o.phoneEnc()), o.from(), o.to()));
        }
        model.addAttribute("officers", officers);
        model.addAttribute("measures", monitored.measures(id));
        model.addAttribute("groups", MeasureGroup.values());
        model.addAttribute("check", service.eliminationCheck(id));
        model.addAttribute("findings", service.dataQuality(id));
        model.addAttribute("mayKeepPlan", CurrentUsers.require().role().caseRole().mayKeepPlan());
        model.addAttribute("mayPropose", CurrentUsers.require().role() == Role.VILLAGE_MONITOR
                && row.household().status() == MonitoringStatus.MONITORED);
        model.addAttribute("openElimination", leads.openCase(id, Workflow.ELIMINATION).orElse(null));
        model.addAttribute("lacksIncome", monitored.plan(id).lacksIncomeMeasure(monitored.facts(id)));
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
            java.util.LinkedHashSet<String> risks = new java.util.LinkedHashSet<>(config.activeCodes(CodeKind.RISK_TYPE));
            risks.addAll(row.household().riskTypes().codes());
            java.util.LinkedHashSet<String> cats = new java.util.LinkedHashSet<>(config.activeCodes(CodeKind.CATEGORY));
            cats.add(row.household().category());
            model.addAttribute("risks", risks);
            model.addAttribute("categories", cats);
            model.addAttribute("subtypes", DisasterSubtype.values());
        }
        model.addAttribute("today", today);
        model.addAttribute("lineThisYear", config.incomeLines(row.household().village().value()).byYear().get(today.getYear()));
        model.addAttribute("year", String.valueOf(today.getYear())); // a string: MessageFormat would print 2,026
        return "casework/monitored-detail";
    }

    record OfficerView(String name, String unit, String phone, java.time.LocalDate from, java.time.@Nullable LocalDate to) {}

    @PostMapping("/monitored/{id}/officer")
    String officer(@PathVariable long id, @Valid @ModelAttribute("officerCmd") LeadCmd.Officer f, BindingResult b,
                   Model model, RedirectAttributes ra) {
        if (b.hasErrors()) return detail(id, model);
        try {
            service.assignOfficer(id, f.version(), new AssistanceOfficer(f.name().strip(), f.unit().strip(), f.phone().strip(),
                    f.from(), null));
        } catch (CaseworkException e) {
            Forms.reject(b, e, f);
            return detail(id, model);
        } catch (ConcurrentEditException e) {
            b.reject("casework.concurrent");
            return detail(id, model);
        }
        ra.addFlashAttribute("done", "casework.step.done");
        return "redirect:/monitored/" + id;
    }

    @PostMapping("/monitored/{id}/category")
    String reclassify(@PathVariable long id, @Valid @ModelAttribute("reclassifyCmd") LeadCmd.Reclassify f, BindingResult b,
                      Model model, RedirectAttributes ra) {
        if (b.hasErrors()) return detail(id, model);
        try {
            service.reclassify(id, f.version(), by -> new Reclassify(by, f.on(), f.category().strip(),
                    new RiskTypes(f.riskCodes(), f.disasterSubtype()), f.reason()));
        } catch (CaseworkException e) {
            Forms.reject(b, e, f);
            return detail(id, model);
        } catch (ConcurrentEditException e) {
            b.reject("casework.concurrent");
            return detail(id, model);
        }
        ra.addFlashAttribute("done", "casework.step.done");
        return "redirect:/monitored/" + id;
    }

    @PostMapping("/monitored/{id}/checks")
    String homeCheck(@PathVariable long id, @Valid @ModelAttribute("homeCheckCmd") LeadCmd.HomeCheckForm f, BindingResult b,
                     Model model, RedirectAttributes ra) {
        if (b.hasErrors()) return detail(id, model);
        try {
            service.recordHomeCheck(id, by -> new HomeCheck(by, f.on(), f.findings(),
                    new IncomeBreakdown(f.wages(), f.business(), f.property(), f.transfers(), f.productionCosts()),
                    f.eligibleOutOfPocket(), f.householdSize(),
                    new GuaranteeFlags(LeadCmd.yes(f.housingUnsafe()), LeadCmd.yes(f.childOutOfSchool()),
                            LeadCmd.yes(f.waterUnsafe()), LeadCmd.yes(f.memberUninsured())),
                    LeadCmd.yes(f.rigidCostsResolved())));
        } catch (CaseworkException e) {
            Forms.reject(b, e, f);
            return detail(id, model);
        }
        ra.addFlashAttribute("done", "casework.step.done");
        return "redirect:/monitored/" + id;
    }

    @PostMapping("/monitored/{id}/measures")
    String addMeasure(@PathVariable long id, @Valid @ModelAttribute("measureCmd") LeadCmd.MeasureForm f, BindingResult b,
                      Model model, RedirectAttributes ra) {
        if (b.hasErrors()) return detailOrHousehold(id, model);
        try {
            service.addMeasure(id, mid -> Measure.planned(mid, f.group(), f.description().strip(),
                    f.responsiblePerson().strip(), f.start(), f.end(), f.cost(), f.fundingSource().strip()));
        } catch (CaseworkException e) {
            Forms.reject(b, e, f);
            return detailOrHousehold(id, model);
        }
        ra.addFlashAttribute("done", "casework.step.done");
        return "redirect:/monitored/" + id;
    }

    private String detailOrHousehold(long id, Model model) {
        return detail(id, model);
    }

    @PostMapping("/monitored/{id}/measures/{mid}/state")
    String moveMeasure(@PathVariable long id, @PathVariable long mid, @Valid LeadCmd.MeasureMove f, BindingResult b,
                       RedirectAttributes ra) {
        if (b.hasErrors()) {
            ra.addFlashAttribute("error", "casework.date.required");
            return "redirect:/monitored/" + id;
        }
        try {
            service.moveMeasure(id, mid, f.version(), f.target(), f.on());
            ra.addFlashAttribute("done", "casework.step.done");
        } catch (CaseworkException e) {
            ra.addFlashAttribute("error", "casework.problem." + e.problem().name());
        } catch (ConcurrentEditException e) {
            ra.addFlashAttribute("error", "casework.concurrent");
        }
        return "redirect:/monitored/" + id;
    }

    @GetMapping("/assistance")
    String assistance(@RequestParam(required = false) MeasureState state, @RequestParam(required = false) Integer page,
                      @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort,
                      @RequestParam(required = false) String dir, Model model) {
        AreaScope scope = CurrentUsers.viewScope();
        int p = Forms.page(page);
        int s = Forms.size(size);
        int total = monitored.measureCount(scope, state);
        String sk = Forms.sortKey(sort, MonitoredStore.MEASURE_SORTS);
        model.addAttribute("sort", sk);
        model.addAttribute("dir", "desc".equals(dir) ? "desc" : "asc");
        model.addAttribute("rows", monitored.measureList(scope, state, p, s, sk, dir));
        Forms.paging(model, p, s, total);
        model.addAttribute("state", state);
        model.addAttribute("states", MeasureState.values());
        model.addAttribute("names", new AreaNamesView(this::name));
        return "casework/assistance";
    }

    /** A candidate for elimination and what its check says today. */
    record Candidate(long householdId, String villageName, String headName, EliminationCheck check,
                     List<DataQualityRule> findings) {}

    /** At most this many households are checked on one page view; the list says when there are more. */
    static final int CHECK_LIMIT = 200;

    @GetMapping("/elimination")
    String elimination(Model model) {
        AreaScope scope = CurrentUsers.viewScope();
        List<Candidate> ready = new ArrayList<>();
        List<Candidate> notYet = new ArrayList<>();
        List<Long> ids = monitored.monitoredIds(scope, CHECK_LIMIT + 1);
        for (Long id : ids.subList(0, Math.min(ids.size(), CHECK_LIMIT))) {
            MonitoredStore.MonitoredRow r = service.requireMonitored(id);
            Candidate c = new Candidate(id, name(r.household().village().value()), r.household().headName(),
                    service.eliminationCheck(id), service.dataQuality(id));
            (c.check().passes() ? ready : notYet).add(c);
        }
        model.addAttribute("ready", ready);
        model.addAttribute("notYet", notYet);
        model.addAttribute("truncated", ids.size() > CHECK_LIMIT);
        model.addAttribute("limit", CHECK_LIMIT);
        return "casework/elimination";
    }

    @PostMapping("/elimination/{householdId}")
    String propose(@PathVariable long householdId, RedirectAttributes ra) {
        try {
            long leadId = service.openElimination(householdId);
            ra.addFlashAttribute("done", "casework.elimination.opened");
            return "redirect:/leads/" + leadId;
        } catch (CaseworkException e) {
            ra.addFlashAttribute("error", "casework.problem." + e.problem().name());
            return "redirect:/monitored/" + householdId;
        }
    }
}
