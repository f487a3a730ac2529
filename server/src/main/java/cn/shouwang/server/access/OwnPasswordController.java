package cn.shouwang.server.access;

import jakarta.validation.Valid;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Everyone changes their own password here (the first administrator right after the first start). */
@Controller
class OwnPasswordController {
    private final Accounts accounts;
    private final PasswordEncoder encoder;
    private final AccountAdmin admin;

    OwnPasswordController(Accounts accounts, PasswordEncoder encoder, AccountAdmin admin) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.admin = admin;
    }

    @GetMapping("/account/password")
    String form(Model model) {
        model.addAttribute("cmd", AccountCmd.ChangePassword.empty());
        return "account/password";
    }

    @PostMapping("/account/password")
    String change(@Valid @ModelAttribute("cmd") AccountCmd.ChangePassword cmd, BindingResult errors,
                  RedirectAttributes flash) {
        CurrentUser me = CurrentUsers.require();
        if (!errors.hasFieldErrors("currentPassword")
                && !encoder.matches(cmd.currentPassword(), accounts.passwordHash(me.accountId()))) {
            errors.rejectValue("currentPassword", "account.currentPassword.wrong");
        }
        if (!errors.hasFieldErrors("password") && !cmd.password().equals(cmd.confirm())) {
            errors.rejectValue("confirm", "account.confirm.mismatch");
        }
        if (errors.hasErrors()) return "account/password";
        admin.changeOwnPassword(me, cmd.password());
        flash.addFlashAttribute("done", "account.passwordChanged");
        return "redirect:/account/password";
    }
}
