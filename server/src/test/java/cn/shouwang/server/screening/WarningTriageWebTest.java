package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The warnings list made for the analyst and triage that remembers, through real uploads and runs: one row per
 * household with names, a link and the reasons as sentences; filters, select-all across pages; a dismissal carried
 * over to the next period while the values stay, and the warning back, marked, once the amount grows past the
 * setting; assignments in the township's and village's to-dos; every action audited.
 */
class WarningTriageWebTest extends ServerTest {
    static final String COUNTY = ScreeningWebTest.COUNTY;
    static final String VILLAGE = ScreeningWebTest.VILLAGE;
    static final String TOWNSHIP = VILLAGE.substring(0, 9) + "000";

    @Autowired RegistryFixtures registry;

    static RequestPostProcessor as(Role role, String area) {
        return ScreeningWebTest.as(role, area);
    }

    void upload(String kind, String period, String csv) throws Exception {
        mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", kind.toLowerCase() + ".csv", "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8))).param("kind", kind).param("period", period)
                        .with(as(Role.COUNTY_ANALYST, COUNTY)).with(csrf()))
                .andExpect(status().is(302));
    }

    long run(String period) throws Exception {
        MvcResult r = mvc.perform(post("/warnings/runs").param("period", period).with(as(Role.COUNTY_ANALYST, COUNTY))
                .with(csrf())).andExpect(status().is3xxRedirection()).andReturn();
        long run = Long.parseLong(r.getResponse().getRedirectedUrl().substring("/warnings/runs/".length()));
        for (int i = 0; i < 600; i++) {
            String s = jdbc.sql("select status from screening_run where id = :id").param("id", run).query(String.class).single();
            if (!s.equals("RUNNING")) {
                assertThat(s).isEqualTo("DONE");
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + run + " did not finish");
    }

    String page(RequestPostProcessor user, String... params) throws Exception {
        MockHttpServletRequestBuilder req = get("/warnings").with(user);
        for (int i = 0; i < params.length; i += 2) req = req.param(params[i], params[i + 1]);
        return mvc.perform(req).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    MvcResult triage(RequestPostProcessor user, String... params) throws Exception {
        MockHttpServletRequestBuilder req = post("/warnings/triage").with(user).with(csrf());
        for (int i = 0; i < params.length; i += 2) req = req.param(params[i], params[i + 1]);
        return mvc.perform(req).andExpect(status().is3xxRedirection()).andReturn();
    }

    Map<String, Object> warning(long household, String period, String rule) {
        return jdbc.sql("select id, recurrence, previous_id, dismissed_reason, dismissed_from, amount from screening_warning "
                        + "where household_id = :h and period = :p and rule = :r")
                .param("h", household).param("p", period).param("r", rule).query().singleRow();
    }

    long audited(String action, long household) {
        return jdbc.sql("select count(*) from audit_event where action = :a and household_id = :h")
                .param("a", action).param("h", household).query(Long.class).single();
    }

    void returnPercent(int percent) {
        jdbc.sql("insert into casework_setting (name, value) values ('warning_return_percent', :v) "
                + "on conflict (name) do update set value = excluded.value").param("v", String.valueOf(percent)).update();
    }

    static String claims(String id, String... dayAndAmount) {
        StringBuilder sb = new StringBuilder("id_number,settled_on,total_cost,insurance_paid,out_of_pocket\n");
        for (int i = 0; i < dayAndAmount.length; i += 2) {
            sb.append(id).append(',').append(dayAndAmount[i]).append(",99999.00,0.00,").append(dayAndAmount[i + 1]).append('\n');
        }
        return sb.toString();
    }

    @Test
    void aDismissedWarningStaysDismissedWhileItsValuesStayAndComesBackMarkedWhenTheAmountGrowsPastTheSetting() throws Exception {
        String id = ScreeningWebTest.validId("220322", LocalDate.of(1970, 3, 3), 301);
        long h = registry.household(VILLAGE).head("赵忽略").idNumber(id).insert();
        var county = as(Role.COUNTY_ANALYST, COUNTY);
        try {
            returnPercent(20);
            // March: 21,000 yuan out of pocket → warned, new
            upload("MEDICAL_CLAIMS", "2047-03", claims(id, "2047-03-05", "21000.00"));
            run("2047-03");
            Map<String, Object> march = warning(h, "2047-03", "MEDICAL_PERSON");
            assertThat(march.get("recurrence")).isEqualTo("NEW");
            assertThat(march.get("amount").toString()).isEqualTo("21000.00");
            long w1 = ((Number) march.get("id")).longValue();

            // dismissed with a reason from the list; "other" needs a note
            triage(county, "action", "dismiss", "warning", String.valueOf(w1), "reason", "OTHER", "period", "2047-03");
            assertThat(warning(h, "2047-03", "MEDICAL_PERSON").get("dismissed_reason")).isNull();
            triage(county, "action", "dismiss", "warning", String.valueOf(w1), "reason", "HANDLED", "period", "2047-03");
            assertThat(warning(h, "2047-03", "MEDICAL_PERSON").get("dismissed_reason")).isEqualTo("HANDLED");
            assertThat(audited("WARNING_DISMISS", h)).isOne();
            assertThat(page(county, "period", "2047-03", "area", VILLAGE)).doesNotContain("赵忽略");
            assertThat(page(county, "period", "2047-03", "area", VILLAGE, "status", "DISMISSED"))
                    .contains("赵忽略", "已忽略：已掌握并已处置");

            // April: 23,000 (+9.5 %) → the same fact, still dismissed (carried over, same reason), not listed by default
            upload("MEDICAL_CLAIMS", "2047-04", claims(id, "2047-03-05", "21000.00", "2047-04-02", "2000.00"));
            run("2047-04");
            Map<String, Object> april = warning(h, "2047-04", "MEDICAL_PERSON");
            assertThat(april.get("recurrence")).isEqualTo("AGAIN");
            assertThat(((Number) april.get("previous_id")).longValue()).isEqualTo(w1);
            assertThat(((Number) april.get("dismissed_from")).longValue()).isEqualTo(w1);
            assertThat(april.get("dismissed_reason")).isEqualTo("HANDLED");
            assertThat(page(county, "period", "2047-04", "area", VILLAGE)).doesNotContain("赵忽略");
            assertThat(page(county, "period", "2047-04", "area", VILLAGE, "status", "DISMISSED"))
                    .contains("赵忽略", "沿用此前的忽略：已掌握并已处置");

            // May: 26,000, +23.8 % on the dismissed 21,000 — but the administrator asks for 30 %: still dismissed
            returnPercent(30);
            upload("MEDICAL_CLAIMS", "2047-05", claims(id, "2047-03-05", "21000.00", "2047-04-02", "2000.00",
                    "2047-05-06", "3000.00"));
            run("2047-05");
            assertThat(warning(h, "2047-05", "MEDICAL_PERSON").get("dismissed_reason")).isEqualTo("HANDLED");

            // June, the setting back at 20 %: measured against the values dismissed in March, it comes back, marked
            returnPercent(20);
            upload("MEDICAL_CLAIMS", "2047-06", claims(id, "2047-03-05", "21000.00", "2047-04-02", "2000.00",
                    "2047-05-06", "3000.00"));
            run("2047-06");
            Map<String, Object> june = warning(h, "2047-06", "MEDICAL_PERSON");
            assertThat(june.get("recurrence")).isEqualTo("RETURNED");
            assertThat(june.get("dismissed_reason")).isNull();
            String listed = page(county, "period", "2047-06", "area", VILLAGE);
            assertThat(listed).contains("赵忽略", "忽略后复现", "本年自付医疗费用 26,000.00 元");
            assertThat(page(county, "period", "2047-06", "area", VILLAGE, "status", "RETURNED")).contains("赵忽略");
            // an automatic intake never takes a dismissed warning; undoing a dismissal is audited too
            long w5 = ((Number) warning(h, "2047-05", "MEDICAL_PERSON").get("id")).longValue();
            triage(county, "action", "restore", "warning", String.valueOf(w5), "period", "2047-05", "status", "DISMISSED");
            assertThat(warning(h, "2047-05", "MEDICAL_PERSON").get("dismissed_reason")).isNull();
            assertThat(audited("WARNING_RESTORE", h)).isOne();
        } finally {
            jdbc.sql("delete from casework_setting where name = 'warning_return_percent'").update();
        }
    }

    @Test
    void theListShowsOneRowPerHouseholdWithNamesALinkAndReasonsAndActsOnEveryWarningTheFilterShows() throws Exception {
        String period = "2047-08";
        String sickId = ScreeningWebTest.validId("220322", LocalDate.of(1968, 8, 8), 311);
        String otherId = ScreeningWebTest.validId("220322", LocalDate.of(1969, 8, 8), 312);
        long sick = registry.household(VILLAGE).head("钱两条").idNumber(sickId).insert();
        long other = registry.household(VILLAGE).head("孙一条").idNumber(otherId).insert();
        upload("MEDICAL_CLAIMS", period, claims(sickId, "2047-08-03", "23400.00"));
        upload("MAJOR_DIAGNOSES", period, "id_number,diagnosed_on,disease\n" + sickId + ",2047-08-10,肺癌\n"
                + otherId + ",2047-08-11,白血病\n");
        run(period);
        var county = as(Role.COUNTY_ANALYST, COUNTY);
        String villageName = jdbc.sql("select name from area where code = :c and edition_id = (select id from area_edition "
                + "where is_current)").param("c", VILLAGE).query(String.class).optional().orElse("");

        String listed = page(county, "period", period, "area", VILLAGE, "rule", "", "size", "50");
        // one group per household, its two warnings beneath, head's name linking to the household, names not codes
        String group = listed.substring(listed.indexOf("data-household=\"" + sick + "\""));
        group = group.substring(0, group.indexOf("</tbody>"));
        assertThat(group).contains("钱两条", "/households/" + sick, "新确诊大病", "个人医疗自付超标",
                "本年自付医疗费用 23,400.00 元，超过 20,000.00 元", "2047-08-10 确诊大病", villageName, "新增");
        assertThat(listed).contains("孙一条", "/households/" + other).doesNotContain("out_of_pocket=", "diagnosed_on=");
        assertThat(villageName).isNotEmpty();

        // filters: amount, status, sort; the totals count households and warnings
        assertThat(page(county, "period", period, "area", VILLAGE, "min", "20,000")).contains("共 1 户，1 条预警", "钱两条")
                .doesNotContain("孙一条");
        assertThat(page(county, "period", period, "area", VILLAGE, "rule", "MAJOR_DIAGNOSIS", "status", "NEW",
                "sort", "AMOUNT")).contains("共 2 户，2 条预警");

        // select-all across pages acts on what the filter shows, re-read in the area: both diagnoses, not the claim
        triage(county, "action", "assign", "all", "true", "period", period, "area", VILLAGE, "rule", "MAJOR_DIAGNOSIS",
                "to", TOWNSHIP, "due", LocalDate.now().plusDays(3).toString());
        assertThat(jdbc.sql("select rule || ':' || coalesce(assigned_area, '-') from screening_warning where period = :p "
                        + "and household_id in (:a, :b) order by household_id, rule").param("p", period)
                .param("a", sick).param("b", other).query(String.class).list())
                .containsExactly("MAJOR_DIAGNOSIS:" + TOWNSHIP, "MEDICAL_PERSON:-", "MAJOR_DIAGNOSIS:" + TOWNSHIP);
        assertThat(audited("WARNING_ASSIGN", sick)).isOne();
        assertThat(audited("WARNING_ASSIGN", other)).isOne();

        // the township's to-dos list them; a village monitor may dismiss only what was assigned
        String workbench = mvc.perform(get("/").with(as(Role.TOWNSHIP_STAFF, TOWNSHIP))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(workbench).contains("warning-checks", "钱两条", "孙一条");
        long claim = ((Number) warning(sick, period, "MEDICAL_PERSON").get("id")).longValue();
        long diagnosis = ((Number) warning(sick, period, "MAJOR_DIAGNOSIS").get("id")).longValue();
        var village = as(Role.VILLAGE_MONITOR, VILLAGE);
        triage(village, "action", "dismiss", "reason", "MOVED_AWAY", "warning", String.valueOf(claim),
                "warning", String.valueOf(diagnosis), "period", period);
        assertThat(warning(sick, period, "MEDICAL_PERSON").get("dismissed_reason")).isNull();
        assertThat(warning(sick, period, "MAJOR_DIAGNOSIS").get("dismissed_reason")).isEqualTo("MOVED_AWAY");
        mvc.perform(post("/warnings/triage").param("action", "assign").param("warning", String.valueOf(claim))
                .param("to", VILLAGE).param("due", "2099-01-01").with(village).with(csrf())).andExpect(status().isForbidden());

        // 处置情况: per rule and per department's data
        String figures = page(county, "period", period, "area", VILLAGE);
        assertThat(figures).contains("figures-perRule", "figures-perSource", "大病诊断", "医保结算");
        // whose data it is: each department file's row names its department
        assertThat(figures).contains("卫生健康委员会 · ", "医疗保障局 · ");

        // the export has the list's columns: head, names, the sentence
        byte[] xlsx = mvc.perform(get("/warnings/export").param("period", period).param("area", VILLAGE)
                .param("status", "ALL").with(county)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = wb.getSheetAt(0);
            StringBuilder all = new StringBuilder();
            sheet.forEach(row -> row.forEach(c -> all.append(c.toString()).append('|')));
            assertThat(all.toString()).contains("户主", "预警原因", "钱两条", villageName,
                    "本年自付医疗费用 23,400.00 元，超过 20,000.00 元", "已忽略：该户已不在本村");
        }
    }
}
