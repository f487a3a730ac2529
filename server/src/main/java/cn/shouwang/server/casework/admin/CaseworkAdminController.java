package cn.shouwang.server.casework.admin;

import cn.shouwang.core.area.AreaLevel;
import cn.shouwang.core.casework.CaseworkSettings;
import cn.shouwang.core.casework.DayCounting;
import cn.shouwang.screening.rules.Rule;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.CodeKind;
import cn.shouwang.server.casework.shared.ConcurrentEditException;
import cn.shouwang.server.casework.shared.Forms;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 系统管理 › 代码表, 监测标准, 业务参数: administrators keep the casework code lists, income lines and settings.
 * The /admin URL space is ADMIN-only in SecurityConfig; each handler checks the role again, so the pages stay
 * closed even if they are ever mapped elsewhere. What an administrator may change depends on their area (see
 * {@link CaseworkAdmin}): the pages show the rest read-only, and every form and save beyond it is refused with 403.
 */
@Controller
@RequestMapping("/admin")
class CaseworkAdminController {
    private final CaseworkAdmin admin;
    private final CaseworkSettingsStore config;
    private final AreaApi areas;
    private final AreaContacts contacts;

    CaseworkAdminController(CaseworkAdmin admin, CaseworkSettingsStore config, AreaApi areas, AreaContacts contacts) {
        this.admin = admin;
        this.config = config;
        this.areas = areas;
        this.contacts = contacts;
    }

    private static CurrentUser requireAdmin() {
        CurrentUser me = CurrentUsers.require();
        if (!me.is(Role.ADMIN)) throw new AccessDeniedException("administrators only");
        return me;
    }

    private static void reject(BindingResult binding, CaseworkAdmin.Refused r) {
        r.rejectInto(binding);
    }

    // ---- 代码表 -----------------------------------------------------------------------------------------------

    @GetMapping("/codes")
    String codes(Model model) {
        requireAdmin();
        Map<CodeKind, List<CaseworkAdmin.CodeRow>> lists = new LinkedHashMap<>();
        for (CodeKind k : CodeKind.values()) lists.put(k, admin.codes(k));
        model.addAttribute("lists", lists);
        model.addAttribute("mayChange", admin.mayChangeEverywhere(CurrentUsers.require()));
        return "admin/casework/codes";
    }

    @GetMapping("/codes/{kind}/new")
    String newCode(@PathVariable("kind") String name, Model model) {
        admin.requireEverywhere(requireAdmin());
        CodeKind kind = CaseworkAdmin.kind(name);
        model.addAttribute("cmd", CaseworkAdminCmd.NewCode.empty(admin.nextSort(kind)));
        model.addAttribute("kind", kind);
        return "admin/casework/code-new";
    }

    @PostMapping("/codes/{kind}")
    String addCode(@PathVariable("kind") String name, @Valid @ModelAttribute("cmd") CaseworkAdminCmd.NewCode cmd,
                   BindingResult binding, Model model, RedirectAttributes ra) {
        CurrentUser me = requireAdmin();
        admin.requireEverywhere(me);
        CodeKind kind = CaseworkAdmin.kind(name);
        model.addAttribute("kind", kind);
        if (binding.hasErrors()) return "admin/casework/code-new";
        try {
            admin.addCode(me, kind, cmd);
        } catch (CaseworkAdmin.Refused r) {
            reject(binding, r);
            return "admin/casework/code-new";
        }
        ra.addFlashAttribute("done", "admin.code.added");
        return "redirect:/admin/codes";
    }

    @GetMapping("/codes/{kind}/{code}")
    String editCode(@PathVariable String kind, @PathVariable String code, Model model) {
        admin.requireEverywhere(requireAdmin());
        CaseworkAdmin.CodeRow row = admin.requireCode(CaseworkAdmin.kind(kind), code);
        model.addAttribute("row", row);
        model.addAttribute("cmd", new CaseworkAdminCmd.EditCode(row.nameZh(), row.nameEn(), String.valueOf(row.sort()), row.version()));
        return "admin/casework/code-edit";
    }

