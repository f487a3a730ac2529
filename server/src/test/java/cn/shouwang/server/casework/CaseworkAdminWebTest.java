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
import cn.shouwang.server.household.RegistryFixtures;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 系统管理 › 代码表, 监测标准, 业务参数 through the real filter chain and database: what an administrator changes
 * there is what the casework forms and rules use next; bad input and stale forms store nothing; other roles are
 * turned away. The context and database are shared with other test classes, so every setting changed here is put
 * back afterwards.
 */
class CaseworkAdminWebTest extends ServerTest {
    // Real Siping codes: 吉林省, 四平市, 梨树县, 梨树镇 and its 南杏山村.
    static final String PROVINCE = "220000000000";
    static final String CITY = "220300000000";
    static final String COUNTY = "220322000000";
    static final String TOWNSHIP = "220322100000";
    static final String VILLAGE = "220322100201";
    static final AtomicLong IDS = new AtomicLong(950_000);

    @Autowired RegistryFixtures registry;
    @Autowired Clock clock;

    LocalDate today;
    Map<String, String> settingsBefore;

    static RequestPostProcessor as(Role role, String area) {
        long id = IDS.incrementAndGet();
        return user(new AccountPrincipal(new CurrentUser(id, "a" + id, role.name() + id, role, new AreaScope(area)),
                "x", false, true));
    }

    /** The city's administrator (四平市): income lines and office phones of the city and below. */
    final RequestPostProcessor admin = as(Role.ADMIN, CITY);
    /** The province's administrator (吉林省): code lists and province-wide settings apply everywhere. */
    final RequestPostProcessor provincial = as(Role.ADMIN, PROVINCE);
    final RequestPostProcessor monitor = as(Role.VILLAGE_MONITOR, VILLAGE);

    @BeforeEach
    void remember() {
        today = LocalDate.now(clock);
        for (int y = today.getYear() - 1; y <= today.getYear(); y++) {
            jdbc.sql("insert into income_line (area_code, year, line) values (:a, :y, 8700) on conflict do nothing")
                    .param("a", PROVINCE).param("y", y).update();
        }
        changesBefore = jdbc.sql("select coalesce(max(id), 0) from income_line_change").query(Long.class).single();
        settingsBefore = new LinkedHashMap<>();
        jdbc.sql("select name, value from casework_setting").query((rs, i) -> settingsBefore.put(rs.getString(1),
                rs.getString(2))).list();
    }

    @AfterEach
    void restore() {
        settingsBefore.forEach((n, v) -> jdbc.sql("update casework_setting set value = :v where name = :n")
                .param("n", n).param("v", v).update());
        jdbc.sql("delete from income_line where area_code = :a").param("a", COUNTY).update();
        // the adjustments a test made to other lines (标准调整 are kept; a test takes its own back)
        jdbc.sql("delete from income_line_change where id > :id").param("id", changesBefore).update();
    }

    long changesBefore;

    MockHttpServletRequestBuilder form(String url, RequestPostProcessor by, String... kv) {
        MockHttpServletRequestBuilder b = post(url).with(by).with(csrf());
        for (int i = 0; i < kv.length; i += 2) b = b.param(kv[i], kv[i + 1]);
        // a line's form also asks when and why (标准调整); tests about other things give a change in force long since
        if (url.startsWith("/admin/income-lines") && !java.util.List.of(kv).contains("effectiveFrom")) {
            b = b.param("effectiveFrom", "2020-01-01").param("reason", "测试调整");
        }
        return b;
    }

