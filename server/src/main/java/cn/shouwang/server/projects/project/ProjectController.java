package cn.shouwang.server.projects.project;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.projects.Pages;
import cn.shouwang.server.projects.ProjectsAccess;
import cn.shouwang.server.projects.Refused;
import cn.shouwang.server.projects.StaleVersion;
import cn.shouwang.server.projects.asset.Assets;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * 项目资产 ({@code /projects}): the projects of the area in view with the figures per child area (budget, spent, share,
 * 万元, a bar chart), filters, paging and 导出Excel; a project's page with its budget by source, spending by month,
 * linked households and assets; the forms that change them.
 */
@Controller("projectsProjectController")
class ProjectController {
    private final Projects projects;
    private final Assets assets;
    private final Pages pages;
    private final AreaApi areas;
    private final AuditApi audit;
    private final ProjectMeasures measures;

    ProjectController(Projects projects, Assets assets, Pages pages, AreaApi areas, AuditApi audit,
                      ProjectMeasures measures) {
        this.measures = measures;
        this.projects = projects;
        this.assets = assets;
        this.pages = pages;
        this.areas = areas;
        this.audit = audit;
    }

    private static CurrentUser reader() {
        CurrentUser me = CurrentUsers.require();
        ProjectsAccess.requireRead(me);
        return me;
    }

    private static CurrentUser writer() {
        CurrentUser me = CurrentUsers.require();
        ProjectsAccess.requireWrite(me);
        return me;
    }