    @PostMapping("/codes/{kind}/{code}")
    String saveCode(@PathVariable String kind, @PathVariable String code,
                    @Valid @ModelAttribute("cmd") CaseworkAdminCmd.EditCode cmd, BindingResult binding, Model model,
                    RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser me = requireAdmin();
        admin.requireEverywhere(me);
        model.addAttribute("row", admin.requireCode(CaseworkAdmin.kind(kind), code));
        if (binding.hasErrors()) return "admin/casework/code-edit";
        try {
            admin.editCode(me, CaseworkAdmin.kind(kind), code, cmd);
        } catch (ConcurrentEditException e) {
            binding.reject("admin.concurrent");
            response.setStatus(HttpStatus.CONFLICT.value());
            return "admin/casework/code-edit";
        }
        ra.addFlashAttribute("done", "admin.code.saved");
        return "redirect:/admin/codes";
    }

    @PostMapping("/codes/{kind}/{code}/active")
    String setActive(@PathVariable String kind, @PathVariable String code, @RequestParam boolean active,
                     @RequestParam int version, RedirectAttributes ra) {
        CurrentUser me = requireAdmin();
        admin.requireEverywhere(me);
        try {
            admin.setActive(me, CaseworkAdmin.kind(kind), code, active, version);
            ra.addFlashAttribute("done", active ? "admin.code.reactivated" : "admin.code.deactivated");
        } catch (ConcurrentEditException e) {
            ra.addFlashAttribute("refused", "admin.concurrent");
        }
        return "redirect:/admin/codes";
    }

    // ---- 监测标准 ---------------------------------------------------------------------------------------------

    /** A line in the list, with its region's name and level, and whether this administrator may change it. */
    record LineItem(CaseworkAdmin.LineRow row, String areaName, @Nullable AreaLevel level, boolean mayChange) {}

    /** The answer to "which line applies here?". */
    record Applied(String areaName, int year, CaseworkSettingsStore.@Nullable AppliedLine line, String sourceName) {}

