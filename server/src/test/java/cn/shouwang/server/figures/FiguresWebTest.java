package cn.shouwang.server.figures;

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
import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.figures.dashboard.Dashboard;
import cn.shouwang.server.household.RegistryFixtures;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 统计调度 (issue 14 points 1 and 2) against the database: the figures of a county and a village equal direct counts,
 * also after a sequence of edits; a sibling county's figures are not found; the roles of the menu; a past month keeps
 * its frozen figures after later edits; the administrator's button takes a missing month only. 铁东区 (220303) and its
 * villages are used by no other test of the shared server; 铁西区 (220302) is the sibling.
 */
class FiguresWebTest extends ServerTest {
    static final String COUNTY = "220303000000";
    static final String TOWNSHIP_A = "220303001000";
    static final String VILLAGE_A = "220303001003";
    static final String TOWNSHIP_B = "220303002000";
    static final String VILLAGE_B = "220303002001";
    static final String SIBLING = "220302000000";
    static final AtomicLong IDS = new AtomicLong(810_000);

    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;
    @Autowired org.springframework.context.ApplicationContext context;

    LocalDate today;

    @BeforeEach
    void today() {
        today = LocalDate.now(clock);
    }

    static RequestPostProcessor as(Role role, String area) {
        long id = IDS.incrementAndGet();
        return user(new AccountPrincipal(new CurrentUser(id, "f" + id, role.name() + id, role, new AreaScope(area)),
                "x", false, true));
    }

    final RequestPostProcessor county = as(Role.COUNTY_ANALYST, COUNTY);
    final RequestPostProcessor admin = as(Role.ADMIN, "220000000000");

    Dashboard.View view(String url, RequestPostProcessor who) throws Exception {
        return (Dashboard.View) mvc.perform(get(url).with(who)).andExpect(status().isOk()).andReturn()
                .getModelAndView().getModel().get("v");
    }

    long monitored(String village, String category, String... risks) {
        long h = registry.household(village).head("调度户" + IDS.incrementAndGet())
                .member("家人" + IDS.incrementAndGet(), "SPOUSE", "ORDINARY", null).insert();
        casework.monitored(h, village, "调度户").category(category).risks(risks).insert();
        return h;
    }

    // ---- the direct counts, over every table, as an auditor would write them -------------------------------------
    long count(String sql, String area) {
        return jdbc.sql(sql).param("p", new AreaScope(area).prefix() + "%").param("d", today).query(Long.class).single();
    }

    long monitoredHouseholds(String area) {
        return count("select count(*) from monitored_household where village_code like :p and status = 'MONITORED' "
                + "and identified_on <= :d", area);
    }

    long monitoredPersons(String area) {
        return count("""
                select count(*) from member m join monitored_household h on h.household_id = m.household_id
                 where h.village_code like :p and h.status = 'MONITORED' and m.status = 'ACTIVE' and h.identified_on <= :d""", area);
    }

    long eliminatedHouseholds(String area) {
        return count("select count(*) from monitored_household where village_code like :p and status = 'RISK_ELIMINATED' "
                + "and identified_on <= :d", area);
    }

    long overdueLeads(String area) {
        return count("select count(*) from lead where village_code like :p and state not in ('CONFIRMED', 'REJECTED') "
                + "and due_on < :d", area);
    }

    long newLeads(String area) {
        return jdbc.sql("select count(*) from lead where village_code like :p and workflow = 'IDENTIFICATION' "
                        + "and opened_on between :ms and :d")
                .param("p", new AreaScope(area).prefix() + "%").param("d", today).param("ms", today.withDayOfMonth(1))
                .query(Long.class).single();
    }

    long illness(String area) {
        return count("select count(*) from monitored_household where village_code like :p and status = 'MONITORED' "
                + "and 'ILLNESS' = any(risk_types) and identified_on <= :d", area);
    }

