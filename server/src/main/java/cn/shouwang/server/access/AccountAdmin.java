package cn.shouwang.server.access;

import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of account administration, shared by the pages and /api/v1/accounts: an administrator works only
 * on accounts inside their own area, can give an account an area only inside it, and cannot lock themself out.
 */
@Service
class AccountAdmin {
    /** Why a change was refused: a message key and, when it concerns one, the form field. */
    static final class Refused extends cn.shouwang.server.platform.RefusedInputException {
        final String field;
        final String messageKey;

        Refused(String field, String messageKey) {
            super(field, messageKey);
            this.field = field;
            this.messageKey = messageKey;
        }
    }

    record Page(List<Account> items, long total, int page, int size) {
        int pages() {
            return cn.shouwang.server.platform.Paging.pages(total, size);
        }
    }

    private final Accounts accounts;
    private final AreaDirectory areas;
    private final java.time.Clock clock;
    private final ApplicationEventPublisher events;
    private final ApiTokens tokens;
    private final SignInThrottle throttle;

    AccountAdmin(Accounts accounts, AreaDirectory areas, java.time.Clock clock, ApplicationEventPublisher events,
                 ApiTokens tokens, SignInThrottle throttle) {
        this.tokens = tokens;
        this.throttle = throttle;
        this.accounts = accounts;
        this.areas = areas;
        this.clock = clock;
        this.events = events;
    }

    private void publish(String action, Account a, List<AccountChangedEvent.Change> changes) {
        events.publishEvent(new AccountChangedEvent(action, a.id(), a.username(), a.areaCode(), changes, null));
    }

    java.time.Instant now() {
        return clock.instant();
    }

    boolean locked(Account a) {
        return a.lockedAt(clock.instant());
    }

    Page list(CurrentUser admin, String search, int page, int size) {
        AreaScope scope = admin.scope();
        String q = search == null ? "" : search.trim();
        long total = accounts.countIn(scope, q);
        int pages = (int) Math.max(1, (total + size - 1) / size);
        int p = Math.min(Math.max(1, page), pages);
        return new Page(accounts.pageIn(scope, q, (p - 1) * size, size), total, p, size);
    }

    Account get(CurrentUser admin, long id) {
        return accounts.findIn(admin.scope(), id).orElseThrow(() -> new OutOfScopeException("account"));
    }

    /** Refuses a password the policy does not allow, on the form's {@code field}. */
    static void checkPassword(String field, String username, String password) {
        String problem = PasswordPolicy.problem(username, password);
        if (problem != null) throw new Refused(field, problem);
    }

    @Transactional
    long create(CurrentUser admin, AccountCmd.Create cmd) {
        checkArea(admin, cmd.areaCode());
        checkPassword("password", cmd.username(), cmd.password());
        gridWorkerInVillage(cmd.role(), cmd.areaCode());
        if (accounts.exists(cmd.username())) throw new Refused("username", "account.username.taken");
        Department department = department(cmd.role(), cmd.department());
        long id;
        try {
            id = accounts.create(cmd.username(), cmd.displayName().trim(), cmd.role(), cmd.areaCode(), department,
                    cmd.password(), false);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new Refused("username", "account.username.taken");
        }
        Account a = get(admin, id);
        publish("ACCOUNT_CREATE", a, List.of(new AccountChangedEvent.Change("role", null, a.role().name()),
                new AccountChangedEvent.Change("areaCode", null, a.areaCode()),
                new AccountChangedEvent.Change("department", null, a.department() == null ? null : a.department().name())));
        return id;
    }

    @Transactional
    void edit(CurrentUser admin, long id, AccountCmd.Edit cmd) {
        Account a = get(admin, id);
        checkArea(admin, cmd.areaCode());
        gridWorkerInVillage(cmd.role(), cmd.areaCode());
        if (a.id() == admin.accountId() && (cmd.role() != a.role() || !cmd.areaCode().equals(a.areaCode()))) {
            throw new Refused("role", "account.self.roleOrArea");
        }
        Department department = department(cmd.role(), cmd.department());
        if (!accounts.update(admin.scope(), id, cmd.version(), cmd.displayName().trim(), cmd.role(), cmd.areaCode(),
                department)) {
            throw new Refused(null, "account.concurrentEdit");
        }
        List<AccountChangedEvent.Change> changes = new java.util.ArrayList<>();
        if (!a.displayName().equals(cmd.displayName().trim())) {
            changes.add(new AccountChangedEvent.Change("displayName", a.displayName(), cmd.displayName().trim()));
        }
        if (a.role() != cmd.role()) changes.add(new AccountChangedEvent.Change("role", a.role().name(), cmd.role().name()));
        if (!a.areaCode().equals(cmd.areaCode())) {
            changes.add(new AccountChangedEvent.Change("areaCode", a.areaCode(), cmd.areaCode()));
        }
        if (a.department() != department) {
            changes.add(new AccountChangedEvent.Change("department", a.department() == null ? null : a.department().name(),
                    department == null ? null : department.name()));
        }
        publish("ACCOUNT_UPDATE", a, changes);
        // a token carries its account's role and area: one made for the old ones must not outlive them
        if (a.role() != cmd.role() || !a.areaCode().equals(cmd.areaCode())) revokeTokens(a, "roleOrAreaChanged");
    }

