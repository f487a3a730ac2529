package cn.shouwang.server.access;

import cn.shouwang.server.platform.Paging;
import jakarta.validation.Valid;
import java.util.HashMap;
import java.util.Map;
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

/** 系统管理 › 账号管理: administrators manage the accounts of their own area (the URL space is ADMIN-only). */
@Controller
@RequestMapping("/admin/accounts")
class AccountAdminController {
    private final AccountAdmin admin;

    AccountAdminController(AccountAdmin admin) {
        this.admin = admin;
    }

    @ModelAttribute("departments")
    Department[] departments() {
        return Department.values();
    }

    @ModelAttribute("roles")
    Role[] roles() {
        return Role.values();
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
                @RequestParam(defaultValue = "20") int size, Model model) {
        int pageSize = Paging.size(size);
        AccountAdmin.Page result = admin.list(CurrentUsers.require(), q, page, pageSize);
        Map<String, String> areaNames = new HashMap<>();
        result.items().forEach(a -> areaNames.computeIfAbsent(a.areaCode(), admin::areaName));
        model.addAttribute("q", q).addAttribute("result", result).addAttribute("pages", result.pages())
                .addAttribute("pageSizes", Paging.PAGE_SIZES).addAttribute("areaNames", areaNames)
                .addAttribute("now", admin.now());
        return "admin/accounts/list";
    }

    @GetMapping("/new")
    String createForm(Model model) {
        model.addAttribute("cmd", AccountCmd.Create.empty());
        return "admin/accounts/create";
    }

    @PostMapping
    String create(@Valid @ModelAttribute("cmd") AccountCmd.Create cmd, BindingResult errors, RedirectAttributes flash) {
        if (errors.hasErrors()) return "admin/accounts/create";
        try {
            admin.create(CurrentUsers.require(), cmd);
        } catch (AccountAdmin.Refused r) {
            errors.rejectValue(r.field, r.messageKey);
            return "admin/accounts/create";
        }
        flash.addFlashAttribute("done", "account.created");
        return "redirect:/admin/accounts";
    }

    @GetMapping("/{id}")
    String editForm(@PathVariable long id, Model model) {
        Account a = admin.get(CurrentUsers.require(), id);
        model.addAttribute("account", a)
                .addAttribute("cmd", new AccountCmd.Edit(a.displayName(), a.role(), a.areaCode(), a.version(), a.department()))
                .addAttribute("password", new AccountCmd.ResetPassword(""))
                .addAttribute("areaName", admin.areaName(a.areaCode()))
                .addAttribute("locked", admin.locked(a));
        return "admin/accounts/edit";
    }

    @PostMapping("/{id}")
    String edit(@PathVariable long id, @Valid @ModelAttribute("cmd") AccountCmd.Edit cmd, BindingResult errors,
                Model model, RedirectAttributes flash) {
        CurrentUser me = CurrentUsers.require();
        Account a = admin.get(me, id);
        if (!errors.hasErrors()) {
            try {
                admin.edit(me, id, cmd);
                flash.addFlashAttribute("done", "account.saved");
                return "redirect:/admin/accounts/" + id;
            } catch (AccountAdmin.Refused r) {
                if (r.field == null) errors.reject(r.messageKey);
                else errors.rejectValue(r.field, r.messageKey);
            }
        }
        model.addAttribute("account", a).addAttribute("password", new AccountCmd.ResetPassword(""))
                .addAttribute("areaName", admin.areaName(a.areaCode()))
                .addAttribute("locked", admin.locked(a));
        return "admin/accounts/edit";
    }

    @PostMapping("/{id}/password")
    String resetPassword(@PathVariable long id, @Valid @ModelAttribute("password") AccountCmd.ResetPassword cmd,
                         BindingResult errors, Model model, RedirectAttributes flash) {
        CurrentUser me = CurrentUsers.require();
        Account a = admin.get(me, id);
        if (!errors.hasErrors()) {
            try {
                admin.resetPassword(me, id, cmd);
                flash.addFlashAttribute("done", "account.passwordReset");
                return "redirect:/admin/accounts/" + id;
            } catch (AccountAdmin.Refused r) {
                errors.rejectValue(r.field, r.messageKey);
            }
        }
        {
            model.addAttribute("account", a)
                    .addAttribute("cmd", new AccountCmd.Edit(a.displayName(), a.role(), a.areaCode(), a.version(), a.department()))
                    .addAttribute("areaName", admin.areaName(a.areaCode()))
                    .addAttribute("locked", admin.locked(a));
            return "admin/accounts/edit";
        }
    }

    @PostMapping("/{id}/unlock")
    String unlock(@PathVariable long id, RedirectAttributes flash) {
        admin.unlock(CurrentUsers.require(), id);
        flash.addFlashAttribute("done", "account.unlocked");
        return "redirect:/admin/accounts/" + id;
    }

    @PostMapping("/{id}/disable")
    String disable(@PathVariable long id, RedirectAttributes flash) {
        try {
            admin.setEnabled(CurrentUsers.require(), id, false);
            flash.addFlashAttribute("done", "account.disabled");
        } catch (AccountAdmin.Refused r) {
            flash.addFlashAttribute("refused", r.messageKey);
        }
        return "redirect:/admin/accounts/" + id;
    }

    @PostMapping("/{id}/enable")
    String enable(@PathVariable long id, RedirectAttributes flash) {
        admin.setEnabled(CurrentUsers.require(), id, true);
        flash.addFlashAttribute("done", "account.enabled");
        return "redirect:/admin/accounts/" + id;
    }
}
