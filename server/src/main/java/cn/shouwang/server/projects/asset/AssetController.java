package cn.shouwang.server.projects.asset;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.projects.Pages;
import cn.shouwang.server.projects.ProjectsAccess;
import cn.shouwang.server.projects.Refused;
import cn.shouwang.server.projects.StaleVersion;
import cn.shouwang.server.projects.dividend.DividendCmd;
import cn.shouwang.server.projects.dividend.Dividends;
import cn.shouwang.server.projects.project.Projects;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.Arrays;
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
 * 帮扶资产 ({@code /projects/assets}): the assets of the area in view, filters, paging, 导出Excel; an asset's page with
 * its dividends and the form that records one for a household linked to its project.
 */
@Controller("projectAssetController")
class AssetController {
    private final Assets assets;
    private final Projects projects;
    private final Dividends dividends;
    private final HouseholdApi households;
    private final Pages pages;
    private final AuditApi audit;

    AssetController(Assets assets, Projects projects, Dividends dividends, HouseholdApi households, Pages pages,
                    AuditApi audit) {
        this.assets = assets;
        this.projects = projects;
        this.dividends = dividends;
        this.households = households;
        this.pages = pages;
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

    @GetMapping("/projects/assets")
    String list(@RequestParam(required = false) String area, @RequestParam(required = false) String kind,
                @RequestParam(required = false) String owner, @RequestParam(required = false) String q,
                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size, Model model) {
        reader();
        AreaScope a = CurrentUsers.areaInView(area);
        Assets.Filter f = new Assets.Filter(code(AssetKind.class, kind), code(OwnerType.class, owner), q);
        int p = Paging.page(page), z = Paging.size(size);
        Paging.toModel(model, p, z, assets.count(f, a));
        List<Assets.Row> rows = assets.list(f, a, p, z);
        BigDecimalPair t = new BigDecimalPair(assets.totals(f, a));
        model.addAttribute("rows", rows)
                .addAttribute("names", pages.shortNames(rows.stream().map(Assets.Row::areaCode).toList()))
                .addAttribute("totals", t)
                .addAttribute("areaName", pages.name(a.areaCode()))
                .addAttribute("area", area == null || area.isBlank() ? null : a.areaCode())
                .addAttribute("kind", f.kind()).addAttribute("owner", f.ownerType()).addAttribute("q", q)
                .addAttribute("kinds", AssetKind.values()).addAttribute("owners", OwnerType.values());
        return "projects/assets";
    }

    /** The totals of the list: value and yearly income. */
    record BigDecimalPair(java.math.BigDecimal value, java.math.BigDecimal income) {
        BigDecimalPair(java.math.BigDecimal[] v) {
            this(v[0], v[1]);
        }
    }

    @GetMapping("/projects/assets/export")
    void export(@RequestParam(required = false) String area, @RequestParam(required = false) String kind,
                @RequestParam(required = false) String owner, @RequestParam(required = false) String q,
                HttpServletResponse response) throws IOException {
        reader();
        AreaScope a = CurrentUsers.areaInView(area);
        Assets.Filter f = new Assets.Filter(code(AssetKind.class, kind), code(OwnerType.class, owner), q);
        List<Assets.Row> rows = assets.list(f, a, 1, 0);
        Map<String, String> names = pages.shortNames(rows.stream().map(Assets.Row::areaCode).toList());
        audit.record(AuditAction.EXPORT, null, null, a.areaCode(), List.of(), "project assets"
                + (f.kind() == null ? "" : " kind=" + f.kind()) + (f.ownerType() == null ? "" : " owner=" + f.ownerType()));
        pages.xlsx(response, a.areaCode(), "projects.assets.export.title", List.of(
                pages.condition("projects.col.kind", f.kind() == null ? null : pages.msg("projects.asset.kind." + f.kind())),
                pages.condition("projects.col.owner", f.ownerType() == null ? null : pages.msg("projects.asset.owner." + f.ownerType())),
                new Object[] {pages.msg("xlsx.search"), f.q()}), List.of(pages.msg("projects.col.assetName"),
                pages.msg("projects.col.kind"), pages.msg("projects.col.owner"), pages.msg("projects.col.area"),
                pages.msg("projects.col.value"), pages.msg("projects.col.yearlyIncome"), pages.msg("projects.col.managedBy"),
                pages.msg("projects.col.project")), sink -> {
            for (Assets.Row r : rows) {
                sink.accept(Arrays.asList(r.name(), pages.msg("projects.asset.kind." + r.kind()),
                        pages.msg("projects.asset.owner." + r.ownerType()) + (r.ownerName().isBlank() ? "" : " " + r.ownerName()),
                        names.get(r.areaCode()), r.value(), r.yearlyIncome(), r.managedBy(), r.projectName()));
            }
        });
    }

    private String form(Model model, Projects.Row project, @Nullable Long assetId) {
        model.addAttribute("project", project).addAttribute("assetId", assetId)
                .addAttribute("kinds", AssetKind.values()).addAttribute("owners", OwnerType.values())
                .addAttribute("areaChoices", pages.areaChoices().stream()
                        .filter(c -> new AreaScope(project.areaCode()).covers(c.code())).toList());
        return "projects/asset-form";
    }

    @GetMapping("/projects/{projectId}/assets/new")
    String newAsset(@PathVariable long projectId, Model model) {
        CurrentUser me = writer();
        Projects.Row p = projects.require(projectId, me.scope());
        model.addAttribute("cmd", new AssetCmd("", null, null, "", p.areaCode(), null, null, "", null));
        return form(model, p, null);
    }

    @PostMapping("/projects/{projectId}/assets")
    String create(@PathVariable long projectId, @Valid @ModelAttribute("cmd") AssetCmd cmd, BindingResult br, Model model) {
        CurrentUser me = writer();
        Projects.Row p = projects.require(projectId, me.scope());
        if (!br.hasErrors()) {
            try {
                return "redirect:/projects/assets/" + assets.create(projectId, cmd, me);
            } catch (Refused e) {
                pages.reject(br, e);
            }
        }
        return form(model, p, null);
    }

    @GetMapping("/projects/assets/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        CurrentUser me = writer();
        Assets.Row a = assets.require(id, me.scope());
        model.addAttribute("cmd", new AssetCmd(a.name(), a.kind(), a.ownerType(), a.ownerName(), a.areaCode(), a.value(),
                a.yearlyIncome(), a.managedBy(), a.version()));
        return form(model, projects.require(a.projectId(), me.scope()), id);
    }

    @PostMapping("/projects/assets/{id}")
    String update(@PathVariable long id, @Valid @ModelAttribute("cmd") AssetCmd cmd, BindingResult br, Model model,
                  HttpServletResponse response) {
        CurrentUser me = writer();
        Assets.Row a = assets.require(id, me.scope());
        if (!br.hasErrors()) {
            try {
                assets.update(id, cmd, me);
                return "redirect:/projects/assets/" + id;
            } catch (Refused e) {
                pages.reject(br, e);
            } catch (StaleVersion e) {
                br.reject("projects.stale");
                response.setStatus(409);
            }
        }
        return form(model, projects.require(a.projectId(), me.scope()), id);
    }

    @GetMapping("/projects/assets/{id}")
    String detail(@PathVariable long id, Model model) {
        CurrentUser me = reader();
        Assets.Row a = assets.require(id, me.scope());
        if (!model.containsAttribute("dividend")) {
            model.addAttribute("dividend", new DividendCmd(null, String.valueOf(pages.today().getYear()), null, null,
                    pages.today()));
        }
        return page(a, me, model);
    }

    private String page(Assets.Row a, CurrentUser me, Model model) {
        Dividends.Filter f = new Dividends.Filter(null, false, a.id());
        List<Dividends.Row> rows = dividends.list(f, me.scope(), 1, 0);
        model.addAttribute("a", a).addAttribute("areaName", pages.name(a.areaCode()))
                .addAttribute("rows", rows)
                .addAttribute("refs", households.refs(rows.stream().map(Dividends.Row::householdId).toList(), me.scope()))
                .addAttribute("totals", dividends.totals(f, me.scope()))
                .addAttribute("linked", projects.households(a.projectId(), me.scope()))
                .addAttribute("today", pages.today())
                .addAttribute("mayWrite", ProjectsAccess.mayWrite(me));
        return "projects/asset";
    }

    @PostMapping("/projects/assets/{id}/dividends")
    String record(@PathVariable long id, @Valid @ModelAttribute("dividend") DividendCmd cmd, BindingResult br,
                  Model model, RedirectAttributes ra) {
        CurrentUser me = writer();
        Assets.Row a = assets.require(id, me.scope());
        if (!br.hasErrors()) {
            try {
                dividends.record(id, cmd, me);
                ra.addFlashAttribute("done", "projects.dividend.recorded");
                return "redirect:/projects/assets/" + id + "#dividends";
            } catch (Refused e) {
                pages.reject(br, e);
            }
        }
        return page(a, me, model);
    }
}
