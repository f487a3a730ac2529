package cn.shouwang.server.fieldwork.sweeps;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.fieldwork.FieldRoles;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.platform.RefusedInputException;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
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
 * 拉网式摸排: the sweeps touching the user's area ({@code /visits/sweeps}), opening one, a sweep's progress per
 * village and grid ({@code /visits/sweeps/{id}}), its not-yet households, closing it, and both as Excel.
 */
@Controller
class SweepController {
    private final Sweeps sweeps;
    private final AreaApi areas;
    private final AuditApi audit;
    private final MessageSource messages;
    private final Clock clock;
    private cn.shouwang.server.platform.ExcelExports exports;

    SweepController(Sweeps sweeps, AreaApi areas, AuditApi audit, MessageSource messages, Clock clock) {
        this.sweeps = sweeps;
        this.areas = areas;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    /** A sweep in the list: its area's name and its figures inside the reader's area. */
    record Listed(Sweeps.Sweep sweep, String areaName, Sweeps.Figure total) {}

    @GetMapping("/visits/sweeps")
    String list(Model model) {
        CurrentUser me = FieldRoles.reader();
        sweeps.closeExpired();
        AreaScope view = CurrentUsers.viewScope();
        List<Listed> rows = new ArrayList<>();
        for (Sweeps.Sweep s : sweeps.list(view)) rows.add(new Listed(s, areaName(s.areaCode()), sweeps.progress(s, view).total()));
        model.addAttribute("rows", rows).addAttribute("mayOpen", Sweeps.mayOpen(me))
                .addAttribute("areaName", areaName(view.areaCode()));
        return "fieldwork/sweeps";
    }

    @GetMapping("/visits/sweeps/new")
    String form(Model model) {
        CurrentUser me = opener();
        LocalDate today = LocalDate.now(clock);
        AreaScope view = CurrentUsers.viewScope();
        return form(new SweepCmd("", view.areaCode(), today, today.plusDays(30)), List.of(), me, model);
    }

    private String form(SweepCmd cmd, List<String> errors, CurrentUser me, Model model) {
        model.addAttribute("cmd", cmd).addAttribute("errors", errors).addAttribute("areaOptions", areaOptions(me));
        return "fieldwork/sweep-form";
    }

    /** The areas a sweep may take: the area in view and the areas one level below it (counties to villages). */
    private Map<String, String> areaOptions(CurrentUser me) {
        AreaScope view = CurrentUsers.viewScope();
        Map<String, String> out = new LinkedHashMap<>();
        if (view.level() >= 3) out.put(view.areaCode(), areaName(view.areaCode()));
        if (view.level() < 5) {
            for (AreaInfo c : areas.children(view.areaCode())) {
                if (me.scope().covers(c.code()) && new AreaScope(c.code()).level() >= 3) out.put(c.code(), c.name());
            }
        }
        return out;
    }

    @PostMapping("/visits/sweeps")
    String open(@Valid @ModelAttribute("cmd") SweepCmd cmd, BindingResult binding, Model model,
                HttpServletResponse response) {
        CurrentUser me = opener();
        List<String> errors = new ArrayList<>();
        binding.getAllErrors().forEach(e -> errors.add(messages.getMessage(e, LocaleContextHolder.getLocale())));
        if (errors.isEmpty()) {
            try {
                return "redirect:/visits/sweeps/" + sweeps.open(cmd, me);
            } catch (RefusedInputException e) {
                e.problems().forEach(p -> errors.add(messages.getMessage(p, LocaleContextHolder.getLocale())));
            }
        }
        response.setStatus(422);
        return form(cmd, errors, me, model);
    }

    private static CurrentUser opener() {
        CurrentUser me = FieldRoles.reader();
        if (!Sweeps.mayOpen(me)) throw new AccessDeniedException("sweep opened by " + me.role());
        return me;
    }

    private Sweeps.Sweep sweep(long id, CurrentUser me) {
        return sweeps.find(id, me.scope()).orElseThrow(() -> new OutOfScopeException("sweep"));
    }

    @GetMapping("/visits/sweeps/{id}")
    String show(@PathVariable long id, Model model) {
        CurrentUser me = FieldRoles.reader();
        sweeps.closeExpired();
        Sweeps.Sweep s = sweep(id, me);
        Sweeps.Progress p = sweeps.progress(s, me.scope());
        model.addAttribute("s", s).addAttribute("areaName", areaName(s.areaCode())).addAttribute("progress", p)
                .addAttribute("mayClose", Sweeps.mayClose(me, s));
        return "fieldwork/sweep";
    }

    @PostMapping("/visits/sweeps/{id}/close")
    String close(@PathVariable long id, @Valid @ModelAttribute CloseSweepCmd cmd, BindingResult binding,
                 RedirectAttributes ra, HttpServletResponse response, Model model) {
        CurrentUser me = FieldRoles.reader();
        if (binding.hasErrors()) throw new OutOfScopeException("version");
        try {
            sweeps.close(id, cmd, me);
            ra.addFlashAttribute("sweepClosed", true);
            return "redirect:/visits/sweeps/" + id;
        } catch (Sweeps.Conflict e) {
            response.setStatus(409);
            model.addAttribute("conflict", true);
            return show(id, model);
        }
    }

    private Sweeps.PendingFilter filter(Sweeps.Sweep s, CurrentUser me, @Nullable String village, @Nullable String grid) {
        String v = village == null || village.isBlank() ? null : village.strip();
        if (v != null && (!AreaScope.isAreaCode(v) || !me.scope().covers(v))) throw new OutOfScopeException("village");
        boolean none = "none".equals(grid);
        Long g = null;
        if (!none && grid != null && !grid.isBlank()) {
            try {
                g = Long.valueOf(grid.strip());
            } catch (NumberFormatException e) {
                throw new OutOfScopeException("grid");
            }
        }
        return new Sweeps.PendingFilter(v, g, none);
    }

    @GetMapping("/visits/sweeps/{id}/pending")
    String pending(@PathVariable long id, @RequestParam(required = false) String village,
                   @RequestParam(required = false) String grid, @RequestParam(required = false) Integer page,
                   @RequestParam(required = false) Integer size, Model model) {
        CurrentUser me = FieldRoles.reader();
        Sweeps.Sweep s = sweep(id, me);
        Sweeps.PendingFilter f = filter(s, me, village, grid);
        long total = sweeps.pendingCount(s, me.scope(), f);
        int p = Paging.page(page);
        int z = Paging.size(size);
        Paging.toModel(model, p, z, total);
        model.addAttribute("s", s).addAttribute("rows", sweeps.pending(s, me.scope(), f, (p - 1) * z, z))
                .addAttribute("village", f.village()).addAttribute("grid", grid)
                .addAttribute("where", where(s, f, me));
        return "fieldwork/sweep-pending";
    }

    /** What a not-yet list covers, in words: the sweep's area, a village, a grid of it or its households in no grid. */
    private String where(Sweeps.Sweep s, Sweeps.PendingFilter f, CurrentUser me) {
        String place = f.village() != null ? areaName(f.village()) : areaName(me.scope().covers(s.areaCode())
                ? s.areaCode() : me.scope().areaCode());
        if (f.noGrid()) return msg("fieldwork.sweep.where.noGrid", place);
        if (f.gridId() != null) {
            String gridName = sweeps.progress(s, me.scope()).rows().stream()
                    .filter(r -> f.gridId().equals(r.gridId())).map(Sweeps.Figure::gridName).findFirst().orElse("");
            return msg("fieldwork.sweep.where.grid", place, gridName);
        }
        return place;
    }

    @org.springframework.beans.factory.annotation.Autowired
    void setExports(cn.shouwang.server.platform.ExcelExports exports) {
        this.exports = exports;
    }

    /** The convention of every export: the sweep's area, what, the sweep's name as its period; the period and state. */
    private cn.shouwang.server.platform.ExcelExports.Heading heading(Sweeps.Sweep s, String what) {
        // the file is named <area>_<the sweep and what>_<its first month>: 孤家子镇_2026年冬季拉网式摸排进度表_2026-11.xlsx
        return exports.heading(areas.pathName(s.areaCode()), s.name() + what, java.time.YearMonth.from(s.startsOn()))
                .with(msg("fieldwork.sweep.export.periodLabel"), periodLine(s, areaName(s.areaCode())));
    }

    @GetMapping("/visits/sweeps/{id}/export")
    void export(@PathVariable long id, HttpServletResponse response) throws IOException {
        CurrentUser me = FieldRoles.reader();
        Sweeps.Sweep s = sweep(id, me);
        Sweeps.Progress p = sweeps.progress(s, me.scope());
        audit.record(AuditAction.EXPORT, null, null, s.areaCode(), List.of(), "sweep " + id + " report");
        try (XlsxWriter x = exports.open(response, heading(s, msg("fieldwork.sweep.export.report")),
                List.of(msg("fieldwork.sweep.col.village"), msg("fieldwork.sweep.col.grid"),
                        msg("fieldwork.sweep.col.households"), msg("fieldwork.sweep.col.visited"),
                        msg("fieldwork.sweep.col.notFound"), msg("fieldwork.sweep.col.notYet"),
                        msg("fieldwork.sweep.col.share")))) {
            for (Sweeps.Figure f : p.rows()) {
                String grid = f.village() ? msg("fieldwork.sweep.wholeVillage")
                        : f.gridId() == null ? msg("fieldwork.sweep.noGrid") : f.gridName();
                x.row(f.villageName(), grid, f.households(), f.visited(), f.notFound(), f.notYet(), f.share());
            }
            Sweeps.Figure t = p.total();
            x.row(msg("fieldwork.sweep.total"), null, t.households(), t.visited(), t.notFound(), t.notYet(), t.share());
            x.writeTo(response.getOutputStream());
        }
    }

    @GetMapping("/visits/sweeps/{id}/pending/export")
    void exportPending(@PathVariable long id, @RequestParam(required = false) String village,
                       @RequestParam(required = false) String grid, HttpServletResponse response) throws IOException {
        CurrentUser me = FieldRoles.reader();
        Sweeps.Sweep s = sweep(id, me);
        Sweeps.PendingFilter f = filter(s, me, village, grid);
        List<Sweeps.Pending> rows = sweeps.pending(s, me.scope(), f, 0, -1);
        audit.record(AuditAction.EXPORT, null, null, f.village() == null ? s.areaCode() : f.village(), List.of(),
                "sweep " + id + " not yet visited " + rows.size() + " rows");
        try (XlsxWriter x = exports.open(response, heading(s, msg("fieldwork.sweep.export.pending"))
                        .with(msg("fieldwork.sweep.export.where"), where(s, f, me)), List.of(msg("fieldwork.sweep.col.village"), msg("fieldwork.sweep.col.grid"),
                        msg("fieldwork.col.householdNo"), msg("fieldwork.col.head"), msg("fieldwork.col.members")))) {
            for (Sweeps.Pending r : rows) {
                x.row(r.villageName(), r.gridId() == null ? msg("fieldwork.sweep.noGrid") : r.gridName(), r.householdNo(),
                        r.headName(), r.members());
            }
            x.writeTo(response.getOutputStream());
        }
    }

    /** The sweep's period and state in words, a condition of its files (the area and the day come with the heading). */
    private String periodLine(Sweeps.Sweep s, String area) {
        String state = s.open() ? msg("fieldwork.sweep.state.OPEN")
                : msg("fieldwork.sweep.frozenOn", s.closedAt() == null ? "" : s.closedAt().toLocalDate().toString());
        return msg("fieldwork.sweep.export.periodValue", s.startsOn().toString(), s.endsOn().toString(), state);
    }

    private String areaName(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
