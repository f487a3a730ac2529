package cn.shouwang.server.casework.admin;

import cn.shouwang.core.area.AreaLevel;
import cn.shouwang.screening.rules.Rule;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.casework.ComparisonSetting;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.ConcurrentEditException;
import cn.shouwang.server.casework.shared.StandardChanges;
import cn.shouwang.server.platform.RefusedInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 系统管理 › 比对规则与阈值 ({@code /admin/comparison-settings[/{area}]}): beside 业务参数, the comparison's thresholds and
 * rules and the monitoring categories open for new identifications, for the province or a city or county (a township
 * or village shows its county's), changed as 标准调整 (from a day, why, which document; changes not yet in force are
 * listed as 待生效). Read only where the administrator may not change them.
 */
@Controller
@RequestMapping("/admin/comparison-settings")
class ComparisonSettingsController {
    private final ComparisonSettingsAdmin settings;
    private final CaseworkAdmin admin;
    private final AreaApi areas;
    private final MessageSource messages;
    private final CaseworkSettingsStore config;
    private final StandardWords words;

    ComparisonSettingsController(ComparisonSettingsAdmin settings, CaseworkAdmin admin, AreaApi areas,
                                 MessageSource messages, CaseworkSettingsStore config, StandardWords words) {
        this.settings = settings;
        this.admin = admin;
        this.areas = areas;
        this.messages = messages;
        this.config = config;
        this.words = words;
    }

    private AreaInfo area(String code) {
        if (!code.matches("\\d{12}")) throw new CaseworkAdmin.NotFound();
        AreaInfo a = areas.find(code).orElseThrow(CaseworkAdmin.NotFound::new);
        if (a.level().depth() > AreaLevel.COUNTY.depth()) {
            a = areas.find(code.substring(0, 6) + "000000").orElseThrow(CaseworkAdmin.NotFound::new);
        }
        CurrentUser me = CurrentUsers.require();
        // an administrator sees their own area, what is below it, and the areas above (read only)
        if (!me.scope().covers(a.code()) && !me.scope().areaCode().startsWith(prefix(a.code()))) {
            throw new CaseworkAdmin.NotFound();
        }
        return a;
    }

    private static String prefix(String code) {
        return new cn.shouwang.server.access.AreaScope(code).prefix();
    }

