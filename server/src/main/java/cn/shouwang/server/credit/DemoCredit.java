package cn.shouwang.server.credit;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.household.HouseholdApi;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo profile only, when there is no loan yet: micro-credit loans of households of the demo township 孤家子镇 (团山子村
 * first), with repayments; one loan fell due a month ago and is still partly outstanding (overdue), one is repaid. The
 * year's lending targets of the county, the township and the village. Banks and purposes are sample data.
 */
@Component
@Profile("demo")
@Order(35)
class DemoCredit implements ApplicationRunner {
    static final String COUNTY = "220322000000";
    static final String TOWNSHIP = "220322103000";
    static final String VILLAGE = "220322103205";

    private final JdbcClient jdbc;
    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final Clock clock;

    DemoCredit(JdbcClient jdbc, HouseholdApi households, CaseworkApi casework, Clock clock) {
        this.jdbc = jdbc;
        this.households = households;
        this.casework = casework;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select exists (select 1 from loan)").query(Boolean.class).single()) return;
        AreaScope township = new AreaScope(TOWNSHIP);
        List<Long> ids = households.withActiveHead(township, VILLAGE, 20);
        if (ids.size() < 20) return;
        LocalDate today = LocalDate.now(clock);
        Timestamp now = Timestamp.from(clock.instant());
        // bank, amount, months, purpose, disbursed (days ago), repaid principal share (of 10)
        Object[][] loans = {
                {"梨树县农村信用合作联社", "50000.00", 36, "发展肉牛养殖", 400, 3},
                {"中国邮政储蓄银行梨树县支行", "30000.00", 12, "购买玉米种子和化肥", 395, 6},   // overdue: fell due a month ago
                {"梨树县农村信用合作联社", "20000.00", 24, "开办农家小卖店", 200, 2},
                {"中国农业银行梨树县支行", "50000.00", 36, "扩建大棚种植香瓜", 100, 0},
                {"梨树县农村信用合作联社", "10000.00", 12, "购买农机具", 500, 10},            // repaid
                {"中国邮政储蓄银行梨树县支行", "40000.00", 36, "发展生猪养殖", 30, 0},
        };
        boolean measureLinked = false;
        for (int i = 0; i < loans.length; i++) {
            long h = ids.get(12 + i);
            String village = households.villageOf(h).orElseThrow();
            Object[] x = loans[i];
            LocalDate disbursed = today.minusDays((Integer) x[4]);
            LocalDate due = disbursed.plusMonths((Integer) x[2]);
            BigDecimal amount = new BigDecimal((String) x[1]);
            Long measure = null;
            if (!measureLinked) {
                measure = casework.measuresOf(h, township).stream().filter(m -> m.group().equals("FINANCE"))
                        .map(CaseworkApi.MeasureRef::id).findFirst().orElse(null);
                measureLinked = measure != null;
            }
            long loan = jdbc.sql("""
                    insert into loan (household_id, village_code, bank, amount, rate, term_months, purpose, guarantee,
                                      disbursed_on, due_on, measure_id, created_at)
                    values (:h, :v, :bank, :amount, 3.450, :term, :purpose, '免抵押免担保（财政贴息）', :d, :due, :m, :now)
                    returning id""")
                    .param("h", h).param("v", village).param("bank", x[0]).param("amount", amount).param("term", x[2])
                    .param("purpose", x[3]).param("d", disbursed).param("due", due).param("m", measure).param("now", now)
                    .query(Long.class).single();
            int tenths = (Integer) x[5];
            if (tenths > 0) {
                BigDecimal principal = amount.multiply(BigDecimal.valueOf(tenths)).divide(BigDecimal.TEN);
                jdbc.sql("""
                        insert into loan_repayment (loan_id, paid_on, principal, interest, recorded_at)
                        values (:l, :p, :pr, :i, :now)""")
                        .param("l", loan).param("p", disbursed.plusDays(Math.min(180, (Integer) x[4] - 1)))
                        .param("pr", principal).param("i", amount.multiply(new BigDecimal("0.0345")).divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.HALF_UP))
                        .param("now", now).update();
            }
        }
        int year = today.getYear();
        for (Object[] t : new Object[][] {{COUNTY, "5000000.00"}, {TOWNSHIP, "500000.00"}, {VILLAGE, "200000.00"}}) {
            jdbc.sql("insert into credit_target (area_code, year, amount, set_at) values (:a, :y, :m, :now)")
                    .param("a", t[0]).param("y", year).param("m", new BigDecimal((String) t[1])).param("now", now).update();
        }
    }
}
