package cn.shouwang.server.access;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Each person makes and revokes their own API tokens for scripts; a token is shown once, when made. */
@Controller
class ApiTokenController {
    /** The form: a name that says what the token is for. */
    public record NewTokenCmd(@NotBlank(message = "{token.name.required}") @Size(max = 60, message = "{token.name.size}")
                              String name) {}

    private final ApiTokens tokens;
    private final AccountAdmin admin;

    ApiTokenController(ApiTokens tokens, AccountAdmin admin) {
        this.tokens = tokens;
        this.admin = admin;
    }

    @GetMapping("/account/tokens")
    String list(Model model) {
        if (!model.containsAttribute("cmd")) model.addAttribute("cmd", new NewTokenCmd(""));
        model.addAttribute("tokens", tokens.of(CurrentUsers.require().accountId()));
        return "account/tokens";
    }

    @PostMapping("/account/tokens")
    String create(@Valid @ModelAttribute("cmd") NewTokenCmd cmd, BindingResult errors, Model model,
                  RedirectAttributes flash) {
        if (errors.hasErrors()) {
            model.addAttribute("tokens", tokens.of(CurrentUsers.require().accountId()));
            return "account/tokens";
        }
        flash.addFlashAttribute("newToken", tokens.create(CurrentUsers.require().accountId(), cmd.name().trim()));
        admin.tokenEvent(CurrentUsers.require(), "API_TOKEN_CREATE", cmd.name().trim());
        return "redirect:/account/tokens";
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revoke(@PathVariable long id) {
        if (!tokens.revoke(CurrentUsers.require().accountId(), id)) throw new OutOfScopeException("token");
        admin.tokenEvent(CurrentUsers.require(), "API_TOKEN_REVOKE", "#" + id);
        return "redirect:/account/tokens";
    }
}
