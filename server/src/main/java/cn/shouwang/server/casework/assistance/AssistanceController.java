package cn.shouwang.server.casework.assistance;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.core.casework.CaseworkException;
import cn.shouwang.core.casework.Measure;
import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.casework.MeasureState;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.casework.CaseworkService;
import cn.shouwang.server.casework.identification.LeadCmd;
import cn.shouwang.server.casework.monitoring.MonitoredPage;
import cn.shouwang.server.casework.monitoring.MonitoredStore;
import cn.shouwang.server.casework.shared.AreaNamesView;
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

/** 帮扶措施: the measures of the households in the area (list, 导出Excel), and a household's plan measures added and moved. */
@Controller
public class AssistanceController {
    private final ExcelExports exports;
    private final CaseworkService service;
    private final MonitoredStore monitored;
    private final AreaApi areas;
    private final org.springframework.context.MessageSource messages;
    private final cn.shouwang.server.audit.AuditApi audit;
    private final MonitoredPage page;

    AssistanceController(CaseworkService service, MonitoredStore monitored, AreaApi areas,
                         org.springframework.context.MessageSource messages, cn.shouwang.server.audit.AuditApi audit,
                         MonitoredPage page, ExcelExports exports) {
        this.exports = exports;
        this.service = service;
        this.monitored = monitored;
        this.areas = areas;
        this.messages = messages;
        this.audit = audit;
        this.page = page;
    }

    private String name(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args.length == 0 ? null : args, key,
                org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    private List<String> headers(String... keys) {
        return java.util.Arrays.stream(keys).map(k -> msg(k)).toList();
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
        ExcelExports.Heading h = exports.heading(areas.pathName(scope.areaCode()), msg("casework.assistance.title"),
                exports.today()).with(msg("casework.measure.state"),
                state == null ? exports.any() : msg("casework.measureState." + state));
        exports.send(response, h,
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
        return page.render(id, model);
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
}
