package cn.shouwang.server.screening;

import cn.shouwang.core.casework.CaseworkException;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.casework.CaseworkApi.IntakeActor;
import cn.shouwang.server.casework.CaseworkApi.IntakeResult;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 转为线索: turns selected warnings into leads through casework. Each warning is re-read inside the caller's
 * area (in the SQL) and handled in its own transaction, so one refusal does not undo the others.
 */
@Service
class WarningIntake {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WarningIntake.class);
    /** Counts shown to the analyst after a bulk intake. */
    /** Kept as a flash attribute in the session (stored in PostgreSQL, serialized). */
    record Summary(int opened, int joined, int already, int refused) implements java.io.Serializable {}

    private final ScreeningStore store;
    private final CaseworkApi casework;
    private final MessageSource messages;
    private final TransactionTemplate tx;

    WarningIntake(ScreeningStore store, CaseworkApi casework, MessageSource messages, PlatformTransactionManager tm) {
        this.store = store;
        this.casework = casework;
        this.messages = messages;
        this.tx = new TransactionTemplate(tm);
    }

    private enum One { OPENED, JOINED, ALREADY, REFUSED }

    Summary intake(Collection<Long> warningIds, AreaScope scope) {
        return intake(warningIds, scope, null);
    }

    /**
     * Automatic intake after a run: the same per-warning handling, acting for {@code by} (the run's starter)
     * instead of a signed-in user.
     */
    Summary autoIntake(Collection<Long> warningIds, AreaScope scope, IntakeActor by) {
        return intake(warningIds, scope, by);
    }

    private Summary intake(Collection<Long> warningIds, AreaScope scope, @Nullable IntakeActor by) {
        int opened = 0, joined = 0, already = 0, refused = 0;
        for (long id : new LinkedHashSet<>(warningIds)) {
            One r;
            try {
                r = tx.execute(s -> one(id, scope, by));
            } catch (CaseworkException | OutOfScopeException | AccessDeniedException e) {
                r = One.REFUSED; // the transaction of this warning is rolled back; the others stand
            } catch (RuntimeException e) {
                if (by == null) throw e; // an analyst's click shows the error
                // in a run's background intake one failing warning must not stop the others nor fail the run
                log.warn("automatic intake of warning {} failed: {}", id, e.getClass().getSimpleName());
                r = One.REFUSED;
            }
            switch (r) {
                case OPENED -> opened++;
                case JOINED -> joined++;
                case ALREADY -> already++;
                default -> refused++;
            }
        }
        return new Summary(opened, joined, already, refused);
    }

    private One one(long id, AreaScope scope, @Nullable IntakeActor by) {
        ScreeningStore.WarningForIntake w = store.warningForIntake(id, scope).orElse(null);
        if (w == null) return One.REFUSED;
        if (w.intakeOutcome() != null) return One.ALREADY;
        // a run never turns a dismissed warning (dismissed again by memory) into a lead; a person may
        if (by != null && w.dismissed()) return One.ALREADY;
        List<String> risks = w.riskType() == null ? List.of() : List.of(w.riskType());
        String ref = "warning:" + w.id() + " run:" + w.lastRunId();
        IntakeResult res = by == null ? casework.intakeFromWarning(w.householdId(), description(w), risks, ref)
                : casework.intakeFromWarning(by, scope, w.householdId(), description(w), risks, ref);
        Long leadId = res.outcome() == IntakeResult.Outcome.JOINED_MONITORED ? null : res.id();
        store.markIntake(w.id(), res.outcome().name(), leadId);
        return res.outcome() == IntakeResult.Outcome.OPENED ? One.OPENED : One.JOINED;
    }

    /** Rule and source line in words; the person's id number stays out of the lead's text. */
    String description(ScreeningStore.WarningForIntake w) {
        String rule = messages.getMessage("screening.rule." + w.rule(), null, w.rule(), Locale.SIMPLIFIED_CHINESE);
        String source = w.line() == null ? w.source() : w.source() + ":" + w.line();
        return messages.getMessage("screening.intake.description", new Object[] {w.period(), rule, source},
                Locale.SIMPLIFIED_CHINESE);
    }
}
