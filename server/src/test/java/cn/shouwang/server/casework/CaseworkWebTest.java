package cn.shouwang.server.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.identification.SelfReportTestSupport;
import cn.shouwang.server.household.RegistryFixtures;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Casework through the real filter chain, controllers and database: the whole path from a lead to a monitored
 * household, and the server refusing what the rules forbid — whatever the page shows — maker-checker, roles,
 * area scope, stale versions, the self-report page's robot checks, and the printed notice's contents.
 */
public class CaseworkWebTest extends ServerTest {
    // Real Siping codes: 梨树县, 梨树镇, 南杏山村 and 大烟筒村 of 梨树镇, 站北社区 of 郭家店镇.
    static final String COUNTY = "220322000000";
    static final String TOWNSHIP = "220322100000";
    static final String VILLAGE = "220322100201";
    static final String OTHER_VILLAGE = "220322100202";
    static final String OTHER_TOWNSHIP_VILLAGE = "220322101001";
    static final AtomicLong IDS = new AtomicLong(900_000);

    @Autowired PersonalDataApi personalData;
    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;

    LocalDate today;

    @BeforeEach
    void incomeLine() {
        today = LocalDate.now(clock); // the server's day, in the server clock's zone
        for (int y = today.getYear() - 1; y <= today.getYear(); y++) casework.incomeLine("220000000000", y, 8700);
    }

    public static RequestPostProcessor as(Role role, String area) {
        long id = IDS.incrementAndGet();
        return user(new AccountPrincipal(new CurrentUser(id, "t" + id, role.name() + id, role, new AreaScope(area)),
                "x", false, true));
    }

    /** The same person on every request. */
    record Person(RequestPostProcessor p) {}

    static Person person(Role role, String area) {
        return new Person(as(role, area));
    }

    static String validId(String county6, LocalDate birth, int seq) {
        String body = county6 + birth.toString().replace("-", "") + String.format("%03d", seq);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (body.charAt(i) - '0') * w[i];
        return body + "10X98765432".charAt(sum % 11);
    }

    /** A household of two in the village: the head can work unless {@code canWork} is false. */
    long household(String village, String head, boolean canWork, String idNumber) {
        var household = registry.household(village).head(head).labour(canWork ? "ORDINARY" : "LOST")
                .member(head + "妻", "SPOUSE", "LOST", null);
        return (idNumber != null ? household.idNumber(idNumber) : household).insert();
    }

    String householdNo(long h) {
        return registry.householdNo(h);
    }

    MockHttpServletRequestBuilder form(String url, Person by, String... kv) {
        MockHttpServletRequestBuilder b = post(url).with(by.p()).with(csrf());
        for (int i = 0; i < kv.length; i += 2) b = b.param(kv[i], kv[i + 1]);
        return b;
    }

    long openLead(Person monitor, long household) throws Exception {
        MvcResult r = mvc.perform(form("/leads", monitor, "householdNo", householdNo(household), "channel", "FIELD_SCREENING",
                "description", "主要劳动力住院", "riskCodes", "ILLNESS")).andExpect(status().is3xxRedirection()).andReturn();
        String url = r.getResponse().getRedirectedUrl();
        assertThat(url).startsWith("/leads/");
        long id = Long.parseLong(url.substring("/leads/".length()));
        // the lead is dated 30 days back, so that every later step has a past day to take place on
        jdbc.sql("update lead set opened_on = opened_on - 30, due_on = due_on - 30 where id = :id").param("id", id).update();
        return id;
    }

    int version(long lead) {
        return jdbc.sql("select version from lead where id = :id").param("id", lead).query(Integer.class).single();
    }

    String state(long lead) {
        return jdbc.sql("select state from lead where id = :id").param("id", lead).query(String.class).single();
    }

    String day(int daysAgo) {
        return today.minusDays(daysAgo).toString();
    }

    void verify(long lead, Person monitor, int daysAgo) throws Exception {
        mvc.perform(form("/leads/" + lead + "/verify", monitor, "on", day(daysAgo), "findings", "入户核实:住院花费大",
                        "wages", "6000", "business", "3000", "property", "0", "transfers", "1200.50", "productionCosts", "800",
                        "eligibleOutOfPocket", "2000", "householdSize", "2", "mainRisk", "ILLNESS", "category",
                        "MARGINAL_AT_RISK", "consentSigned", "true", "version", String.valueOf(version(lead))))
                .andExpect(status().is3xxRedirection());
    }

    /** Takes a lead from verification to the township's approval; returns the county analyst who cross-checked. */
    Person upToCounty(long lead, Person monitor) throws Exception {
        return upToCounty(lead, monitor, 0);
    }

