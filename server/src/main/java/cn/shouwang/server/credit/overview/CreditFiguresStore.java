package cn.shouwang.server.credit.overview;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.credit.Access.Range;
import cn.shouwang.server.credit.Access.Refused;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lending per area against the year's target: loans disbursed in the year, what is outstanding today and what of it is
 * overdue, grouped by the child area of the loan's village, and the amounts to lend set per area and year.
 */
@Service
public class CreditFiguresStore {
    private final JdbcClient jdbc;
    private final AuditApi audit;
    private final Clock clock;

    CreditFiguresStore(JdbcClient jdbc, AuditApi audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** An area's figures (yuan). */
    public record Line(long loansInYear, BigDecimal lentInYear, @Nullable BigDecimal target, long open,
                       BigDecimal outstanding, long overdue, BigDecimal overdueOutstanding) {
        public static final Line ZERO = new Line(0, BigDecimal.ZERO, null, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO);

        public @Nullable BigDecimal percent() {
            if (target == null || target.signum() == 0) return null;
            return lentInYear.multiply(BigDecimal.valueOf(100)).divide(target, 1, RoundingMode.HALF_UP);
        }

        Line plus(Line o) {
            return new Line(loansInYear + o.loansInYear, lentInYear.add(o.lentInYear), target, open + o.open,
                    outstanding.add(o.outstanding), overdue + o.overdue, overdueOutstanding.add(o.overdueOutstanding));
        }

        public Line withTarget(@Nullable BigDecimal t) {
            return new Line(loansInYear, lentInYear, t, open, outstanding, overdue, overdueOutstanding);
        }
    }

    /** 万元 with two decimals, as the county's figures are read. */
    public static BigDecimal wan(@Nullable BigDecimal yuan) {
        return yuan == null ? null : yuan.divide(BigDecimal.valueOf(10000), 2, RoundingMode.HALF_UP);
    }

    /** Figures per area of {@code digits} digits below {@code area} (keyed by 12-digit code), without targets. */
    public Map<String, Line> figures(AreaScope area, int digits, int year) {
        Range r = Range.of(area);
        Map<String, Line> out = new HashMap<>();
        jdbc.sql("""
                select rpad(substring(l.village_code, 1, :d), 12, '0'),
                       count(*) filter (where extract(year from l.disbursed_on) = :y),
                       coalesce(sum(l.amount) filter (where extract(year from l.disbursed_on) = :y), 0),
                       count(*) filter (where l.amount > coalesce(r.p, 0)),
                       coalesce(sum(l.amount - coalesce(r.p, 0)) filter (where l.amount > coalesce(r.p, 0)), 0),
                       count(*) filter (where l.amount > coalesce(r.p, 0) and l.due_on < :today),
                       coalesce(sum(l.amount - coalesce(r.p, 0)) filter (where l.amount > coalesce(r.p, 0) and l.due_on < :today), 0)
                  from loan l left join lateral (select sum(principal) as p from loan_repayment where loan_id = l.id) r on true
                 where l.village_code between :lo and :hi
                 group by 1""")
                .param("d", digits).param("y", year).param("today", today()).param("lo", r.lo()).param("hi", r.hi())
                .query((rs, i) -> out.merge(rs.getString(1), new Line(rs.getLong(2), rs.getBigDecimal(3), null,
                        rs.getLong(4), rs.getBigDecimal(5), rs.getLong(6), rs.getBigDecimal(7)), Line::plus)).list();
        return out;
    }

    public Map<String, BigDecimal> targets(List<String> codes, int year) {
        Map<String, BigDecimal> out = new HashMap<>();
        if (codes.isEmpty()) return out;
        jdbc.sql("select area_code, amount from credit_target where area_code = any(:a) and year = :y")
                .param("a", codes.toArray(String[]::new)).param("y", year)
                .query((rs, i) -> out.put(rs.getString(1), rs.getBigDecimal(2))).list();
        return out;
    }

    /** Sets the amount to lend (yuan) in an area below the setter's own (a county may set its own too). */
    @Transactional
    public void setTarget(String areaCode, int year, BigDecimal amount, CurrentUser by) {
        if (!AreaScope.isAreaCode(areaCode) || !by.scope().covers(areaCode)) throw new OutOfScopeException("area");
        if (areaCode.equals(by.scope().areaCode()) && by.scope().level() != 3) throw new Refused("credit.refused.ownTarget");
        if (amount.signum() < 0) throw new Refused("credit.refused.target");
        BigDecimal old = targets(List.of(areaCode), year).get(areaCode);
        jdbc.sql("""
                insert into credit_target (area_code, year, amount, set_by, set_at) values (:a, :y, :m, :by, :now)
                on conflict (area_code, year) do update set amount = :m, version = credit_target.version + 1,
                  set_by = :by, set_at = :now""")
                .param("a", areaCode).param("y", year).param("m", amount).param("by", by.accountId())
                .param("now", Timestamp.from(clock.instant())).update();
        audit.record(AuditAction.CREDIT_TARGET_SET, null, null, areaCode, List.of(new AuditApi.Change("amount",
                old == null ? null : old.toPlainString(), amount.toPlainString())), String.valueOf(year));
    }
}
