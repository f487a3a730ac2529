package cn.shouwang.server.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.HouseholdMoved;
import cn.shouwang.server.household.RegistryFixtures;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.OwnerDatabase;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A household moved to another village by the registry takes its cases and warnings with it (events
 * {@link HouseholdMoved}, listeners {@code casework.HouseholdMoves} and {@code screening.WarningMoves}, delivered through
 * Spring Modulith's publication registry): afterwards the new village's monitor and township see them, the old
 * village's get 404 / nothing; and a listener that failed stays incomplete in {@code event_publication} until the
 * event is published again.
 */
class HouseholdMoveWebTest extends ServerTest {
    // 梨树县; 梨树镇 with its 前房身村; 郭家店镇 with 晨晖社区 (real Siping codes; villages no other test of the shared
    // server uses, so the cases moved here change no other test's counts)
    static final String COUNTY = "220322000000";
    static final String TOWNSHIP_A = "220322100000";
    static final String VILLAGE_A = "220322100218";
    static final String TOWNSHIP_B = "220322101000";
    static final String VILLAGE_B = "220322101006";
    static final String PERIOD = "2019-03"; // a period no other test compares
    static final AtomicLong IDS = new AtomicLong(700_000);

    @Autowired PersonalDataApi personalData;
    @Autowired RegistryFixtures registry;
    @Autowired OwnerDatabase owner;
    @Autowired IncompleteEventPublications incomplete;

    LocalDate today;

    @BeforeEach
    void incomeLine() {
        today = LocalDate.now(clock);
        for (int y = today.getYear() - 1; y <= today.getYear(); y++) {
            jdbc.sql("insert into income_line (area_code, year, line) values ('220000000000', :y, 8700) on conflict do nothing")
                    .param("y", y).update();
        }
    }

    static RequestPostProcessor as(Role role, String area) {
        long id = IDS.incrementAndGet();
        return user(new AccountPrincipal(new CurrentUser(id, "m" + id, role.name() + id, role, new AreaScope(area)),
                "x", false, true));
    }

    final RequestPostProcessor monitorA = as(Role.VILLAGE_MONITOR, VILLAGE_A);
    final RequestPostProcessor monitorB = as(Role.VILLAGE_MONITOR, VILLAGE_B);
    final RequestPostProcessor townshipA = as(Role.TOWNSHIP_STAFF, TOWNSHIP_A);
    final RequestPostProcessor townshipB = as(Role.TOWNSHIP_STAFF, TOWNSHIP_B);
    final RequestPostProcessor county = as(Role.COUNTY_ANALYST, COUNTY);

    long household(String village, String head) {
        return registry.household(village).group("一组").head(head).insert();
    }

    String householdNo(long h) {
        return registry.householdNo(h);
    }

    long openLead(long h) throws Exception {
        MvcResult r = mvc.perform(post("/leads").with(monitorA).with(csrf()).param("householdNo", householdNo(h))
                        .param("channel", "FIELD_SCREENING").param("description", "主要劳动力住院").param("riskCodes", "ILLNESS"))
                .andExpect(status().is3xxRedirection()).andReturn();
        long id = Long.parseLong(r.getResponse().getRedirectedUrl().substring("/leads/".length()));
        jdbc.sql("update lead set opened_on = opened_on - 30, due_on = due_on - 30 where id = :id").param("id", id).update();
        return id;
    }

    int leadVersion(long lead) {
        return jdbc.sql("select version from lead where id = :id").param("id", lead).query(Integer.class).single();
    }

    /** A monitored household with one plan measure and one home check, as casework would have written them. */
    void monitored(long h) {
        jdbc.sql("""
                insert into monitored_household (household_id, village_code, head_name, category, risk_types, identified_on,
                  status, updated_at)
                values (:h, :v, '监测户', 'MARGINAL_AT_RISK', '{ILLNESS}', :on, 'MONITORED', now())""")
                .param("h", h).param("v", VILLAGE_A).param("on", today.minusMonths(2)).update();
        jdbc.sql("insert into monitoring_history (household_id, on_date, kind, note, by_name, recorded_at) "
                + "values (:h, :on, 'IDENTIFIED', '测试', '测试', now())").param("h", h).param("on", today.minusMonths(2)).update();
        jdbc.sql("""
                insert into plan_measure (household_id, village_code, measure_group, description, responsible_person,
                  start_date, end_date, cost, funding_source, state, created_at, updated_at)
                values (:h, :v, 'INDUSTRY', '养牛', '张干部', :s, :e, 1000, '衔接资金', 'IN_PROGRESS', now(), now())""")
                .param("h", h).param("v", VILLAGE_A).param("s", today.minusMonths(1)).param("e", today.plusMonths(6)).update();
        jdbc.sql("""
                insert into home_check (household_id, village_code, visited_on, findings, wages, business, property, transfers,
                  production_costs, eligible_out_of_pocket, household_size, per_capita, comparison_value, income_line,
                  housing_unsafe, child_out_of_school, water_unsafe, member_uninsured, rigid_costs_resolved,
                  actor_id, actor_name, recorded_at)
                values (:h, :v, :on, '收入核查', 9000, 0, 0, 0, 0, 0, 1, 9000, 9000, 8700,
                  false, false, false, false, true, 'x', '测试', now())""")
                .param("h", h).param("v", VILLAGE_A).param("on", today.minusDays(5)).update();
    }

    void warning(long h) {
        long run = jdbc.sql("""
                insert into screening_run (period, county_code, status, rules, started_by, started_at, finished_at)
                values (:p, :c, 'DONE', 'test', 'test', now(), now()) returning id""")
                .param("p", PERIOD).param("c", COUNTY).query(Long.class).single();
        jdbc.sql("""
                insert into screening_warning (period, household_id, village_code, household_no, rule, person_hash,
                  source, detail, first_run_id, last_run_id)
                values (:p, :h, :v, :no, 'MEDICAL_HOUSEHOLD', :hash, 'test', '测试', :r, :r)""")
                .param("p", PERIOD).param("h", h).param("v", VILLAGE_A).param("no", householdNo(h))
                .param("hash", new byte[] {(byte) h})
                .param("r", run).update();
    }

    /** Moves the household through the registry's API, as the county analyst (whose scope holds both villages). */
    void move(long h, String to) throws Exception {
        String json = mvc.perform(get("/api/v1/households/" + h).with(county)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        int version = Integer.parseInt(json.replaceAll("(?s).*\"version\":(\\d+).*", "$1"));
        mvc.perform(put("/api/v1/households/" + h).with(county).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"villageCode\":\"" + to + "\",\"villageGroup\":\"二组\",\"formerlyPoor\":false,"
                                + "\"version\":" + version + "}"))
                .andExpect(status().isOk());
    }

    String village(String table, long h) {
        return jdbc.sql("select distinct village_code from " + table + " where household_id = :h").param("h", h)
                .query(String.class).single();
    }

    /** Publications of HouseholdMoved for this household not yet completed (by any listener). */
    int incompleteMoves(long h) {
        return jdbc.sql("""
                select count(*) from event_publication where completion_date is null and event_type = :t
                   and serialized_event::jsonb ->> 'householdId' = :h""")
                .param("t", HouseholdMoved.class.getName()).param("h", String.valueOf(h)).query(Integer.class).single();
    }

    String page(String url, RequestPostProcessor who) throws Exception {
        return mvc.perform(get(url).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void theCasesAndWarningsFollowTheHouseholdToItsNewVillage() throws Exception {
        long h1 = household(VILLAGE_A, "迁户甲");
        long lead = openLead(h1);
        mvc.perform(post("/leads/" + lead + "/verify").with(monitorA).with(csrf()).param("on", today.minusDays(29).toString())
                        .param("findings", "入户核实").param("wages", "6000").param("business", "0").param("property", "0")
                        .param("transfers", "0").param("productionCosts", "0").param("eligibleOutOfPocket", "2000")
                        .param("householdSize", "1").param("mainRisk", "ILLNESS").param("category", "MARGINAL_AT_RISK")
                        .param("consentSigned", "true").param("version", String.valueOf(leadVersion(lead))))
                .andExpect(status().is3xxRedirection());
        // a second report joins the open lead (lead_report)
        mvc.perform(post("/leads").with(monitorA).with(csrf()).param("householdNo", householdNo(h1))
                .param("channel", "FIELD_SCREENING").param("description", "又一次报告").param("riskCodes", "ILLNESS"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from lead_report where household_id = :h").param("h", h1)
                .query(Integer.class).single()).isEqualTo(1);
        warning(h1);
        long h2 = household(VILLAGE_A, "迁户乙");
        monitored(h2);

        // before: village A and its township see everything, B nothing
        assertThat(page("/leads/" + lead, monitorA)).contains("迁户甲");
        assertThat(page("/monitored/" + h2, monitorA)).contains("养牛");
        mvc.perform(get("/leads/" + lead).with(monitorB)).andExpect(status().isNotFound());
        mvc.perform(get("/monitored/" + h2).with(monitorB)).andExpect(status().isNotFound());
        assertThat(page("/warnings?period=" + PERIOD, townshipA)).contains(householdNo(h1));
        assertThat(page("/warnings?period=" + PERIOD, townshipB)).doesNotContain(householdNo(h1));

        move(h1, VILLAGE_B);
        move(h2, VILLAGE_B);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(incompleteMoves(h1)).isZero();
            assertThat(incompleteMoves(h2)).isZero();
            assertThat(village("lead", h1)).isEqualTo(VILLAGE_B);
            assertThat(village("monitored_household", h2)).isEqualTo(VILLAGE_B);
        });
        // one delivery per listener (casework, screening, eldervisits, moralbank), each completed
        assertThat(jdbc.sql("select count(*) from event_publication where completion_date is not null "
                        + "and serialized_event::jsonb ->> 'householdId' = :h").param("h", String.valueOf(h1))
                .query(Integer.class).single()).isEqualTo(4);

        assertThat(village("lead_report", h1)).isEqualTo(VILLAGE_B);
        assertThat(village("screening_warning", h1)).isEqualTo(VILLAGE_B);
        // a move keeps the household number (Registry.update): the warning's copy is still right
        assertThat(jdbc.sql("select household_no from screening_warning where household_id = :h").param("h", h1)
                .query(String.class).single()).isEqualTo(householdNo(h1));
        assertThat(village("plan_measure", h2)).isEqualTo(VILLAGE_B);
        // the visit records are append-only and keep the village the visit took place in
        assertThat(village("lead_verification", h1)).isEqualTo(VILLAGE_A);
        assertThat(village("home_check", h2)).isEqualTo(VILLAGE_A);

        // after: the old village's monitor and township get 404 / nothing, the new village's see the cases
        mvc.perform(get("/leads/" + lead).with(monitorA)).andExpect(status().isNotFound());
        mvc.perform(get("/monitored/" + h2).with(monitorA)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/households/" + h1).with(monitorA)).andExpect(status().isNotFound());
        assertThat(page("/leads", monitorA)).doesNotContain("href=\"/leads/" + lead + "\"");
        assertThat(page("/warnings?period=" + PERIOD, townshipA)).doesNotContain(householdNo(h1));

        assertThat(page("/leads/" + lead, monitorB)).contains("迁户甲", "入户核实", "又一次报告");
        assertThat(page("/leads", monitorB)).contains("href=\"/leads/" + lead + "\"");
        assertThat(page("/monitored/" + h2, monitorB)).contains("养牛", "迁至他村", "前房身村");
        assertThat(page("/monitored", monitorB)).contains("href=\"/monitored/" + h2 + "\"");
        mvc.perform(get("/api/v1/households/" + h1).with(monitorB)).andExpect(status().isOk());
        assertThat(page("/households/" + h1, monitorB)).contains("href=\"/leads/" + lead + "\"");
        assertThat(page("/warnings?period=" + PERIOD, townshipB)).contains(householdNo(h1));

        // the move itself is in the registry's audit log (the household's history)
        assertThat(jdbc.sql("""
                select count(*) from audit_event where action = 'HOUSEHOLD_UPDATE' and household_id = :h
                   and changes::text like '%village%'""").param("h", h1).query(Integer.class).single()).isEqualTo(1);
        // the monitoring history got one line
        assertThat(jdbc.sql("select count(*) from monitoring_history where household_id = :h and kind = 'VILLAGE_CHANGED'")
                .param("h", h2).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void thePublicationTableComesFromFlywayAndTheServerRoleMayOnlyWriteItsRows() {
        assertThat(jdbc.sql("select count(*) from platform.flyway_schema_history where version = '1' and success")
                .query(Integer.class).single()).isEqualTo(1);
        // the server's role (AppPrivileges' grants after the migration) writes rows, the owner owns the table
        assertThat(jdbc.sql("select tableowner <> current_user from pg_tables where tablename = 'event_publication'")
                .query(Boolean.class).single()).isTrue();
        for (String p : new String[] {"SELECT", "INSERT", "UPDATE", "DELETE"}) {
            assertThat(jdbc.sql("select has_table_privilege('event_publication', :p)").param("p", p)
                    .query(Boolean.class).single()).as(p).isTrue();
        }
        assertThat(jdbc.sql("select has_table_privilege('event_publication', 'TRUNCATE')").query(Boolean.class).single())
                .isFalse();
    }

    @Test
    void aListenerThatFailedStaysIncompleteUntilTheEventIsPublishedAgain() throws Exception {
        long h = household(VILLAGE_A, "迁户丙");
        long lead = openLead(h);
        monitored(h);
        // casework's listener will fail: the database refuses any change of this household's plan measures
        String fn = "move_test_refuse_" + h;
        owner.jdbc().sql("create function " + fn + "() returns trigger language plpgsql as $$ begin "
                + "if old.household_id = " + h + " then raise exception 'refused by the test'; end if; return new; end $$")
                .update();
        owner.jdbc().sql("create trigger " + fn + " before update on plan_measure for each row execute function " + fn + "()")
                .update();
        try {
            move(h, VILLAGE_B);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(jdbc.sql("""
                        select count(*) from event_publication where completion_date is null and status = 'FAILED'
                           and serialized_event::jsonb ->> 'householdId' = :h and listener_id like '%HouseholdMoves%'""")
                        .param("h", String.valueOf(h)).query(Integer.class).single()).isEqualTo(1);
                // screening's delivery of the same event is its own and went through
                assertThat(jdbc.sql("""
                        select count(*) from event_publication where completion_date is not null
                           and serialized_event::jsonb ->> 'householdId' = :h and listener_id like '%WarningMoves%'""")
                        .param("h", String.valueOf(h)).query(Integer.class).single()).isEqualTo(1);
            });
            // nothing of the failed listener's transaction stayed: the case is still in the old village, where the
            // household no longer is
            assertThat(village("lead", h)).isEqualTo(VILLAGE_A);
            assertThat(village("monitored_household", h)).isEqualTo(VILLAGE_A);
        } finally {
            owner.jdbc().sql("drop trigger " + fn + " on plan_measure").update();
            owner.jdbc().sql("drop function " + fn + "()").update();
        }

        // what a restart does (republish-outstanding-events-on-restart), done here through the registry's API
        incomplete.resubmitIncompletePublications(p -> p.getEvent() instanceof HouseholdMoved m && m.householdId() == h);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(incompleteMoves(h)).isZero();
            assertThat(village("lead", h)).isEqualTo(VILLAGE_B);
        });
        assertThat(village("monitored_household", h)).isEqualTo(VILLAGE_B);
        assertThat(village("plan_measure", h)).isEqualTo(VILLAGE_B);
        mvc.perform(get("/leads/" + lead).with(monitorA)).andExpect(status().isNotFound());
        assertThat(page("/monitored/" + h, monitorB)).contains("迁至他村");
    }

    void relation(long h, long member, String name, String relation) throws Exception {
        int version = jdbc.sql("select version from household where id = :h").param("h", h).query(Integer.class).single();
        mvc.perform(put("/api/v1/members/" + member).with(townshipA).contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"" + name + "\",\"relation\":\"" + relation + "\",\"labourCapacity\":\"ORDINARY\","
                        + "\"health\":\"HEALTHY\",\"schoolingStage\":\"NONE\",\"householdVersion\":" + version + "}"))
                .andExpect(status().isOk());
    }

    @Test
    void aNewHeadsNameFollowsOnTheOpenLeadAndTheMonitoredHousehold() throws Exception {
        long h = registry.household(VILLAGE_A).group("一组").head("旧户主").member("新户主", "SPOUSE", "ORDINARY", null)
                .insert();
        long spouse = jdbc.sql("select id from member where household_id = :h and relation = 'SPOUSE'").param("h", h)
                .query(Long.class).single();
        long head = jdbc.sql("select id from member where household_id = :h and relation = 'HEAD'").param("h", h)
                .query(Long.class).single();
        long lead = openLead(h);
        monitored(h);
        assertThat(page("/leads/" + lead, monitorA)).contains("旧户主");

        relation(h, head, "旧户主", "SPOUSE");
        relation(h, spouse, "新户主", "HEAD");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.sql("select head_name from lead where id = :id").param("id", lead).query(String.class).single())
                    .isEqualTo("新户主");
            assertThat(jdbc.sql("select head_name from monitored_household where household_id = :h").param("h", h)
                    .query(String.class).single()).isEqualTo("新户主");
            // both HeadChanged deliveries (to nobody, then to the spouse) completed
            assertThat(jdbc.sql("select count(*) from event_publication where completion_date is not null "
                            + "and serialized_event::jsonb ->> 'householdId' = :h").param("h", String.valueOf(h))
                    .query(Integer.class).single()).isEqualTo(2);
        });
        assertThat(page("/leads", monitorA)).contains("新户主");
    }
}