    /** As above, every step {@code shift} days earlier (the lead must have been opened that much earlier). */
    Person upToCounty(long lead, Person monitor, int shift) throws Exception {
        verify(lead, monitor, 29 + shift);
        Person countyA = person(Role.COUNTY_ANALYST, COUNTY);
        mvc.perform(form("/leads/" + lead + "/cross-check", countyA, "on", day(28 + shift), "findings", "一致",
                "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        mvc.perform(form("/leads/" + lead + "/review", monitor, "on", day(27 + shift), "passed", "true", "present", "21",
                "notes", "同意", "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        mvc.perform(form("/leads/" + lead + "/notice", monitor, "from", day(26 + shift), "to", day(22 + shift), "batch", "B" + lead,
                "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        mvc.perform(form("/leads/" + lead + "/notice/close", monitor, "on", day(21 + shift), "objections", "0",
                "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        mvc.perform(form("/leads/" + lead + "/township", person(Role.TOWNSHIP_STAFF, TOWNSHIP), "on", day(20 + shift),
                "decision", "APPROVE", "reason", "", "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        assertThat(state(lead)).isEqualTo("AWAITING_COUNTY_CONFIRMATION");
        return countyA;
    }

    int audits(String action, long household) {
        return jdbc.sql("select count(*) from audit_event where action = :a and household_id = :h")
                .param("a", action).param("h", household).query(Integer.class).single();
    }

    @Test
    void aLeadWalksTheWholePathAndTheHouseholdBecomesMonitored() throws Exception {
        Person monitor = person(Role.VILLAGE_MONITOR, VILLAGE);
        long h = household(VILLAGE, "张全程", true, null);
        long lead = openLead(monitor, h);
        // the form to take on the visit: what the registry knows, blank boxes for the rest, no id numbers
        String sheet = mvc.perform(get("/leads/" + lead + "/verification-sheet").with(monitor.p())
                        .locale(java.util.Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(sheet).contains("入户核实表", "张全程", "户主", "工资性收入", "□ 住房不安全", "□ 因病", "核实人(签字)")
                .doesNotContain("身份证号");
        mvc.perform(get("/leads/" + lead + "/verification-sheet").with(as(Role.VILLAGE_MONITOR, OTHER_TOWNSHIP_VILLAGE)))
                .andExpect(status().isNotFound());
        Person countyA = upToCounty(lead, monitor);
        // maker-checker: the analyst who cross-checked may not confirm; the page shows why and nothing changes
        String page = mvc.perform(form("/leads/" + lead + "/county", countyA, "on", day(19), "decision", "APPROVE",
                "reason", "", "version", String.valueOf(version(lead)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("审核人或确认人不能是前序环节的经办人");
        assertThat(state(lead)).isEqualTo("AWAITING_COUNTY_CONFIRMATION");
        mvc.perform(form("/leads/" + lead + "/county", person(Role.COUNTY_ANALYST, COUNTY), "on", day(19),
                "decision", "APPROVE", "reason", "同意", "version", String.valueOf(version(lead))))
                .andExpect(status().is3xxRedirection());
        assertThat(state(lead)).isEqualTo("CONFIRMED");
        assertThat(jdbc.sql("select count(*) from lead_step where lead_id = :l").param("l", lead).query(Integer.class).single())
                .isEqualTo(7);
        assertThat(jdbc.sql("select category || ':' || array_to_string(risk_types, ',') from monitored_household where household_id = :h")
                .param("h", h).query(String.class).single()).isEqualTo("MARGINAL_AT_RISK:ILLNESS");
        assertThat(audits("LEAD_VERIFY", h)).isEqualTo(1);
        assertThat(audits("LEAD_COUNTY_CONFIRM", h)).isEqualTo(1);
        assertThat(audits("MONITORED_CONFIRM", h)).isEqualTo(1);
        // the step log cannot be rewritten
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                jdbc.sql("update lead_step set note = 'x' where lead_id = :l").param("l", lead).update())
                .rootCause().hasMessageContaining("permission denied"); // the server's role may only append; the trigger stops the owner
        // and the monitored household page shows it, with the plan rule enforced by the server
        String detail = mvc.perform(get("/monitored/" + h).with(monitor.p())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(detail).contains("张全程").contains("边缘易致贫户");
        mvc.perform(form("/monitored/" + h + "/measures", monitor, "group", "SOCIAL_ASSISTANCE_FLOOR", "description", "纳入低保",
                "responsiblePerson", "王", "start", today.toString(), "end", today.plusMonths(6).toString(), "cost", "3600",
                "fundingSource", "民政")).andExpect(status().isOk());
        assertThat(jdbc.sql("select count(*) from plan_measure where household_id = :h").param("h", h).query(Integer.class).single())
                .isZero();
        mvc.perform(form("/monitored/" + h + "/measures", monitor, "group", "PUBLIC_WELFARE_JOB", "description", "护林员公益岗",
                "responsiblePerson", "王", "start", today.toString(), "end", today.plusMonths(6).toString(), "cost", "6000.50",
                "fundingSource", "衔接资金")).andExpect(status().is3xxRedirection());
        mvc.perform(form("/monitored/" + h + "/measures", monitor, "group", "SOCIAL_ASSISTANCE_FLOOR", "description", "纳入低保",
                "responsiblePerson", "王", "start", today.toString(), "end", today.plusMonths(6).toString(), "cost", "3600",
                "fundingSource", "民政")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select sum(cost) from plan_measure where household_id = :h").param("h", h)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("9600.50");
        // the plan on paper for the household to sign: its measures, the lines for the signatures, nothing personal
        String planSheet = mvc.perform(get("/monitored/" + h + "/plan-sheet").with(monitor.p()).locale(java.util.Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(planSheet).contains("张全程户 帮扶计划", "边缘易致贫户", "护林员公益岗", "6,000.50", "纳入低保", "户主(签字或按手印)",
                "data-print").doesNotContain("身份证");
        mvc.perform(get("/monitored/" + h + "/plan-sheet").with(as(Role.VILLAGE_MONITOR, OTHER_TOWNSHIP_VILLAGE)))
                .andExpect(status().isNotFound());
        // an elimination cannot be proposed yet: the check fails (months, delivery, income)
        mvc.perform(form("/elimination/" + h, monitor)).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from lead where household_id = :h and workflow = 'ELIMINATION'")
                .param("h", h).query(Integer.class).single()).isZero();
    }

    @Test
    void theServerRefusesStepsByTheWrongRoleWhateverThePageOffers() throws Exception {
        Person monitor = person(Role.VILLAGE_MONITOR, VILLAGE);
        long lead = openLead(monitor, household(VILLAGE, "李角色", true, null));
        int v = version(lead);
        // a township clerk cannot verify, a village monitor cannot reject at the county's step, a city analyst nothing
        String page = mvc.perform(form("/leads/" + lead + "/township", monitor, "on", day(1), "decision", "APPROVE",
                "reason", "", "version", String.valueOf(v))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("当前环节不能办理此操作");
        mvc.perform(form("/leads/" + lead + "/cross-check", person(Role.CITY_ANALYST, "220300000000"), "on", day(1),
                "findings", "", "version", String.valueOf(v))).andExpect(status().isForbidden()); // reads only
        verify(lead, monitor, 29);
        String refused = mvc.perform(form("/leads/" + lead + "/cross-check", person(Role.TOWNSHIP_STAFF, TOWNSHIP), "on",
                day(28), "findings", "", "version", String.valueOf(version(lead)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("您的角色不能办理此环节");
        assertThat(state(lead)).isEqualTo("AWAITING_CROSS_CHECK");
        // a data officer never sees casework at all
        mvc.perform(get("/leads").with(as(Role.DATA_OFFICER, COUNTY))).andExpect(status().isForbidden());
    }

    @Test
    void othersAreasDoNotExistForTheirAccounts() throws Exception {
        Person monitor = person(Role.VILLAGE_MONITOR, VILLAGE);
        long h = household(VILLAGE, "赵范围", true, null);
        long lead = openLead(monitor, h);
        Person neighbour = person(Role.VILLAGE_MONITOR, OTHER_VILLAGE);
        mvc.perform(get("/leads/" + lead).with(neighbour.p())).andExpect(status().isNotFound());
        mvc.perform(form("/leads/" + lead + "/verify", neighbour, "on", day(29), "findings", "x", "wages", "0", "business", "0",
                "property", "0", "transfers", "0", "productionCosts", "0", "eligibleOutOfPocket", "0", "householdSize", "2",
                "mainRisk", "ILLNESS", "category", "MARGINAL_AT_RISK", "consentSigned", "true",
                "version", String.valueOf(version(lead)))).andExpect(status().isNotFound());
        mvc.perform(form("/leads/" + lead + "/reject", person(Role.TOWNSHIP_STAFF, "220322101000"), "on", day(1),
                "reason", "x", "version", String.valueOf(version(lead)))).andExpect(status().isNotFound());
        assertThat(state(lead)).isEqualTo("AWAITING_VERIFICATION");
        // a monitor cannot open a lead for another village's household either
        mvc.perform(form("/leads", neighbour, "householdNo", householdNo(h), "channel", "FIELD_SCREENING",
                "description", "x")).andExpect(status().isOk());
        // lists filter in SQL: the neighbour's list has no row for this lead, the township's has
        assertThat(mvc.perform(get("/leads").with(neighbour.p())).andReturn().getResponse().getContentAsString())
                .doesNotContain("/leads/" + lead + "\"");
        assertThat(mvc.perform(get("/leads").param("size", "100").param("q", "赵范围").with(as(Role.TOWNSHIP_STAFF, TOWNSHIP)))
                .andReturn().getResponse().getContentAsString()).contains("/leads/" + lead + "\"");
        mvc.perform(get("/monitored/" + h).with(neighbour.p())).andExpect(status().isNotFound());
    }

    @Test
    void aStaleFormDoesNotOverwriteAStepTakenMeanwhile() throws Exception {
        Person monitor = person(Role.VILLAGE_MONITOR, VILLAGE);
        long lead = openLead(monitor, household(VILLAGE, "钱并发", true, null));
        int stale = version(lead);
        verify(lead, monitor, 29);
        String page = mvc.perform(form("/leads/" + lead + "/reject", monitor, "on", day(28), "reason", "重复",
                "version", String.valueOf(stale))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("该记录已被他人修改");
        assertThat(state(lead)).isEqualTo("AWAITING_CROSS_CHECK");
    }

    @Test
    void aSecondReportJoinsTheOpenLeadAndARejectedLeadStaysOnRecord() throws Exception {
        Person monitor = person(Role.VILLAGE_MONITOR, VILLAGE);
        long h = household(VILLAGE, "孙合并", true, null);
        long lead = openLead(monitor, h);
        mvc.perform(form("/leads", person(Role.COUNTY_ANALYST, COUNTY), "householdNo", householdNo(h), "channel",
                "DEPARTMENT_SCREENING", "description", "医保自付超过2万")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from lead where household_id = :h").param("h", h).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from lead_report where lead_id = :l").param("l", lead).query(Integer.class).single())
                .isEqualTo(1);
        mvc.perform(form("/leads/" + lead + "/reject", monitor, "on", day(29), "reason", "",
                "version", String.valueOf(version(lead)))).andExpect(status().isOk());
        mvc.perform(form("/leads/" + lead + "/reject", monitor, "on", day(29), "reason", "外出务工收入稳定",
                "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        assertThat(state(lead)).isEqualTo("REJECTED");
        assertThat(mvc.perform(get("/leads/" + lead).with(monitor.p())).andReturn().getResponse().getContentAsString())
                .contains("外出务工收入稳定");
    }

    @Test
    void theOverdueCountShowsOnTheList() throws Exception {
        Person monitor = person(Role.VILLAGE_MONITOR, OTHER_TOWNSHIP_VILLAGE);
        long lead = openLead(monitor, household(OTHER_TOWNSHIP_VILLAGE, "周超期", true, null));
        String list = mvc.perform(get("/leads").with(monitor.p())).andReturn().getResponse().getContentAsString();
        // opened 30 days ago with a 15-day deadline: 15 days overdue, in red
        assertThat(list).contains("超期15天").contains("status-red").contains("超期 1 条");
        assertThat(state(lead)).isEqualTo("AWAITING_VERIFICATION");
    }

    @Test
    void thePrintedNoticeShowsNoPersonalData() throws Exception {
        Person monitor = person(Role.VILLAGE_MONITOR, VILLAGE);
        String id = validId("220322", LocalDate.of(1971, 3, 4), 123);
        long h = household(VILLAGE, "吴公示", true, id);
        long lead = openLead(monitor, h);
        upToCounty(lead, monitor);
        String notice = mvc.perform(get("/leads/notice").param("village", VILLAGE).param("batch", "B" + lead)
                .with(monitor.p())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(notice).contains("吴公示").contains("关于拟将1户农户纳入防止返贫致贫对象的公示").contains("边缘易致贫户")
                .doesNotContain(id).doesNotContain(id.substring(0, 6) + "********")
                .doesNotContain("因病"); // the main risk type is hidden by default: it reveals health
        mvc.perform(get("/leads/notice").param("village", VILLAGE).param("batch", "B" + lead)
                .with(as(Role.VILLAGE_MONITOR, OTHER_VILLAGE))).andExpect(status().isNotFound());
    }

    @Test
    void theRegistryPageShowsTheOpenLeadThenTheMonitoredHousehold() throws Exception {
        Person monitor = person(Role.VILLAGE_MONITOR, VILLAGE);
        long h = household(VILLAGE, "卫档案", true, null);
        String page = mvc.perform(get("/households/" + h).with(monitor.p())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).doesNotContain("id=\"household-cases\"");

        long lead = openLead(monitor, h);
        page = mvc.perform(get("/households/" + h).with(monitor.p())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"household-cases\"", "在办线索", "href=\"/leads/" + lead + "\"", "待入户核实")
                .doesNotContain("href=\"/monitored/" + h + "\"");

        upToCounty(lead, monitor);
        mvc.perform(form("/leads/" + lead + "/county", person(Role.COUNTY_ANALYST, COUNTY), "on", day(19),
                "decision", "APPROVE", "reason", "同意", "version", String.valueOf(version(lead))))
                .andExpect(status().is3xxRedirection());
        page = mvc.perform(get("/households/" + h).with(monitor.p())).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("href=\"/monitored/" + h + "\"", "监测中 · 边缘易致贫户")
                .doesNotContain("href=\"/leads/" + lead + "\"");
        assertThat(mvc.perform(get("/households/" + h + "?lang=en").with(monitor.p())).andReturn().getResponse()
                .getContentAsString()).contains("Monitored household");
    }

    @Test
    void theMonitorFindsAHouseholdByTheHeadsNameOnlyInTheirOwnVillage() throws Exception {
        String id = validId("220322", LocalDate.of(1968, 2, 3), 457);
        long mine = household(VILLAGE, "褚寻户", true, id);
        long theirs = household(OTHER_VILLAGE, "褚寻户", true, null);
        Person monitor = person(Role.VILLAGE_MONITOR, VILLAGE);

        String page = mvc.perform(get("/leads/new").with(monitor.p())).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("hx-get=\"/leads/households\"", "id=\"household-picks\"");

        String picks = mvc.perform(get("/leads/households").param("householdNo", "褚寻").with(monitor.p()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(picks).contains("褚寻户", "南杏山村", "data-fill=\"" + householdNo(mine) + "\"")
                .doesNotContain(householdNo(theirs)).doesNotContain("大烟筒村")
                .doesNotContain(id).doesNotContain(id.substring(14)); // no id numbers, not even masked
        // the spouse's name finds the household too, shown by its head
        assertThat(mvc.perform(get("/leads/households").param("householdNo", "寻户妻").with(monitor.p()))
                .andReturn().getResponse().getContentAsString()).contains(householdNo(mine), "褚寻户");
        // the start of the household number
        String no = householdNo(mine);
        assertThat(mvc.perform(get("/leads/households").param("householdNo", no.substring(0, no.length() - 1))
                .with(monitor.p())).andReturn().getResponse().getContentAsString()).contains(no)
                .doesNotContain(householdNo(theirs));
        // one character is not enough, and an id number is never searched here (it would sit in the URL)
        assertThat(mvc.perform(get("/leads/households").param("householdNo", "褚").with(monitor.p()))
                .andReturn().getResponse().getContentAsString()).doesNotContain(no);
        assertThat(mvc.perform(get("/leads/households").param("householdNo", id).with(monitor.p()))
                .andReturn().getResponse().getContentAsString()).doesNotContain(no);
        // the township sees both villages' households; the neighbour village's monitor only theirs
        assertThat(mvc.perform(get("/leads/households").param("householdNo", "褚寻户").with(as(Role.TOWNSHIP_STAFF, TOWNSHIP)))
                .andReturn().getResponse().getContentAsString()).contains(no, householdNo(theirs));
        assertThat(mvc.perform(get("/leads/households").param("householdNo", "褚寻户")
                .with(as(Role.VILLAGE_MONITOR, OTHER_VILLAGE))).andReturn().getResponse().getContentAsString())
                .contains(householdNo(theirs)).doesNotContain(no);
        // a role that does not open leads does not search
        mvc.perform(get("/leads/households").param("householdNo", "褚寻户").with(as(Role.DATA_OFFICER, COUNTY)))
                .andExpect(status().isForbidden());
        // the picked number opens the lead as before
        mvc.perform(form("/leads", monitor, "householdNo", no, "channel", "FIELD_SCREENING", "description", "入户发现困难"))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void theNoticeNamesTheOfficePhonesOrWarnsTheCadreThatOneIsMissing() throws Exception {
        String village = "220322100204"; // 北夏家村, 梨树镇
        jdbc.sql("delete from area_contact where area_code in (:a)").param("a", List.of(village, TOWNSHIP)).update();
        try {
            Person monitor = person(Role.VILLAGE_MONITOR, village);
            long lead = openLead(monitor, household(village, "冯电话", true, null));
            upToCounty(lead, monitor);
            String url = "/leads/notice?village=" + village + "&batch=B" + lead;
            String notice = mvc.perform(get(url).with(monitor.p())).andExpect(status().isOk()).andReturn().getResponse()
                    .getContentAsString();
            assertThat(notice).contains("id=\"phone-missing\"", "screen-only", "公示上的办公电话未设置:北夏家村、梨树镇");

            RequestPostProcessor admin = as(Role.ADMIN, COUNTY);
            mvc.perform(form("/admin/area-contacts/" + village, new Person(admin), "officePhone", "0434-5261234"))
                    .andExpect(status().is3xxRedirection());
            notice = mvc.perform(get(url).with(monitor.p())).andReturn().getResponse().getContentAsString();
            assertThat(notice).contains("北夏家村村民委员会(电话 0434-5261234)", "公示上的办公电话未设置:梨树镇")
                    .doesNotContain("北夏家村、梨树镇");

            mvc.perform(form("/admin/area-contacts/" + TOWNSHIP, new Person(admin), "officePhone", " 13904341234 "))
                    .andExpect(status().is3xxRedirection());
            notice = mvc.perform(get(url).with(monitor.p())).andReturn().getResponse().getContentAsString();
            assertThat(notice).contains("如有异议,请于公示期内向北夏家村村民委员会(电话 0434-5261234)或梨树镇人民政府(电话 13904341234)反映。")
                    .doesNotContain("phone-missing");
        } finally {
            jdbc.sql("delete from area_contact where area_code in (:a)").param("a", List.of(village, TOWNSHIP)).update();
        }
    }

    @Test
    void aHouseholdReportsItselfWithoutAnAccount() throws Exception {
        String id = validId("220322", LocalDate.of(1980, 5, 6), 211);
        long h = household(VILLAGE, "郑自报", true, id);
        MockHttpSession session = new MockHttpSession();
        String page = mvc.perform(get("/report/" + VILLAGE).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("南杏山村");
        String answer = SelfReportTestSupport.answer(session);
        // a wrong answer to the picture is refused and the form keeps what was typed
        String wrong = mvc.perform(post("/report/" + VILLAGE).session(session).with(csrf()).param("name", "郑自报")
                .param("phone", "13812345678").param("idNumber", id).param("kind", "ILLNESS").param("description", "住院")
                .param("answer", SelfReportTestSupport.wrong(answer))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(wrong).contains("验证码不对").contains("value=\"郑自报\"");
        answer = SelfReportTestSupport.answer(session);
        mvc.perform(post("/report/" + VILLAGE).session(session).with(csrf()).param("name", "郑自报")
                .param("phone", "13812345678").param("idNumber", id).param("kind", "ILLNESS").param("description", "住院")
                .param("answer", answer)).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select channel || ':' || state from lead where household_id = :h").param("h", h)
                .query(String.class).single()).isEqualTo("SELF_REPORT:AWAITING_VERIFICATION");
        byte[] phone = jdbc.sql("select reporter_phone_enc from lead where household_id = :h").param("h", h)
                .query(byte[].class).single();
        assertThat(new String(phone, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("13812345678");
        assertThat(personalData.open(phone)).isEqualTo("13812345678");
        // a robot that fills in the hidden field is thanked and ignored
        assertThat(session.getAttribute(SelfReportTestSupport.CAPTCHA_SESSION_KEY)).as("a picture is answered once").isNull();
        mvc.perform(post("/report/" + OTHER_VILLAGE).session(new MockHttpSession()).with(csrf()).param("name", "机器人")
                .param("phone", "13900000000").param("idNumber", validId("220322", LocalDate.of(1990, 1, 1), 5))
                .param("kind", "OTHER").param("website", "http://spam.example").param("answer", "0"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from lead where head_name = '机器人'").query(Integer.class).single()).isZero();
        // an unknown or non-village code is no page
        mvc.perform(get("/report/" + TOWNSHIP)).andExpect(status().isNotFound());
    }

    @Test
    void theDemoGivesEachRoleACaseToWorkOn() throws Exception {
        // DemoCasework (demo profile) put cases of 孤家子镇 at several steps; the demo colleagues prepared them
        // (no other test works in 孤家子镇)
        List<String> states = jdbc.sql("select state from lead where village_code between '220322103000' and '220322103999' "
                + "order by id").query(String.class).list();
        // (the browser test may already have taken the township's case further)
        assertThat(states).hasSizeGreaterThanOrEqualTo(5)
                .contains("AWAITING_VERIFICATION", "AWAITING_COUNTY_CONFIRMATION", "REJECTED", "CONFIRMED");
        long atCounty = jdbc.sql("select id from lead where state = 'AWAITING_COUNTY_CONFIRMATION' and village_code "
                + "between '220322103000' and '220322103999' order by id limit 1").query(Long.class).single();
        mvc.perform(form("/leads/" + atCounty + "/county", person(Role.COUNTY_ANALYST, COUNTY), "on", today.toString(),
                "decision", "APPROVE", "reason", "同意", "version", String.valueOf(version(atCounty))))
                .andExpect(status().is3xxRedirection());
        assertThat(state(atCounty)).isEqualTo("CONFIRMED");
        String monitoredPage = mvc.perform(get("/monitored").with(as(Role.VILLAGE_MONITOR, "220322103205")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(monitoredPage).contains("监测对象");
    }

    @Test
    void anUnmatchedSelfReportIsLinkedToItsHouseholdBeforeVerification() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/report/" + OTHER_VILLAGE).session(session)).andExpect(status().isOk());
        String answer = SelfReportTestSupport.answer(session);
        // an id number that is in no household of the registry
        mvc.perform(post("/report/" + OTHER_VILLAGE).session(session).with(csrf()).param("name", "陈未配")
                .param("phone", "13812340000").param("idNumber", validId("220322", LocalDate.of(1966, 6, 6), 77))
                .param("kind", "HOUSING").param("answer", answer)).andExpect(status().is3xxRedirection());
        long lead = jdbc.sql("select id from lead where head_name = '陈未配' and household_id is null").query(Long.class).single();
        Person monitor = person(Role.VILLAGE_MONITOR, OTHER_VILLAGE);
        jdbc.sql("update lead set opened_on = opened_on - 30, due_on = due_on - 30 where id = :id").param("id", lead).update();
        String refused = mvc.perform(form("/leads/" + lead + "/verify", monitor, "on", day(29), "findings", "x", "wages", "0",
                "business", "0", "property", "0", "transfers", "0", "productionCosts", "0", "eligibleOutOfPocket", "0",
                "householdSize", "2", "mainRisk", "UNSAFE_HOUSING", "category", "MARGINAL_AT_RISK", "consentSigned", "true",
                "version", String.valueOf(version(lead)))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("请先关联档案中的农户");
        long elsewhere = household(VILLAGE, "陈别村", true, null);
        mvc.perform(form("/leads/" + lead + "/household", monitor, "householdNo", householdNo(elsewhere),
                "version", String.valueOf(version(lead)))).andExpect(status().isOk());
        long h = household(OTHER_VILLAGE, "陈未配", true, null);
        mvc.perform(form("/leads/" + lead + "/household", monitor, "householdNo", householdNo(h),
                "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select household_id from lead where id = :id").param("id", lead).query(Long.class).single())
                .isEqualTo(h);
        mvc.perform(form("/leads/" + lead + "/verify", monitor, "on", day(29), "findings", "危房", "wages", "0",
                "business", "0", "property", "0", "transfers", "0", "productionCosts", "0", "eligibleOutOfPocket", "0",
                "householdSize", "2", "mainRisk", "UNSAFE_HOUSING", "category", "MARGINAL_AT_RISK", "consentSigned", "true",
                "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        assertThat(state(lead)).isEqualTo("AWAITING_CROSS_CHECK");
    }

    @Test
    void aRiskIsEliminatedOnlyThroughTheStepsWhenTheConditionsHold() throws Exception {
        Person monitor = person(Role.VILLAGE_MONITOR, VILLAGE);
        long h = household(VILLAGE, "黄消除", true, null);
        long lead = openLead(monitor, h);
        // identified about eight months ago: its verification (income within the range) lies outside the window
        jdbc.sql("update lead set opened_on = opened_on - 220, due_on = due_on - 220 where id = :id").param("id", lead).update();
        upToCounty(lead, monitor, 220);
        mvc.perform(form("/leads/" + lead + "/county", person(Role.COUNTY_ANALYST, COUNTY), "on", day(239),
                "decision", "APPROVE", "reason", "", "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        // a delivered job and two income checks above the line in the last six months
        jdbc.sql("""
                insert into lead_verification (lead_id, household_id, village_code, visited_on, findings, wages, business, property,
                  transfers, production_costs, eligible_out_of_pocket, household_size, per_capita, comparison_value, income_line,
                  housing_unsafe, child_out_of_school, water_unsafe, member_uninsured, risk_types, category,
                  rigid_costs_resolved, consent_signed, actor_id, actor_name, recorded_at)
                values (:lead, :h, :v, :on, '季度收入核查', 19000, 0, 0, 0, 0, 0, 2, 9500, 9500, 8700, false, false, false, false,
                  '{ILLNESS}', 'MARGINAL_AT_RISK', true, true, 'x', '核查员', now())""")
                .param("lead", lead).param("h", h).param("v", VILLAGE).param("on", today.minusDays(120)).update();
        mvc.perform(form("/monitored/" + h + "/measures", monitor, "group", "EMPLOYMENT", "description", "县城务工",
                "responsiblePerson", "王", "start", today.minusMonths(6).toString(), "end", today.toString(), "cost", "0",
                "fundingSource", "就业补贴")).andExpect(status().is3xxRedirection());
        long measure = jdbc.sql("select id from plan_measure where household_id = :h").param("h", h).query(Long.class).single();
        for (String target : List.of("IN_PROGRESS", "DELIVERED")) {
            int v = jdbc.sql("select version from plan_measure where id = :id").param("id", measure).query(Integer.class).single();
            mvc.perform(form("/monitored/" + h + "/measures/" + measure + "/state", monitor, "target", target,
                    "on", today.toString(), "version", String.valueOf(v))).andExpect(status().is3xxRedirection());
        }
        assertThat(jdbc.sql("select state from plan_measure where id = :id").param("id", measure).query(String.class).single())
                .isEqualTo("DELIVERED");
        jdbc.sql("""
                insert into lead_verification (lead_id, household_id, village_code, visited_on, findings, wages, business, property,
                  transfers, production_costs, eligible_out_of_pocket, household_size, per_capita, comparison_value, income_line,
                  housing_unsafe, child_out_of_school, water_unsafe, member_uninsured, risk_types, category,
                  rigid_costs_resolved, consent_signed, actor_id, actor_name, recorded_at)
                values (:lead, :h, :v, :on, '年度收入核查', 19000, 0, 0, 0, 0, 0, 2, 9500, 9500, 8700, false, false, false, false,
                  '{ILLNESS}', 'MARGINAL_AT_RISK', true, true, 'x', '核查员', now())""")
                .param("lead", lead).param("h", h).param("v", VILLAGE).param("on", today.minusDays(60)).update();
        // the monitor proposes; the case runs the same steps, without the county data cross-check
        mvc.perform(form("/elimination/" + h, monitor)).andExpect(status().is3xxRedirection());
        long elim = jdbc.sql("select id from lead where household_id = :h and workflow = 'ELIMINATION'").param("h", h)
                .query(Long.class).single();
        jdbc.sql("update lead set opened_on = opened_on - 10, due_on = due_on - 10 where id = :id").param("id", elim).update();
        mvc.perform(form("/leads/" + elim + "/verify", monitor, "on", day(9), "findings", "务工收入稳定", "wages", "24000",
                "business", "0", "property", "0", "transfers", "0", "productionCosts", "0", "eligibleOutOfPocket", "0",
                "householdSize", "2", "mainRisk", "ILLNESS", "category", "MARGINAL_AT_RISK", "rigidCostsResolved", "true",
                "eliminationMethod", "ASSISTANCE", "version", String.valueOf(version(elim)))).andExpect(status().is3xxRedirection());
        assertThat(state(elim)).isEqualTo("AWAITING_VILLAGE_REVIEW");
        mvc.perform(form("/leads/" + elim + "/review", monitor, "on", day(8), "passed", "true", "present", "15",
                "notes", "", "version", String.valueOf(version(elim)))).andExpect(status().is3xxRedirection());
        mvc.perform(form("/leads/" + elim + "/notice", monitor, "from", day(7), "to", day(3), "batch", "E" + elim,
                "version", String.valueOf(version(elim)))).andExpect(status().is3xxRedirection());
        mvc.perform(form("/leads/" + elim + "/notice/close", monitor, "on", day(2), "objections", "0",
                "version", String.valueOf(version(elim)))).andExpect(status().is3xxRedirection());
        mvc.perform(form("/leads/" + elim + "/township", person(Role.TOWNSHIP_STAFF, TOWNSHIP), "on", day(1),
                "decision", "APPROVE", "reason", "", "version", String.valueOf(version(elim)))).andExpect(status().is3xxRedirection());
        // the notice says it is about risk elimination
        assertThat(mvc.perform(get("/leads/notice").param("village", VILLAGE).param("batch", "E" + elim).with(monitor.p()))
                .andReturn().getResponse().getContentAsString()).contains("标注风险消除的公示")
                .contains("现将拟标注风险消除的农户名单予以公示").doesNotContain("拟纳入").doesNotContain("县级数据比对");
        // if the household's guarantees are no longer secure on the day, the county cannot confirm
        jdbc.sql("""
                insert into lead_verification (lead_id, household_id, village_code, visited_on, findings, wages, business, property,
                  transfers, production_costs, eligible_out_of_pocket, household_size, per_capita, comparison_value, income_line,
                  housing_unsafe, child_out_of_school, water_unsafe, member_uninsured, risk_types, category,
                  rigid_costs_resolved, consent_signed, actor_id, actor_name, recorded_at)
                values (:lead, :h, :v, :on, '房屋受损', 24000, 0, 0, 0, 0, 0, 2, 12000, 12000, 8700, true, false, false, false,
                  '{ILLNESS}', 'MARGINAL_AT_RISK', true, true, 'x', '核查员', now())""")
                .param("lead", lead).param("h", h).param("v", VILLAGE).param("on", today).update();
        String refused = mvc.perform(form("/leads/" + elim + "/county", person(Role.COUNTY_ANALYST, COUNTY), "on",
                today.toString(), "decision", "APPROVE", "reason", "", "version", String.valueOf(version(elim))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("风险消除条件未全部满足");
        // once the house is repaired (a later check, all secure) the county confirms; how and the month are kept
        jdbc.sql("""
                insert into lead_verification (lead_id, household_id, village_code, visited_on, findings, wages, business, property,
                  transfers, production_costs, eligible_out_of_pocket, household_size, per_capita, comparison_value, income_line,
                  housing_unsafe, child_out_of_school, water_unsafe, member_uninsured, risk_types, category,
                  rigid_costs_resolved, consent_signed, actor_id, actor_name, recorded_at)
                values (:lead, :h, :v, :on, '房屋已修缮', 24000, 0, 0, 0, 0, 0, 2, 12000, 12000, 8700, false, false, false, false,
                  '{ILLNESS}', 'MARGINAL_AT_RISK', true, true, 'x', '核查员', now())""")
                .param("lead", lead).param("h", h).param("v", VILLAGE).param("on", today).update();
        mvc.perform(form("/leads/" + elim + "/county", person(Role.COUNTY_ANALYST, COUNTY), "on", today.toString(),
                "decision", "APPROVE", "reason", "", "version", String.valueOf(version(elim)))).andExpect(status().is3xxRedirection());
        assertThat(state(elim)).isEqualTo("CONFIRMED");
        assertThat(jdbc.sql("select status || ':' || elimination_method || ':' || to_char(eliminated_month, 'YYYY-MM') "
                + "from monitored_household where household_id = :h").param("h", h).query(String.class).single())
                .isEqualTo("RISK_ELIMINATED:ASSISTANCE:" + java.time.YearMonth.from(today));
        assertThat(audits("RISK_ELIMINATED", h)).isEqualTo(1);
        // the household's page says so in words (the status had no text: ??casework.monitoring.RISK_ELIMINATED??)
        String detail = mvc.perform(get("/monitored/" + h).with(monitor.p())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(detail).contains("风险已消除", "帮扶消除 " + java.time.YearMonth.from(today)).doesNotContain("??");
    }

    /** A step's endpoint, the form it posts (without the version) and who may take it. */
    record Step(String path, Person allowed, String... params) {}

    /** Posts a step as {@code by}; returns whether the server took it (a redirect back to the case). */
    boolean tries(long lead, Step step, Person by) throws Exception {
        String[] kv = java.util.Arrays.copyOf(step.params(), step.params().length + 2);
        kv[kv.length - 2] = "version";
        kv[kv.length - 1] = String.valueOf(version(lead));
        return mvc.perform(form("/leads/" + lead + step.path(), by, kv)).andReturn().getResponse().getStatus() == 302;
    }

    @Test
    void everyStepIsRefusedByTheServerForEveryRoleThatMayNotTakeIt() throws Exception {
        Person monitor = person(Role.VILLAGE_MONITOR, VILLAGE);
        Person township = person(Role.TOWNSHIP_STAFF, TOWNSHIP);
        Person countyA = person(Role.COUNTY_ANALYST, COUNTY);
        Person countyB = person(Role.COUNTY_ANALYST, COUNTY);
        List<Person> outsiders = List.of(person(Role.CITY_ANALYST, "220300000000"), person(Role.ADMIN, "220300000000"),
                person(Role.DATA_OFFICER, COUNTY), person(Role.VILLAGE_MONITOR, OTHER_VILLAGE),
                person(Role.TOWNSHIP_STAFF, "220322101000"));
        long h = household(VILLAGE, "冯矩阵", true, null);
        long lead = openLead(monitor, h);
        List<Step> path = List.of(
                new Step("/verify", monitor, "on", day(29), "findings", "住院", "wages", "6000", "business", "0", "property", "0",
                        "transfers", "0", "productionCosts", "0", "eligibleOutOfPocket", "0", "householdSize", "2",
                        "mainRisk", "ILLNESS", "category", "MARGINAL_AT_RISK", "consentSigned", "true"),
                new Step("/cross-check", countyA, "on", day(28), "findings", "一致"),
                new Step("/review", monitor, "on", day(27), "passed", "true", "present", "20", "notes", ""),
                new Step("/notice", monitor, "from", day(26), "to", day(22), "batch", "M" + lead),
                new Step("/notice/close", monitor, "on", day(21), "objections", "0"),
                new Step("/township", township, "on", day(20), "decision", "APPROVE", "reason", ""),
                new Step("/county", countyB, "on", day(19), "decision", "APPROVE", "reason", ""));
        List<Person> casework = List.of(monitor, township, countyA);
        for (Step step : path) {
            String before = state(lead);
            for (Person p : concat(casework, outsiders)) {
                if (p == step.allowed()) continue;
                assertThat(tries(lead, step, p)).as(step.path() + " by " + p).isFalse();
                assertThat(state(lead)).isEqualTo(before);
            }
            // rejecting: the village only while the case is in its hands, the township up to its own review
            boolean villageHolds = List.of("AWAITING_VERIFICATION", "AWAITING_VILLAGE_REVIEW", "AWAITING_NOTICE",
                    "NOTICE_RUNNING").contains(before);
            Step reject = new Step("/reject", null, "on", today.toString(), "reason", "试探");
            if (!villageHolds) assertThat(tries(lead, reject, monitor)).as("monitor rejects in " + before).isFalse();
            if (before.equals("AWAITING_COUNTY_CONFIRMATION")) {
                assertThat(tries(lead, reject, township)).as("township rejects at the county").isFalse();
            }
            for (Person p : outsiders) assertThat(tries(lead, reject, p)).as("reject by " + p).isFalse();
            // the fast track is the township's or the county's, never the village's
            assertThat(mvc.perform(form("/leads/" + lead + "/fast-track", monitor, "on", today.toString(), "reason", "x",
                    "version", String.valueOf(version(lead)))).andReturn().getResponse().getContentAsString())
                    .contains("您的角色不能办理此环节");
            assertThat(state(lead)).isEqualTo(before);
            assertThat(tries(lead, step, step.allowed())).as(step.path() + " by its role").isTrue();
        }
        assertThat(state(lead)).isEqualTo("CONFIRMED");
        assertThat(jdbc.sql("select count(*) from lead_step where lead_id = :l").param("l", lead).query(Integer.class).single())
                .isEqualTo(7);
        // opening a lead by hand is for the village, township and county of the household only
        long other = household(VILLAGE, "冯开线", true, null);
        for (Person p : outsiders) {
            mvc.perform(form("/leads", p, "householdNo", householdNo(other), "channel", "FIELD_SCREENING",
                    "description", "试探"));
        }
        assertThat(jdbc.sql("select count(*) from lead where household_id = :h").param("h", other).query(Integer.class).single())
                .isZero();

        // the monitored household: the plan is kept by village, township and county; the home check and the proposal
        // are the village monitor's; nobody else's post changes anything
        int measures = measures(h);
        for (Person p : outsiders) {
            mvc.perform(form("/monitored/" + h + "/measures", p, "group", "EMPLOYMENT", "description", "务工",
                    "responsiblePerson", "王", "start", today.toString(), "end", today.plusMonths(6).toString(), "cost", "0",
                    "fundingSource", "就业补贴"));
            mvc.perform(form("/monitored/" + h + "/officer", p, "name", "王", "unit", "农业局", "phone", "13700000000",
                    "from", today.toString(), "version", "0"));
        }
        assertThat(measures(h)).isEqualTo(measures);
        assertThat(jdbc.sql("select count(*) from assistance_officer where household_id = :h").param("h", h)
                .query(Integer.class).single()).isZero();
        for (Person p : concat(List.of(township, countyA), outsiders)) {
            mvc.perform(form("/monitored/" + h + "/checks", p, "on", today.toString(), "findings", "核查", "wages", "20000",
                    "business", "0", "property", "0", "transfers", "0", "productionCosts", "0", "eligibleOutOfPocket", "0",
                    "householdSize", "2"));
            mvc.perform(form("/elimination/" + h, p));
        }
        assertThat(homeChecks(h)).isZero();
        assertThat(jdbc.sql("select count(*) from lead where household_id = :h and workflow = 'ELIMINATION'").param("h", h)
                .query(Integer.class).single()).isZero();
        String page = mvc.perform(form("/monitored/" + h + "/checks", township, "on", today.toString(), "findings", "核查",
                "wages", "20000", "business", "0", "property", "0", "transfers", "0", "productionCosts", "0",
                "eligibleOutOfPocket", "0", "householdSize", "2")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("您的角色不能办理此环节");
        // the city analyst reads casework but may not write: refused before the handler (ReadOnlyRoles)
        mvc.perform(form("/monitored/" + h + "/measures", outsiders.get(0), "group", "EMPLOYMENT",
                "description", "务工", "responsiblePerson", "王", "start", today.toString(), "end", today.plusMonths(6).toString(),
                "cost", "0", "fundingSource", "就业补贴")).andExpect(status().isForbidden());
        mvc.perform(form("/monitored/" + h + "/checks", monitor, "on", today.toString(), "findings", "核查", "wages", "20000",
                "business", "0", "property", "0", "transfers", "0", "productionCosts", "0", "eligibleOutOfPocket", "0",
                "householdSize", "2")).andExpect(status().is3xxRedirection());
        assertThat(homeChecks(h)).isOne();
        assertThat(audits("HOME_CHECK", h)).isOne();
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    int measures(long h) {
        return jdbc.sql("select count(*) from plan_measure where household_id = :h").param("h", h).query(Integer.class).single();
    }

    int homeChecks(long h) {
        return jdbc.sql("select count(*) from home_check where household_id = :h").param("h", h).query(Integer.class).single();
    }

    @Test
    void theAnalystWhoPreparedAStepIsNotOfferedTheDecisionAndTheServerRefusesItAnyway() throws Exception {
        Person monitor = person(Role.VILLAGE_MONITOR, VILLAGE);
        long lead = openLead(monitor, household(VILLAGE, "杜分离", true, null));
        Person countyA = upToCounty(lead, monitor);
        String page = mvc.perform(get("/leads/" + lead).with(countyA.p())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"maker-checker\"").doesNotContain("/leads/" + lead + "/county\"");
        String colleague = mvc.perform(get("/leads/" + lead).with(person(Role.COUNTY_ANALYST, COUNTY).p()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(colleague).doesNotContain("id=\"maker-checker\"").contains("/leads/" + lead + "/county\"");
        mvc.perform(form("/leads/" + lead + "/county", countyA, "on", day(19), "decision", "APPROVE", "reason", "",
                "version", String.valueOf(version(lead)))).andExpect(status().isOk());
        assertThat(state(lead)).isEqualTo("AWAITING_COUNTY_CONFIRMATION");
    }

    @Test
    void aYearWhoseIncomeLineIsNotSetYetShowsAsAFailingConditionNotAsAnError() throws Exception {
        Person monitor = person(Role.VILLAGE_MONITOR, VILLAGE);
        long h = household(VILLAGE, "严新年", true, null);
        long lead = openLead(monitor, h);
        upToCounty(lead, monitor);
        mvc.perform(form("/leads/" + lead + "/county", person(Role.COUNTY_ANALYST, COUNTY), "on", day(19),
                "decision", "APPROVE", "reason", "", "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        int year = today.getYear() + 3; // no administrator has set this year's line
        assertThat(jdbc.sql("select count(*) from income_line where year = :y").param("y", year).query(Integer.class).single()).isZero();
        try {
            clock.advance(java.time.Period.ofYears(3));
            String page = mvc.perform(get("/monitored/" + h).with(monitor.p())).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(page).contains("当年监测标准未设置");
            mvc.perform(get("/elimination").with(monitor.p())).andExpect(status().isOk());
        } finally {
            clock.reset();
        }
    }
}
