package cn.shouwang.server.insurance.fund;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.insurance.policy.PolicyStore;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The fund per area and month of a year: premium income and balance of the funds that pay the area (policies of the
 * area, below it or above it: a township's claims are paid from the county's fund), claims opened and paid and the
 * payouts of the area's own villages. Three grouped queries.
 */
@Repository
class FundFigures {
    private final JdbcClient jdbc;

    FundFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Month(int month, BigDecimal premiums, long opened, long paid, BigDecimal payouts, BigDecimal balance) {
        public String label() {
            return String.format("%02d", month);
        }
    }

    List<Month> months(AreaScope area, int year) {
        String s = area.likePattern();
        List<String> above = PolicyStore.selfAndAbove(area.areaCode());
        LocalDate from = LocalDate.of(year, 1, 1);
        Map<Integer, BigDecimal> premiums = new HashMap<>(), payouts = new HashMap<>(), fundOut = new HashMap<>();
        Map<Integer, Long> opened = new HashMap<>(), paid = new HashMap<>();
        // before the year: what the funds held on 1 January
        BigDecimal carried = jdbc.sql("""
                select coalesce((select sum(m.amount) from insurance_premium m join insurance_policy p on p.id = m.policy_id
                                  where (p.area_code like :s or p.area_code in (:above)) and m.paid_on < :from), 0)
                     - coalesce((select sum(c.payout) from insurance_claim c join insurance_policy p on p.id = c.policy_id
                                  where (p.area_code like :s or p.area_code in (:above)) and c.status = 'PAID'
                                    and c.paid_on < :from), 0)""")
                .param("s", s).param("above", above).param("from", from).query(BigDecimal.class).single();
        jdbc.sql("""
                select extract(month from m.paid_on)::int, sum(m.amount) from insurance_premium m
                  join insurance_policy p on p.id = m.policy_id
                 where (p.area_code like :s or p.area_code in (:above)) and extract(year from m.paid_on) = :y
                 group by 1""")
                .param("s", s).param("above", above).param("y", year)
                .query((java.sql.ResultSet rs) -> { premiums.put(rs.getInt(1), rs.getBigDecimal(2)); });
        jdbc.sql("""
                select extract(month from c.paid_on)::int, sum(c.payout) from insurance_claim c
                  join insurance_policy p on p.id = c.policy_id
                 where (p.area_code like :s or p.area_code in (:above)) and c.status = 'PAID'
                   and extract(year from c.paid_on) = :y
                 group by 1""")
                .param("s", s).param("above", above).param("y", year)
                .query((java.sql.ResultSet rs) -> { fundOut.put(rs.getInt(1), rs.getBigDecimal(2)); });
        jdbc.sql("""
                select m, sum(o), sum(p), sum(a) from (
                  select extract(month from opened_at)::int m, 1 o, 0 p, 0::numeric a from insurance_claim
                   where village_code like :s and extract(year from opened_at) = :y
                  union all
                  select extract(month from paid_on)::int, 0, 1, payout from insurance_claim
                   where village_code like :s and status = 'PAID' and extract(year from paid_on) = :y) x
                 group by m""")
                .param("s", s).param("y", year)
                .query((java.sql.ResultSet rs) -> {
                    opened.put(rs.getInt(1), rs.getLong(2));
                    paid.put(rs.getInt(1), rs.getLong(3));
                    payouts.put(rs.getInt(1), rs.getBigDecimal(4));
                });
        List<Month> out = new ArrayList<>();
        BigDecimal balance = carried;
        for (int m = 1; m <= 12; m++) {
            balance = balance.add(premiums.getOrDefault(m, BigDecimal.ZERO)).subtract(fundOut.getOrDefault(m, BigDecimal.ZERO));
            out.add(new Month(m, premiums.getOrDefault(m, BigDecimal.ZERO), opened.getOrDefault(m, 0L),
                    paid.getOrDefault(m, 0L), payouts.getOrDefault(m, BigDecimal.ZERO), balance));
        }
        return out;
    }
}
