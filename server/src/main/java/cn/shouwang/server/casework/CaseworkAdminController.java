package cn.shouwang.server.casework;

import cn.shouwang.core.area.AreaLevel;
import cn.shouwang.core.casework.DayCounting;
import cn.shouwang.screening.rules.Rule;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
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
 * closed even if they are ever mapped elsewhere.
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
        for (CaseworkAdmin.Problem p : r.problems) {
            if (p.field() == null) binding.reject(p.key(), p.args(), p.key());
            else binding.rejectValue(p.field(), p.key(), p.args(), p.key());
        }
    }

    // ---- 代码表 -----------------------------------------------------------------------------------------------

    @GetMapping("/codes")
    String codes(Model model) {
        requireAdmin();
        Map<String, List<CaseworkAdmin.CodeRow>> lists = new LinkedHashMap<>();
        for (String k : CaseworkAdmin.KINDS) lists.put(k, admin.codes(k));
        model.addAttribute("lists", lists);
        return "admin/casework/codes";
    }

    @GetMapping("/codes/{kind}/new")
    String newCode(@PathVariable String kind, Model model) {
        requireAdmin();
        if (!CaseworkAdmin.isKind(kind)) throw new CaseworkAdmin.NotFound();
        model.addAttribute("cmd", CaseworkAdminCmd.NewCode.empty(admin.nextSort(kind)));
        model.addAttribute("kind", kind);
        return "admin/casework/code-new";
    }

    @PostMapping("/codes/{kind}")
    String addCode(@PathVariable String kind, @Valid @ModelAttribute("cmd") CaseworkAdminCmd.NewCode cmd,
                   BindingResult binding, Model model, RedirectAttributes ra) {
        CurrentUser me = requireAdmin();
        if (!CaseworkAdmin.isKind(kind)) throw new CaseworkAdmin.NotFound();
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
        requireAdmin();
        CaseworkAdmin.CodeRow row = admin.requireCode(kind, code);
        model.addAttribute("row", row);
        model.addAttribute("cmd", new CaseworkAdminCmd.EditCode(row.nameZh(), row.nameEn(), String.valueOf(row.sort()), row.version()));
        return "admin/casework/code-edit";
    }

    @PostMapping("/codes/{kind}/{code}")
    String saveCode(@PathVariable String kind, @PathVariable String code,
                    @Valid @ModelAttribute("cmd") CaseworkAdminCmd.EditCode cmd, BindingResult binding, Model model,
                    RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser me = requireAdmin();
        model.addAttribute("row", admin.requireCode(kind, code));
        if (binding.hasErrors()) return "admin/casework/code-edit";
        try {
            admin.editCode(me, kind, code, cmd);
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
        try {
            admin.setActive(me, kind, code, active, version);
            ra.addFlashAttribute("done", active ? "admin.code.reactivated" : "admin.code.deactivated");
        } catch (ConcurrentEditException e) {
            ra.addFlashAttribute("refused", "admin.concurrent");
        }
        return "redirect:/admin/codes";
    }

    // ---- 监测标准 ---------------------------------------------------------------------------------------------

    /** A line in the list, with its region's name and level. */
    record LineItem(CaseworkAdmin.LineRow row, String areaName, @Nullable AreaLevel level) {}

    /** The answer to "which line applies here?". */
    record Applied(String areaName, int year, CaseworkSettingsStore.@Nullable AppliedLine line, String sourceName) {}

    private String areaName(String code) {
        return areas.find(code).map(AreaInfo::name).orElse(code);
    }

    @GetMapping("/income-lines")
    String lines(@RequestParam(required = false) Integer year, @RequestParam(required = false) Integer page,
                 @RequestParam(required = false) Integer size, @RequestParam(required = false) String at,
                 @RequestParam(required = false) Integer atYear, Model model) {
        requireAdmin();
        int p = Forms.page(page);
        int s = Forms.size(size);
        int total = admin.countLines(year);
        List<LineItem> items = new ArrayList<>();
        for (CaseworkAdmin.LineRow r : admin.lines(year, p, s)) {
            AreaInfo a = areas.find(r.areaCode()).orElse(null);
            items.add(new LineItem(r, a == null ? r.areaCode() : a.name(), a == null ? null : a.level()));
        }
        int lookupYear = atYear != null ? atYear : config.today().getYear();
        model.addAttribute("items", items).addAttribute("total", total).addAttribute("page", p)
                .addAttribute("size", s).addAttribute("pages", Math.max(1, (total + s - 1) / s))
                .addAttribute("pageSizes", List.of(20, 50, 100)).addAttribute("year", year)
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

    /** The regions an administrator may choose: those above their area, their area, and below it down to counties. */
    private List<AreaInfo> areaChoices(CurrentUser me) {
        List<AreaInfo> out = new ArrayList<>();
        String mine = me.scope().areaCode();
        areas.currentEdition().ifPresent(e -> out.addAll(areas.path(e.id(), mine)));
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
        model.addAttribute("isNew", isNew);
        model.addAttribute("minYear", CaseworkAdmin.FIRST_LINE_YEAR).addAttribute("maxYear", admin.maxLineYear());
        return "admin/casework/income-line-form";
    }

    /** The name of the area whose code is being typed, shown under the field as the administrator types. */
    @GetMapping("/income-lines/area-name")
    String areaNameFragment(@RequestParam(defaultValue = "") String areaCode, Model model) {
        requireAdmin();
        String code = areaCode.strip();
        model.addAttribute("areaName", code.matches("\\d{12}") ? areas.find(code).map(AreaInfo::name).orElse("") : "");
        return "admin/casework/income-line-form :: areaName";
    }

    @GetMapping("/income-lines/new")
    String newLine(@RequestParam(required = false) String area, Model model) {
        CurrentUser me = requireAdmin();
        // the area chosen in the area selector at the top, down to a county (lines are not set per township)
        String selected = CurrentUsers.viewScope().areaCode();
        String code = area != null && area.matches("\\d{12}") ? area
                : CurrentUsers.viewScope().level() <= AreaLevel.COUNTY.depth() ? selected : me.scope().areaCode();
        model.addAttribute("cmd", CaseworkAdminCmd.IncomeLine.empty(code, config.today().getYear()));
        model.addAttribute("areaName", areas.find(code).map(AreaInfo::name).orElse(""));
        return lineForm(me, model, true);
    }

    @PostMapping("/income-lines")
    String addLine(@Valid @ModelAttribute("cmd") CaseworkAdminCmd.IncomeLine cmd, BindingResult binding, Model model,
                   RedirectAttributes ra) {
        CurrentUser me = requireAdmin();
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
        model.addAttribute("cmd", new CaseworkAdminCmd.IncomeLine(row.areaCode(), String.valueOf(row.year()),
                row.line().toPlainString(), row.version()));
        model.addAttribute("areaName", areaName(area));
        return lineForm(me, model, false);
    }

    @PostMapping("/income-lines/{area}/{year}")
    String saveLine(@PathVariable String area, @PathVariable int year,
                    @Valid @ModelAttribute("cmd") CaseworkAdminCmd.IncomeLine cmd, BindingResult binding, Model model,
                    RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser me = requireAdmin();
        admin.line(area, year).orElseThrow(CaseworkAdmin.NotFound::new);
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
        }
        return lineForm(me, model, false);
    }

    // ---- 业务参数 ---------------------------------------------------------------------------------------------

    private String settingsPage(Model model) {
        model.addAttribute("defaults", CaseworkAdmin.policyDefaults());
        model.addAttribute("dayCountings", DayCounting.values());
        model.addAttribute("rules", Rule.values());
        return "admin/casework/settings";
    }

    @GetMapping("/settings")
    String settings(Model model) {
        requireAdmin();
        model.addAttribute("cmd", admin.settingsForm());
        return settingsPage(model);
    }

    @PostMapping("/settings")
    String saveSettings(@Valid @ModelAttribute("cmd") CaseworkAdminCmd.Settings cmd, BindingResult binding, Model model,
                        RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser me = requireAdmin();
        for (CaseworkAdmin.Problem p : CaseworkAdmin.checkSettings(cmd)) {
            if (!binding.hasFieldErrors(p.field())) binding.rejectValue(p.field(), p.key(), p.args(), p.key());
        }
        if (binding.hasErrors()) return settingsPage(model);
        try {
            int changed = admin.saveSettings(me, cmd);
            ra.addFlashAttribute("done", changed == 0 ? "admin.setting.unchanged" : "admin.setting.saved");
        } catch (CaseworkAdmin.Refused r) {
            reject(binding, r);
            return settingsPage(model);
        } catch (ConcurrentEditException e) {
            binding.reject("admin.concurrent");
            response.setStatus(HttpStatus.CONFLICT.value());
            return settingsPage(model);
        }
        return "redirect:/admin/settings";
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
