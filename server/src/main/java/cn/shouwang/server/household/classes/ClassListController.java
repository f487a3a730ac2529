package cn.shouwang.server.household.classes;

import cn.shouwang.server.access.BeyondOwnAreaException;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.platform.RefusedInputException;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 系统管理 › 脱贫户分类类别 ({@code /admin/formerly-poor-classes}): the classes in force for the administrator's province,
 * changed by an administrator of the whole province; a city's or county's administrator sees them read-only and every
 * change of theirs is refused with 403. /admin is for administrators only (SecurityConfig); the role is checked again
 * here.
 */
@Controller
@RequestMapping("/admin/formerly-poor-classes")
class ClassListController {
    private static final String PAGE = "household/class-list";
    private static final String EDIT = "household/class-edit";

    private final ClassList list;
    private final AreaApi areas;

    ClassListController(ClassList list, AreaApi areas) {
        this.list = list;
        this.areas = areas;
    }

    /** The names typed into the add or rename form, and the stamp of the list the form was read from. */
    record Names(@Nullable String nameZh, @Nullable String nameEn, @Nullable String stamp) {}

    private static CurrentUser admin() {
        CurrentUser me = CurrentUsers.require();
        if (!me.is(Role.ADMIN)) throw new AccessDeniedException("administrators only");
        return me;
    }

    /** Only an administrator of a whole province changes its list. */
    private static boolean mayEdit(CurrentUser me) {
        return me.scope().level() == 1;
    }

    private static CurrentUser editor() {
        CurrentUser me = admin();
        if (!mayEdit(me)) throw BeyondOwnAreaException.everywhere();
        return me;
    }

    private static String province(CurrentUser me) {
        return me.scope().prefix().substring(0, 2);
    }

    private String page(CurrentUser me, Model model) {
        String p = province(me);
        ClassList.View v = list.view(p);
        model.addAttribute("view", v).addAttribute("mayEdit", mayEdit(me))
                .addAttribute("provinceName", areas.find(p + "0000000000").map(AreaInfo::name).orElse(p));
        if (!model.containsAttribute("names")) model.addAttribute("names", new Names("", "", v.stamp()));
        return PAGE;
    }

    /** The class's name in the reader's language, for the notice after a change. */
    private String nameOf(CurrentUser me, String code) {
        return list.view(province(me)).items().stream().filter(i -> i.code().equals(code))
                .map(i -> i.name(LocaleContextHolder.getLocale())).findFirst().orElse("");
    }

    @GetMapping
    String show(Model model) {
        return page(admin(), model);
    }

    @PostMapping("/own")
    String copy(@RequestParam(required = false) String stamp, RedirectAttributes ra) {
        CurrentUser me = editor();
        try {
            list.copyDefault(me, province(me), stamp);
            ra.addFlashAttribute("done", "classList.copied");
        } catch (ClassList.Stale e) {
            ra.addFlashAttribute("refused", "classList.stale");
        }
        return "redirect:/admin/formerly-poor-classes";
    }

    @PostMapping
    String add(@ModelAttribute("names") Names names, BindingResult binding, Model model, RedirectAttributes ra,
               HttpServletResponse response) {
        CurrentUser me = editor();
        try {
            String code = list.add(me, province(me), names.stamp(), names.nameZh(), names.nameEn());
            ra.addFlashAttribute("doneName", nameOf(me, code));
        } catch (ClassList.Stale e) {
            binding.reject("classList.stale");
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(me, model);
        } catch (RefusedInputException e) {
            e.rejectInto(binding);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            // the stamp stays the one the form was read from: a list changed meanwhile is still refused
            return page(me, model);
        }
        ra.addFlashAttribute("done", "classList.added");
        return "redirect:/admin/formerly-poor-classes";
    }

    @GetMapping("/{code}")
    String edit(@PathVariable String code, Model model) {
        CurrentUser me = editor();
        ClassList.View v = list.view(province(me));
        ClassList.Item it = v.items().stream().filter(i -> i.code().equals(code)).findFirst()
                .orElseThrow(() -> new cn.shouwang.server.access.OutOfScopeException("class"));
        if (!v.own()) return "redirect:/admin/formerly-poor-classes";
        model.addAttribute("item", it).addAttribute("names", new Names(it.nameZh(), it.nameEn(), v.stamp()));
        return EDIT;
    }

    @PostMapping("/{code}")
    String rename(@PathVariable String code, @ModelAttribute("names") Names names, BindingResult binding, Model model,
                  RedirectAttributes ra, HttpServletResponse response) {
        CurrentUser me = editor();
        ClassList.View v = list.view(province(me));
        model.addAttribute("item", v.items().stream().filter(i -> i.code().equals(code)).findFirst()
                .orElseThrow(() -> new cn.shouwang.server.access.OutOfScopeException("class")));
        try {
            list.rename(me, province(me), names.stamp(), code, names.nameZh(), names.nameEn());
        } catch (ClassList.Stale e) {
            binding.reject("classList.stale");
            response.setStatus(HttpStatus.CONFLICT.value());
            return EDIT;
        } catch (RefusedInputException e) {
            e.rejectInto(binding);
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return EDIT;
        }
        ra.addFlashAttribute("done", "classList.renamed");
        return "redirect:/admin/formerly-poor-classes";
    }

    @PostMapping("/{code}/move")
    String move(@PathVariable String code, @RequestParam boolean up, @RequestParam(required = false) String stamp,
                RedirectAttributes ra) {
        CurrentUser me = editor();
        try {
            list.move(me, province(me), stamp, code, up);
            ra.addFlashAttribute("done", "classList.moved");
        } catch (ClassList.Stale e) {
            ra.addFlashAttribute("refused", "classList.stale");
        } catch (RefusedInputException e) {
            ra.addFlashAttribute("refused", e.problems().get(0).code());
        }
        return "redirect:/admin/formerly-poor-classes#class-" + code;
    }

    @PostMapping("/{code}/active")
    String active(@PathVariable String code, @RequestParam boolean active, @RequestParam(required = false) String stamp,
                  RedirectAttributes ra) {
        CurrentUser me = editor();
        try {
            list.setActive(me, province(me), stamp, code, active);
            ra.addFlashAttribute("done", active ? "classList.reactivated" : "classList.deactivated");
            ra.addFlashAttribute("doneName", nameOf(me, code));
        } catch (ClassList.Stale e) {
            ra.addFlashAttribute("refused", "classList.stale");
        } catch (RefusedInputException e) {
            RefusedInputException.Problem p = e.problems().get(0);
            ra.addFlashAttribute("refused", p.code()).addFlashAttribute("refusedArgs", p.args());
        }
        return "redirect:/admin/formerly-poor-classes#class-" + code;
    }
}
