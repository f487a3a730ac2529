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

    void assertFiguresEqualDirectCounts() throws Exception {
        Dashboard.View c = view("/reports?area=" + COUNTY, county);
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
        monitored(VILLAGE_A, "UNSTABLE_FORMERLY_POOR", "SCHOOLING", "ILLNESS");
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

    @Test
    void theReviewWorkbookAndPrintViewShowTheChildAreasFiguresAsTheDatabaseHasThem() throws Exception {
        monitored(VILLAGE_A, "MARGINAL_AT_RISK", "ILLNESS");
        monitored(VILLAGE_B, "SUDDEN_HARDSHIP", "ACCIDENT");
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
        assertThat(print).contains("review-title").contains("填报单位：铁东区").contains("平东街道");
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
