package cn.shouwang.server.casework.recheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 有序退出复核 (casework V12): the list at its boundaries (23 months, a day short of 24, 24 and 25 months monitored; an
 * eliminated household at the line and a cent below it), the months as a per-region setting, recording a re-check
 * (then shown as done and in the household's history; refusals), the area scope of every endpoint, and the workbench's
 * figures against the list's totals.
 */
class RecheckWebTest extends ServerTest {
    static final AtomicLong IDS = new AtomicLong(983_000);
    // 双辽市 (220382), a township no other casework test writes to
    static final String COUNTY = "220382000000";
    static final String TOWNSHIP = "220382100000";
    static final String VILLAGE = "220382100201";
    static final String OTHER_VILLAGE = "220382100202";

    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;
    LocalDate today;
    int year;

    @BeforeEach
    void lines() {
        today = LocalDate.now(clock);
        year = today.getYear() - 1;
        // the county's own line for last year's incomes (StandardsApi answers it)
        casework.incomeLine(COUNTY, year, 9000);
    }

    static RequestPostProcessor as(Role role, String area) {
        long id = IDS.incrementAndGet();
        return user(new AccountPrincipal(new CurrentUser(id, "r" + id, role.name() + id, role, new AreaScope(area)),
                "x", false, true));
    }

    long monitoredSince(String village, String head, LocalDate identifiedOn) {
        long h = registry.household(village).head(head).insert();
        return casework.monitored(h, village, head).since(identifiedOn).insert();
    }

    /** A household whose risk was eliminated last quarter, its last year's per-capita income as given (one member). */
    long eliminatedWithIncome(String village, String head, String wages) {
        long h = registry.household(village).head(head).insert();
        registry.income(h, year).wages(wages).insert();
        casework.monitored(h, village, head).since(today.minusMonths(20)).insert();
        jdbc.sql("update monitored_household set status = 'RISK_ELIMINATED', elimination_method = 'ASSISTANCE', "
                + "eliminated_month = :m where household_id = :h")
                .param("m", today.minusMonths(3).withDayOfMonth(1)).param("h", h).update();
        return h;
    }

    String page(MockHttpServletRequestBuilder b) throws Exception {
        MvcResult r = mvc.perform(b).andReturn();
        assertThat(r.getResponse().getStatus()).as(b.toString()).isEqualTo(200);
        return r.getResponse().getContentAsString();
    }

    int status(MockHttpServletRequestBuilder b) throws Exception {
        return mvc.perform(b).andReturn().getResponse().getStatus();
    }

    static boolean lists(String html, long household) {
        return html.contains("data-household=\"" + household + "\"");
    }

    static long total(String html) {
        Matcher m = Pattern.compile("共 ([\\d,]+) 条").matcher(html);
        assertThat(m.find()).as("total on the page").isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    String list(RequestPostProcessor who, String... params) throws Exception {
        MockHttpServletRequestBuilder b = get("/rechecks").with(who).param("size", "100");
        for (int i = 0; i < params.length; i += 2) b = b.param(params[i], params[i + 1]);
        return page(b);
    }

    MockHttpServletRequestBuilder record(RequestPostProcessor who, long h, LocalDate on, String result) {
        return post("/monitored/" + h + "/rechecks").with(who).with(csrf()).param("on", on.toString())
                .param("result", result).param("notes", "入户复核");
    }

    int rechecks(long h) {
        return jdbc.sql("select count(*) from recheck where household_id = :h").param("h", h).query(Integer.class).single();
    }

    @Test
    void monitoredTwentyFourFullMonthsOrMoreIsListed() throws Exception {
        long m23 = monitoredSince(VILLAGE, "二十三个月", today.minusMonths(23));
        long dayShort = monitoredSince(VILLAGE, "差一天", today.minusMonths(24).plusDays(1));
        long m24 = monitoredSince(VILLAGE, "二十四个月", today.minusMonths(24));
        long m25 = monitoredSince(VILLAGE, "二十五个月", today.minusMonths(25));
        String html = list(as(Role.VILLAGE_MONITOR, VILLAGE), "reason", "LONG_MONITORED", "state", "ALL");
        assertThat(lists(html, m23)).as("23 months").isFalse();
        assertThat(lists(html, dayShort)).as("24 months less a day").isFalse();
        assertThat(lists(html, m24)).as("24 months").isTrue();
        assertThat(lists(html, m25)).as("25 months").isTrue();

        // the months are a setting per region: the county sets 12, the 23-month household is listed there
        jdbc.sql("insert into casework_area_setting (area_code, name, value) values (:a, 'recheck_months', '12')")
                .param("a", COUNTY).update();
        try {
            html = list(as(Role.VILLAGE_MONITOR, VILLAGE), "reason", "LONG_MONITORED", "state", "ALL");
            assertThat(lists(html, m23)).isTrue();
        } finally {
            jdbc.sql("delete from casework_area_setting where area_code = :a and name = 'recheck_months'")
                    .param("a", COUNTY).update();
        }
    }

    @Test
    void eliminatedBelowTheLineIsListedAtTheLineIsNot() throws Exception {
        long atLine = eliminatedWithIncome(VILLAGE, "正好达标", "9000.00");
        long below = eliminatedWithIncome(VILLAGE, "差一分", "8999.99");
        long stillMonitored = monitoredSince(VILLAGE, "监测中低收入", today.minusMonths(3));
        registry.income(stillMonitored, year).wages("5000").insert();
        String html = list(as(Role.VILLAGE_MONITOR, VILLAGE), "state", "ALL");
        assertThat(lists(html, atLine)).as("at the line").isFalse();
        assertThat(lists(html, below)).as("a cent below").isTrue();
        assertThat(lists(html, stillMonitored)).as("monitored 3 months: neither reason").isFalse();
        assertThat(html).contains("8,999.99").contains("9,000.00");
    }

    @Test
    void aReCheckIsRecordedShownAsDoneAndInTheHistory() throws Exception {
        RequestPostProcessor monitor = as(Role.VILLAGE_MONITOR, VILLAGE);
        long h = monitoredSince(VILLAGE, "复核户", today.minusMonths(26));
        long notListed = monitoredSince(VILLAGE, "新监测户", today.minusMonths(2));
        assertThat(lists(list(monitor, "state", "TODO"), h)).isTrue();

        MvcResult r = mvc.perform(record(monitor, h, today.plusDays(1), "CONTINUE_MONITORING")).andReturn();
        assertThat(r.getFlashMap().get("recheckError")).isEqualTo("recheck.on.future");
        r = mvc.perform(record(monitor, h, today, "")).andReturn();
        assertThat(r.getFlashMap().get("recheckError")).isEqualTo("recheck.result.required");
        r = mvc.perform(record(monitor, notListed, today, "CONTINUE_MONITORING")).andReturn();
        assertThat(r.getFlashMap().get("recheckError")).isEqualTo("recheck.notListed");
        assertThat(rechecks(h) + rechecks(notListed)).isZero();
        assertThat(status(record(as(Role.CITY_ANALYST, "220300000000"), h, today, "CONTINUE_MONITORING"))).isEqualTo(403);

        mvc.perform(record(monitor, h, today, "READY_TO_ELIMINATE"));
        assertThat(rechecks(h)).isEqualTo(1);
        assertThat(lists(list(monitor, "state", "TODO"), h)).as("re-checked: off the to-do list").isFalse();
        assertThat(lists(list(monitor, "state", "DONE"), h)).isTrue();
        String detail = page(get("/monitored/" + h).with(monitor));
        assertThat(detail).contains("id=\"recheck-history\"").contains("可以消除风险").contains("入户复核");
        assertThat(jdbc.sql("select count(*) from audit_event where household_id = :h and action = 'RECHECK'")
                .param("h", h).query(Integer.class).single()).isEqualTo(1);
        try {
            clock.advance(java.time.Period.ofYears(1));
            assertThat(lists(list(monitor, "state", "TODO"), h)).as("a year after the re-check: due again").isTrue();
        } finally {
            clock.reset();
        }
    }

    @Test
    void aVillageMonitorSeesOnlyItsVillage() throws Exception {
        RequestPostProcessor monitor = as(Role.VILLAGE_MONITOR, VILLAGE);
        long mine = monitoredSince(VILLAGE, "本村长期户", today.minusMonths(30));
        long theirs = monitoredSince(OTHER_VILLAGE, "邻村长期户", today.minusMonths(30));
        String html = list(monitor, "state", "ALL");
        assertThat(lists(html, mine)).isTrue();
        assertThat(lists(html, theirs)).isFalse();
        assertThat(status(get("/rechecks").with(monitor).param("area", OTHER_VILLAGE))).isEqualTo(404);
        assertThat(status(get("/rechecks").with(monitor).param("area", TOWNSHIP))).isEqualTo(404);
        assertThat(status(get("/rechecks/export").with(monitor).param("area", OTHER_VILLAGE))).isEqualTo(404);
        assertThat(status(record(monitor, theirs, today, "CONTINUE_MONITORING"))).isEqualTo(404);
        assertThat(status(get("/monitored/" + theirs).with(monitor))).isEqualTo(404);
        assertThat(rechecks(theirs)).isZero();

        byte[] xlsx = mvc.perform(get("/rechecks/export").with(monitor).param("state", "ALL"))
                .andReturn().getResponse().getContentAsByteArray();
        boolean sawMine = false;
        DataFormatter f = new DataFormatter();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : wb.getSheetAt(0)) {
                for (var c : row) {
                    String v = f.formatCellValue(c);
                    assertThat(v).isNotEqualTo("邻村长期户");
                    if (v.equals("本村长期户")) sawMine = true;
                }
            }
        }
        assertThat(sawMine).isTrue();
        String township = list(as(Role.TOWNSHIP_STAFF, TOWNSHIP), "state", "ALL");
        assertThat(lists(township, mine)).isTrue();
        assertThat(lists(township, theirs)).isTrue();
    }

    @Test
    void theWorkbenchAndTheFiguresCountWhatTheListShows() throws Exception {
        RequestPostProcessor township = as(Role.TOWNSHIP_STAFF, TOWNSHIP);
        monitoredSince(VILLAGE, "统计长期甲", today.minusMonths(28));
        monitoredSince(OTHER_VILLAGE, "统计长期乙", today.minusMonths(40));
        eliminatedWithIncome(OTHER_VILLAGE, "统计低收入", "3000");
        String wb = page(get("/").with(township));
        long todo = figure(wb, "wb-recheck-todo");
        long longMonitored = figure(wb, "wb-recheck-long");
        long below = figure(wb, "wb-recheck-below");
        assertThat(todo).isEqualTo(total(list(township, "state", "TODO")));
        assertThat(longMonitored).isEqualTo(total(list(township, "reason", "LONG_MONITORED", "state", "ALL")));
        assertThat(below).isEqualTo(total(list(township, "reason", "BELOW_LINE_AFTER_ELIMINATION", "state", "ALL")));
        assertThat(longMonitored).isGreaterThanOrEqualTo(2);
        assertThat(below).isGreaterThanOrEqualTo(1);
        // the list's own figures per village add up to the same
        String html = list(township, "state", "ALL");
        assertThat(html).contains("data-area=\"" + VILLAGE + "\"").contains("data-area=\"" + OTHER_VILLAGE + "\"");
    }

    static long figure(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([\\d,]+)<").matcher(html);
        assertThat(m.find()).as(id).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
