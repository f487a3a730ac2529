package cn.shouwang.server.casework.recheck;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.CaseworkService;
import cn.shouwang.server.casework.monitoring.MonitoredStore;
import cn.shouwang.server.casework.shared.CaseworkCodes;
import cn.shouwang.server.platform.Paging;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 复核走访 ({@code /rechecks}): the households listed for a re-check visit (有序退出: monitored for the set months
 * without the risk eliminated; eliminated but still below the line), with the figures per child area (each links to
 * its own list: the area tree), paged, 导出Excel; and the re-check recorded from the monitored household's page.
 */
@Controller
public class RecheckController {

    private final ExcelExports exports;
    private final Rechecks rechecks;
    private final AreaApi areas;
    private final AuditApi audit;
    private final MessageSource messages;
    private final CaseworkCodes codes;
    private final CaseworkService service;

    RecheckController(Rechecks rechecks, AreaApi areas, AuditApi audit, MessageSource messages, CaseworkCodes codes,
                      CaseworkService service, ExcelExports exports) {
        this.exports = exports;
        this.rechecks = rechecks;
        this.areas = areas;
        this.audit = audit;
        this.messages = messages;
        this.codes = codes;
        this.service = service;
    }



    private static Rechecks.@Nullable Reason reason(@Nullable String s) {
        return Arrays.stream(Rechecks.Reason.values()).filter(r -> r.name().equals(s)).findFirst().orElse(null);
    }

    private static Rechecks.State state(@Nullable String s) {
        return Arrays.stream(Rechecks.State.values()).filter(r -> r.name().equals(s)).findFirst()
                .orElse(Rechecks.State.TODO);
    }

    /** One row of the figures with its area's name. */
    record FigureRow(String name, Rechecks.Figures f) {}

    @GetMapping("/rechecks")
    String list(@RequestParam(required = false) String area, @RequestParam(required = false) String reason,
                @RequestParam(required = false) String state, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort,
                @RequestParam(required = false) String dir, Model model) {
        AreaScope a = CurrentUsers.areaInView(area);
        Rechecks.Reason r = reason(reason);
        Rechecks.State st = state(state);
        List<Rechecks.Candidate> all = rechecks.candidates(a);
        List<Rechecks.Candidate> shown = Rechecks.filter(all, r, st, sort, dir);
        int p = Paging.page(page);
        int z = Paging.size(size);
        Paging.toModel(model, p, z, shown.size());
        int from = Math.min((p - 1) * z, shown.size());
        List<Rechecks.Candidate> rows = shown.subList(from, Math.min(from + z, shown.size()));
        Map<String, String> villages = new HashMap<>();
        rows.forEach(c -> villages.computeIfAbsent(c.villageCode(), this::shortName));
        int digits = a.childDigits();
        Map<String, String> names = new LinkedHashMap<>();
        if (digits > a.prefix().length()) areas.children(a.areaCode()).forEach(x -> names.put(x.code(), x.name()));
        model.addAttribute("rows", rows).addAttribute("villages", villages)
                .addAttribute("reasons", Rechecks.Reason.values()).addAttribute("states", Rechecks.State.values())
                .addAttribute("reason", r).addAttribute("state", st)
                .addAttribute("sort", sort).addAttribute("dir", "desc".equals(dir) ? "desc" : "asc")
                .addAttribute("area", area == null || area.isBlank() ? null : a.areaCode())
                .addAttribute("areaName", name(a.areaCode()))
                .addAttribute("up", up(a))
                .addAttribute("drill", digits > a.prefix().length())
                .addAttribute("figureRows", Rechecks.figures(all, digits).stream()
                        .map(f -> new FigureRow(names.getOrDefault(f.areaCode(), name(f.areaCode())), f)).toList())
                .addAttribute("figureSum", Rechecks.total(a.areaCode(), all));
        return "casework/rechecks";
    }

    private @Nullable String up(AreaScope a) {
        AreaScope view = CurrentUsers.viewScope();
        if (a.areaCode().equals(view.areaCode())) return null;
        return areas.find(a.areaCode()).map(AreaInfo::parentCode).filter(view::covers).orElse(null);
    }

    private String name(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    private String shortName(String code) {
        return areas.find(code).map(AreaInfo::shortName).orElse(code);
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    /** 导出Excel of what the filters show (every page), audited with the filter. */
    @GetMapping("/rechecks/export")
    void export(@RequestParam(required = false) String area, @RequestParam(required = false) String reason,
                @RequestParam(required = false) String state, @RequestParam(required = false) String sort,
                @RequestParam(required = false) String dir, HttpServletResponse response) throws IOException {
        AreaScope a = CurrentUsers.areaInView(area);
        Rechecks.Reason r = reason(reason);
        Rechecks.State st = state(state);
        List<Rechecks.Candidate> shown = Rechecks.filter(rechecks.candidates(a), r, st, sort, dir);
        audit.record(AuditAction.EXPORT, null, null, a.areaCode(), List.of(), "rechecks " + st
                + (r == null ? "" : " " + r));
        Map<String, String> villages = new HashMap<>();
        ExcelExports.Heading h = exports.heading(areas.pathName(a.areaCode()), msg("recheck.title"), exports.today())
                .with(msg("recheck.col.reason"), r == null ? exports.any() : msg("recheck.reason." + r))
                .with(msg("recheck.col.state"), msg("recheck.state." + st));
        exports.send(response, h,
                List.of(msg("recheck.col.village"), msg("recheck.col.head"), msg("recheck.col.category"),
                        msg("recheck.col.reason"), msg("recheck.col.identifiedOn"), msg("recheck.col.months"),
                        msg("recheck.col.eliminated"), msg("recheck.col.perCapita"), msg("recheck.col.line"),
                        msg("recheck.col.last"), msg("recheck.col.result")), sink -> {
                    for (Rechecks.Candidate c : shown) {
                        sink.accept(Arrays.asList(villages.computeIfAbsent(c.villageCode(), this::shortName),
                                c.headName(), codes.category(c.category()), msg("recheck.reason." + c.reason()),
                                c.identifiedOn(), c.months(),
                                c.eliminatedMonth(),
                                c.perCapita(), c.line(),
                                c.last() == null ? null : c.last().visitedOn(),
                                c.last() == null ? "" : codes.recheckResult(c.last().result())));
                    }
                });
    }

    /** Records a re-check visit from the monitored household's page. */
    @PostMapping("/monitored/{id}/rechecks")
    String record(@PathVariable long id,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                  @RequestParam(required = false) String result, @RequestParam(required = false) String notes,
                  RedirectAttributes ra) {
        CurrentUser me = CurrentUsers.require();
        MonitoredStore.MonitoredRow row = service.requireMonitored(id); // 404 outside the account's area
        if (!mayRecord(me)) throw new org.springframework.security.access.AccessDeniedException("re-check by " + me.role());
        try {
            rechecks.record(id, row.household().village().value(), row.household().identifiedOn(), on, result, notes, me);
            ra.addFlashAttribute("recheckDone", true);
        } catch (Rechecks.Refused e) {
            ra.addFlashAttribute("recheckError", e.key());
            ra.addFlashAttribute("recheckNotes", notes);
        }
        return "redirect:/monitored/" + id + "#rechecks";
    }

    /** Who visits: the village monitor, township staff and the county (city analysts and administrators read). */
    public static boolean mayRecord(CurrentUser u) {
        return !u.role().caseRole().readsOnly() && u.role() != cn.shouwang.server.access.Role.DATA_OFFICER;
    }
}
