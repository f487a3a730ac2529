package cn.shouwang.server.fieldwork.worklist;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.fieldwork.FieldRoles;
import cn.shouwang.server.fieldwork.grids.Grids;
import cn.shouwang.server.fieldwork.rhythm.RhythmStore;
import cn.shouwang.server.platform.Paging;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * 走访排查: the worklist of the area in view ({@code /visits}), the tiles' counts on top (overdue red, due this week
 * orange, never visited), 20 a page, the filter, a search by head or household number, and 导出Excel of what the
 * filters show.
 */
@Controller
class WorklistController {
    private final ExcelExports exports;
    private final Worklist worklist;
    private final RhythmStore rhythm;
    private final AreaApi areas;
    private final AuditApi audit;
    private final MessageSource messages;
    private final Clock clock;
    private final cn.shouwang.server.fieldwork.sweeps.Sweeps sweeps;
    private final Grids grids;

    WorklistController(Worklist worklist, RhythmStore rhythm, AreaApi areas, AuditApi audit, MessageSource messages,
                       Clock clock, cn.shouwang.server.fieldwork.sweeps.Sweeps sweeps, Grids grids,
                       ExcelExports exports) {
        this.sweeps = sweeps;
        this.grids = grids;
        this.exports = exports;
        this.worklist = worklist;
        this.rhythm = rhythm;
        this.areas = areas;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/visits")
    String list(@RequestParam(required = false) String area, @RequestParam(required = false) String show,
                @RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, @RequestParam(required = false) String grid,
                Model model) {
        CurrentUser me = FieldRoles.reader();
        AreaScope a = CurrentUsers.areaInView(area);
        Worklist.Show s = Worklist.Show.of(show);
        sweeps.closeExpired();
        Filter f = filter(grid, me, a);
        Worklist.Result r = worklist.of(a, s, q, f.only());
        model.addAttribute("sweepsLacking", sweeps.lacking(a));
        int p = Paging.page(page);
        int z = Paging.size(size);
        Paging.toModel(model, p, z, r.rows().size());
        int from = Math.min((p - 1) * z, r.rows().size());
        AreaScope view = CurrentUsers.viewScope();
        List<AreaInfo> children = view.level() < 5 ? areas.children(view.areaCode()) : List.of();
        model.addAttribute("rows", r.rows().subList(from, Math.min(from + z, r.rows().size())))
                .addAttribute("counts", r.counts()).addAttribute("households", r.households())
                .addAttribute("show", s.name()).addAttribute("shows", Worklist.Show.values())
                .addAttribute("q", q == null ? "" : q.strip())
                .addAttribute("area", area == null || area.isBlank() ? null : a.areaCode())
                .addAttribute("children", children)
                .addAttribute("areaName", areaName(a))
                .addAttribute("rhythm", rhythm.current())
                .addAttribute("today", LocalDate.now(clock))
                .addAttribute("mayEditRhythm", FieldRoles.mayEditRhythm(me))
                .addAttribute("grid", f.value()).addAttribute("gridOptions", grids.inScope(a, 50))
                .addAttribute("mayMine", me.is(cn.shouwang.server.access.Role.GRID_WORKER));
        return "fieldwork/worklist";
    }

    /** The households a grid filter keeps ({@code null}: all), and the filter's value as the form shows it. */
    record Filter(@Nullable Set<Long> only, String value) {}

    /**
     * {@code grid=ID}, {@code group=ID}, {@code all}, or {@code mine}; none is {@code mine} for a grid worker who
     * covers some grid or group (its own households first), else all.
     */
    private Filter filter(@Nullable String grid, CurrentUser me, AreaScope a) {
        String g = grid == null || grid.isBlank() ? (me.is(cn.shouwang.server.access.Role.GRID_WORKER) ? "mine" : "all")
                : grid.strip();
        try {
            if (g.startsWith("group:")) return new Filter(grids.householdsOf(null, Long.parseLong(g.substring(6)), a), g);
            if (g.startsWith("grid:")) return new Filter(grids.householdsOf(Long.parseLong(g.substring(5)), null, a), g);
            if (g.matches("\\d{1,18}")) return new Filter(grids.householdsOf(Long.parseLong(g), null, a), "grid:" + g);
        } catch (NumberFormatException e) {
            return new Filter(null, "all");
        }
        if ("mine".equals(g)) {
            Optional<Set<Long>> mine = grids.householdsCoveredBy(me.accountId(), a);
            if (mine.isPresent()) return new Filter(mine.get(), "mine");
        }
        return new Filter(null, "all");
    }

    private String areaName(AreaScope a) {
        return areas.find(a.areaCode()).map(AreaInfo::shortName).orElse(a.areaCode());
    }

    /** 导出Excel of every row the filters show (all pages), audited as EXPORT. */
    @GetMapping("/visits/export")
    void export(@RequestParam(required = false) String area, @RequestParam(required = false) String show,
                @RequestParam(required = false) String q, @RequestParam(required = false) String grid,
                HttpServletResponse response) throws IOException {
        CurrentUser me = FieldRoles.reader();
        AreaScope a = CurrentUsers.areaInView(area);
        Worklist.Show s = Worklist.Show.of(show);
        Worklist.Result r = worklist.of(a, s, q, filter(grid, me, a).only());
        String name = areaName(a);
        LocalDate today = LocalDate.now(clock);
        audit.record(AuditAction.EXPORT, null, null, a.areaCode(), List.of(),
                "visit worklist " + s + (q == null || q.isBlank() ? "" : " q") + " " + r.rows().size() + " rows");
        ExcelExports.Heading h = exports.heading(areas.pathName(a.areaCode()), msg("fieldwork.export.file"), today)
                .with(msg("fieldwork.show"), msg("fieldwork.show." + s.name()))
                .with(msg("fieldwork.search"), q == null ? null : q.strip());
        exports.send(response, h,
                List.of(msg("fieldwork.col.head"), msg("fieldwork.col.householdNo"), msg("fieldwork.col.village"),
                        msg("fieldwork.col.group"), msg("fieldwork.col.members"), msg("fieldwork.col.kind"),
                        msg("fieldwork.col.lastVisit"), msg("fieldwork.col.dueOn"), msg("fieldwork.col.standing")),
                r.rows().stream().map(x -> java.util.Arrays.<Object>asList(x.headName(), x.householdNo(),
                        x.villageName(), x.villageGroup() == null ? "" : x.villageGroup(), x.members(),
                        msg("fieldwork.kind." + x.kind().name()), x.lastVisit(), x.dueOn(),
                        msg("fieldwork.standing." + x.standing().name()))).toList()::forEach);
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
