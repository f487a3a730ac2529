package cn.shouwang.server.casework;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Casework's fixtures for tests of every module: a household already monitored, an income line in force (written
 * straight into casework's tables, no history row, no audit, as earlier months would have left them), and an open
 * identification lead (through the 新建线索 form, so with its deadline and audit). A bean of the one test context ({@code ServerTest}): {@code @Autowired CaseworkFixtures casework;} then
 * {@code casework.monitored(h, village, "张三").risks("ILLNESS").since(day).insert();}.
 */
public class CaseworkFixtures {
    private static final AtomicLong MONITORS = new AtomicLong(880_000);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MockMvc mvc;

    public CaseworkFixtures(JdbcClient jdbc, Clock clock, MockMvc mvc) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.mvc = mvc;
    }

    /**
     * An identification lead of the registry household {@code householdNo} of {@code village}, opened by a village
     * monitor of the village through the 新建线索 form (channel 入户排查, risk ILLNESS unless given), waiting for the home
     * verification.
     */
    public LeadBuilder lead(String householdNo, String village) {
        return new LeadBuilder(householdNo, village);
    }

    /**
     * The registry household {@code household} of {@code village}, headed by {@code head}, as a monitored household:
     * category 边缘易致贫户 (MARGINAL_AT_RISK), risk ILLNESS, identified 60 days before the server's today, unless given.
     */
    public MonitoredBuilder monitored(long household, String village, String head) {
        return new MonitoredBuilder(household, village, head);
    }

    /** The poverty-return income line of the area and year (yuan per person), unless one is set already. */
    public void incomeLine(String area, int year, int yuan) {
        // as a line set before changes were recorded (casework V9): in force on every day
        if (jdbc.sql("insert into income_line (area_code, year, line) values (:a, :y, :l) on conflict do nothing")
                .param("a", area).param("y", year).param("l", yuan).update() == 1) {
            jdbc.sql("insert into income_line_change (area_code, year, line, changed_at) values (:a, :y, :l, now())")
                    .param("a", area).param("y", year).param("l", yuan).update();
        }
    }

    /**
     * A 标准调整 of the area's line for the year, as 系统管理 › 监测标准 records it: a new figure from {@code effectiveFrom}
     * on (the line itself is made first, as one set before changes were recorded, if there is none).
     */
    public void incomeLineChange(String area, int year, int yuan, LocalDate effectiveFrom, String reason) {
        if (jdbc.sql("insert into income_line (area_code, year, line) values (:a, :y, :l) on conflict do nothing")
                .param("a", area).param("y", year).param("l", yuan).update() == 0) {
            jdbc.sql("update income_line set line = :l, version = version + 1 where area_code = :a and year = :y")
                    .param("a", area).param("y", year).param("l", yuan).update();
        }
        jdbc.sql("""
                insert into income_line_change (area_code, year, line, effective_from, reason, changed_by, changed_by_name,
                  changed_at) values (:a, :y, :l, :e, :r, 'fixture', '测试管理员', now())""")
                .param("a", area).param("y", year).param("l", yuan).param("e", effectiveFrom).param("r", reason).update();
    }

    public final class MonitoredBuilder {
        private final long household;
        private final String village;
        private final String head;
        private String category = "MARGINAL_AT_RISK";
        private String[] risks = {"ILLNESS"};
        private LocalDate identifiedOn;

        private MonitoredBuilder(long household, String village, String head) {
            this.household = household;
            this.village = village;
            this.head = head;
            this.identifiedOn = LocalDate.now(clock).minusDays(60);
        }

        /** The monitoring category (a casework code of kind CATEGORY). */
        public MonitoredBuilder category(String code) {
            this.category = code;
            return this;
        }

        /** The risk types (1 to 5 casework codes of kind RISK_TYPE). */
        public MonitoredBuilder risks(String... codes) {
            this.risks = codes;
            return this;
        }

        /** The day it was identified. */
        public MonitoredBuilder since(LocalDate day) {
            this.identifiedOn = day;
            return this;
        }

        /** Writes it (status MONITORED); returns the household's id. */
        public long insert() {
            jdbc.sql("""
                    insert into monitored_household (household_id, village_code, head_name, category, risk_types,
                      identified_on, status, updated_at)
                    values (:h, :v, :head, :c, :r, :on, 'MONITORED', now())""")
                    .param("h", household).param("v", village).param("head", head).param("c", category)
                    .param("r", risks).param("on", identifiedOn).update();
            return household;
        }
    }

    /**
     * A plan measure of a monitored household (group: core's MeasureGroup name), running over this year: what the
     * registers beside the core point a job, a grant or a loan at. Returns the measure's id.
     */
    public long measure(long household, String village, String group, String description) {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        return jdbc.sql("""
                insert into plan_measure (household_id, village_code, measure_group, description, responsible_person,
                  start_date, end_date, cost, funding_source, state, created_at, updated_at)
                values (:h, :v, :g, :d, 'fixture', :s, :e, 0, 'fixture', 'IN_PROGRESS', now(), now()) returning id""")
                .param("h", household).param("v", village).param("g", group).param("d", description)
                .param("s", today.withDayOfYear(1)).param("e", today.withDayOfYear(1).plusYears(1).minusDays(1))
                .query(Long.class).single();
    }

    public final class LeadBuilder {
        private final String householdNo;
        private final String village;
        private String description = "主要劳动力住院";
        private String[] risks = {"ILLNESS"};
        private int daysAgo;
        private @Nullable RequestPostProcessor monitor;

        private LeadBuilder(String householdNo, String village) {
            this.householdNo = householdNo;
            this.village = village;
        }

        public LeadBuilder description(String text) {
            this.description = text;
            return this;
        }

        /** The suggested risk types (casework codes of kind RISK_TYPE). */
        public LeadBuilder risks(String... codes) {
            this.risks = codes;
            return this;
        }

        /** Opened this many days before the server's today, its due date moved back as much. */
        public LeadBuilder openedDaysAgo(int days) {
            this.daysAgo = days;
            return this;
        }

        /** Who opens it; by default a new village monitor of the village. */
        public LeadBuilder by(RequestPostProcessor villageMonitor) {
            this.monitor = villageMonitor;
            return this;
        }

        /** Opens it; returns the lead's id. */
        public long open() throws Exception {
            RequestPostProcessor by = monitor;
            if (by == null) {
                long id = MONITORS.incrementAndGet();
                by = user(new AccountPrincipal(new CurrentUser(id, "fixture" + id, "村监测员" + id, Role.VILLAGE_MONITOR,
                        new AreaScope(village)), "x", false, true));
            }
            MockHttpServletRequestBuilder form = post("/leads").with(by).with(csrf()).param("householdNo", householdNo)
                    .param("channel", "FIELD_SCREENING").param("description", description);
            for (String risk : risks) form = form.param("riskCodes", risk);
            String url = mvc.perform(form).andReturn().getResponse().getRedirectedUrl();
            if (url == null || !url.startsWith("/leads/")) {
                throw new IllegalStateException("the lead form refused the lead of " + householdNo);
            }
            long lead = Long.parseLong(url.substring("/leads/".length()));
            if (daysAgo != 0) {
                jdbc.sql("update lead set opened_on = opened_on - :d, due_on = due_on - :d where id = :id")
                        .param("d", daysAgo).param("id", lead).update();
            }
            return lead;
        }
    }
}
