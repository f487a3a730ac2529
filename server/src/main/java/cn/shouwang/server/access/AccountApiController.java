package cn.shouwang.server.access;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** /api/v1: who am I, and account administration for scripts (ADMIN only, same scope rules as the pages). */
@RestController
@RequestMapping("/api/v1")
class AccountApiController {
    /** An account as the API shows it. */
    record AccountJson(long id, String username, String displayName, Role role, String areaCode, boolean enabled,
                       boolean locked, Department department) {}

    record PageJson(List<AccountJson> items, long total, int page, int size) {}

    private final AccountAdmin admin;
    private final MessageSource messages;

    AccountApiController(AccountAdmin admin, MessageSource messages) {
        this.admin = admin;
        this.messages = messages;
    }

    @GetMapping("/me")
    Map<String, Object> me() {
        CurrentUser u = CurrentUsers.require();
        return Map.of("username", u.username(), "displayName", u.displayName(), "role", u.role(),
                "areaCode", u.scope().areaCode());
    }

    @GetMapping("/accounts")
    PageJson list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
                  @RequestParam(defaultValue = "20") int size) {
        AccountAdmin.Page p = admin.list(CurrentUsers.require(), q, page, Math.min(Math.max(size, 1), 500));
        return new PageJson(p.items().stream().map(this::json).toList(), p.total(), p.page(), p.size());
    }

    @GetMapping("/accounts/{id}")
    AccountJson get(@PathVariable long id) {
        return json(admin.get(CurrentUsers.require(), id));
    }

    @PostMapping("/accounts")
    ResponseEntity<AccountJson> create(@Valid @RequestBody AccountCmd.Create cmd) {
        CurrentUser me = CurrentUsers.require();
        long id = admin.create(me, cmd);
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + id)).body(json(admin.get(me, id)));
    }

    @ExceptionHandler(AccountAdmin.Refused.class)
    ResponseEntity<ProblemDetail> refused(AccountAdmin.Refused r) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                messages.getMessage(r.messageKey, null, r.messageKey, LocaleContextHolder.getLocale()));
        if (r.field != null) pd.setProperty("field", r.field);
        return ResponseEntity.unprocessableContent().body(pd);
    }

    private AccountJson json(Account a) {
        return new AccountJson(a.id(), a.username(), a.displayName(), a.role(), a.areaCode(), a.enabled(),
                admin.locked(a), a.department());
    }
}
