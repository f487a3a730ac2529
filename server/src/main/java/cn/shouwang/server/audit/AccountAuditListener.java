package cn.shouwang.server.audit;

import cn.shouwang.server.access.AccountChangedEvent;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Account changes are writes too. access publishes them as events (it cannot call audit without a cycle);
 * the listener runs synchronously in the change's transaction, so a change without its audit row cannot commit.
 */
@Component
class AccountAuditListener {
    private final AuditApi audit;
    private final AuditLog log;

    AccountAuditListener(AuditApi audit, AuditLog log) {
        this.audit = audit;
        this.log = log;
    }

    /** Sign-ins and failed sign-ins (no transaction around a sign-in: the row is written on its own). */
    @EventListener
    void on(cn.shouwang.server.access.SignInAttempted e) {
        log.recordSignIn(e.succeeded() ? AuditAction.SIGN_IN : AuditAction.SIGN_IN_FAILED, e.accountId(), e.username(),
                e.areaCode(), e.address());
    }

    @EventListener
    void on(AccountChangedEvent e) {
        List<AuditApi.Change> changes = e.changes().stream()
                .map(c -> new AuditApi.Change(c.field(), c.old(), c.now()))
                .toList();
        String detail = "account " + e.username() + (e.detail() == null ? "" : " " + e.detail());
        audit.record(AuditAction.valueOf(e.action()), null, null, e.areaCode(), changes, detail);
    }
}
