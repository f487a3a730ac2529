package cn.shouwang.server.fieldwork.grids;

import cn.shouwang.server.access.AccountsApi;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.fieldwork.FieldRoles;
import cn.shouwang.server.household.HouseholdApi;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 网格与十户一组: a village's grids and groups with who covers whom and the coverage tiles ({@code /visits/grids}
 * with a village in view or named); for a township or county the coverage per village, 导出Excel; the village's
 * households with check boxes to place them ({@code /visits/grids/households}); the forms of a grid and a group.
 * Reads in the area in view, writes in the account's scope; a grid, group or village outside is 404.
 */
@Controller
class GridController {
    private final Grids grids;
    private final HouseholdApi households;
    private final AccountsApi accounts;
    private final AreaApi areas;
    private final AuditApi audit;
    private final MessageSource messages;
    private final Clock clock;
    private cn.shouwang.server.platform.ExcelExports exports;

    GridController(Grids grids, HouseholdApi households, AccountsApi accounts, AreaApi areas, AuditApi audit,
                   MessageSource messages, Clock clock) {
        this.grids = grids;
        this.households = households;
        this.accounts = accounts;
        this.areas = areas;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    /** The village named, or the area in view. */
    private AreaScope area(@Nullable String village, @Nullable String area) {
        return CurrentUsers.areaInView(village != null && !village.isBlank() ? village : area);
    }

    private String name(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    private String shortName(String code) {
        return areas.find(code).map(AreaInfo::shortName).orElse(code);
    }

    @GetMapping("/visits/grids")
    String page(@RequestParam(required = false) String village, @RequestParam(required = false) String area,
                @RequestParam(required = false) String only, Model model) {
        CurrentUser me = FieldRoles.reader();
        AreaScope a = area(village, area);
        model.addAttribute("mayArrange", FieldRoles.mayArrange(me));
        if (a.level() == 5) {
            String v = a.areaCode();
            List<Grids.Grid> list = grids.of(v, a);
            if ("noworker".equals(only)) list = list.stream().filter(g -> !g.hasWorker()).toList();
            if ("nohead".equals(only)) {
                list = list.stream().map(g -> new Grids.Grid(g.id(), g.villageCode(), g.name(), g.workerAccountId(),
                        g.workerName(), g.sort(), g.version(), g.households(),
                        g.groups().stream().filter(r -> !r.hasHead()).toList()))
                        .filter(g -> !g.groups().isEmpty()).toList();
            }
            model.addAttribute("village", v).addAttribute("villageName", name(v))
                    .addAttribute("grids", list).addAttribute("only", only)
                    .addAttribute("coverage", grids.coverageOf(v, a));
            return "fieldwork/grids";
        }
        Map<String, Grids.Coverage> cov = grids.coverage(a);
        Map<String, String> names = names(cov.keySet());
        model.addAttribute("areaCode", a.areaCode()).addAttribute("areaName", name(a.areaCode()))
                .addAttribute("rows", cov.values()).addAttribute("names", names)
                .addAttribute("children", areas.children(a.areaCode()))
                .addAttribute("total", total(a.areaCode(), cov.values()));
        return "fieldwork/grid-coverage";
    }

    private Map<String, String> names(java.util.Collection<String> codes) {
        return areas.currentEdition().map(e -> areas.names(e.id(), codes)).orElse(Map.of());
    }

    private static Grids.Coverage total(String code, java.util.Collection<Grids.Coverage> rows) {
        long[] t = new long[7];
        for (Grids.Coverage c : rows) {
            t[0] += c.households(); t[1] += c.noGrid(); t[2] += c.noGroup(); t[3] += c.grids();
            t[4] += c.gridsWithoutWorker(); t[5] += c.groups(); t[6] += c.groupsWithoutHead();
        }
        return new Grids.Coverage(code, t[0], t[1], t[2], t[3], t[4], t[5], t[6]);
    }

    @org.springframework.beans.factory.annotation.Autowired
    void setExports(cn.shouwang.server.platform.ExcelExports exports) {
        this.exports = exports;
    }

    /** 导出Excel of the coverage per village of the area in view, audited as EXPORT. */
    @GetMapping("/visits/grids/export")
    void export(@RequestParam(required = false) String area, HttpServletResponse response) throws IOException {
        FieldRoles.reader();
        AreaScope a = CurrentUsers.areaInView(area);
        Map<String, Grids.Coverage> cov = grids.coverage(a);
        Map<String, String> names = names(cov.keySet());
        String areaName = shortName(a.areaCode());
        LocalDate today = LocalDate.now(clock);
        audit.record(AuditAction.EXPORT, null, null, a.areaCode(), List.of(), "grid coverage " + cov.size() + " villages");
        List<String> headers = List.of(msg("fieldwork.grids.col.village"), msg("fieldwork.grids.col.households"),
                msg("fieldwork.grids.col.placed"), msg("fieldwork.grids.col.noGrid"), msg("fieldwork.grids.col.noGroup"),
                msg("fieldwork.grids.col.grids"), msg("fieldwork.grids.col.gridsWithoutWorker"),
                msg("fieldwork.grids.col.groups"), msg("fieldwork.grids.col.groupsWithoutHead"));
        try (XlsxWriter x = exports.open(response,
                exports.heading(areas.pathName(a.areaCode()), msg("fieldwork.grids.export.file"), today), headers)) {
            for (Grids.Coverage c : cov.values()) {
                x.row(names.getOrDefault(c.villageCode(), c.villageCode()), c.households(), c.placed(), c.noGrid(),
                        c.noGroup(), c.grids(), c.gridsWithoutWorker(), c.groups(), c.groupsWithoutHead());
            }
            Grids.Coverage t = total(a.areaCode(), cov.values());
            x.row(msg("fieldwork.grids.total"), t.households(), t.placed(), t.noGrid(), t.noGroup(), t.grids(),
                    t.gridsWithoutWorker(), t.groups(), t.groupsWithoutHead());
            x.writeTo(response.getOutputStream());
        }
    }

    // ---- households -------------------------------------------------------------------------------------------

    /** One household of the village with its place. */
    record Row(long id, String householdNo, String headName, @Nullable String villageGroup, int members,
               Grids.@Nullable Place place) {}

    @GetMapping("/visits/grids/households")
    String households(@RequestParam String village, @RequestParam(required = false) String show,
                      @RequestParam(required = false) Long grid, @RequestParam(required = false) Long group,
                      @RequestParam(required = false) String vg, Model model) {
        CurrentUser me = FieldRoles.reader();
        AreaScope a = area(village, null);
        if (a.level() != 5) throw new OutOfScopeException("not a village");
        String v = a.areaCode();
        Map<Long, Grids.Place> places = grids.places(v, a);
        String s = show == null ? "ALL" : show;
        List<Row> rows = new ArrayList<>();
        TreeSet<String> villageGroups = new TreeSet<>();
        households.roster(a, h -> {
            String hg = h.villageGroup() == null ? "" : h.villageGroup().strip();
            if (!hg.isEmpty()) villageGroups.add(hg);
            Grids.Place p = places.get(h.id());
            boolean shown = switch (s) {
                case "NOGRID" -> p == null;
                case "NOGROUP" -> p == null || p.groupId() == null;
                default -> true;
            };
            if (grid != null && (p == null || p.gridId() != grid)) shown = false;
            if (group != null && (p == null || p.groupId() == null || p.groupId().longValue() != group)) shown = false;
            if (vg != null && !vg.isBlank() && !hg.equals(vg.strip())) shown = false;
            if (shown) rows.add(new Row(h.id(), h.householdNo(), h.headName(), h.villageGroup(), h.members(), p));
        });
        model.addAttribute("village", v).addAttribute("villageName", name(v)).addAttribute("rows", rows)
                .addAttribute("show", s).addAttribute("grid", grid).addAttribute("group", group)
                .addAttribute("vg", vg == null ? "" : vg.strip()).addAttribute("villageGroups", villageGroups)
                .addAttribute("grids", grids.of(v, a)).addAttribute("mayArrange", FieldRoles.mayArrange(me));
        return "fieldwork/grid-households";
    }

    /**
     * Places the checked households: {@code target} is {@code grid:ID}, {@code group:ID} or {@code none} (out of
     * every grid).
     */
    @PostMapping("/visits/grids/place")
    String place(@RequestParam String village, @RequestParam(name = "household", required = false) List<Long> ids,
                 @RequestParam String target, @RequestParam(required = false) String back, RedirectAttributes ra) {
        CurrentUser me = FieldRoles.arranger();
        Long grid = null;
        Long group = null;
        if (target.startsWith("grid:")) grid = Long.parseLong(target.substring(5));
        else if (target.startsWith("group:")) group = Long.parseLong(target.substring(6));
        else if (!"none".equals(target)) throw new RefusedInputException("target", "fieldwork.grids.error.target");
        int n = grids.place(village, ids == null ? List.of() : ids, grid, group, me);
        ra.addFlashAttribute("placed", n);
        return "redirect:" + backTo(back, village);
    }

    /** Every unplaced household of a 村民小组 goes to a grid. */
    @PostMapping("/visits/grids/place-village-group")
    String placeVillageGroup(@RequestParam String village, @RequestParam String villageGroup, @RequestParam long grid,
                             RedirectAttributes ra) {
        CurrentUser me = FieldRoles.arranger();
        int n = grids.placeUnplacedOfVillageGroup(village, villageGroup, grid, me);
        ra.addFlashAttribute("placed", n);
        return "redirect:/visits/grids/households?village=" + village;
    }

    /** Only a path of these pages: a forged address goes back to the village's households. */
    private static String backTo(@Nullable String back, String village) {
        if (back != null && back.startsWith("/visits/grids") && !back.contains("//") && !back.contains("\\")) return back;
        return "/visits/grids/households?village=" + village;
    }

    // ---- grids and groups -------------------------------------------------------------------------------------

    private String form(String village, Grids.@Nullable Grid grid, @Nullable Long groupId, boolean isGroup, GridCmd cmd,
                        String action, List<String> errors, Model model) {
        List<HouseholdApi.RosterRow> heads = new ArrayList<>();
        if (isGroup) {
            households.roster(new AreaScope(village), h -> { if (!h.headName().isBlank()) heads.add(h); });
            heads.sort(Comparator.comparing(HouseholdApi.RosterRow::householdNo));
        }
        model.addAttribute("village", village).addAttribute("villageName", name(village)).addAttribute("grid", grid)
                .addAttribute("groupId", groupId).addAttribute("isGroup", isGroup).addAttribute("cmd", cmd)
                .addAttribute("action", action).addAttribute("errors", errors)
                .addAttribute("people", accounts.of(village)).addAttribute("heads", heads);
        return "fieldwork/grid-form";
    }

    private List<String> errors(BindingResult binding) {
        List<String> out = new ArrayList<>();
        binding.getAllErrors().forEach(e -> out.add(messages.getMessage(e, LocaleContextHolder.getLocale())));
        return out;
    }

    private List<String> errors(RefusedInputException e) {
        return e.problems().stream().map(p -> messages.getMessage(p, LocaleContextHolder.getLocale())).toList();
    }

    @GetMapping("/visits/grids/new")
    String newGrid(@RequestParam String village, Model model) {
        CurrentUser me = FieldRoles.arranger();
        me.requireInScope(village);
        if (new AreaScope(village).level() != 5) throw new OutOfScopeException("not a village");
        return form(village, null, null, false, GridCmd.blank(), "/visits/grids?village=" + village, List.of(), model);
    }

    @PostMapping("/visits/grids")
    String createGrid(@RequestParam String village, @Valid @ModelAttribute("cmd") GridCmd cmd, BindingResult binding,
                      Model model, HttpServletResponse response) {
        CurrentUser me = FieldRoles.arranger();
        me.requireInScope(village);
        return save(binding, () -> grids.createGrid(village, cmd, me), village, response,
                errors -> form(village, null, null, false, cmd, "/visits/grids?village=" + village, errors, model));
    }

    @GetMapping("/visits/grids/{id}/edit")
    String editGrid(@PathVariable long id, Model model) {
        CurrentUser me = FieldRoles.arranger();
        Grids.Grid g = grids.grid(id, me.scope());
        return form(g.villageCode(), g, null, false, new GridCmd(g.name(), g.workerAccountId(), null,
                g.workerAccountId() == null ? g.workerName() : "", g.version()), "/visits/grids/" + id + "/edit", List.of(), model);
    }

    @PostMapping("/visits/grids/{id}/edit")
    String updateGrid(@PathVariable long id, @Valid @ModelAttribute("cmd") GridCmd cmd, BindingResult binding, Model model,
                      HttpServletResponse response) {
        CurrentUser me = FieldRoles.arranger();
        Grids.Grid g = grids.grid(id, me.scope());
        return save(binding, () -> grids.updateGrid(id, cmd, me), g.villageCode(), response,
                errors -> form(g.villageCode(), g, null, false, cmd, "/visits/grids/" + id + "/edit", errors, model));
    }

    @PostMapping("/visits/grids/{id}/delete")
    String deleteGrid(@PathVariable long id, @RequestParam int version) {
        CurrentUser me = FieldRoles.arranger();
        String v = grids.grid(id, me.scope()).villageCode();
        grids.deleteGrid(id, version, me);
        return "redirect:/visits/grids?village=" + v;
    }

    @PostMapping("/visits/grids/{id}/move")
    String moveGrid(@PathVariable long id, @RequestParam int by, @RequestParam int version) {
        CurrentUser me = FieldRoles.arranger();
        String v = grids.grid(id, me.scope()).villageCode();
        grids.moveGrid(id, by, version, me);
        return "redirect:/visits/grids?village=" + v;
    }

    @GetMapping("/visits/grids/{id}/groups/new")
    String newGroup(@PathVariable long id, Model model) {
        CurrentUser me = FieldRoles.arranger();
        Grids.Grid g = grids.grid(id, me.scope());
        return form(g.villageCode(), g, null, true, GridCmd.blank(), "/visits/grids/" + id + "/groups", List.of(), model);
    }

    @PostMapping("/visits/grids/{id}/groups")
    String createGroup(@PathVariable long id, @Valid @ModelAttribute("cmd") GridCmd cmd, BindingResult binding,
                       Model model, HttpServletResponse response) {
        CurrentUser me = FieldRoles.arranger();
        Grids.Grid g = grids.grid(id, me.scope());
        return save(binding, () -> grids.createGroup(id, cmd, me), g.villageCode(), response,
                errors -> form(g.villageCode(), g, null, true, cmd, "/visits/grids/" + id + "/groups", errors, model));
    }

    @GetMapping("/visits/groups/{id}/edit")
    String editGroup(@PathVariable long id, Model model) {
        CurrentUser me = FieldRoles.arranger();
        Grids.Group r = grids.group(id, me.scope());
        Grids.Grid g = grids.grid(r.gridId(), me.scope());
        boolean typed = r.headAccountId() == null && r.headHouseholdId() == null;
        return form(r.villageCode(), g, id, true, new GridCmd(r.name(), r.headAccountId(), r.headHouseholdId(),
                typed ? r.headName() : "", r.version()), "/visits/groups/" + id + "/edit", List.of(), model);
    }

    @PostMapping("/visits/groups/{id}/edit")
    String updateGroup(@PathVariable long id, @Valid @ModelAttribute("cmd") GridCmd cmd, BindingResult binding,
                       Model model, HttpServletResponse response) {
        CurrentUser me = FieldRoles.arranger();
        Grids.Group r = grids.group(id, me.scope());
        Grids.Grid g = grids.grid(r.gridId(), me.scope());
        return save(binding, () -> grids.updateGroup(id, cmd, me), r.villageCode(), response,
                errors -> form(r.villageCode(), g, id, true, cmd, "/visits/groups/" + id + "/edit", errors, model));
    }

    @PostMapping("/visits/groups/{id}/delete")
    String deleteGroup(@PathVariable long id, @RequestParam int version) {
        CurrentUser me = FieldRoles.arranger();
        String v = grids.group(id, me.scope()).villageCode();
        grids.deleteGroup(id, version, me);
        return "redirect:/visits/grids?village=" + v;
    }

    @PostMapping("/visits/groups/{id}/move")
    String moveGroup(@PathVariable long id, @RequestParam int by, @RequestParam int version) {
        CurrentUser me = FieldRoles.arranger();
        String v = grids.group(id, me.scope()).villageCode();
        grids.moveGroup(id, by, version, me);
        return "redirect:/visits/grids?village=" + v;
    }

    /**
     * A grid or group form's change: back to the village's grids when it is done, else the form again with its
     * problems (422), or with "别人已修改" when someone changed the row first (409).
     */
    private String save(BindingResult binding, Runnable change, String village, HttpServletResponse response,
                        java.util.function.Function<List<String>, String> again) {
        List<String> errors = errors(binding);
        int status = 422;
        if (errors.isEmpty()) {
            try {
                change.run();
                return "redirect:/visits/grids?village=" + village;
            } catch (RefusedInputException e) {
                errors = errors(e);
            } catch (Grids.Conflict e) {
                status = 409;
                errors = List.of(msg("fieldwork.grids.error.conflict"));
            }
        }
        response.setStatus(status);
        return again.apply(errors);
    }

    /** A refused delete, move or placement: what and why on a page of its own, with the way back. */
    @ExceptionHandler({RefusedInputException.class, Grids.Conflict.class})
    ModelAndView refused(RuntimeException e, HttpServletResponse response) {
        List<String> errors = e instanceof RefusedInputException r ? errors(r) : List.of(msg("fieldwork.grids.error.conflict"));
        response.setStatus(e instanceof Grids.Conflict ? 409 : 422);
        return new ModelAndView("fieldwork/grid-refused", Map.of("errors", errors));
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