    // a region outside the administrator's view or no region at all: the same 404 page as 业务参数 shows
    @org.springframework.web.bind.annotation.ExceptionHandler(CaseworkAdmin.NotFound.class)
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "error/404";
    }

    @GetMapping
    String mine() {
        return "redirect:/admin/comparison-settings/" + area(CurrentUsers.viewScope().areaCode()).code();
    }

    @GetMapping("/{area}")
    String page(@PathVariable String area, Model model) {
        AreaInfo a = area(area);
        boolean province = a.level() == AreaLevel.PROVINCE;
        Map<String, String> own = settings.own(a.code(), province);
        Map<String, String> typed = new HashMap<>(own);
        Map<String, ComparisonSettingsAdmin.Inherited> inherited = settings.inherited(a, province);
        String off = own.get(ComparisonSetting.RULES_OFF.key());
        String open = own.get(StandardChanges.CATEGORIES_OPEN);
        fill(model, a, province, typed, off != null || province,
                enabled(off != null ? off : inherited.get(ComparisonSetting.RULES_OFF.key()).value()),
                open != null || province,
                new LinkedHashSet<>(StandardChanges.categories(open != null ? open
                        : inherited.get(StandardChanges.CATEGORIES_OPEN).value())),
                new Adjustment(config.today().toString(), "", ""), settings.fingerprint(a.code(), province), Map.of());
        return "admin/casework/comparison-settings";
    }

    /** The 标准调整 part of the form: from when, why, which document. */
    record Adjustment(String effectiveFrom, String reason, String document) {}

    private static Set<String> enabled(String off) {
        Set<String> on = new LinkedHashSet<>();
        Set<Rule> o = ComparisonSetting.rules(off);
        for (Rule r : Rule.values()) if (!o.contains(r)) on.add(r.name());
        return on;
    }

    private void fill(Model model, AreaInfo a, boolean province, Map<String, String> typed, boolean ownRules,
                      Set<String> enabledRules, boolean ownCategories, Set<String> openCategories, Adjustment adjustment,
                      String fingerprint, Map<String, String> errors) {
        CurrentUser me = CurrentUsers.require();
        Map<String, ComparisonSettingsAdmin.Inherited> inherited = settings.inherited(a, province);
        model.addAttribute("area", a);
        model.addAttribute("province", province);
        model.addAttribute("settings", List.of(ComparisonSetting.values()).subList(1, ComparisonSetting.values().length));
        model.addAttribute("typed", typed);
        model.addAttribute("ownRules", ownRules);
        model.addAttribute("enabledRules", enabledRules);
        model.addAttribute("rules", Rule.values());
        model.addAttribute("ownCategories", ownCategories);
        model.addAttribute("openCategories", openCategories);
        model.addAttribute("categories", settings.categories());
        model.addAttribute("inheritedCategories",
                new LinkedHashSet<>(StandardChanges.categories(inherited.get(StandardChanges.CATEGORIES_OPEN).value())));
        model.addAttribute("adjustment", adjustment);
        model.addAttribute("scheduled", scheduled(a, province));
        model.addAttribute("fingerprint", fingerprint);
        model.addAttribute("inherited", inherited);
        model.addAttribute("inheritedOn", enabled(inherited.get(ComparisonSetting.RULES_OFF.key()).value()));
        model.addAttribute("errors", errors);
        model.addAttribute("mayChange", province ? admin.mayChangeEverywhere(me) : me.scope().covers(a.code()));
        model.addAttribute("parentCode", a.parentCode());
    }

    /** A change not yet in force, in words: which standard, its new value, from when, why. */
    record ScheduledView(String standard, String value, java.time.LocalDate effectiveFrom, String reason,
                         String document, String byName) {}

    private List<ScheduledView> scheduled(AreaInfo a, boolean province) {
        return settings.scheduled(a.code(), province).stream()
                .map(c -> new ScheduledView(words.standard(c.name(), null), words.value(c.name(), c.value()),
                        c.effectiveFrom(), String.valueOf(c.reason()), c.document() == null ? "" : c.document(),
                        String.valueOf(c.byName())))
                .toList();
    }

    @PostMapping("/{area}")
    String save(@PathVariable String area, @RequestParam MultiValueMap<String, String> form, Model model,
                RedirectAttributes ra, HttpServletResponse response) {
        AreaInfo a = area(area);
        boolean province = a.level() == AreaLevel.PROVINCE;
        CurrentUser me = CurrentUsers.require();
        Map<String, String> typed = new LinkedHashMap<>();
        for (String k : ComparisonSetting.KEYS) {
            String v = form.getFirst(k);
            if (v != null) typed.put(k, v);
        }
        boolean ownRules = province || "true".equals(form.getFirst("ownRules"));
        List<String> on = form.getOrDefault("enabledRules", List.of());
        boolean ownCategories = province || "true".equals(form.getFirst("ownCategories"));
        List<String> open = form.getOrDefault("openCategories", List.of());
        Adjustment adj = new Adjustment(text(form, "effectiveFrom"), text(form, "reason"), text(form, "document"));
        String fingerprint = String.valueOf(form.getFirst("fingerprint"));
        try {
            int n = settings.save(me, a, province, new ComparisonSettingsAdmin.Form(typed, ownRules, on, ownCategories,
                    open, adj.effectiveFrom(), adj.reason(), adj.document(), fingerprint));
            ra.addFlashAttribute("done", n);
            return "redirect:/admin/comparison-settings/" + a.code();
        } catch (RefusedInputException e) {
            Map<String, String> errors = new HashMap<>();
            for (RefusedInputException.Problem p : e.problems()) {
                errors.putIfAbsent(p.field() == null ? "" : p.field(), messages.getMessage(p, LocaleContextHolder.getLocale()));
            }
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            fill(model, a, province, typed, ownRules, new LinkedHashSet<>(on), ownCategories, new LinkedHashSet<>(open),
                    adj, fingerprint, errors);
            return "admin/casework/comparison-settings";
        } catch (ConcurrentEditException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            fill(model, a, province, typed, ownRules, new LinkedHashSet<>(on), ownCategories, new LinkedHashSet<>(open),
                    adj, fingerprint,
                    Map.of("", messages.getMessage("admin.concurrent", null, LocaleContextHolder.getLocale())));
            return "admin/casework/comparison-settings";
        }
    }

    private static String text(MultiValueMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null ? "" : v;
    }
}
