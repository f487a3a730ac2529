package cn.shouwang.server.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
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
    private final AccountDetailsService details;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    OwnPasswordController(Accounts accounts, PasswordEncoder encoder, AccountAdmin admin, AccountDetailsService details) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.admin = admin;
        this.details = details;
    }

    @GetMapping("/account/password")
    String form(Model model) {
        model.addAttribute("cmd", AccountCmd.ChangePassword.empty());
        return "account/password";
    }

    @PostMapping("/account/password")
    String change(@Valid @ModelAttribute("cmd") AccountCmd.ChangePassword cmd, BindingResult errors,
                  RedirectAttributes flash, HttpServletRequest request, HttpServletResponse response) {
        CurrentUser me = CurrentUsers.require();
        if (!errors.hasFieldErrors("currentPassword")
                && !encoder.matches(cmd.currentPassword(), accounts.passwordHash(me.accountId()))) {
            errors.rejectValue("currentPassword", "account.currentPassword.wrong");
        }
        if (!errors.hasFieldErrors("password") && !cmd.password().equals(cmd.confirm())) {
            errors.rejectValue("confirm", "account.confirm.mismatch");
        }
        if (errors.hasErrors()) return "account/password";
        try {
            admin.changeOwnPassword(me, cmd.password());
        } catch (AccountAdmin.Refused r) {
            errors.rejectValue(r.field, r.messageKey);
            return "account/password";
        }
        staySignedIn(me, request, response);
        flash.addFlashAttribute("done", "account.passwordChanged");
        return "redirect:/account/password";
    }

    /**
     * The change bumped the account's version, which ends every session of it (AccountFreshnessFilter): the others,
     * as they should, but also this one before its confirmation is seen. This one goes on with the account as it now
     * is, under a new session id (whoever knew the old id is left with a session that has ended).
     */
    private void staySignedIn(CurrentUser me, HttpServletRequest request, HttpServletResponse response) {
        UserDetails fresh = details.loadUserByUsername(me.username());
        SecurityContext ctx = SecurityContextHolder.createEmptyContext();
        ctx.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities()));
        SecurityContextHolder.setContext(ctx);
        request.changeSessionId();
        contexts.saveContext(ctx, request, response);
    }
}
