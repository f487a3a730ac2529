package cn.shouwang.server.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.identification.SelfReportTestSupport;
import cn.shouwang.server.household.RegistryFixtures;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What a person may really type into the casework forms — "八千" for an amount, 2024-13-01 for a day, nothing, or
 * a page of text — is refused beside the field in plain Chinese, the page shows what was typed, and nothing
 * about the case changes (state, version, audit).
 */
class BadInputWebTest extends ServerTest {
    static final String NUMBER = "请输入数字,如 1234.50";
    static final String WHOLE = "请输入整数,如 3";
    static final String DATE = "日期格式应为 2024-06-30";

    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;
    @Autowired java.time.Clock clock;
    LocalDate today;
    CaseworkWebTest.Person monitor;

    @BeforeEach
    void setUp() {
        today = LocalDate.now(clock);
        monitor = CaseworkWebTest.person(Role.VILLAGE_MONITOR, CaseworkWebTest.VILLAGE);
    }

    long household(String head) {
        return registry.household(CaseworkWebTest.VILLAGE).head(head).insert();
    }

    long openLead(long household) throws Exception {
        String no = registry.householdNo(household);
        MvcResult r = mvc.perform(form("/leads", "householdNo", no, "channel", "FIELD_SCREENING", "description", "住院",
                "riskCodes", "ILLNESS")).andExpect(status().is3xxRedirection()).andReturn();
        long id = Long.parseLong(r.getResponse().getRedirectedUrl().substring("/leads/".length()));
        jdbc.sql("update lead set opened_on = opened_on - 30, due_on = due_on - 30 where id = :id").param("id", id).update();
        return id;
    }

    MockHttpServletRequestBuilder form(String url, String... kv) {
        MockHttpServletRequestBuilder b = post(url).with(monitor.p()).with(csrf());
        for (int i = 0; i < kv.length; i += 2) b = b.param(kv[i], kv[i + 1]);
        return b;
    }

    String lead(long id) {
        return jdbc.sql("select state || ':' || version from lead where id = :id").param("id", id).query(String.class).single();
    }

    int audits(long lead) {
        return jdbc.sql("select count(*) from audit_event where action like 'LEAD%' and household_id = "
                + "(select household_id from lead where id = :l)").param("l", lead).query(Integer.class).single();
    }

    /** The page again (200), not an error page. */
    String refused(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult r = mvc.perform(request).andReturn();
        assertThat(r.getResponse().getStatus()).as("status of a refused form").isEqualTo(200);
        return r.getResponse().getContentAsString();
    }

    /** The message is right after the field's input, and the input still holds what was typed. */
    static void besideField(String html, String inputId, String typed, String message) {
        int at = html.indexOf("id=\"" + inputId + "\"");
        assertThat(at).as("input " + inputId).isPositive();
        int tagEnd = html.indexOf('>', at);
        String tag = html.substring(html.lastIndexOf('<', at), tagEnd + 1);
        if (tag.startsWith("<textarea")) {
            assertThat(html.substring(tagEnd + 1, html.indexOf("</textarea>", tagEnd))).as("typed in " + inputId).isEqualTo(typed);
        } else {
            assertThat(tag).as("typed in " + inputId).contains("value=\"" + typed + "\"");
        }
        String after = html.substring(tagEnd, html.indexOf("</div>", tagEnd)); // the rest of the field's own box
        assertThat(after).as("message beside " + inputId).contains("field-error").contains(message);
    }

    String[] goodVerify(long lead) {
        return new String[] {"on", today.minusDays(29).toString(), "findings", "入户核实", "wages", "6000", "business", "0",
                "property", "0", "transfers", "0", "productionCosts", "0", "eligibleOutOfPocket", "0", "householdSize", "2",
                "mainRisk", "ILLNESS", "category", "MARGINAL_AT_RISK", "consentSigned", "true",
                "version", lead(lead).split(":")[1]};
    }