    private static <E extends Enum<E>> @Nullable E code(Class<E> type, @Nullable String s) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(s)).findFirst().orElse(null);
    }

    private static Projects.Filter filter(@Nullable String year, @Nullable String type, @Nullable String state,
                                          @Nullable String q) {
        return new Projects.Filter(Pages.intOrNull(year), code(ProjectType.class, type), code(ProjectState.class, state), q);
    }

    /** One row of the per-area figures with its area's name and where it links. */
    record FigureRow(String name, @Nullable String link, Projects.AreaFigure f) {}

    @GetMapping("/projects")
    String list(@RequestParam(required = false) String area, @RequestParam(required = false) String year,
                @RequestParam(required = false) String type, @RequestParam(required = false) String state,
                @RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
                @RequestParam(required = false) Integer size, Model model) {
        CurrentUser me = reader();
        AreaScope a = CurrentUsers.areaInView(area);
        Projects.Filter f = filter(year, type, state, q);
        int p = Paging.page(page), z = Paging.size(size);
        long total = projects.count(f, a);
        Paging.toModel(model, p, z, total);
        List<Projects.Row> rows = projects.list(f, a, p, z);
        int digits = a.childDigits();
        Map<String, String> children = new LinkedHashMap<>();
        for (AreaInfo c : areas.children(a.areaCode())) children.put(c.code().substring(0, digits), c.code());
        List<FigureRow> figures = new ArrayList<>();
        BigDecimal budget = BigDecimal.ZERO, spent = BigDecimal.ZERO;
        long count = 0;
        for (Projects.AreaFigure x : projects.figures(f, a, digits)) {
            String child = children.get(x.key());
            figures.add(child == null
                    ? new FigureRow(pages.msg("projects.figures.ownLevel", pages.shortName(a.areaCode())), null, x)
                    : new FigureRow(pages.shortName(child), child, x));
            budget = budget.add(x.budget());
            spent = spent.add(x.spent());
            count += x.projects();
        }
        model.addAttribute("rows", rows).addAttribute("names", pages.shortNames(rows.stream().map(Projects.Row::areaCode).toList()))
                .addAttribute("figures", figures)
                .addAttribute("figureSum", new Projects.AreaFigure("", count, budget, spent))
                .addAttribute("areaName", pages.name(a.areaCode()))
                .addAttribute("area", area == null || area.isBlank() ? null : a.areaCode())
                .addAttribute("year", f.year()).addAttribute("type", f.type()).addAttribute("state", f.state())
                .addAttribute("q", q)
                .addAttribute("types", ProjectType.values()).addAttribute("states", ProjectState.values())
                .addAttribute("mayWrite", ProjectsAccess.mayWrite(me));
        return "projects/list";
    }

    @GetMapping("/projects/export")
    void export(@RequestParam(required = false) String area, @RequestParam(required = false) String year,
                @RequestParam(required = false) String type, @RequestParam(required = false) String state,
                @RequestParam(required = false) String q, HttpServletResponse response) throws IOException {
        reader();
        AreaScope a = CurrentUsers.areaInView(area);
        Projects.Filter f = filter(year, type, state, q);
        List<Projects.Row> rows = projects.list(f, a, 1, 0);
        Map<String, String> names = pages.shortNames(rows.stream().map(Projects.Row::areaCode).toList());
        audit.record(AuditAction.EXPORT, null, null, a.areaCode(), List.of(), "projects " + filterText(f));
        pages.xlsx(response, a.areaCode(), "projects.export.title", List.of(
                pages.condition("projects.col.year", f.year() == null ? null : String.valueOf(f.year())),
                pages.condition("projects.col.type", f.type() == null ? null : pages.msg("projects.type." + f.type())),
                pages.condition("projects.col.state", f.state() == null ? null : pages.msg("projects.state." + f.state())),
                new Object[] {pages.msg("xlsx.search"), f.q()}), List.of(pages.msg("projects.col.name"),
                pages.msg("projects.col.type"), pages.msg("projects.col.area"), pages.msg("projects.col.year"),
                pages.msg("projects.col.state"), pages.msg("projects.col.budget"), pages.msg("projects.col.spent"),
                pages.msg("projects.col.share"), pages.msg("projects.col.households")), sink -> {
            for (Projects.Row r : rows) {
                sink.accept(Arrays.asList(r.name(), pages.msg("projects.type." + r.type()), names.get(r.areaCode()),
                        r.year(), pages.msg("projects.state." + r.state()), r.budget(), r.spent(), r.share(),
                        r.households()));
            }
        });
    }

    private static String filterText(Projects.Filter f) {
        return (f.year() == null ? "" : " year=" + f.year()) + (f.type() == null ? "" : " type=" + f.type())
                + (f.state() == null ? "" : " state=" + f.state());
    }

    // ------------------------------------------------------------------ a project

    private String form(Model model, @Nullable Long id) {
        model.addAttribute("projectId", id).addAttribute("types", ProjectType.values())
                .addAttribute("states", ProjectState.values()).addAttribute("areaChoices", pages.areaChoices())
                .addAttribute("sources", FundSource.values());
        return "projects/form";
    }

    @GetMapping("/projects/new")
    String newProject(Model model) {
        writer();
        model.addAttribute("cmd", ProjectCmd.blank(CurrentUsers.viewScope().areaCode(), pages.today().getYear()));
        return form(model, null);
    }

    @PostMapping("/projects")
    String create(@Valid @ModelAttribute("cmd") ProjectCmd cmd, BindingResult br, Model model) {
        CurrentUser me = writer();
        if (br.hasErrors()) return form(model, null);
        try {
            return "redirect:/projects/" + projects.create(cmd, me);
        } catch (Refused e) {
            pages.reject(br, e);
            return form(model, null);
        }
    }

    @GetMapping("/projects/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        CurrentUser me = writer();
        Projects.Row p = projects.require(id, me.scope());
        Map<FundSource, BigDecimal> f = projects.funds(id);
        model.addAttribute("cmd", new ProjectCmd(p.name(), p.type(), p.areaCode(), p.year(), p.state(),
                f.get(FundSource.CENTRAL), f.get(FundSource.PROVINCIAL), f.get(FundSource.CITY), f.get(FundSource.COUNTY),
                f.get(FundSource.OTHER), p.note(), p.version()));
        return form(model, id);
    }

    @PostMapping("/projects/{id}")
    String update(@PathVariable long id, @Valid @ModelAttribute("cmd") ProjectCmd cmd, BindingResult br, Model model,
                  HttpServletResponse response) {
        CurrentUser me = writer();
        projects.require(id, me.scope());
        if (br.hasErrors()) return form(model, id);
        try {
            projects.update(id, cmd, me);
            return "redirect:/projects/" + id;
        } catch (Refused e) {
            pages.reject(br, e);
        } catch (StaleVersion e) {
            br.reject("projects.stale");
            response.setStatus(409);
        }
        return form(model, id);
    }

    @GetMapping("/projects/{id}")
    String detail(@PathVariable long id, Model model) {
        CurrentUser me = reader();
        Projects.Row p = projects.require(id, me.scope());
        if (!model.containsAttribute("spend")) model.addAttribute("spend", new SpendingCmd("", null, "", p.version()));
        return detailPage(p, me, model);
    }

    private String detailPage(Projects.Row p, CurrentUser me, Model model) {
        List<Projects.Linked> linked = projects.households(p.id(), me.scope());
        model.addAttribute("p", p).addAttribute("funds", projects.funds(p.id()))
                .addAttribute("spending", projects.spending(p.id()))
                .addAttribute("linked", linked)
                .addAttribute("villages", pages.shortNames(linked.stream().map(Projects.Linked::villageCode).toList()))
                .addAttribute("areaName", pages.name(p.areaCode()))
                .addAttribute("assets", assets.ofProject(p.id(), me.scope()))
                .addAttribute("mayWrite", ProjectsAccess.mayWrite(me) && me.scope().covers(p.areaCode()));
        return "projects/detail";
    }

    @PostMapping("/projects/{id}/spending")
    String spend(@PathVariable long id, @Valid @ModelAttribute("spend") SpendingCmd cmd, BindingResult br, Model model,
                 HttpServletResponse response, RedirectAttributes ra) {
        CurrentUser me = writer();
        Projects.Row p = projects.require(id, me.scope());
        if (!br.hasErrors()) {
            try {
                projects.spend(id, cmd, me);
                ra.addFlashAttribute("done", "projects.spending.done");
                return "redirect:/projects/" + id + "#spending";
            } catch (Refused e) {
                pages.reject(br, e);
            } catch (StaleVersion e) {
                br.reject("projects.stale");
                response.setStatus(409);
            }
        }
        return detailPage(p, me, model);
    }

    @PostMapping("/projects/{id}/households")
    String link(@PathVariable long id, @RequestParam(required = false) String householdNo,
                @RequestParam(required = false) Integer version, RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser me = writer();
        projects.require(id, me.scope());
        try {
            projects.link(id, householdNo, version, me);
            ra.addFlashAttribute("done", "projects.household.linked");
        } catch (Refused e) {
            ra.addFlashAttribute("linkError", e.key());
            ra.addFlashAttribute("householdNo", householdNo);
        } catch (StaleVersion e) {
            ra.addFlashAttribute("linkError", "projects.stale");
        }
        return "redirect:/projects/" + id + "#households";
    }

    @PostMapping("/projects/{id}/households/{householdId}/unlink")
    String unlink(@PathVariable long id, @PathVariable long householdId, @RequestParam(required = false) Integer version,
                  RedirectAttributes ra) {
        CurrentUser me = writer();
        projects.require(id, me.scope());
        try {
            projects.unlink(id, householdId, version, me);
            ra.addFlashAttribute("done", "projects.household.unlinked");
        } catch (Refused e) {
            ra.addFlashAttribute("linkError", e.key());
        } catch (StaleVersion e) {
            ra.addFlashAttribute("linkError", "projects.stale");
        }
        return "redirect:/projects/" + id + "#households";
    }

    /** The plan measure a linked household's link backs: the household's 产业帮扶 and 就业帮扶 measures to choose from. */
    @GetMapping("/projects/{id}/households/{householdId}/measure")
    String measure(@PathVariable long id, @PathVariable long householdId, Model model) {
        CurrentUser me = writer();
        Projects.Row p = projects.require(id, me.scope());
        Projects.Linked h = projects.households(id, me.scope()).stream().filter(x -> x.householdId() == householdId)
                .findFirst().orElseThrow(() -> new cn.shouwang.server.access.OutOfScopeException("link " + householdId));
        model.addAttribute("p", p).addAttribute("h", h).addAttribute("measures", measures.eligible(householdId, me))
                .addAttribute("current", measures.measureOf(id, householdId));
        return "projects/measure";
    }

    @PostMapping("/projects/{id}/households/{householdId}/measure")
    String chooseMeasure(@PathVariable long id, @PathVariable long householdId,
                         @RequestParam(required = false) Long measureId, RedirectAttributes ra) {
        CurrentUser me = writer();
        projects.require(id, me.scope());
        try {
            measures.choose(id, householdId, measureId, me);
            ra.addFlashAttribute("done", "projects.measure.saved");
        } catch (Refused e) {
            ra.addFlashAttribute("linkError", e.key());
        }
        return "redirect:/projects/" + id + "#households";
    }
}