    long confirmedOrRejected(String area, String state) {
        return jdbc.sql("select count(*) from lead where village_code like :p and workflow = 'IDENTIFICATION' "
                        + "and state = :s and closed_on between :ms and :d")
                .param("p", new AreaScope(area).prefix() + "%").param("d", today).param("ms", today.withDayOfMonth(1))
                .param("s", state).query(Long.class).single();
    }

    long withoutMeasure(String area) {
        return jdbc.sql("select count(*) from monitored_household m where village_code like :p and status = 'MONITORED' "
                        + "and identified_on <= :mb and not exists (select 1 from plan_measure p where p.household_id = m.household_id)")
                .param("p", new AreaScope(area).prefix() + "%").param("mb", today.minusMonths(1)).query(Long.class).single();
    }

    /** Monitored households with a checked income: how many, the sum of their latest per-capita incomes, below the line. */
    Object[] incomes(String area) {
        return jdbc.sql("""
                select count(*), coalesce(sum(per_capita), 0), count(*) filter (where comparison_value < income_line)
                  from (select distinct on (m.household_id) c.per_capita, c.comparison_value, c.income_line
                          from monitored_household m
                          join (select household_id, visited_on, recorded_at, 1 as k, id, per_capita, comparison_value,
                                       income_line from lead_verification
                                union all
                                select household_id, visited_on, recorded_at, 2, id, per_capita, comparison_value,
                                       income_line from home_check) c on c.household_id = m.household_id
                         where m.village_code like :p and m.status = 'MONITORED'
                         order by m.household_id, c.visited_on desc, c.recorded_at desc, c.k desc, c.id desc) x""")
                .param("p", new AreaScope(area).prefix() + "%")
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getBigDecimal(2), rs.getLong(3)}).single();
    }

    /** Plan measures of the area by "group.state". */
    java.util.Map<String, Long> measures(String area) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        jdbc.sql("select measure_group, state, count(*) from plan_measure where village_code like :p group by 1, 2")
                .param("p", new AreaScope(area).prefix() + "%")
                .query(rs -> {
                    out.put(rs.getString(1) + "." + rs.getString(2), rs.getLong(3));
                });
        return out;
    }

    void assertFiguresEqualDirectCounts() throws Exception {
        // the counts kept on write (casework V16) equal a recount of the county's villages from the source tables
        String recount = """
                select village_code, metric, sum(value) from (
                    select m.village_code, f.metric, f.value from monitored_household m,
                           monitored_figure_values(m.status, m.category, m.risk_types, m.persons, m.income_per_capita,
                                                   m.income_comparison, m.income_line) f
                     where m.village_code like '220303%'
                    union all
                    select village_code, 'measures.' || measure_group || '.' || state, 1 from plan_measure
                     where village_code like '220303%') d group by 1, 2 having sum(value) <> 0 order by 1, 2""";
        String kept = """
                select village_code, metric, value from monitored_village_figure
                 where village_code like '220303%' and value <> 0 order by 1, 2""";
        java.util.function.Function<String, java.util.List<String>> rows = sql -> jdbc.sql(sql)
                .query((rs, i) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getBigDecimal(3).stripTrailingZeros().toPlainString())
                .list();
        assertThat(rows.apply(kept)).isEqualTo(rows.apply(recount));
        // the kept columns of each row equal the checks and measures they stand for
        assertThat(jdbc.sql("""
                select count(*) from monitored_household m where village_code like '220303%' and (
                  measures <> (select count(*) from plan_measure p where p.household_id = m.household_id)
                  or income_per_capita is distinct from (select per_capita from monitored_latest_check(m.household_id)))""")
                .query(Long.class).single()).isZero();
        // today's figures from the kept counts equal the figures counted from the dated records
        for (int digits : new int[] {9, 12}) {
            assertThat(cn.shouwang.server.casework.figures.CaseworkFiguresPaths.kept(context, new AreaScope(COUNTY), digits, today))
                    .isEqualTo(cn.shouwang.server.casework.figures.CaseworkFiguresPaths.dated(context, new AreaScope(COUNTY), digits, today));
        }

        Dashboard.View c = view("/reports?area=" + COUNTY, county);
        assertThat(c.total().leadsConfirmed()).isEqualTo(confirmedOrRejected(COUNTY, "CONFIRMED"));
        assertThat(c.total().leadsRejected()).isEqualTo(confirmedOrRejected(COUNTY, "REJECTED"));
        assertThat(c.total().withoutMeasure()).isEqualTo(withoutMeasure(COUNTY));
        Object[] income = incomes(COUNTY);
        assertThat(c.total().incomeHouseholds()).isEqualTo(income[0]);
        assertThat(c.total().incomeBelowLine()).isEqualTo(income[2]);
        assertThat(c.total().incomeAverageWan()).isEqualTo((long) income[0] == 0 ? "" : ((java.math.BigDecimal) income[1])
                .divide(java.math.BigDecimal.valueOf((long) income[0]), 10, java.math.RoundingMode.HALF_UP)
                .divide(java.math.BigDecimal.valueOf(10_000), 2, java.math.RoundingMode.HALF_UP).toPlainString());
        java.util.Map<String, Long> shown = new java.util.TreeMap<>();
        for (Dashboard.MeasureRow m : c.measures()) {
            if (m.planned() > 0) shown.put(m.group() + ".PLANNED", m.planned());
            if (m.inProgress() > 0) shown.put(m.group() + ".IN_PROGRESS", m.inProgress());
            if (m.delivered() > 0) shown.put(m.group() + ".DELIVERED", m.delivered());
            if (m.stopped() > 0) shown.put(m.group() + ".STOPPED", m.stopped());
        }
        assertThat(shown).isEqualTo(measures(COUNTY));
        assertThat(c.total().monitoredHouseholds()).isEqualTo(monitoredHouseholds(COUNTY)).isPositive();
        assertThat(c.total().monitoredPersons()).isEqualTo(monitoredPersons(COUNTY));
        assertThat(c.total().eliminatedHouseholds()).isEqualTo(eliminatedHouseholds(COUNTY));
        assertThat(c.total().leadsOverdue()).isEqualTo(overdueLeads(COUNTY));
        assertThat(c.total().leadsNew()).isEqualTo(newLeads(COUNTY));
        assertThat(c.risks().stream().filter(r -> r.code().equals("ILLNESS")).mapToLong(Dashboard.CodeRow::households).sum())
                .isEqualTo(illness(COUNTY));
        // the townships' rows add up to the county
        assertThat(c.children().stream().mapToLong(Dashboard.AreaRow::monitoredHouseholds).sum())
                .isEqualTo(c.total().monitoredHouseholds());
        for (String village : new String[] {VILLAGE_A, VILLAGE_B}) {
            Dashboard.View v = view("/reports?area=" + village, county);
            assertThat(v.total().monitoredHouseholds()).as(village).isEqualTo(monitoredHouseholds(village));
            assertThat(v.total().monitoredPersons()).as(village).isEqualTo(monitoredPersons(village));
            assertThat(v.total().eliminatedHouseholds()).as(village).isEqualTo(eliminatedHouseholds(village));
            assertThat(v.total().leadsOverdue()).as(village).isEqualTo(overdueLeads(village));
        }
    }

    @Test
    void theFiguresOfACountyAndItsVillagesEqualDirectCountsAlsoAfterASequenceOfEdits() throws Exception {
        long a1 = monitored(VILLAGE_A, "MARGINAL_AT_RISK", "ILLNESS");
        long a2 = monitored(VILLAGE_A, "UNSTABLE_FORMERLY_POOR", "SCHOOLING", "ILLNESS");
        long b1 = monitored(VILLAGE_B, "SUDDEN_HARDSHIP", "ACCIDENT");
        casework.measure(b1, VILLAGE_B, "HEALTH", "门诊慢病报销");
        long leadHousehold = registry.household(VILLAGE_A).head("线索户").insert();
        casework.lead(registry.householdNo(leadHousehold), VILLAGE_A).openedDaysAgo(40).open();
        assertFiguresEqualDirectCounts();
        Dashboard.View before = view("/reports?area=" + COUNTY, county);
        assertThat(before.total().leadsOverdue()).isPositive();

        // a new lead this month
        long newHousehold = registry.household(VILLAGE_B).head("新线索户").insert();
        long lead = casework.lead(registry.householdNo(newHousehold), VILLAGE_B).open();
        assertFiguresEqualDirectCounts();
        assertThat(view("/reports?area=" + COUNTY, county).total().leadsNew()).isEqualTo(before.total().leadsNew() + 1);

        // confirmed: the lead closes and the household becomes monitored
        jdbc.sql("update lead set state = 'CONFIRMED', closed_on = :d where id = :id").param("d", today).param("id", lead).update();
        casework.monitored(newHousehold, VILLAGE_B, "新线索户").since(today).insert();
        assertFiguresEqualDirectCounts();
        assertThat(view("/reports?area=" + COUNTY, county).total().leadsConfirmed())
                .isEqualTo(before.total().leadsConfirmed() + 1);

        // a household's risk eliminated this month
        jdbc.sql("update monitored_household set status = 'RISK_ELIMINATED', elimination_method = 'ASSISTANCE', "
                + "eliminated_month = :m where household_id = :h").param("m", today.withDayOfMonth(1)).param("h", a1).update();
        assertFiguresEqualDirectCounts();

        // a member added through the registry's API: the monitored persons follow (counted on write, same transaction)
        long persons = view("/reports?area=" + VILLAGE_B, county).total().monitoredPersons();
        int version = householdVersion(b1);
        mvc.perform(post("/api/v1/households/" + b1 + "/members").with(county).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("""
                                {"idNumber":"%s","name":"新生儿","relation":"CHILD","labourCapacity":"NONE",
                                 "health":"HEALTHY","schoolingStage":"NONE","householdVersion":%d}"""
                                .formatted(registry.newIdNumber("220303"), version)))
                .andExpect(status().is2xxSuccessful());
        assertThat(view("/reports?area=" + VILLAGE_B, county).total().monitoredPersons()).isEqualTo(persons + 1);
        assertFiguresEqualDirectCounts();

        // its category and risk types changed, a second risk type added
        jdbc.sql("update monitored_household set category = 'MARGINAL_AT_RISK', risk_types = '{ILLNESS,SCHOOLING}' "
                + "where household_id = :h").param("h", b1).update();
        assertFiguresEqualDirectCounts();

        // incomes: a home check below the line, then a later one above it (the latest counts), then one the same day
        homeCheck(b1, VILLAGE_B, today.minusDays(20), "5000.00", "4800.00");
        assertFiguresEqualDirectCounts();
        assertThat(view("/reports?area=" + COUNTY, county).total().incomeBelowLine()).isPositive();
        homeCheck(b1, VILLAGE_B, today.minusDays(2), "9000.00", "8800.00");
        homeCheck(a2, VILLAGE_A, today.minusDays(2), "6100.00", "6100.00");
        assertFiguresEqualDirectCounts();
        homeCheck(a2, VILLAGE_A, today.minusDays(2), "6200.00", "6200.00");
        assertFiguresEqualDirectCounts();

        // measures: a second one, its state changed, one stopped, one deleted; a household without a measure a month on
        long m2 = casework.measure(a2, VILLAGE_A, "EMPLOYMENT", "公益岗位");
        jdbc.sql("update plan_measure set state = 'DELIVERED', changed_on = :d where id = :id").param("d", today).param("id", m2).update();
        long m3 = casework.measure(b1, VILLAGE_B, "INDUSTRY", "庭院经济");
        jdbc.sql("update plan_measure set state = 'STOPPED' where id = :id").param("id", m3).update();
        assertFiguresEqualDirectCounts();
        jdbc.sql("delete from plan_measure where id = :id").param("id", m2).update();
        jdbc.sql("update monitored_household set identified_on = :d where household_id = :h")
                .param("d", today.minusMonths(2)).param("h", a2).update();
        assertFiguresEqualDirectCounts();
        assertThat(view("/reports?area=" + COUNTY, county).total().withoutMeasure()).isPositive();

        // a lead rejected this month
        long rejectedHousehold = registry.household(VILLAGE_A).head("否决户").insert();
        long rejected = casework.lead(registry.householdNo(rejectedHousehold), VILLAGE_A).open();
        jdbc.sql("update lead set state = 'REJECTED', rejection_reason = '收入高于标准', closed_on = :d where id = :id")
                .param("d", today).param("id", rejected).update();
        assertFiguresEqualDirectCounts();

        // a monitored household moved to the other township's village (the cases follow it: HouseholdMoved)
        version = householdVersion(b1);
        mvc.perform(put("/api/v1/households/" + b1).with(county).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"villageCode\":\"" + VILLAGE_A + "\",\"villageGroup\":\"二组\",\"formerlyPoor\":false,"
                                + "\"version\":" + version + "}"))
                .andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(20)).until(() -> VILLAGE_A.equals(jdbc.sql(
                "select village_code from monitored_household where household_id = :h").param("h", b1).query(String.class).single()));
        assertFiguresEqualDirectCounts();
    }

    void homeCheck(long household, String village, LocalDate on, String perCapita, String comparison) {
        jdbc.sql("""
                insert into home_check (household_id, village_code, visited_on, findings, wages, business, property,
                  transfers, production_costs, eligible_out_of_pocket, household_size, per_capita, comparison_value,
                  income_line, housing_unsafe, child_out_of_school, water_unsafe, member_uninsured, rigid_costs_resolved,
                  actor_id, actor_name, recorded_at)
                values (:h, :v, :on, '入户核查', :pc, 0, 0, 0, 0, 0, 1, :pc, :cmp, 6000, false, false, false, false, true,
                        'test', '核查员', now())""")
                .param("h", household).param("v", village).param("on", on).param("pc", new java.math.BigDecimal(perCapita))
                .param("cmp", new java.math.BigDecimal(comparison)).update();
    }

    int householdVersion(long h) throws Exception {
        String json = mvc.perform(get("/api/v1/households/" + h).with(county)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return Integer.parseInt(json.replaceAll("(?s).*\"version\":(\\d+).*", "$1"));
    }

    @Test
    void aCountyAnalystCannotReadASiblingCountyAndNoFigureLeaks() throws Exception {
        monitored(VILLAGE_A, "MARGINAL_AT_RISK", "ILLNESS");
        for (String url : new String[] {"/reports?area=" + SIBLING, "/reports?area=220302001001",
                "/reports/screen?area=" + SIBLING, "/reports?area=220300000000", "/reports?area=abc",
                "/reports?month=1999-01", "/reports?month=nonsense"}) {
            String body = mvc.perform(get(url).with(county)).andExpect(status().isNotFound()).andReturn().getResponse()
                    .getContentAsString();
            assertThat(body).as(url).doesNotContain("铁西区").doesNotContain("kpi-monitored-households");
        }
        // its own county and a village below: found, and the page names no sibling
        String own = mvc.perform(get("/reports?area=" + VILLAGE_A).with(county)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(own).contains("kpi-monitored-households").doesNotContain("铁西区");
        // the households behind a figure: the list filtered to the village and the risk; outside: not found
        String list = mvc.perform(get("/monitored?area=" + VILLAGE_A + "&risk=ILLNESS&status=MONITORED").with(county))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("figure-filter").contains("调度户");
        mvc.perform(get("/monitored?area=" + SIBLING).with(county)).andExpect(status().isNotFound());
        // a county analyst takes no snapshot
        mvc.perform(post("/reports/snapshots").with(county).with(csrf()).param("month", YearMonth.from(today).minusMonths(20).toString()))
                .andExpect(status().isForbidden());
    }

    @Test
    void theMenuRolesReadTheFiguresAndTheOthersAreRefused() throws Exception {
        mvc.perform(get("/reports").with(as(Role.VILLAGE_MONITOR, VILLAGE_A))).andExpect(status().isForbidden());
        mvc.perform(get("/reports/screen").with(as(Role.VILLAGE_MONITOR, VILLAGE_A))).andExpect(status().isForbidden());
        mvc.perform(get("/reports").with(as(Role.DATA_OFFICER, COUNTY))).andExpect(status().isForbidden());
        mvc.perform(get("/reports").with(as(Role.TOWNSHIP_STAFF, TOWNSHIP_A))).andExpect(status().isOk());
        mvc.perform(get("/reports?area=" + TOWNSHIP_B).with(as(Role.TOWNSHIP_STAFF, TOWNSHIP_A))).andExpect(status().isNotFound());
        mvc.perform(get("/reports/screen").with(as(Role.CITY_ANALYST, "220300000000"))).andExpect(status().isOk());
        mvc.perform(get("/reports").with(admin)).andExpect(status().isOk());
    }

    @Test
    void aPastMonthShowsItsFrozenFiguresAfterALaterEdit() throws Exception {
        YearMonth month = YearMonth.from(today).minusMonths(14);
        String village = "220303001004";
        long h = registry.household(village).head("往月户").insert();
        casework.monitored(h, village, "往月户").since(month.atDay(3)).insert();
        mvc.perform(post("/reports/snapshots").with(admin).with(csrf()).param("month", month.toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(view("/reports?area=" + village + "&month=" + month, county).total().monitoredHouseholds()).isEqualTo(1);

        // later edits: a second household identified back then, and the first one's risk eliminated
        long h2 = registry.household(village).head("补录户").insert();
        casework.monitored(h2, village, "补录户").since(month.atDay(5)).insert();
        jdbc.sql("update monitored_household set status = 'RISK_ELIMINATED', elimination_method = 'NATURAL', eliminated_month = :m where household_id = :h")
                .param("m", today.withDayOfMonth(1)).param("h", h).update();

        Dashboard.View past = view("/reports?area=" + village + "&month=" + month, county);
        assertThat(past.total().monitoredHouseholds()).as("frozen").isEqualTo(1);
        assertThat(past.total().eliminatedHouseholds()).isZero();
        Dashboard.View live = view("/reports?area=" + village, county);
        assertThat(live.total().monitoredHouseholds()).as("live").isEqualTo(1); // h2 monitored, h eliminated
        assertThat(live.total().eliminatedHouseholds()).isEqualTo(1);
        // the trend shows the frozen month beside the live one
        assertThat(live.trend()).anySatisfy(t -> {
            assertThat(t.month()).isEqualTo(month.toString());
            assertThat(t.monitoredHouseholds()).isEqualTo(1);
        });
        // and the page of the month says it is a snapshot
        String html = mvc.perform(get("/reports?area=" + village + "&month=" + month).with(county)).andReturn()
                .getResponse().getContentAsString();
        assertThat(html).contains("frozen-note");
        // the stored rows cannot be changed
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql(
                        "update figure_snapshot_value set value = 9 where month = :m").param("m", month.atDay(1)).update())
                .hasMessageContaining("append-only");
    }

    @Test
    void theAdministratorsButtonTakesAMissingPastMonthOnly() throws Exception {
        YearMonth current = YearMonth.from(today);
        YearMonth missing = current.minusMonths(16);
        long before = snapshots();
        // the current month has not ended; a month already taken (the demo's last months) is not taken again
        mvc.perform(post("/reports/snapshots").with(admin).with(csrf()).param("month", current.toString()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/reports/snapshots").with(admin).with(csrf()).param("month", current.minusMonths(1).toString()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/reports/snapshots").with(admin).with(csrf()).param("month", "bad"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/reports/snapshots").with(as(Role.CITY_ANALYST, "220300000000")).with(csrf())
                .param("month", missing.toString())).andExpect(status().isForbidden());
        assertThat(hasSnapshot(current.minusMonths(1))).as("the demo's last month").isTrue();
        assertThat(snapshots()).isEqualTo(before);
        assertThat(hasSnapshot(current)).isFalse();

        mvc.perform(post("/reports/snapshots").with(admin).with(csrf()).param("month", missing.toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(hasSnapshot(missing)).isTrue();
        assertThat(jdbc.sql("select how from figure_snapshot where month = :m").param("m", missing.atDay(1))
                .query(String.class).single()).isEqualTo("MANUAL");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'FIGURES_SNAPSHOT_TAKE' and detail like :d")
                .param("d", missing + "%").query(Long.class).single()).isEqualTo(1);
        // a second time: refused, nothing written twice
        mvc.perform(post("/reports/snapshots").with(admin).with(csrf()).param("month", missing.toString()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'FIGURES_SNAPSHOT_TAKE' and detail like :d")
                .param("d", missing + "%").query(Long.class).single()).isEqualTo(1);
    }

    /** A 防贫保 claim of the household opened today (paid today with {@code payout} when not null). */
    void claim(long household, String village, @org.jspecify.annotations.Nullable String payout) {
        Long policy = jdbc.sql("""
                insert into insurance_policy (area_code, year, name, premium_per_person, coverage, line_illness,
                  line_schooling, line_disaster, payout_ratio, cap_per_person, created_by, created_at)
                values (:a, :y, '调度表测试', 50, 'ALL_RURAL', 10000, 10000, 10000, 0.6, 50000, 'test', now())
                on conflict (area_code, year) do update set name = excluded.name returning id""")
                .param("a", COUNTY).param("y", today.getYear()).query(Long.class).single();
        Long member = jdbc.sql("select id from member where household_id = :h order by id limit 1").param("h", household)
                .query(Long.class).single();
        jdbc.sql("""
                insert into insurance_claim (policy_id, household_id, village_code, member_id, person_name, cost_type, year,
                  total_cost, reimbursed, out_of_pocket, status, opened_by, opened_by_name, opened_at, payout, paid_by,
                  paid_by_name, paid_on)
                values (:p, :h, :v, :m, '测试', 'ILLNESS', :y, 30000, 10000, 20000, :s, 'test', '测试', now(), :payout,
                        :by, :by, :paidOn)""")
                .param("p", policy).param("h", household).param("v", village).param("m", member).param("y", today.getYear())
                .param("s", payout == null ? "OPEN" : "PAID")
                .param("payout", payout == null ? null : new java.math.BigDecimal(payout))
                .param("by", payout == null ? null : "test").param("paidOn", payout == null ? null : today).update();
    }

    @Test
    void theReviewWorkbookAndPrintViewShowTheChildAreasFiguresAsTheDatabaseHasThem() throws Exception {
        long a = monitored(VILLAGE_A, "MARGINAL_AT_RISK", "ILLNESS");
        long b = monitored(VILLAGE_B, "SUDDEN_HARDSHIP", "ACCIDENT");
        claim(a, VILLAGE_A, "12345.67");
        claim(b, VILLAGE_B, null);
        var response = mvc.perform(get("/reports/review.xlsx?area=" + COUNTY).with(county)).andExpect(status().isOk())
                .andReturn().getResponse();
        assertThat(java.net.URLDecoder.decode(response.getHeader("Content-Disposition"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("铁东区_调度表_" + YearMonth.from(today) + ".xlsx");
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(response.getContentAsByteArray()))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("铁东区").contains("调度表");
            int header = 3;
            var names = new java.util.ArrayList<String>();
            sheet.getRow(header).forEach(c -> names.add(c.getStringCellValue()));
            int households = names.indexOf("监测中（未消除风险）户数");
            int eliminated = names.indexOf("已消除风险户数");
            int overdue = names.indexOf("超期线索");
            assertThat(households).isPositive();
            var total = sheet.getRow(sheet.getLastRowNum());
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
            assertThat(total.getCell(households).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
            assertThat((long) total.getCell(households).getNumericCellValue()).isEqualTo(monitoredHouseholds(COUNTY));
            assertThat((long) total.getCell(eliminated).getNumericCellValue()).isEqualTo(eliminatedHouseholds(COUNTY));
            assertThat((long) total.getCell(overdue).getNumericCellValue()).isEqualTo(overdueLeads(COUNTY));
            // 防贫保: claims received and paid this year, payouts in 万元 with two decimals, as the database has them
            int claims = names.indexOf("防贫保受理赔案（本年，件）");
            int paid = names.indexOf("防贫保已赔付（本年，件）");
            int payouts = names.indexOf("防贫保赔付金额（本年，万元）");
            assertThat(claims).isPositive();
            assertThat((long) total.getCell(claims).getNumericCellValue()).isEqualTo(jdbc.sql(
                    "select count(*) from insurance_claim where village_code like '220303%' and opened_at >= :y")
                    .param("y", java.sql.Timestamp.valueOf(today.withDayOfYear(1).atStartOfDay())).query(Long.class).single())
                    .isGreaterThanOrEqualTo(2);
            assertThat((long) total.getCell(paid).getNumericCellValue()).isEqualTo(jdbc.sql(
                    "select count(*) from insurance_claim where village_code like '220303%' and status = 'PAID' and paid_on >= :y")
                    .param("y", today.withDayOfYear(1)).query(Long.class).single());
            java.math.BigDecimal wan = jdbc.sql("select coalesce(sum(payout), 0) from insurance_claim where "
                            + "village_code like '220303%' and status = 'PAID' and paid_on >= :y")
                    .param("y", today.withDayOfYear(1)).query(java.math.BigDecimal.class).single()
                    .divide(java.math.BigDecimal.valueOf(10_000), 2, java.math.RoundingMode.HALF_UP);
            assertThat(total.getCell(payouts).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
            assertThat(total.getCell(payouts).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(java.math.BigDecimal.valueOf(total.getCell(payouts).getNumericCellValue())
                    .setScale(2, java.math.RoundingMode.HALF_UP)).isEqualTo(wan).isGreaterThanOrEqualTo(new java.math.BigDecimal("1.23"));
            // one row per township, by its name; each township's figure as the database has it
            boolean found = false;
            for (int r = header + 1; r < sheet.getLastRowNum(); r++) {
                var row = sheet.getRow(r);
                assertThat(row.getCell(0).getStringCellValue()).doesNotMatch("\\d{12}");
                if (row.getCell(0).getStringCellValue().equals("平东街道")) {
                    found = true;
                    assertThat((long) row.getCell(households).getNumericCellValue()).isEqualTo(monitoredHouseholds(TOWNSHIP_A));
                }
            }
            assertThat(found).isTrue();
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'EXPORT' and detail like 'review %' and area_code = :a")
                .param("a", COUNTY).query(Long.class).single()).isPositive();
        String print = mvc.perform(get("/reports/review?area=" + COUNTY).with(county)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(print).contains("review-title").contains("填报单位：铁东区").contains("平东街道")
                .contains("防贫保赔付金额（本年，万元）");
        mvc.perform(get("/reports/review.xlsx?area=" + SIBLING).with(county)).andExpect(status().isNotFound());
        mvc.perform(get("/reports/review?area=" + SIBLING).with(county)).andExpect(status().isNotFound());
        mvc.perform(get("/reports/review.xlsx").with(as(Role.VILLAGE_MONITOR, VILLAGE_A))).andExpect(status().isForbidden());
    }

    long snapshots() {
        return jdbc.sql("select count(*) from figure_snapshot").query(Long.class).single();
    }

    boolean hasSnapshot(YearMonth m) {
        return jdbc.sql("select exists (select 1 from figure_snapshot where month = :m)").param("m", m.atDay(1))
                .query(Boolean.class).single();
    }
}
