package cn.shouwang.server.socialassistance.payments;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.HouseholdIncomeApi;
import cn.shouwang.server.household.HouseholdIncomeApi.IncomeCredit;
import cn.shouwang.server.socialassistance.Schedule;
import cn.shouwang.server.socialassistance.registry.AssistanceGrantStore;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The payment list of a month: the payments due under the area's grants generated from their schedules (again and
 * again without doubling), then marked paid. A payment marked paid is credited, in the same transaction, to the
 * household's TRANSFERS income of the year it was paid (source SOCIAL_ASSISTANCE, ref payment-&lt;id&gt;): once, since
 * only an unpaid payment can be marked and the income module takes a source and reference once.
 */
@Service
public class AssistancePayments {
    public static final String SOURCE = "SOCIAL_ASSISTANCE";

    private final AssistancePaymentStore store;
    private final AssistanceGrantStore grants;
    private final HouseholdIncomeApi incomes;
    private final AuditApi audit;
    private final MessageSource messages;

    AssistancePayments(AssistancePaymentStore store, AssistanceGrantStore grants, HouseholdIncomeApi incomes, AuditApi audit, MessageSource messages) {
        this.store = store;
        this.grants = grants;
        this.incomes = incomes;
        this.audit = audit;
        this.messages = messages;
    }

    /** Generates the month's due payments of the area; returns how many were added (none twice). */
    @Transactional
    public int generate(YearMonth period, AreaScope scope) {
        int added = 0;
        // a quarterly grant pays for the quarter's three months: one that ended in its first month is still due
        for (AssistanceGrantStore.GrantRow g : grants.running(scope, period.minusMonths(2).atDay(1), period.atEndOfMonth())) {
            var due = Schedule.dueIn(g.frequency(), g.amount(), g.startedOn(), g.endedOn(), period);
            if (due.isPresent() && store.insertDue(g.id(), g.householdId(), g.villageCode(), period, due.get().months(),
                    due.get().amount())) {
                added++;
            }
        }
        audit.record(AuditAction.SOCIAL_PAYMENTS_DUE, null, null, scope.areaCode(), List.of(),
                "period " + period + ", " + added + " added");
        return added;
    }

    /** Marks the payments paid on a day and credits each to its household's income; returns how many were marked. */
    @Transactional
    public int markPaid(Collection<Long> ids, LocalDate on, CurrentUser u, Locale locale) {
        return markPaid(ids, on, u.scope(), u.accountId(), locale);
    }

    /** As {@link #markPaid(Collection, LocalDate, CurrentUser, Locale)}; {@code by} null for the demo's own payments. */
    @Transactional
    public int markPaid(Collection<Long> ids, LocalDate on, AreaScope scope, @org.jspecify.annotations.Nullable Long by,
                        Locale locale) {
        int n = 0;
        for (long id : ids) {
            AssistancePaymentStore.PaymentRow p = store.find(id, scope);
            if (p == null || p.paid() || !store.markPaid(id, scope, on, by)) continue;
            String note = messages.getMessage("socialassistance.kind." + p.kind(), null, p.kind().name(), locale)
                    + " " + p.period();
            incomes.credit(new IncomeCredit(p.householdId(), on.getYear(), HouseholdIncomeApi.Item.TRANSFERS, p.amount(),
                    SOURCE, "payment-" + p.id(), note), scope);
            audit.record(AuditAction.SOCIAL_PAYMENT_PAID, p.householdId(), null, p.villageCode(),
                    List.of(new AuditApi.Change("paidOn", null, on.toString()),
                            new AuditApi.Change("amount", null, p.amount().toPlainString())), "payment-" + p.id());
            n++;
        }
        return n;
    }
}
