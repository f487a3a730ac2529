package cn.shouwang.server.employment;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.employment.jobs.Jobs;
import cn.shouwang.server.employment.workshops.Workshops;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdIncomeApi;
import cn.shouwang.server.household.Views;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo profile only, when the module's tables are empty: public-welfare jobs for heads of households of the demo township
 * 孤家子镇 (团山子村 first) with their months paid up to last month (credited to the households' wages), one assistance
 * workshop in 团山子村 with three workers paid likewise, and the year's targets of the county, the township and the
 * village. Post names and the workshop are sample data as a user would type them.
 */
@Component
@Profile("demo")
@Order(34)
class DemoEmployment implements ApplicationRunner {
    static final String COUNTY = "220322000000";
    static final String TOWNSHIP = "220322103000";
    static final String VILLAGE = "220322103205";
    private static final String[] POSTS = {"保洁员", "护林员", "护路员", "水管员", "孤寡老人看护员", "村级信息员"};
    private static final String[] LEVELS = {"VILLAGE", "TOWNSHIP", "DEPARTMENT"};

    private final JdbcClient jdbc;
    private final HouseholdApi households;
    private final HouseholdIncomeApi incomes;
    private final CaseworkApi casework;
    private final Clock clock;

    DemoEmployment(JdbcClient jdbc, HouseholdApi households, HouseholdIncomeApi incomes, CaseworkApi casework,
                   Clock clock) {
        this.jdbc = jdbc;
        this.households = households;
        this.incomes = incomes;
        this.casework = casework;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select exists (select 1 from welfare_job) or exists (select 1 from workshop)")
                .query(Boolean.class).single()) return;
        AreaScope township = new AreaScope(TOWNSHIP);
        List<Long> ids = households.withActiveHead(township, VILLAGE, 12);
        if (ids.size() < 12) return; // no registry loaded: nothing to employ
        LocalDate today = LocalDate.now(clock);
        YearMonth lastMonth = YearMonth.from(today).minusMonths(1);
        Timestamp now = Timestamp.from(clock.instant());
        boolean measureLinked = false;
        for (int i = 0; i < 8; i++) {
            Views.Household h = households.findHousehold(ids.get(i), township).orElseThrow();
            Views.Member head = h.head();
            if (head == null) continue;
            LocalDate start = i < 6 ? LocalDate.of(today.getYear(), 1, 1) : lastMonth.minusMonths(2).atDay(1);
            BigDecimal pay = new BigDecimal(i % 3 == 0 ? "800.00" : i % 3 == 1 ? "600.00" : "500.00");
            Long measure = null;
            if (!measureLinked) {
                measure = casework.measuresOf(h.id(), township).stream()
                        .filter(m -> m.group().equals("PUBLIC_WELFARE_JOB") || m.group().equals("EMPLOYMENT"))
                        .map(CaseworkApi.MeasureRef::id).findFirst().orElse(null);
                measureLinked = measure != null;
            }
            long job = jdbc.sql("""
                    insert into welfare_job (post, village_code, funding_level, monthly_pay, household_id, member_id,
                                             start_on, end_on, measure_id, created_at)
                    values (:post, :v, :level, :pay, :h, :m, :start, :end, :measure, :now) returning id""")
                    .param("post", POSTS[i % POSTS.length]).param("v", h.villageCode()).param("level", LEVELS[i % 3])
                    .param("pay", pay).param("h", h.id()).param("m", head.id()).param("start", start)
                    .param("end", LocalDate.of(today.getYear(), 12, 31)).param("measure", measure).param("now", now)
                    .query(Long.class).single();
            for (YearMonth m = YearMonth.from(start); !m.isAfter(lastMonth); m = m.plusMonths(1)) {
                long wage = jdbc.sql("""
                        insert into welfare_job_wage (job_id, month, amount, paid_on, recorded_at)
                        values (:j, :m, :a, :p, :now) returning id""")
                        .param("j", job).param("m", m.atDay(1)).param("a", pay).param("p", m.atEndOfMonth())
                        .param("now", now).query(Long.class).single();
                incomes.credit(new HouseholdIncomeApi.IncomeCredit(h.id(), m.getYear(), HouseholdIncomeApi.Item.WAGES,
                        pay, Jobs.SOURCE, "job-wage-" + wage, POSTS[i % POSTS.length] + " " + m), township);
            }
        }
        long shop = jdbc.sql("""
                insert into workshop (name, owner, products, village_code, created_at)
                values ('团山子村服装加工帮扶车间', '梨树县兴农服饰有限公司', '劳保手套、工作服', :v, :now) returning id""")
                .param("v", VILLAGE).param("now", now).query(Long.class).single();
        BigDecimal wage = new BigDecimal("1800.00");
        for (int i = 8; i < 11; i++) {
            Views.Household h = households.findHousehold(ids.get(i), township).orElseThrow();
            if (h.head() == null) continue;
            LocalDate start = LocalDate.of(today.getYear(), 3, 1);
            long worker = jdbc.sql("""
                    insert into workshop_worker (workshop_id, household_id, member_id, monthly_wage, start_on, created_at)
                    values (:s, :h, :m, :w, :start, :now) returning id""")
                    .param("s", shop).param("h", h.id()).param("m", h.head().id()).param("w", wage)
                    .param("start", start).param("now", now).query(Long.class).single();
            for (YearMonth m = YearMonth.from(start); !m.isAfter(lastMonth); m = m.plusMonths(1)) {
                long line = jdbc.sql("""
                        insert into workshop_wage (worker_id, month, amount, paid_on, recorded_at)
                        values (:k, :m, :a, :p, :now) returning id""")
                        .param("k", worker).param("m", m.atDay(1)).param("a", wage).param("p", m.atEndOfMonth())
                        .param("now", now).query(Long.class).single();
                incomes.credit(new HouseholdIncomeApi.IncomeCredit(h.id(), m.getYear(), HouseholdIncomeApi.Item.WAGES,
                        wage, Workshops.SOURCE, "workshop-wage-" + line, "团山子村服装加工帮扶车间 " + m), township);
            }
        }
        int year = today.getYear();
        for (Object[] t : new Object[][] {{COUNTY, 120}, {TOWNSHIP, 10}, {VILLAGE, 8}}) {
            jdbc.sql("insert into employment_target (area_code, year, jobs, set_at) values (:a, :y, :j, :now)")
                    .param("a", t[0]).param("y", year).param("j", t[1]).param("now", now).update();
        }
    }
}