    String page(String url, RequestPostProcessor by) throws Exception {
        return mvc.perform(get(url).with(by)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    // ---- a household and its lead ---------------------------------------------------------------------------

    /** A household of one in the village; returns its household number. */
    String household() {
        return registry.householdNo(registry.household(VILLAGE).head("管理测试").insert());
    }

    long openLead(String riskCode) throws Exception {
        MvcResult r = mvc.perform(form("/leads", monitor, "householdNo", household(), "channel", "FIELD_SCREENING",
                "description", "入户发现困难", "riskCodes", riskCode)).andExpect(status().is3xxRedirection()).andReturn();
        String url = r.getResponse().getRedirectedUrl();
        assertThat(url).startsWith("/leads/");
        return Long.parseLong(url.substring("/leads/".length()));
    }

    int leadVersion(long lead) {
        return jdbc.sql("select version from lead where id = :id").param("id", lead).query(Integer.class).single();
    }

    void verify(long lead, String mainRisk) throws Exception {
        mvc.perform(form("/leads/" + lead + "/verify", monitor, "on", today.toString(), "findings", "入户核实",
                        "wages", "6000", "business", "0", "property", "0", "transfers", "0", "productionCosts", "0",
                        "eligibleOutOfPocket", "0", "householdSize", "1", "mainRisk", mainRisk, "category",
                        "MARGINAL_AT_RISK", "consentSigned", "true", "version", String.valueOf(leadVersion(lead))))
                .andExpect(status().is3xxRedirection());
    }

    int codeVersion(String kind, String code) {
        return jdbc.sql("select version from casework_code where kind = :k and code = :c").param("k", kind)
                .param("c", code).query(Integer.class).single();
    }

    int audits(String action) {
        return jdbc.sql("select count(*) from audit_event where action = :a").param("a", action)
                .query(Integer.class).single();
    }

    // ---- code lists -----------------------------------------------------------------------------------------

    @Test
    void anAddedRiskTypeIsOfferedUntilDeactivatedAndOldRecordsKeepItsName() throws Exception {
        String code = "TEST_FLOOD_" + IDS.incrementAndGet();
        int added = audits("CASEWORK_CODE_ADD");
        mvc.perform(form("/admin/codes/RISK_TYPE", provincial, "code", code, "nameZh", "测试山洪", "nameEn", "Test flash flood",
                "sort", "50")).andExpect(status().is3xxRedirection());
        assertThat(page("/admin/codes", provincial)).contains(code, "测试山洪", "Test flash flood");
        assertThat(page("/admin/codes?lang=en", provincial)).contains("Code lists", "Risk types", "Deactivate");
        assertThat(audits("CASEWORK_CODE_ADD")).isEqualTo(added + 1);

        long lead = openLead("ILLNESS");
        assertThat(page("/leads/" + lead, monitor)).contains("value=\"" + code + "\"", "测试山洪");
        verify(lead, code);

        mvc.perform(form("/admin/codes/RISK_TYPE/" + code + "/active", provincial, "active", "false",
                "version", String.valueOf(codeVersion("RISK_TYPE", code)))).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select active from casework_code where kind = 'RISK_TYPE' and code = :c").param("c", code)
                .query(Boolean.class).single()).isFalse();

        long fresh = openLead("ILLNESS");
        assertThat(page("/leads/" + fresh, monitor)).doesNotContain("value=\"" + code + "\"").doesNotContain("测试山洪");
        assertThat(page("/leads/new", monitor)).doesNotContain("value=\"" + code + "\"");
        // the verified lead still names its risk type
        assertThat(page("/leads/" + lead, monitor)).contains("测试山洪");

        // renamed, the old record shows the new name
        mvc.perform(form("/admin/codes/RISK_TYPE/" + code, provincial, "nameZh", "测试山洪灾害", "nameEn", "Test flash flood",
                "sort", "60", "version", String.valueOf(codeVersion("RISK_TYPE", code)))).andExpect(status().is3xxRedirection());
        assertThat(page("/leads/" + lead, monitor)).contains("测试山洪灾害");
    }

    @Test
    void badCodesGiveFieldErrorsAndStoreNothing() throws Exception {
        int before = jdbc.sql("select count(*) from casework_code").query(Integer.class).single();
        String html = mvc.perform(form("/admin/codes/RISK_TYPE", provincial, "code", "flood loss", "nameZh", "洪灾", "nameEn", "",
                "sort", "5")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("代码只能用大写英文字母、数字和下划线", "请填写英文名称", "value=\"flood loss\"", "value=\"洪灾\"");
        html = mvc.perform(form("/admin/codes/RISK_TYPE", provincial, "code", "ILLNESS", "nameZh", "因病2", "nameEn", "Illness 2",
                "sort", "5")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("该代码已存在");
        mvc.perform(form("/admin/codes/NOT_A_KIND", provincial, "code", "X", "nameZh", "x", "nameEn", "x", "sort", "5"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from casework_code").query(Integer.class).single()).isEqualTo(before);
        assertThat(jdbc.sql("select name_zh from casework_code where kind = 'RISK_TYPE' and code = 'ILLNESS'")
                .query(String.class).single()).isEqualTo("因病");
    }

    @Test
    void aStaleFormIsRefusedWithAPlainMessage() throws Exception {
        String code = "TEST_STALE_" + IDS.incrementAndGet();
        mvc.perform(form("/admin/codes/CATEGORY", provincial, "code", code, "nameZh", "测试类别", "nameEn", "Test category",
                "sort", "90")).andExpect(status().is3xxRedirection());
        int v = codeVersion("CATEGORY", code);
        mvc.perform(form("/admin/codes/CATEGORY/" + code, provincial, "nameZh", "第一人改名", "nameEn", "First", "sort", "90",
                "version", String.valueOf(v))).andExpect(status().is3xxRedirection());
        String html = mvc.perform(form("/admin/codes/CATEGORY/" + code, provincial, "nameZh", "第二人改名", "nameEn", "Second",
                "sort", "90", "version", String.valueOf(v))).andExpect(status().isConflict()).andReturn().getResponse()
                .getContentAsString();
        assertThat(html).contains("该记录已被他人修改", "value=\"第二人改名\"");
        assertThat(jdbc.sql("select name_zh from casework_code where kind = 'CATEGORY' and code = :c").param("c", code)
                .query(String.class).single()).isEqualTo("第一人改名");
        // a stale deactivation changes nothing either
        mvc.perform(form("/admin/codes/CATEGORY/" + code + "/active", provincial, "active", "false", "version", String.valueOf(v)))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select active from casework_code where kind = 'CATEGORY' and code = :c").param("c", code)
                .query(Boolean.class).single()).isTrue();
        mvc.perform(form("/admin/codes/CATEGORY/" + code + "/active", provincial, "active", "false",
                "version", String.valueOf(codeVersion("CATEGORY", code)))).andExpect(status().is3xxRedirection());

        // income line: two administrators edit the same line
        mvc.perform(form("/admin/income-lines", admin, "areaCode", COUNTY, "year", String.valueOf(today.getYear()),
                "line", "9000")).andExpect(status().is3xxRedirection());
        String url = "/admin/income-lines/" + COUNTY + "/" + today.getYear();
        mvc.perform(form(url, admin, "areaCode", COUNTY, "year", String.valueOf(today.getYear()), "line", "9100",
                "version", "0")).andExpect(status().is3xxRedirection());
        mvc.perform(form(url, admin, "areaCode", COUNTY, "year", String.valueOf(today.getYear()), "line", "9200",
                "version", "0")).andExpect(status().isConflict());
        assertThat(lineAt(COUNTY, today.getYear())).isEqualByComparingTo("9100");

        // settings: a form read before someone else's save
        String stale = fingerprint();
        mvc.perform(settingsForm(stale, Map.of("dueSoonDays", "4"))).andExpect(status().is3xxRedirection());
        html = mvc.perform(settingsForm(stale, Map.of("dueSoonDays", "2"))).andExpect(status().isConflict()).andReturn()
                .getResponse().getContentAsString();
        assertThat(html).contains("该记录已被他人修改");
        assertThat(setting("due_soon_days")).isEqualTo("4");
    }

    // ---- office phones ---------------------------------------------------------------------------------------

    String officePhone(String area) {
        return jdbc.sql("select office_phone from area_contact where area_code = :a").param("a", area)
                .query(String.class).optional().orElse(null);
    }

    @Test
    void officePhonesAreCheckedAuditedAndKeptByAdministratorsOnly() throws Exception {
        String village = "220322100205"; // 西平安村, 梨树镇
        jdbc.sql("delete from area_contact where area_code = :a").param("a", village).update();
        try {
            assertThat(page("/admin/area-contacts?area=" + TOWNSHIP, admin)).contains("西平安村", "未设置",
                    "/admin/area-contacts/" + village);

            for (String bad : new String[] {"12345", "0434-12345", "23812345678", "0434 1234567x"}) {
                String html = mvc.perform(form("/admin/area-contacts/" + village, admin, "officePhone", bad))
                        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
                assertThat(html).contains("电话格式不正确", "value=\"" + bad + "\"");
            }
            assertThat(mvc.perform(form("/admin/area-contacts/" + village, admin, "officePhone", ""))
                    .andReturn().getResponse().getContentAsString()).contains("请填写办公电话");
            assertThat(officePhone(village)).isNull();

            int audited = audits("AREA_CONTACT_UPDATE");
            mvc.perform(form("/admin/area-contacts/" + village, admin, "officePhone", "0434-5201234"))
                    .andExpect(status().is3xxRedirection());
            assertThat(officePhone(village)).isEqualTo("0434-5201234");
            assertThat(audits("AREA_CONTACT_UPDATE")).isEqualTo(audited + 1);
            assertThat(jdbc.sql("select changes::text from audit_event where action = 'AREA_CONTACT_UPDATE' "
                    + "order by id desc limit 1").query(String.class).single()).contains("0434-5201234");
            assertThat(page("/admin/area-contacts?area=" + TOWNSHIP, admin)).contains("0434-5201234");
            assertThat(page("/admin/area-contacts/" + village, admin)).contains("value=\"0434-5201234\"");

            // two administrators change the same phone: the second, read before the first saved, is refused
            mvc.perform(form("/admin/area-contacts/" + village, admin, "officePhone", "13904345678", "version", "0"))
                    .andExpect(status().is3xxRedirection());
            String html = mvc.perform(form("/admin/area-contacts/" + village, admin, "officePhone", "0434-5209999",
                    "version", "0")).andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
            assertThat(html).contains("该记录已被他人修改", "value=\"0434-5209999\"");
            // as is a first phone typed while someone else set one
            mvc.perform(form("/admin/area-contacts/" + village, admin, "officePhone", "0434-5208888"))
                    .andExpect(status().isConflict());
            assertThat(officePhone(village)).isEqualTo("13904345678");

            // nobody else: not a village monitor, not township staff, not an administrator of another county
            mvc.perform(form("/admin/area-contacts/" + village, monitor, "officePhone", "0434-5200000"))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/admin/area-contacts").with(as(Role.TOWNSHIP_STAFF, TOWNSHIP))).andExpect(status().isForbidden());
            mvc.perform(form("/admin/area-contacts/" + village, as(Role.ADMIN, "220302000000"), "officePhone",
                    "0434-5200000", "version", "1")).andExpect(status().isNotFound());
            assertThat(officePhone(village)).isEqualTo("13904345678");
        } finally {
            jdbc.sql("delete from area_contact where area_code = :a").param("a", village).update();
        }
    }

    // ---- income lines ---------------------------------------------------------------------------------------

    BigDecimal lineAt(String area, int year) {
        return jdbc.sql("select line from income_line where area_code = :a and year = :y").param("a", area)
                .param("y", year).query(BigDecimal.class).single();
    }

    @Test
    void aCountyLineIsUsedForItsVillagesAndTheLookupShowsWhichApplies() throws Exception {
        int year = today.getYear();
        assertThat(page("/admin/income-lines?at=" + VILLAGE + "&atYear=" + year, admin)).contains("8,700.00", "吉林省");

        int added = audits("INCOME_LINE_ADD");
        mvc.perform(form("/admin/income-lines", admin, "areaCode", COUNTY, "year", String.valueOf(year), "line", "9100.50"))
                .andExpect(status().is3xxRedirection());
        assertThat(audits("INCOME_LINE_ADD")).isEqualTo(added + 1);
        assertThat(page("/admin/income-lines", admin)).contains("梨树县", "9,100.50");
        assertThat(page("/admin/income-lines/new", admin)).contains("梨树县</option>");
        assertThat(page("/admin/income-lines?at=" + VILLAGE + "&atYear=" + year, admin)).contains("9,100.50", "梨树县");

        long lead = openLead("ILLNESS");
        verify(lead, "ILLNESS");
        assertThat(jdbc.sql("select income_line from lead_verification where lead_id = :l").param("l", lead)
                .query(BigDecimal.class).single()).isEqualByComparingTo("9100.50");

        mvc.perform(form("/admin/income-lines/" + COUNTY + "/" + year, admin, "areaCode", COUNTY, "year",
                String.valueOf(year), "line", "9300", "version", "0")).andExpect(status().is3xxRedirection());
        assertThat(page("/admin/income-lines?at=" + VILLAGE + "&atYear=" + year, admin)).contains("9,300.00");
        long second = openLead("ILLNESS");
        verify(second, "ILLNESS");
        assertThat(jdbc.sql("select income_line from lead_verification where lead_id = :l").param("l", second)
                .query(BigDecimal.class).single()).isEqualByComparingTo("9300");
        // the first verification keeps the line it was judged against
        assertThat(jdbc.sql("select income_line from lead_verification where lead_id = :l").param("l", lead)
                .query(BigDecimal.class).single()).isEqualByComparingTo("9100.50");
        String detail = jdbc.sql("select changes::text from audit_event where action = 'INCOME_LINE_UPDATE' order by id desc limit 1")
                .query(String.class).single();
        assertThat(detail).contains("9100.50", "9300");
    }

    @Test
    void anAdjustmentAsksWhenAndWhyTakesEffectOnItsDayAndKeepsItsHistory(@Autowired StandardsApi standards)
            throws Exception {
        int year = today.getYear() - 1; // a year no other test sets for the county
        String url = "/admin/income-lines/" + COUNTY + "/" + year;
        mvc.perform(form("/admin/income-lines", admin, "areaCode", COUNTY, "year", String.valueOf(year), "line", "8800",
                "effectiveFrom", "2020-01-01", "reason", "首次设定", "document", "梨政发〔2020〕1号"))
                .andExpect(status().is3xxRedirection());
        // no reason, an impossible day: refused beside the fields, nothing stored
        String html = mvc.perform(form(url, admin, "areaCode", COUNTY, "year", String.valueOf(year), "line", "9500",
                "effectiveFrom", "2026-13-01", "reason", " ", "version", "0")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(html).contains("请填写调整原因", "生效日期格式应为");
        LocalDate later = today.plusDays(10);
        mvc.perform(form(url, admin, "areaCode", COUNTY, "year", String.valueOf(year), "line", "9500",
                "effectiveFrom", later.toString(), "reason", "物价上涨,按省里通知调整", "version", "0"))
                .andExpect(status().is3xxRedirection());

        // not yet in force: today the villages still get 8,800; from its day on, 9,500
        assertThat(page("/admin/income-lines?at=" + VILLAGE + "&atYear=" + year, admin)).contains("8,800.00", "梨树县");
        assertThat(standards.incomeLines(VILLAGE, today)).filteredOn(l -> l.year() == year).singleElement()
                .satisfies(l -> assertThat(l.line()).isEqualByComparingTo("8800"));
        assertThat(standards.incomeLines(VILLAGE, later)).filteredOn(l -> l.year() == year).singleElement()
                .satisfies(l -> {
                    assertThat(l.line()).isEqualByComparingTo("9500");
                    assertThat(l.effectiveFrom()).isEqualTo(later);
                    assertThat(l.areaCode()).isEqualTo(COUNTY);
                });
        // the list shows the latest adjustment and its day; the adjustment page every one, newest first
        assertThat(page("/admin/income-lines?year=" + year, admin)).contains("9,500.00", later.toString(), "标准调整");
        String history = page(url, admin);
        assertThat(history).contains("调整记录", "物价上涨,按省里通知调整", "首次设定", "梨政发〔2020〕1号", "2020-01-01");
        assertThat(history.indexOf("物价上涨")).isLessThan(history.indexOf("首次设定"));
        String detail = jdbc.sql("select detail from audit_event where action = 'INCOME_LINE_UPDATE' order by id desc limit 1")
                .query(String.class).single();
        assertThat(detail).contains("effective " + later, "物价上涨");
    }

    @Test
    void badIncomeLinesGiveFieldErrorsAndStoreNothing() throws Exception {
        int before = jdbc.sql("select count(*) from income_line").query(Integer.class).single();
        String html = mvc.perform(form("/admin/income-lines", admin, "areaCode", COUNTY, "year", "1990", "line", "9000.123"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("最多两位小数", "年度应在 2015 至", "value=\"9000.123\"");
        html = mvc.perform(form("/admin/income-lines", admin, "areaCode", "220399000000", "year",
                String.valueOf(today.getYear()), "line", "-5")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(html).contains("当前区划版本中没有这个区划代码", "监测标准必须大于0");
        html = mvc.perform(form("/admin/income-lines", admin, "areaCode", VILLAGE, "year", String.valueOf(today.getYear()),
                "line", "9000")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("不能按乡镇或村设置");
        html = mvc.perform(form("/admin/income-lines", admin, "areaCode", COUNTY, "year", "今年", "line", "八千七"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("年度应为4位数字", "监测标准应为数字", "value=\"八千七\"");
        html = mvc.perform(form("/admin/income-lines", provincial, "areaCode", PROVINCE, "year", String.valueOf(today.getYear()),
                "line", "9000")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("该区域该年度已有监测标准");
        assertThat(jdbc.sql("select count(*) from income_line").query(Integer.class).single()).isEqualTo(before);
        assertThat(lineAt(PROVINCE, today.getYear())).isEqualByComparingTo("8700");
    }

    // ---- settings -------------------------------------------------------------------------------------------

    String setting(String name) {
        return jdbc.sql("select value from casework_setting where name = :n").param("n", name).query(String.class).single();
    }

    String fingerprint() throws Exception {
        Matcher m = Pattern.compile("name=\"fingerprint\" value=\"([0-9a-f]+)\"")
                .matcher(page("/admin/settings?area=" + PROVINCE, provincial));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The province-wide settings form as stored, with some fields changed, sent by the province's administrator. */
    MockHttpServletRequestBuilder settingsForm(String fingerprint, Map<String, String> changed) {
        return settingsForm(provincial, fingerprint, changed);
    }

    MockHttpServletRequestBuilder settingsForm(RequestPostProcessor by, String fingerprint, Map<String, String> changed) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("leadDeadlineDays", setting("lead_deadline_days"));
        f.put("dayCounting", setting("day_counting"));
        f.put("dueSoonDays", setting("due_soon_days"));
        f.put("minNoticeDays", setting("min_notice_days"));
        f.put("eliminationMinMonths", setting("elimination_min_months"));
        f.put("stableIncomeMonths", setting("stable_income_months"));
        f.put("minIncomeChecks", setting("min_income_checks"));
        f.put("holidays", setting("holidays").replace(",", "\n"));
        f.put("makeUpWorkingDays", setting("make_up_working_days").replace(",", "\n"));
        f.putAll(changed);
        MockHttpServletRequestBuilder b = form("/admin/settings", by, "fingerprint", fingerprint);
        f.forEach(b::param);
        return b;
    }

    @Test
    void aLongerDeadlineMovesTheDueDateOfANewLead() throws Exception {
        long before = openLead("ILLNESS");
        LocalDate dueBefore = dueOn(before);
        int changed = audits("CASEWORK_SETTINGS_UPDATE");
        mvc.perform(settingsForm(fingerprint(), Map.of("leadDeadlineDays", "25", "holidays", "2025-10-01, 2025-10-02\n2025-10-03",
                        "autoIntakeRules", "DROPOUT")))
                .andExpect(status().is3xxRedirection());
        assertThat(setting("lead_deadline_days")).isEqualTo("25");
        assertThat(setting("holidays")).isEqualTo("2025-10-01,2025-10-02,2025-10-03");
        assertThat(setting("auto_intake_rules")).isEqualTo("DROPOUT");
        assertThat(audits("CASEWORK_SETTINGS_UPDATE")).isEqualTo(changed + 1);
        assertThat(jdbc.sql("select changes::text from audit_event where action = 'CASEWORK_SETTINGS_UPDATE' "
                + "order by id desc limit 1").query(String.class).single())
                .contains("lead_deadline_days", settingsBefore.get("lead_deadline_days"), "25", "DROPOUT");

        long after = openLead("ILLNESS");
        assertThat(dueOn(after)).isEqualTo(dueBefore.plusDays(10));
        String html = page("/admin/settings?area=" + PROVINCE, provincial);
        assertThat(html).contains("value=\"25\"", "2025-10-02", "义务教育辍学", "政策默认:15");
        assertThat(html).containsPattern("value=\"DROPOUT\"[^>]*checked");
    }

    LocalDate dueOn(long lead) {
        return jdbc.sql("select due_on from lead where id = :id").param("id", lead).query(LocalDate.class).single();
    }

    @Test
    void badSettingsGiveFieldErrorsAndChangeNothing() throws Exception {
        String html = mvc.perform(settingsForm(fingerprint(), Map.of("leadDeadlineDays", "abc", "minNoticeDays", "0",
                        "holidays", "2025-10-01\n2025-13-01", "autoIntakeRules", "NO_SUCH_RULE")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("应为1至365的整数", "第 2 行的“2025-13-01”不是有效日期", "没有这条比对规则",
                "value=\"abc\"", "2025-13-01");
        assertThat(setting("lead_deadline_days")).isEqualTo(settingsBefore.get("lead_deadline_days"));
        assertThat(setting("holidays")).isEqualTo(settingsBefore.get("holidays"));
        assertThat(setting("min_notice_days")).isEqualTo(settingsBefore.get("min_notice_days"));
    }

    // ---- who may ------------------------------------------------------------------------------------------

    @Test
    void onlyAdministratorsReachThePages() throws Exception {
        for (Role r : Role.values()) {
            if (r == Role.ADMIN) continue;
            RequestPostProcessor other = as(r, r == Role.CITY_ANALYST ? CITY : r == Role.VILLAGE_MONITOR ? VILLAGE
                    : r == Role.TOWNSHIP_STAFF ? TOWNSHIP : COUNTY);
            for (String url : new String[] {"/admin/codes", "/admin/codes/RISK_TYPE/new", "/admin/codes/RISK_TYPE/ILLNESS",
                    "/admin/income-lines", "/admin/income-lines/new", "/admin/settings",
                    "/admin/income-lines/area-name?areaCode=" + COUNTY}) {
                mvc.perform(get(url).with(other)).andExpect(status().isForbidden());
            }
            mvc.perform(form("/admin/codes/RISK_TYPE", other, "code", "SNEAKY", "nameZh", "偷加", "nameEn", "Sneaky",
                    "sort", "1")).andExpect(status().isForbidden());
            mvc.perform(form("/admin/codes/RISK_TYPE/ILLNESS", other, "nameZh", "改名", "nameEn", "x", "sort", "1",
                    "version", String.valueOf(codeVersion("RISK_TYPE", "ILLNESS")))).andExpect(status().isForbidden());
            mvc.perform(form("/admin/income-lines", other, "areaCode", COUNTY, "year", String.valueOf(today.getYear()),
                    "line", "1")).andExpect(status().isForbidden());
            mvc.perform(settingsForm(other, fingerprint(), Map.of("leadDeadlineDays", "99")))
                    .andExpect(status().isForbidden());
            assertThat(page("/", other)).doesNotContain("/admin/codes", "/admin/settings", "/admin/income-lines");
        }
        assertThat(jdbc.sql("select count(*) from casework_code where code = 'SNEAKY'").query(Integer.class).single()).isZero();
        assertThat(setting("lead_deadline_days")).isEqualTo(settingsBefore.get("lead_deadline_days"));
        assertThat(page("/", admin)).contains("/admin/codes", "/admin/income-lines", "/admin/settings");
    }
}