    private String areaName(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    @GetMapping("/income-lines")
    String lines(@RequestParam(required = false) Integer year, @RequestParam(required = false) Integer page,
                 @RequestParam(required = false) Integer size, @RequestParam(required = false) String at,
                 @RequestParam(required = false) Integer atYear, Model model) {
        CurrentUser me = requireAdmin();
        int p = Forms.page(page);
        int s = Forms.size(size);
        int total = admin.countLines(year);
        List<LineItem> items = new ArrayList<>();
        for (CaseworkAdmin.LineRow r : admin.lines(year, p, s)) {
            AreaInfo a = areas.find(r.areaCode()).orElse(null);
            items.add(new LineItem(r, a == null ? r.areaCode() : a.name(), a == null ? null : a.level(),
                    me.scope().covers(r.areaCode())));
        }
        int lookupYear = atYear != null ? atYear : config.today().getYear();
        Forms.paging(model, p, s, total);
        model.addAttribute("items", items).addAttribute("year", year)
                .addAttribute("years", admin.lineYears()).addAttribute("at", at).addAttribute("atYear", lookupYear);
        if (at != null && !at.isBlank()) {
            String code = at.strip();
            if (code.matches("\\d{12}") && areas.find(code).isPresent()) {
                CaseworkSettingsStore.AppliedLine l = config.applicableLines(code).get(lookupYear);
                model.addAttribute("applied", new Applied(areaName(code), lookupYear, l,
                        l == null ? "" : areaName(l.areaCode())));
            } else {
                model.addAttribute("atError", "admin.line.area.unknown");
            }
        }
        return "admin/casework/income-lines";
    }

    /**
     * The regions an administrator may choose: their own area and below it down to counties (a line above their
     * area applies to places outside it too).
     */
    private List<AreaInfo> areaChoices(CurrentUser me) {
        List<AreaInfo> out = new ArrayList<>();
        String mine = me.scope().areaCode();
        areas.find(mine).filter(a -> a.level().depth() <= AreaLevel.COUNTY.depth()).ifPresent(out::add);
        if (me.scope().level() < AreaLevel.COUNTY.depth()) below(mine, out);
        return out;
    }

    private void below(String code, List<AreaInfo> out) {
        for (AreaInfo c : areas.children(code)) {
            if (c.level().depth() > AreaLevel.COUNTY.depth()) return;
            out.add(c);
            below(c.code(), out);
        }
    }

    private String lineForm(CurrentUser me, Model model, boolean isNew) {
        model.addAttribute("areaChoices", areaChoices(me));
        if (!isNew && model.getAttribute("cmd") instanceof CaseworkAdminCmd.IncomeLine cmd && cmd.areaCode() != null
                && cmd.year() != null && cmd.area().matches("\\d{12}") && cmd.year().strip().matches("\\d{4}")) {
            model.addAttribute("history", admin.lineHistory(cmd.area(), Integer.parseInt(cmd.year().strip())));
        }
        if (!isNew && model.getAttribute("cmd") instanceof CaseworkAdminCmd.IncomeLine cmd && cmd.areaCode() != null) {
            model.addAttribute("areaName", areas.find(cmd.area()).map(AreaInfo::name).orElse(cmd.area()));
        }
        model.addAttribute("isNew", isNew);
        model.addAttribute("minYear", CaseworkAdmin.FIRST_LINE_YEAR).addAttribute("maxYear", admin.maxLineYear());
        return "admin/casework/income-line-form";
    }

    @GetMapping("/income-lines/new")
    String newLine(@RequestParam(required = false) String area, Model model) {
        CurrentUser me = requireAdmin();
        // the area chosen in the area selector at the top, down to a county (lines are not set per township)
        String selected = CurrentUsers.viewScope().areaCode();
        String code = area != null && area.matches("\\d{12}") && me.scope().covers(area) ? area
                : CurrentUsers.viewScope().level() <= AreaLevel.COUNTY.depth() ? selected : me.scope().areaCode();
        model.addAttribute("cmd", CaseworkAdminCmd.IncomeLine.empty(code, config.today().getYear(), config.today()));
        model.addAttribute("areaName", areas.find(code).map(AreaInfo::name).orElse(""));
        return lineForm(me, model, true);
    }

    @PostMapping("/income-lines")
    String addLine(@Valid @ModelAttribute("cmd") CaseworkAdminCmd.IncomeLine cmd, BindingResult binding, Model model,
                   RedirectAttributes ra) {
        CurrentUser me = requireAdmin();
        if (cmd.areaCode() != null && cmd.area().matches("\\d{12}")) admin.requireCovers(me, cmd.area());
        model.addAttribute("areaName", cmd.areaCode() == null ? "" : areas.find(cmd.area()).map(AreaInfo::name).orElse(""));
        if (!binding.hasErrors()) {
            try {
                admin.addLine(me, cmd);
                ra.addFlashAttribute("done", "admin.line.added");
                return "redirect:/admin/income-lines";
            } catch (CaseworkAdmin.Refused r) {
                reject(binding, r);
            }
        } else {
            // also the checks Bean Validation cannot make, so every problem shows at once
            for (CaseworkAdmin.Problem p : admin.checkLine(me, cmd)) {
                if (!binding.hasFieldErrors(p.field())) binding.rejectValue(p.field(), p.key(), p.args(), p.key());
            }
        }
        return lineForm(me, model, true);
    }

    @GetMapping("/income-lines/{area}/{year}")
    String editLine(@PathVariable String area, @PathVariable int year, Model model) {
        CurrentUser me = requireAdmin();
        CaseworkAdmin.LineRow row = admin.line(area, year).orElseThrow(CaseworkAdmin.NotFound::new);
        admin.requireCovers(me, area);
        // a change is a new record: the figure as it stands, a new effective day and reason to fill in
        model.addAttribute("cmd", new CaseworkAdminCmd.IncomeLine(row.areaCode(), String.valueOf(row.year()),
                row.line().toPlainString(), config.today().toString(), "", "", row.version()));
        model.addAttribute("areaName", areaName(area));
        return lineForm(me, model, false);
    }

    @PostMapping("/income-lines/{area}/{year}")
    String saveLine(@PathVariable String area, @PathVariable int year,
                    @Valid @ModelAttribute("cmd") CaseworkAdminCmd.IncomeLine cmd, BindingResult binding, Model model,
                    RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser me = requireAdmin();
        admin.line(area, year).orElseThrow(CaseworkAdmin.NotFound::new);
        admin.requireCovers(me, area);
        model.addAttribute("areaName", areaName(area));
        if (!binding.hasErrors()) {
            try {
                admin.editLine(me, area, year, cmd);
                ra.addFlashAttribute("done", "admin.line.saved");
                return "redirect:/admin/income-lines";
            } catch (CaseworkAdmin.Refused r) {
                reject(binding, r);
            } catch (ConcurrentEditException e) {
                binding.reject("admin.concurrent");
                response.setStatus(HttpStatus.CONFLICT.value());
            }
        } else {
            // also the checks Bean Validation cannot make, so every problem shows at once
            for (CaseworkAdmin.Problem p : admin.checkLine(me, cmd)) {
                if (!binding.hasFieldErrors(p.field())) binding.rejectValue(p.field(), p.key(), p.args(), p.key());
            }
        }
        return lineForm(me, model, false);
    }

    // ---- 业务参数 ---------------------------------------------------------------------------------------------

    /** A value an area inherits when it leaves a field blank, and the area it comes from. */
    record Inherited(String value, String from) {}

    /** A city or county below the area shown, and how many settings it sets for itself. */
    record Below(AreaInfo area, int own) {}

    private static final Map<String, String> FIELD_NAMES = new LinkedHashMap<>();

    static {
        FIELD_NAMES.put("leadDeadlineDays", "lead_deadline_days");
        FIELD_NAMES.put("minNoticeDays", "min_notice_days");
        FIELD_NAMES.put("eliminationMinMonths", "elimination_min_months");
        FIELD_NAMES.put("stableIncomeMonths", "stable_income_months");
        FIELD_NAMES.put("minIncomeChecks", "min_income_checks");
        FIELD_NAMES.put("autoIntakeRules", "auto_intake_rules");
        FIELD_NAMES.put("recheckMonths", "recheck_months");
    }

    /** The name of the province-wide level: the province of the area (吉林省). */
    private String provinceName(String code) {
        String province = code.substring(0, 2) + "0000000000";
        return areas.find(province).map(AreaInfo::name).orElse(province);
    }

    /** The settings page of an area: the province (province-wide values) or a city or county (its own values). */
    private AreaInfo settingsArea(String code) {
        if (!code.matches("\\d{12}")) throw new CaseworkAdmin.NotFound();
        AreaInfo a = areas.find(code).orElseThrow(CaseworkAdmin.NotFound::new);
        if (a.level().depth() > AreaLevel.COUNTY.depth()) {
            // settings are set per city or county: a township or village shows its county's
            a = areas.find(code.substring(0, 6) + "000000").orElseThrow(CaseworkAdmin.NotFound::new);
        }
        return a;
    }

    private List<Below> below(AreaInfo a) {
        Map<String, Integer> own = new java.util.HashMap<>();
        config.ownCounts().forEach(own::put);
        List<Below> out = new ArrayList<>();
        if (a.level().depth() >= AreaLevel.COUNTY.depth()) return out;
        for (AreaInfo c : areas.children(a.code())) out.add(new Below(c, own.getOrDefault(c.code(), 0)));
        return out;
    }

    private String settingsPage(CurrentUser me, AreaInfo a, Model model) {
        boolean province = a.level() == AreaLevel.PROVINCE;
        model.addAttribute("area", a);
        model.addAttribute("below", below(a));
        // the way up: the areas above whose settings this administrator may open
        List<AreaInfo> path = new ArrayList<>();
        for (AreaInfo up : areas.path(a.editionId(), a.code())) {
            if (up.level() == AreaLevel.PROVINCE ? admin.mayChangeEverywhere(me) : me.scope().covers(up.code())) path.add(up);
        }
        model.addAttribute("path", path);
        model.addAttribute("mayChangeEverywhere", admin.mayChangeEverywhere(me));
        model.addAttribute("provinceName", provinceName(a.code()));
        model.addAttribute("defaults", CaseworkAdmin.policyDefaults());
        model.addAttribute("dayCountings", DayCounting.values());
        model.addAttribute("rules", Rule.values());
        if (province) return "admin/casework/settings";
        // what the area inherits where it sets nothing itself: the parent's values in force and where they are set
        Map<String, String> global = config.global();
        Map<String, CaseworkSettingsStore.InForce> parent = config.inForce(a.parentCode() == null ? a.code()
                : a.parentCode(), global, null, null);
        Map<String, Inherited> inherited = new LinkedHashMap<>();
        FIELD_NAMES.forEach((field, name) -> {
            CaseworkSettingsStore.InForce f = parent.get(name);
            String value = f == null ? "" : f.value();
            if (f == null && CaseworkAdmin.policyDefaults().containsKey(field)) value = CaseworkAdmin.policyDefaults().get(field);
            inherited.put(field, new Inherited(value, f == null || f.areaCode() == null ? provinceName(a.code())
                    : areas.find(f.areaCode()).map(AreaInfo::name).orElse(f.areaCode())));
        });
        model.addAttribute("inherited", inherited);
        CaseworkSettings g = CaseworkSettingsStore.of(global);
        model.addAttribute("global", g);
        model.addAttribute("holidays", String.join(", ", csv(global.get("holidays"))));
        model.addAttribute("makeUpWorkingDays", String.join(", ", csv(global.get("make_up_working_days"))));
        model.addAttribute("inheritedRules", csv(inherited.get("autoIntakeRules").value()));
        model.addAttribute("mayChange", me.scope().covers(a.code()));
        return "admin/casework/settings-area";
    }

    private static List<String> csv(@Nullable String s) {
        if (s == null || s.isBlank()) return List.of();
        return java.util.Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /**
     * The settings of the area chosen at the top (or {@code area}): the province-wide page for an administrator of
     * the whole province, else the city's or county's own. Another area's page named explicitly is refused (403)
     * unless the administrator may change it; an administrator of a township or village sees their county's read-only.
     */
    @GetMapping("/settings")
    String settings(@RequestParam(required = false) String area, Model model) {
        CurrentUser me = requireAdmin();
        if (area != null && !area.isBlank()) return settingsOf(area.strip(), model);
        AreaInfo a = settingsArea(CurrentUsers.viewScope().areaCode());
        if (a.level() == AreaLevel.PROVINCE) admin.requireEverywhere(me);
        if (!model.containsAttribute("cmd")) {
            model.addAttribute("cmd", a.level() == AreaLevel.PROVINCE ? admin.settingsForm() : admin.areaSettingsForm(a.code()));
        }
        return settingsPage(me, a, model);
    }

    @GetMapping("/settings/{area}")
    String settingsOf(@PathVariable String area, Model model) {
        CurrentUser me = requireAdmin();
        AreaInfo a = settingsArea(area);
        if (a.level() == AreaLevel.PROVINCE) admin.requireEverywhere(me);
        else admin.requireCovers(me, a.code());
        model.addAttribute("cmd", a.level() == AreaLevel.PROVINCE ? admin.settingsForm() : admin.areaSettingsForm(a.code()));
        return settingsPage(me, a, model);
    }

    /** The province-wide settings: only an administrator of the whole province. */
    @PostMapping("/settings")
    String saveSettings(@Valid @ModelAttribute("cmd") CaseworkAdminCmd.Settings cmd, BindingResult binding, Model model,
                        RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser me = requireAdmin();
        admin.requireEverywhere(me);
        AreaInfo province = settingsArea(me.scope().areaCode());
        for (CaseworkAdmin.Problem p : CaseworkAdmin.checkSettings(cmd)) {
            if (!binding.hasFieldErrors(p.field())) binding.rejectValue(p.field(), p.key(), p.args(), p.key());
        }
        if (binding.hasErrors()) return settingsPage(me, province, model);
        try {
            int changed = admin.saveSettings(me, cmd);
            ra.addFlashAttribute("done", changed == 0 ? "admin.setting.unchanged" : "admin.setting.saved");
        } catch (CaseworkAdmin.Refused r) {
            reject(binding, r);
            return settingsPage(me, province, model);
        } catch (ConcurrentEditException e) {
            binding.reject("admin.concurrent");
            response.setStatus(HttpStatus.CONFLICT.value());
            return settingsPage(me, province, model);
        }
        return "redirect:/admin/settings?area=" + province.code();
    }

    /** A city's or county's own settings: only an administrator whose area covers it. */
    @PostMapping("/settings/{area}")
    String saveAreaSettings(@PathVariable String area, @Valid @ModelAttribute("cmd") CaseworkAdminCmd.AreaSettings cmd,
                            BindingResult binding, Model model, RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser me = requireAdmin();
        if (!area.matches("\\d{12}")) throw new CaseworkAdmin.NotFound();
        admin.requireCovers(me, area);
        AreaInfo a = areas.find(area).orElseThrow(CaseworkAdmin.NotFound::new);
        if (a.level() != AreaLevel.CITY && a.level() != AreaLevel.COUNTY) throw new CaseworkAdmin.NotFound();
        for (CaseworkAdmin.Problem p : CaseworkAdmin.checkAreaSettings(cmd)) {
            if (!binding.hasFieldErrors(p.field())) binding.rejectValue(p.field(), p.key(), p.args(), p.key());
        }
        if (binding.hasErrors()) return settingsPage(me, a, model);
        try {
            int changed = admin.saveAreaSettings(me, area, cmd);
            ra.addFlashAttribute("done", changed == 0 ? "admin.setting.unchanged" : "admin.setting.savedArea");
        } catch (CaseworkAdmin.Refused r) {
            reject(binding, r);
            return settingsPage(me, a, model);
        } catch (ConcurrentEditException e) {
            binding.reject("admin.concurrent");
            response.setStatus(HttpStatus.CONFLICT.value());
            return settingsPage(me, a, model);
        }
        return "redirect:/admin/settings/" + area;
    }

    // ---- 办公电话 ---------------------------------------------------------------------------------------------

    /** An area in the office-phone list: its phone if set, whether it takes one (township, village) and has children. */
    record ContactItem(AreaInfo area, AreaContacts.@Nullable Contact contact, boolean takesPhone, boolean hasChildren) {}

    private static boolean takesPhone(AreaInfo a) {
        return a.level() == AreaLevel.TOWNSHIP || a.level() == AreaLevel.VILLAGE;
    }

    /** An area inside the administrator's own scope, or 404 (an area outside it is not theirs to see). */
    private AreaInfo contactArea(CurrentUser me, String code) {
        if (!code.matches("\\d{12}") || !me.scope().covers(code)) throw new CaseworkAdmin.NotFound();
        return areas.find(code).orElseThrow(CaseworkAdmin.NotFound::new);
    }

    /**
     * The office phones of an area's townships or villages, walking down from the area chosen at the top (or
     * {@code area}); only townships and villages carry a phone.
     */
    @GetMapping("/area-contacts")
    String contacts(@RequestParam(required = false) String area, Model model) {
        CurrentUser me = requireAdmin();
        String code = area != null && !area.isBlank() ? area.strip() : CurrentUsers.viewScope().areaCode();
        if (!me.scope().covers(code)) code = me.scope().areaCode();
        AreaInfo here = contactArea(me, code);
        List<AreaInfo> shown = new ArrayList<>();
        if (takesPhone(here)) shown.add(here);
        if (here.level() != AreaLevel.VILLAGE) shown.addAll(areas.children(code));
        Map<String, AreaContacts.Contact> phones = contacts.of(shown.stream().map(AreaInfo::code).toList());
        List<ContactItem> items = new ArrayList<>();
        for (AreaInfo a : shown) {
            items.add(new ContactItem(a, phones.get(a.code()), takesPhone(a),
                    a != here && a.level() != AreaLevel.VILLAGE));
        }
        List<AreaInfo> path = new ArrayList<>();
        for (AreaInfo p : areas.path(here.editionId(), code)) if (me.scope().covers(p.code())) path.add(p);
        model.addAttribute("here", here).addAttribute("items", items).addAttribute("path", path)
                .addAttribute("missing", items.stream().filter(i -> i.takesPhone() && i.contact() == null).count());
        return "admin/casework/area-contacts";
    }

    @GetMapping("/area-contacts/{code}")
    String editContact(@PathVariable String code, Model model) {
        CurrentUser me = requireAdmin();
        AreaInfo a = contactArea(me, code);
        if (!takesPhone(a)) throw new CaseworkAdmin.NotFound();
        AreaContacts.Contact c = contacts.find(code).orElse(null);
        model.addAttribute("area", a);
        model.addAttribute("cmd", new CaseworkAdminCmd.OfficePhone(c == null ? "" : c.officePhone(),
                c == null ? null : c.version()));
        return "admin/casework/area-contact-form";
    }

    @PostMapping("/area-contacts/{code}")
    String saveContact(@PathVariable String code, @Valid @ModelAttribute("cmd") CaseworkAdminCmd.OfficePhone cmd,
                       BindingResult binding, Model model, RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser me = requireAdmin();
        AreaInfo a = contactArea(me, code);
        if (!takesPhone(a)) throw new CaseworkAdmin.NotFound();
        model.addAttribute("area", a);
        if (binding.hasErrors()) return "admin/casework/area-contact-form";
        try {
            contacts.save(me, code, cmd);
        } catch (ConcurrentEditException e) {
            binding.reject("admin.concurrent");
            response.setStatus(HttpStatus.CONFLICT.value());
            return "admin/casework/area-contact-form";
        }
        ra.addFlashAttribute("done", "admin.contact.saved");
        return "redirect:/admin/area-contacts?area=" + (a.level() == AreaLevel.VILLAGE ? code.substring(0, 9) + "000" : code);
    }

    @ExceptionHandler(CaseworkAdmin.NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "error/404";
    }
}
