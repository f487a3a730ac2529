package cn.shouwang.server.credit.loans;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.credit.Access.Range;
import cn.shouwang.server.credit.Access.Refused;
import cn.shouwang.server.household.HouseholdApi;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Micro-credit loans (小额信贷) and their repayments. The outstanding balance is the amount less the principal repaid;
 * a loan is overdue when something is outstanding after its due date (due today is not overdue; due yesterday is one
 * day overdue), counted from the Clock on every read, never stored.
 */
@Service
public class Loans {
    private final JdbcClient jdbc;
    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final AuditApi audit;
    private final Clock clock;

    Loans(JdbcClient jdbc, HouseholdApi households, CaseworkApi casework, AuditApi audit, Clock clock) {
        this.jdbc = jdbc;
        this.households = households;
        this.casework = casework;
        this.audit = audit;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public record Loan(long id, long householdId, String villageCode, String bank, BigDecimal amount, BigDecimal rate,
                       int termMonths, String purpose, String guarantee, LocalDate disbursedOn, LocalDate dueOn,
                       @Nullable Long measureId, int version, BigDecimal principalRepaid, BigDecimal interestPaid,
                       long daysOverdue) {
        public BigDecimal outstanding() {
            return amount.subtract(principalRepaid);
        }

        public boolean overdue() {
            return daysOverdue > 0;
        }
    }

    /** Days a loan is overdue on {@code today}: 0 when nothing is outstanding or the due date has not passed. */
    public static long daysOverdue(LocalDate dueOn, BigDecimal outstanding, LocalDate today) {
        if (outstanding.signum() <= 0 || !today.isAfter(dueOn)) return 0;
        return ChronoUnit.DAYS.between(dueOn, today);
    }

    public record Repayment(long id, LocalDate paidOn, BigDecimal principal, BigDecimal interest) {}

    /** A list's filter: the area, overdue only, the household number (exact) if given. */
    public record Filter(AreaScope area, boolean overdueOnly, boolean openOnly) {}

    private static final String SELECT = """
            select l.*, coalesce(r.principal, 0) as principal_repaid, coalesce(r.interest, 0) as interest_paid
              from loan l
              left join lateral (select sum(principal) as principal, sum(interest) as interest from loan_repayment
                                  where loan_id = l.id) r on true""";

    private Loan loan(ResultSet rs, int i) throws SQLException {
        BigDecimal amount = rs.getBigDecimal("amount");
        BigDecimal repaid = rs.getBigDecimal("principal_repaid");
        LocalDate due = rs.getObject("due_on", LocalDate.class);
        return new Loan(rs.getLong("id"), rs.getLong("household_id"), rs.getString("village_code"), rs.getString("bank"),
                amount, rs.getBigDecimal("rate"), rs.getInt("term_months"), rs.getString("purpose"),
                rs.getString("guarantee"), rs.getObject("disbursed_on", LocalDate.class), due,
                (Long) rs.getObject("measure_id"), rs.getInt("version"), repaid, rs.getBigDecimal("interest_paid"),
                daysOverdue(due, amount.subtract(repaid), today()));
    }

    private String where(Filter f, Map<String, Object> p) {
        Range r = Range.of(f.area());
        p.put("lo", r.lo());
        p.put("hi", r.hi());
        p.put("today", today());
        StringBuilder w = new StringBuilder(" where l.village_code between :lo and :hi");
        if (f.overdueOnly()) w.append(" and l.due_on < :today");
        if (f.overdueOnly() || f.openOnly()) w.append(" and l.amount > coalesce(r.principal, 0)");
        return w.toString();
    }

    public int count(Filter f) {
        Map<String, Object> p = new HashMap<>();
        String w = where(f, p);
        return jdbc.sql("select count(*) from (" + SELECT + w + ") x").params(p).query(Integer.class).single();
    }

    public List<Loan> list(Filter f, int page, int size) {
        Map<String, Object> p = new HashMap<>();
        String w = where(f, p);
        p.put("limit", size);
        p.put("offset", (long) (page - 1) * size);
        String order = f.overdueOnly() ? " order by l.due_on, l.id" : " order by l.village_code, l.disbursed_on desc, l.id";
        return jdbc.sql(SELECT + w + order + " limit :limit offset :offset").params(p).query(this::loan).list();
    }

    public Optional<Loan> find(long id, AreaScope scope) {
        Range r = Range.of(scope);
        return jdbc.sql(SELECT + " where l.id = :id and l.village_code between :lo and :hi")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi()).query(this::loan).optional();
    }

    /** The household's loans that back a plan measure (the caller has checked the household's scope). */
    public List<Loan> backingMeasures(long householdId) {
        return jdbc.sql(SELECT + " where l.household_id = :h and l.measure_id is not null order by l.disbursed_on")
                .param("h", householdId).query(this::loan).list();
    }

