package cn.shouwang.server.access;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** /api/v1: who am I, and account administration for scripts (ADMIN only, same scope rules as the pages). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "accounts", description = "Who am I; account administration (administrators only)")
class AccountApiController {
    /** An account as the API shows it. */
    record AccountJson(long id, String username, String displayName, Role role, String areaCode, boolean enabled,
                       boolean locked, @org.jspecify.annotations.Nullable Department department) {}

    record PageJson(List<AccountJson> items, long total, int page, int size) {}

    /** The signed-in account: name, role and area. */
    record Me(String username, String displayName, Role role, String areaCode) {}

    private final AccountAdmin admin;
    private final MessageSource messages;

    AccountApiController(AccountAdmin admin, MessageSource messages) {
        this.admin = admin;
        this.messages = messages;
    }

    @Operation(operationId = "getMe", summary = "The account the request signs in as: name, role and area")
    @GetMapping("/me")
    Me me() {
        CurrentUser u = CurrentUsers.require();
        return new Me(u.username(), u.displayName(), u.role(), u.scope().areaCode());
    }

    @Operation(operationId = "listAccounts", summary = "Accounts within the administrator's area, q = part of a name; "
            + "page from 1, size 1–500")
    @GetMapping("/accounts")
    PageJson list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "1") int page,
                  @RequestParam(defaultValue = "20") int size) {
        AccountAdmin.Page p = admin.list(CurrentUsers.require(), q, page, Math.min(Math.max(size, 1), 500));
        return new PageJson(p.items().stream().map(this::json).toList(), p.total(), p.page(), p.size());
    }

    @Operation(operationId = "getAccount", summary = "One account (404 outside the administrator's area)")
    @GetMapping("/accounts/{id}")
    AccountJson get(@PathVariable long id) {
        return json(admin.get(CurrentUsers.require(), id));
    }

    @Operation(operationId = "createAccount", summary = "Creates an account within the administrator's area (422 "
            + "with the reason when a rule refuses it)")
    @ResponseStatus(HttpStatus.CREATED)
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