    /** The verification form filled in well, but for the fields given (each sent once, as a browser does). */
    MockHttpServletRequestBuilder verify(long lead, String... override) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        String[] good = goodVerify(lead);
        for (int i = 0; i < good.length; i += 2) fields.put(good[i], good[i + 1]);
        for (int i = 0; i < override.length; i += 2) fields.put(override[i], override[i + 1]);
        MockHttpServletRequestBuilder b = post("/leads/" + lead + "/verify").with(monitor.p()).with(csrf());
        for (var f : fields.entrySet()) b = b.param(f.getKey(), f.getValue());
        return b;
    }

    @Test
    void wordsForNumbersAndImpossibleDaysOnTheVerificationAreShownBesideTheirFields() throws Exception {
        long lead = openLead(household("钱核实"));
        String before = lead(lead);
        int audits = audits(lead);
        String html = refused(verify(lead, "wages", "八千", "business", "abc", "householdSize", "两", "on", "2024-13-01"));
        besideField(html, "v-wages", "八千", NUMBER);
        besideField(html, "v-business", "abc", NUMBER);
        besideField(html, "v-size", "两", WHOLE);
        besideField(html, "v-on", "2024-13-01", DATE);
        assertThat(html).contains("入户核实"); // the rest of the form as typed
        assertThat(lead(lead)).isEqualTo(before);
        assertThat(audits(lead)).isEqualTo(audits);
    }

    @Test
    void negativeHugeMissingAndOverlongValuesOnTheVerificationAreRefused() throws Exception {
        long lead = openLead(household("孙核实"));
        String before = lead(lead);
        String html = refused(verify(lead, "wages", "-5", "business", "123456789012", "property", "", "findings", "长".repeat(2001)));
        besideField(html, "v-wages", "-5", "金额须为不小于0的数,最多两位小数");
        besideField(html, "v-business", "123456789012", "金额须为不小于0的数,最多两位小数");
        besideField(html, "v-property", "", "请填写金额(没有填0)");
        besideField(html, "v-findings", "长".repeat(2001), "不能超过2000字");
        html = refused(verify(lead, "findings", "  ", "householdSize", "31"));
        besideField(html, "v-findings", "  ", "请填写核实情况");
        besideField(html, "v-size", "31", "家庭人口应为1至30");
        assertThat(lead(lead)).isEqualTo(before);
        // a form that came with a broken version is refused too, not read as version 0
        refused(verify(lead, "version", "abc"));
        assertThat(lead(lead)).isEqualTo(before);
    }

    @Test
    void theLaterStepsRefuseWordsAndImpossibleDaysBesideTheirFields() throws Exception {
        long lead = openLead(household("周评议"));
        mvc.perform(verify(lead)).andExpect(status().is3xxRedirection());
        String before = lead(lead);
        int audits = audits(lead);
        String v = before.split(":")[1];
        // the county may reject, or fast-track, at this step: both forms are on its page
        CaseworkWebTest.Person county = CaseworkWebTest.person(Role.COUNTY_ANALYST, CaseworkWebTest.COUNTY);
        String html = refused(post("/leads/" + lead + "/reject").with(county.p()).with(csrf()).param("on", "2024-02-30")
                .param("reason", "不符合").param("version", v));
        besideField(html, "x-on", "2024-02-30", DATE);
        html = refused(post("/leads/" + lead + "/reject").with(county.p()).with(csrf()).param("on", today.toString())
                .param("reason", "").param("version", v));
        besideField(html, "x-reason", "", "请填写");
        html = refused(post("/leads/" + lead + "/fast-track").with(county.p()).with(csrf()).param("on", "2024/06/30")
                .param("reason", "洪水").param("version", v));
        besideField(html, "f-on", "2024/06/30", DATE);
        assertThat(lead(lead)).isEqualTo(before);
        // cross-check is the county's; the village review, notice and notice close are checked on their forms
        mvc.perform(post("/leads/" + lead + "/cross-check").with(county.p()).with(csrf()).param("on", today.minusDays(28).toString())
                .param("findings", "一致").param("version", v)).andExpect(status().is3xxRedirection());
        before = lead(lead);
        v = before.split(":")[1];
        html = refused(form("/leads/" + lead + "/review", "on", "30/06/2024", "passed", "true", "present", "二十一",
                "notes", "同意", "version", v));
        besideField(html, "r-on", "30/06/2024", DATE);
        besideField(html, "r-present", "二十一", WHOLE);
        mvc.perform(form("/leads/" + lead + "/review", "on", today.minusDays(27).toString(), "passed", "true", "present", "21",
                "notes", "同意", "version", v)).andExpect(status().is3xxRedirection());
        before = lead(lead);
        v = before.split(":")[1];
        html = refused(form("/leads/" + lead + "/notice", "from", "2024-13-01", "to", "abc", "batch", "B1", "version", v));
        besideField(html, "n-from", "2024-13-01", DATE);
        besideField(html, "n-to", "abc", DATE);
        assertThat(lead(lead)).isEqualTo(before);
        mvc.perform(form("/leads/" + lead + "/notice", "from", today.minusDays(26).toString(), "to", today.minusDays(22).toString(),
                "batch", "B" + lead, "version", v)).andExpect(status().is3xxRedirection());
        before = lead(lead);
        v = before.split(":")[1];
        html = refused(form("/leads/" + lead + "/notice/close", "on", today.minusDays(21).toString(), "objections", "没有",
                "version", v));
        besideField(html, "cn-obj", "没有", WHOLE);
        assertThat(lead(lead)).isEqualTo(before);
        assertThat(audits(lead)).isEqualTo(audits + 3);
    }

    @Test
    void aNewLeadCannotSuggestADeactivatedRiskType() throws Exception {
        jdbc.sql("""
                insert into casework_code (kind, code, name_zh, name_en, active, sort)
                values ('RISK_TYPE', 'BI_RETIRED', '已停用的测试类型', 'Retired test type', false, 900) on conflict do nothing""")
                .update();
        long h = household("郑停用");
        String no = registry.householdNo(h);
        String html = refused(form("/leads", "householdNo", no, "channel", "FIELD_SCREENING", "description", "住院",
                "riskCodes", "BI_RETIRED"));
        assertThat(html).contains("该风险类型已停用,不能再选用").contains("住院");
        assertThat(jdbc.sql("select count(*) from lead where household_id = :h").param("h", h).query(Integer.class).single())
                .isZero();
    }

    @Test
    void aSelfReportWhoseKindWasDeactivatedStillArrivesWithoutSuggestingIt() throws Exception {
        jdbc.sql("update casework_code set active = false where kind = 'RISK_TYPE' and code = 'UNSAFE_HOUSING'").update();
        try {
            MockHttpSession session = new MockHttpSession();
            mvc.perform(get("/report/" + CaseworkWebTest.VILLAGE).session(session)).andExpect(status().isOk());
            String id = CaseworkWebTest.validId("220322", LocalDate.of(1966, 3, 3), 417);
            mvc.perform(post("/report/" + CaseworkWebTest.VILLAGE).session(session).with(csrf())
                    .with(rq -> { rq.setRemoteAddr("10.20.30.41"); return rq; })
                    .param("name", "屋漏户").param("phone", "13800001111").param("idNumber", id).param("kind", "HOUSING")
                    .param("description", "房子漏雨").param("answer", SelfReportTestSupport.answer(session)))
                    .andExpect(status().is3xxRedirection());
            assertThat(jdbc.sql("select array_to_string(suggested_risks, ',') || '|' || description from lead "
                    + "where head_name = '屋漏户' order by id desc limit 1").query(String.class).single())
                    .isEqualTo("|[HOUSING] 房子漏雨");
        } finally {
            jdbc.sql("update casework_code set active = true where kind = 'RISK_TYPE' and code = 'UNSAFE_HOUSING'").update();
        }
    }

    long monitored(String head) {
        return casework.monitored(household(head), CaseworkWebTest.VILLAGE, head).since(today.minusDays(60)).insert();
    }

    long measures(long h) {
        return jdbc.sql("select count(*) from plan_measure where household_id = :h").param("h", h).query(Long.class).single();
    }

    @Test
    void theAssistancePlanAndOfficerFormsRefuseWordsAndImpossibleDays() throws Exception {
        long h = monitored("吴帮扶");
        String html = refused(form("/monitored/" + h + "/measures", "group", "PUBLIC_WELFARE_JOB", "description", "护林员",
                "responsiblePerson", "王", "start", "2024-13-01", "end", "明年", "cost", "八千", "fundingSource", "衔接资金"));
        besideField(html, "m-start", "2024-13-01", DATE);
        besideField(html, "m-end", "明年", DATE);
        besideField(html, "m-cost", "八千", NUMBER);
        html = refused(form("/monitored/" + h + "/measures", "group", "PUBLIC_WELFARE_JOB", "description", "护林员",
                "responsiblePerson", "王", "start", today.toString(), "end", today.plusMonths(6).toString(), "cost", "-1",
                "fundingSource", "衔接资金"));
        besideField(html, "m-cost", "-1", "金额须为不小于0的数,最多两位小数");
        assertThat(measures(h)).isZero();
        int version = jdbc.sql("select version from monitored_household where household_id = :h").param("h", h)
                .query(Integer.class).single();
        html = refused(form("/monitored/" + h + "/officer", "name", "王五", "unit", "县农业农村局", "phone", "13800000000",
                "from", "2024-6-31", "version", String.valueOf(version)));
        besideField(html, "o-from", "2024-6-31", DATE);
        html = refused(form("/monitored/" + h + "/officer", "name", "王".repeat(21), "unit", "县农业农村局", "phone", "13800000000",
                "from", today.toString(), "version", String.valueOf(version)));
        besideField(html, "o-name", "王".repeat(21), "不能超过20字");
        assertThat(jdbc.sql("select version from monitored_household where household_id = :h").param("h", h)
                .query(Integer.class).single()).isEqualTo(version);
        // the per-measure state buttons send only hidden fields; a tampered one goes back to the page with a
        // reason above the plan, not to an error page
        MvcResult r = mvc.perform(form("/monitored/" + h + "/measures/999999/state", "target", "NO_SUCH_STATE", "on",
                "2024-13-01", "version", "x")).andExpect(status().is3xxRedirection()).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo("/monitored/" + h);
        assertThat(r.getFlashMap().get("error")).isNotNull();
    }

    @Test
    void theSelfReportPageRefusesOverlongTextBesideTheField() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/report/" + CaseworkWebTest.VILLAGE).session(session)).andExpect(status().isOk());
        long leads = jdbc.sql("select count(*) from lead").query(Long.class).single();
        MvcResult r = mvc.perform(post("/report/" + CaseworkWebTest.VILLAGE).session(session).with(csrf())
                .param("name", "张".repeat(21)).param("phone", "1380000").param("idNumber", "").param("kind", "")
                .param("description", "难".repeat(301)).param("answer", "99")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        String html = r.getResponse().getContentAsString();
        besideField(html, "s-name", "张".repeat(21), "不能超过20字");
        besideField(html, "s-desc", "难".repeat(301), "不能超过300字");
        besideField(html, "s-phone", "1380000", "请填写11位手机号");
        assertThat(jdbc.sql("select count(*) from lead").query(Long.class).single()).isEqualTo(leads);
    }
}
