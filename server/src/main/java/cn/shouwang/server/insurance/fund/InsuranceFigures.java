package cn.shouwang.server.insurance.fund;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.figures.FigureSourceApi;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * 防贫保's figures for 统计调度 and the 调度表 (issue 14 point 3): per area, the claims received in the year up to the
 * day, the claims paid and their payouts in the year up to the day, and the payouts of the day's month. Dated by the
 * claim's opening and payment (a payment is final: a paid claim is never rejected), so a past month can be
 * reconstructed. Claims are few (thousands a city a year): one range scan on the indexed village code.
 */
@Component
class InsuranceFigures implements FigureSourceApi {
    private final JdbcClient jdbc;
    private final ZoneId zone;

    InsuranceFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.zone = clock.getZone();
    }

    @Override
    public void figures(AreaScope scope, int digits, LocalDate asOf, Sink out) {
        LocalDate yearStart = asOf.withDayOfYear(1);
        Timestamp from = Timestamp.from(yearStart.atStartOfDay(zone).toInstant());
        Timestamp to = Timestamp.from(asOf.plusDays(1).atStartOfDay(zone).toInstant());
        jdbc.sql("""
                select substr(village_code, 1, :n),
                       count(*) filter (where opened_at >= :from and opened_at < :to),
                       count(*) filter (where status = 'PAID' and paid_on between :ys and :d),
                       coalesce(sum(payout) filter (where status = 'PAID' and paid_on between :ys and :d), 0),
                       coalesce(sum(payout) filter (where status = 'PAID' and paid_on between :ms and :d), 0)
                  from insurance_claim
                 where village_code between :lo and :hi
                   and ((opened_at >= :from and opened_at < :to) or (status = 'PAID' and paid_on between :ys and :d))
                 group by 1""")
                .param("n", digits).param("lo", scope.lowestCode()).param("hi", scope.highestCode())
                .param("from", from).param("to", to).param("ys", yearStart).param("d", asOf)
                .param("ms", asOf.withDayOfMonth(1))
                .query(rs -> {
                    out.add(rs.getString(1), INSURANCE_CLAIMS, rs.getLong(2));
                    out.add(rs.getString(1), INSURANCE_PAID, rs.getLong(3));
                    out.add(rs.getString(1), INSURANCE_PAYOUTS, rs.getBigDecimal(4));
                    out.add(rs.getString(1), INSURANCE_PAYOUTS_MONTH, rs.getBigDecimal(5));
                });
    }
}
