package cn.shouwang.server.casework.monitoring;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.core.casework.AssistanceOfficer;
import cn.shouwang.core.casework.CaseworkException;
import cn.shouwang.core.casework.GuaranteeFlags;
import cn.shouwang.core.casework.HomeCheck;
import cn.shouwang.core.casework.IncomeBreakdown;
import cn.shouwang.core.casework.MonitoringStatus;
import cn.shouwang.core.casework.Reclassify;
import cn.shouwang.core.casework.RiskTypes;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.casework.CaseworkService;
import cn.shouwang.server.casework.identification.LeadCmd;
import cn.shouwang.server.casework.shared.AreaNamesView;
import cn.shouwang.server.casework.shared.CaseworkCodes;
import cn.shouwang.server.casework.shared.CodeKind;
import cn.shouwang.server.casework.shared.ConcurrentEditException;
import cn.shouwang.server.casework.shared.Forms;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 监测对象: the list (and its 导出Excel) and the forms of one monitored household's page — officer, category and risk
 * types, home checks. The page itself is {@link MonitoredPage}; plan measures are posted to
 * {@code assistance.AssistanceController}, the elimination list is {@code elimination.EliminationController}.
 */
@Controller
public class MonitoredController {
    private final ExcelExports exports;
    private final CaseworkService service;
    private final MonitoredStore monitored;
    private final AreaApi areas;
    private final org.springframework.context.MessageSource messages;
    private final cn.shouwang.server.audit.AuditApi audit;
    private final CaseworkCodes codes;
    private final MonitoredPage page;

    MonitoredController(CaseworkService service, MonitoredStore monitored, AreaApi areas,
                        org.springframework.context.MessageSource messages, cn.shouwang.server.audit.AuditApi audit,
                        CaseworkCodes codes, MonitoredPage page, ExcelExports exports) {
        this.exports = exports;
        this.messages = messages;
        this.audit = audit;
        this.codes = codes;
        this.service = service;
        this.monitored = monitored;
        this.areas = areas;
        this.page = page;
    }

    private String name(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    @GetMapping("/monitored")
    String list(@RequestParam(required = false) MonitoringStatus status, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort,
                @RequestParam(required = false) String dir, @RequestParam(required = false) String area,
                @RequestParam(required = false) String category, @RequestParam(required = false) String risk,
                Model model) {
        // area, category, risk: the households behind a figure of 统计调度 (a click on a chart)
        AreaScope scope = CurrentUsers.areaInView(area);
        String cat = category == null || category.isBlank() ? null : category.strip();
        String rk = risk == null || risk.isBlank() ? null : risk.strip();
        int p = Forms.page(page);
        int s = Forms.size(size);
        int total = monitored.count(scope, status, cat, rk);
        String sk = Forms.sortKey(sort, MonitoredStore.MONITORED_SORTS);
        model.addAttribute("sort", sk);
        model.addAttribute("dir", "desc".equals(dir) ? "desc" : "asc");
        model.addAttribute("rows", monitored.list(scope, status, cat, rk, p, s, sk, dir));
        model.addAttribute("filterArea", area == null || area.isBlank() ? null : scope.areaCode())
                .addAttribute("filterAreaName", area == null || area.isBlank() ? null : name(scope.areaCode()))
                .addAttribute("category", cat).addAttribute("risk", rk)
                .addAttribute("categoryName", cat == null ? null : codes.name(CodeKind.CATEGORY, cat))
                .addAttribute("riskName", rk == null ? null : codes.name(CodeKind.RISK_TYPE, rk));
        Forms.paging(model, p, s, total);
        model.addAttribute("status", status);
        model.addAttribute("statuses", MonitoringStatus.values());
        model.addAttribute("mayFullIds", LedgerController.mayFullIds(CurrentUsers.require()));
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
        ExcelExports.Heading h = exports.heading(areas.pathName(scope.areaCode()), msg("casework.monitored.title"),
                exports.today()).with(msg("casework.monitoring.status"),
                status == null ? exports.any() : msg("casework.monitoring." + status));
        exports.send(response, h,
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

    @GetMapping("/monitored/{id}")
    String detail(@PathVariable long id, Model model) {
        return page.render(id, model);
    }

    /**
     * 帮扶计划 to print and have the household sign (issue 13 point 6): the household, its category and risks, the
     * officers (phones masked, as everywhere on paper), the plan's measures and lines for the signatures. The registry's
     * members come with it (names, relation, age: no id numbers, phones or health).
     */
    @GetMapping("/monitored/{id}/plan-sheet")
    String planSheet(@PathVariable long id, Model model) {
        MonitoredStore.MonitoredRow row = service.requireMonitored(id);
        model.addAttribute("m", row.household());
        model.addAttribute("villageName", areas.find(row.household().village().value())
                .map(cn.shouwang.server.area.AreaInfo::name).orElse(row.household().village().value()));
        java.util.List<java.util.Map<String, Object>> officers = new java.util.ArrayList<>();
        for (MonitoredStore.OfficerRow o : monitored.officerRows(id)) {
            if (o.to() != null) continue; // the officers in charge now
            officers.add(java.util.Map.of("name", o.name(), "unit", o.unit(),
                    "phone", service.officerPhoneMasked(o.phoneEnc())));
        }
        model.addAttribute("officers", officers);
        model.addAttribute("measures", monitored.measures(id));
        return "casework/plan-sheet";
    }


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

}