    public List<Repayment> repayments(long loanId) {
        return jdbc.sql("select id, paid_on, principal, interest from loan_repayment where loan_id = :l order by paid_on, id")
                .param("l", loanId).query((rs, i) -> new Repayment(rs.getLong(1), rs.getObject(2, LocalDate.class),
                        rs.getBigDecimal(3), rs.getBigDecimal(4))).list();
    }

    /** Records a loan of a household inside the writer's scope; without a due date it falls due after its term. */
    @Transactional
    public long create(LoanCmd c, AreaScope scope) {
        HouseholdApi.Ref h = households.refByNo(c.householdNo().strip(), scope)
                .orElseThrow(() -> new Refused("credit.refused.household"));
        LocalDate due = c.dueOn() != null ? c.dueOn() : c.disbursedOn().plusMonths(c.termMonths());
        if (!due.isAfter(c.disbursedOn())) throw new Refused("credit.refused.dueBeforeDisbursed");
        if (c.disbursedOn().isAfter(today())) throw new Refused("credit.refused.disbursedAhead");
        if (c.measureId() != null && casework.measuresOf(h.id(), scope).stream()
                .noneMatch(m -> m.id() == c.measureId() && "FINANCE".equals(m.group()))) {
            throw new Refused("credit.refused.measure");
        }
        CurrentUser by = CurrentUsers.find();
        long id = jdbc.sql("""
                insert into loan (household_id, village_code, bank, amount, rate, term_months, purpose, guarantee,
                                  disbursed_on, due_on, measure_id, created_by, created_at)
                values (:h, :v, :bank, :amount, :rate, :term, :purpose, :guarantee, :disbursed, :due, :measure, :by, :now)
                returning id""")
                .param("h", h.id()).param("v", h.villageCode()).param("bank", c.bank().strip())
                .param("amount", c.amount()).param("rate", c.rate()).param("term", c.termMonths())
                .param("purpose", c.purpose().strip()).param("guarantee", c.guarantee() == null ? "" : c.guarantee().strip())
                .param("disbursed", c.disbursedOn()).param("due", due).param("measure", c.measureId())
                .param("by", by == null ? null : by.accountId()).param("now", Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.record(AuditAction.LOAN_CREATE, h.id(), null, h.villageCode(), List.of(
                new AuditApi.Change("bank", null, c.bank().strip()),
                new AuditApi.Change("amount", null, c.amount().toPlainString()),
                new AuditApi.Change("dueOn", null, due.toString())), "loan " + id);
        return id;
    }

    /**
     * Records a repayment; the form's version must still be the loan's (two clerks recording one payment: the second is
     * told), and the principal may not exceed what is outstanding.
     */
    @Transactional
    public void repay(long loanId, int version, LocalDate paidOn, BigDecimal principal, BigDecimal interest,
                      AreaScope scope) {
        Range r = Range.of(scope);
        jdbc.sql("select id from loan where id = :id and village_code between :lo and :hi for update")
                .param("id", loanId).param("lo", r.lo()).param("hi", r.hi()).query(Long.class).optional()
                .orElseThrow(() -> new OutOfScopeException("loan"));
        Loan l = find(loanId, scope).orElseThrow();
        if (l.version() != version) throw new Refused("credit.refused.conflict");
        if (principal.signum() < 0 || interest.signum() < 0 || principal.add(interest).signum() <= 0) {
            throw new Refused("credit.refused.repayment");
        }
        if (principal.compareTo(l.outstanding()) > 0) {
            throw new Refused("credit.refused.tooMuch", l.outstanding().toPlainString());
        }
        if (paidOn.isBefore(l.disbursedOn()) || paidOn.isAfter(today())) throw new Refused("credit.refused.paidOn");
        CurrentUser by = CurrentUsers.find();
        jdbc.sql("""
                insert into loan_repayment (loan_id, paid_on, principal, interest, recorded_by, recorded_at)
                values (:l, :p, :pr, :i, :by, :now)""")
                .param("l", loanId).param("p", paidOn).param("pr", principal).param("i", interest)
                .param("by", by == null ? null : by.accountId()).param("now", Timestamp.from(clock.instant())).update();
        jdbc.sql("update loan set version = version + 1 where id = :id").param("id", loanId).update();
        audit.record(AuditAction.LOAN_REPAYMENT, l.householdId(), null, l.villageCode(), List.of(
                new AuditApi.Change("principal", null, principal.toPlainString()),
                new AuditApi.Change("interest", null, interest.toPlainString()),
                new AuditApi.Change("outstanding", l.outstanding().toPlainString(),
                        l.outstanding().subtract(principal).toPlainString())), "loan " + loanId);
    }
}
