package cn.shouwang.server.household;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payments from the modules beside the core into a household's income ({@link HouseholdIncomeApi}, household V16): one
 * line per payment in {@code household_income_credit}, its amount added to the item of {@code household_income}, whose
 * triggers keep the per-capita figures right. The pair (source, reference) is unique, so a retried payment is credited
 * once.
 */
@Service
class IncomeCredits implements HouseholdIncomeApi {
    private final JdbcClient jdbc;
    private final AuditApi audit;
    private final Clock clock;

    IncomeCredits(JdbcClient jdbc, AuditApi audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public boolean credit(IncomeCredit c, AreaScope scope) {
        BigDecimal amount = c.amount().setScale(2, RoundingMode.HALF_UP);
        if (amount.signum() == 0) return false;
        ScopeRange r = ScopeRange.of(scope);
        // the household's row first, locked: the income form and other credits of this household wait for us
        String village = jdbc.sql("""
                select village_code from household where id = :id and village_code between :lo and :hi for update""")
                .param("id", c.householdId()).param("lo", r.lo()).param("hi", r.hi())
                .query(String.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("household " + c.householdId() + " is not in scope"));
        CurrentUser by = CurrentUsers.find();
        Long account = by == null ? null : by.accountId();
        Timestamp now = Timestamp.from(clock.instant());
        int added = jdbc.sql("""
                insert into household_income_credit (household_id, year, item, amount, source, source_ref, note,
                                                     recorded_by, recorded_at)
                values (:h, :y, :item, :a, :s, :ref, :note, :by, :now)
                on conflict (source, source_ref) do nothing""")
                .param("h", c.householdId()).param("y", c.year()).param("item", c.item().name()).param("a", amount)
                .param("s", c.source()).param("ref", c.sourceRef()).param("note", c.note() == null ? "" : c.note())
                .param("by", account).param("now", now).update();
        if (added == 0) return false;
        String column = column(c.item());
        BigDecimal old = jdbc.sql("select " + column + " from household_income where household_id = :h and year = :y "
                        + "for update")
                .param("h", c.householdId()).param("y", c.year()).query(BigDecimal.class).optional().orElse(null);
        BigDecimal now2 = (old == null ? BigDecimal.ZERO : old).add(amount);
        if (now2.signum() < 0) {
            throw new IllegalArgumentException("a reversal of " + amount + " would take " + column + " below zero");
        }
        if (old == null) {
            jdbc.sql("""
                    insert into household_income (household_id, year, wages, business, property, transfers,
                                                  production_costs, eligible_out_of_pocket, recorded_by, recorded_at)
                    values (:h, :y, 0, 0, 0, 0, 0, 0, :by, :now)""")
                    .param("h", c.householdId()).param("y", c.year()).param("by", account).param("now", now).update();
        }
        jdbc.sql("update household_income set " + column + " = :v, recorded_by = :by, recorded_at = :now "
                        + "where household_id = :h and year = :y")
                .param("v", now2).param("by", account).param("now", now)
                .param("h", c.householdId()).param("y", c.year()).update();
        jdbc.sql("update household set version = version + 1, updated_at = :now where id = :id")
                .param("now", now).param("id", c.householdId()).update();
        audit.record(AuditAction.INCOME_CREDIT, c.householdId(), null, village, List.of(
                        new AuditApi.Change("creditSource", null, c.source()),
                        new AuditApi.Change(field(c.item()), old == null ? null : plain(old), plain(now2))),
                String.valueOf(c.year()));
        return true;
    }

    @Override
    public List<CreditLine> credits(long householdId) {
        return jdbc.sql("""
                select year, item, amount, source, note from household_income_credit
                 where household_id = :h order by year desc, id""")
                .param("h", householdId)
                .query((rs, i) -> new CreditLine(rs.getInt(1), Item.valueOf(rs.getString(2)), rs.getBigDecimal(3),
                        rs.getString(4), rs.getString(5)))
                .list();
    }

    private static String column(Item item) {
        return switch (item) {
            case WAGES -> "wages";
            case BUSINESS -> "business";
            case PROPERTY -> "property";
            case TRANSFERS -> "transfers";
        };
    }

    /** The history's field name, as the income form's changes use it. */
    private static String field(Item item) {
        return item.name().toLowerCase(Locale.ROOT);
    }

    private static String plain(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