    /**
     * Revokes the account's live tokens (a reset password or a changed role or area: whoever had the token may not
     * keep its access), recorded as one API_TOKEN_REVOKE with the number and the reason's key.
     */
    private void revokeTokens(Account a, String reason) {
        int n = tokens.revokeAll(a.id());
        if (n > 0) {
            events.publishEvent(new AccountChangedEvent("API_TOKEN_REVOKE", a.id(), a.username(), a.areaCode(),
                    List.of(), "all:" + n + ":" + reason));
        }
    }

    /** A grid worker (网格员/十户长) works in one village: its area is a village. */
    static void gridWorkerInVillage(Role role, String areaCode) {
        if (role == Role.GRID_WORKER && (!AreaScope.isAreaCode(areaCode) || new AreaScope(areaCode).level() != 5)) {
            throw new Refused("areaCode", "account.gridWorker.village");
        }
    }

    /**
     * The department an account keeps: a department data officer must have one (they upload only its files); any
     * other role has none (a department chosen for it is dropped).
     */
    static Department department(Role role, Department chosen) {
        if (role != Role.DATA_OFFICER) return null;
        if (chosen == null) throw new Refused("department", "account.department.required");
        return chosen;
    }

    @Transactional
    void resetPassword(CurrentUser admin, long id, AccountCmd.ResetPassword cmd) {
        Account a = get(admin, id);
        checkPassword("password", a.username(), cmd.password());
        if (!accounts.setPassword(admin.scope(), id, cmd.password())) throw new OutOfScopeException("account");
        throttle.clearAccount(a.username());
        publish("ACCOUNT_PASSWORD_RESET", a, List.of());
        revokeTokens(a, "passwordReset");
    }

    @Transactional
    void unlock(CurrentUser admin, long id) {
        Account a = get(admin, id);
        if (!accounts.unlock(admin.scope(), id)) throw new OutOfScopeException("account");
        throttle.clearAccount(a.username());
        publish("ACCOUNT_UNLOCK", a, List.of());
    }

    @Transactional
    void setEnabled(CurrentUser admin, long id, boolean enabled) {
        if (!enabled && id == admin.accountId()) throw new Refused(null, "account.self.disable");
        Account a = get(admin, id);
        if (!accounts.setEnabled(admin.scope(), id, enabled)) throw new OutOfScopeException("account");
        publish(enabled ? "ACCOUNT_ENABLE" : "ACCOUNT_DISABLE", a, List.of());
    }

    /** One's own password; the caller has checked the current one. */
    @Transactional
    void changeOwnPassword(CurrentUser me, String rawPassword) {
        checkPassword("password", me.username(), rawPassword);
        accounts.setOwnPassword(me.accountId(), rawPassword);
        publish("ACCOUNT_PASSWORD_CHANGE", accounts.findByUsername(me.username()).orElseThrow(), List.of());
    }

    void tokenEvent(CurrentUser me, String action, String tokenName) {
        Account a = accounts.findByUsername(me.username()).orElseThrow();
        events.publishEvent(new AccountChangedEvent(action, a.id(), a.username(), a.areaCode(), List.of(), tokenName));
    }

    Optional<AreaInfo> area(String code) {
        return areas.find(code);
    }

    String areaName(String code) {
        return areas.name(code);
    }

    /** The area must lie inside the administrator's own and, when a division list is loaded, exist in it. */
    private void checkArea(CurrentUser admin, String code) {
        if (!admin.scope().covers(code)) throw new Refused("areaCode", "account.areaCode.outOfScope");
        if (areas.find(code).isEmpty() && areas.anyLoaded()) throw new Refused("areaCode", "account.areaCode.unknown");
    }
}
