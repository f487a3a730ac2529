package cn.shouwang.server.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaFixtures;
import cn.shouwang.server.household.RegistryFixtures;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Who may change what in 系统管理: whatever applies to the whole province (业务参数 of the province, code lists,
 * division editions) only an administrator whose area covers the province; an income line or a per-area setting only
 * an administrator whose area covers that area. A city administrator of 四平 is refused (403, in Chinese) everything
 * about the province and about 长春, with nothing written; their own city's values they change, audited under 四平;
 * the province administrator changes everything, each change audited under the area it applies to. A lead's deadline
 * is the one in force at its village.
 */
class AdminReachWebTest extends ServerTest {
    static final String PROVINCE = "220000000000";   // 吉林省
    static final String SIPING = "220300000000";     // 四平市
    static final String LISHU = "220322000000";      // 梨树县, 四平市
    static final String SP_VILLAGE = "220322100201"; // 南杏山村, 梨树镇, 梨树县
    static final String CHANGCHUN = "220100000000";  // 长春市
    static final String CC_COUNTY = "220102000000";  // 南关区
    static final String CC_TOWNSHIP = "220102001000";
    static final String CC_VILLAGE = "220102001001"; // 华阳社区
    static final AtomicLong IDS = new AtomicLong(970_000);

    @Autowired RegistryFixtures registry;
    @Autowired AreaFixtures areas;
    @Autowired CaseworkApi casework;

    static final String CITY_ADMIN = "siping-admin-" + IDS.incrementAndGet();
    final RequestPostProcessor cityAdmin = user(new AccountPrincipal(new CurrentUser(IDS.incrementAndGet(), CITY_ADMIN,
            "四平市管理员", Role.ADMIN, new AreaScope(SIPING)), "x", false, true));
    final RequestPostProcessor provinceAdmin = as(Role.ADMIN, PROVINCE);
    final RequestPostProcessor spMonitor = as(Role.VILLAGE_MONITOR, SP_VILLAGE);
    final RequestPostProcessor ccMonitor = as(Role.VILLAGE_MONITOR, CC_VILLAGE);

    LocalDate today;
    int year;
    Map<String, String> globalBefore;

    static RequestPostProcessor as(Role role, String area) {
        long id = IDS.incrementAndGet();
        return user(new AccountPrincipal(new CurrentUser(id, "r" + id, role.name() + id, role, new AreaScope(area)),
                "x", false, true));
    }

    @BeforeEach
    void setUp() {
        today = LocalDate.now(clock);
        year = today.getYear();
        changchunInTheDivisionList();
        jdbc.sql("insert into income_line (area_code, year, line) values (:a, :y, 8700) on conflict do nothing")
                .param("a", PROVINCE).param("y", year).update();
        globalBefore = globalSettings();
        assertThat(globalBefore.get("day_counting")).isEqualTo("CALENDAR");
        changesBefore = jdbc.sql("select coalesce(max(id), 0) from income_line_change").query(Long.class).single();
    }

    long changesBefore;

    @AfterEach
    void restore() {
        globalBefore.forEach((n, v) -> jdbc.sql("update casework_setting set value = :v where name = :n")
                .param("n", n).param("v", v).update());
        jdbc.sql("delete from casework_area_setting").update();
        jdbc.sql("delete from income_line where area_code in (:a)").param("a", List.of(SIPING, CHANGCHUN, CC_COUNTY))
                .update();
        jdbc.sql("update income_line set line = 8700 where area_code = :a").param("a", PROVINCE).update();
        // the province's adjustments made here (标准调整 are kept: the figure in force is the latest change's)
        jdbc.sql("delete from income_line_change where id > :id").param("id", changesBefore).update();
    }

    /** 长春 is in the full Jilin list the demo loads; the Siping-only fallback lacks it, so put one village in. */
    void changchunInTheDivisionList() {
        areas.area(CHANGCHUN, "长春市", 2, PROVINCE);
        areas.area(CC_COUNTY, "南关区", 3, CHANGCHUN);
        areas.area(CC_TOWNSHIP, "南岭街道", 4, CC_COUNTY);
        areas.area(CC_VILLAGE, "华阳社区", 5, CC_TOWNSHIP);
    }

    Map<String, String> globalSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        jdbc.sql("select name, value from casework_setting order by name")
                .query((rs, i) -> m.put(rs.getString(1), rs.getString(2))).list();
        return m;
    }

    Map<String, String> areaSettings(String area) {
        Map<String, String> m = new LinkedHashMap<>();
        jdbc.sql("select name, value from casework_area_setting where area_code = :a order by name").param("a", area)
                .query((rs, i) -> m.put(rs.getString(1), rs.getString(2))).list();
        return m;
    }

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
        return mvc.perform(get(url).with(by)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** Expects 403 with the Chinese reason on the page. */
    String refused(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        String html = mvc.perform(request).andExpect(status().isForbidden()).andReturn().getResponse()
                .getContentAsString();
        assertThat(html).contains("无权");
        return html;
    }

    String fingerprint(String url, RequestPostProcessor by) throws Exception {
        Matcher m = Pattern.compile("name=\"fingerprint\" value=\"([0-9a-f]+)\"").matcher(page(url, by));
        assertThat(m.find()).as("fingerprint on " + url).isTrue();
        return m.group(1);
    }

    /** The province-wide settings form as stored, with some fields changed. */
    MockHttpServletRequestBuilder globalForm(RequestPostProcessor by, String fingerprint, Map<String, String> changed) {
        Map<String, String> s = globalSettings();
        Map<String, String> f = new LinkedHashMap<>();
        f.put("leadDeadlineDays", s.get("lead_deadline_days"));
        f.put("dayCounting", s.get("day_counting"));
        f.put("dueSoonDays", s.get("due_soon_days"));
        f.put("minNoticeDays", s.get("min_notice_days"));
        f.put("eliminationMinMonths", s.get("elimination_min_months"));
        f.put("stableIncomeMonths", s.get("stable_income_months"));
        f.put("minIncomeChecks", s.get("min_income_checks"));
        f.put("holidays", s.get("holidays").replace(",", "\n"));
        f.put("makeUpWorkingDays", s.get("make_up_working_days").replace(",", "\n"));
        f.putAll(changed);
        MockHttpServletRequestBuilder b = form("/admin/settings", by, "fingerprint", fingerprint);
        f.forEach(b::param);
        return b;
    }

    /** The per-area settings form: blank fields inherit from above. */
    MockHttpServletRequestBuilder areaForm(String area, RequestPostProcessor by, String fingerprint, String... kv) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String n : new String[] {"leadDeadlineDays", "minNoticeDays", "eliminationMinMonths", "stableIncomeMonths",
                "minIncomeChecks"}) {
            f.put(n, "");
        }
        f.put("autoIntakeRulesOwn", "false");
        for (int i = 0; i < kv.length; i += 2) f.put(kv[i], kv[i + 1]);
        MockHttpServletRequestBuilder b = form("/admin/settings/" + area, by, "fingerprint", fingerprint);
        f.forEach(b::param);
        return b;
    }

    int audits(String action) {
        return jdbc.sql("select count(*) from audit_event where action = :a").param("a", action)
                .query(Integer.class).single();
    }

    String lastAuditArea(String action) {
        return jdbc.sql("select area_code from audit_event where action = :a order by id desc limit 1")
                .param("a", action).query(String.class).single();
    }

    BigDecimal line(String area, int y) {
        return jdbc.sql("select line from income_line where area_code = :a and year = :y").param("a", area)
                .param("y", y).query(BigDecimal.class).optional().orElse(null);
    }

    int lineVersion(String area, int y) {
        return jdbc.sql("select version from income_line where area_code = :a and year = :y").param("a", area)
                .param("y", y).query(Integer.class).single();
    }

    // ---- (a)-(f): a city administrator and what applies beyond their city -------------------------------------

    @Test
    void aCityAdministratorIsRefusedProvinceWideSettingsAndChangesNothing() throws Exception {
        String fp = fingerprint("/admin/settings?area=" + PROVINCE, provinceAdmin);
        int settingAudits = audits("CASEWORK_SETTINGS_UPDATE");
        // (a) the province's settings: neither the form nor the save
        refused(get("/admin/settings?area=" + PROVINCE).with(cityAdmin));
        String html = refused(globalForm(cityAdmin, fp, Map.of("leadDeadlineDays", "8", "dueSoonDays", "2")));
        assertThat(html).contains("省级管理员");
        assertThat(globalSettings()).isEqualTo(globalBefore);
        assertThat(audits("CASEWORK_SETTINGS_UPDATE")).isEqualTo(settingAudits);

        // their own page shows the province-wide values as read-only, and their city's as editable
        html = page("/admin/settings", cityAdmin);
        assertThat(html).contains("四平市", "全省统一").contains("action=\"/admin/settings/" + SIPING + "\"")
                .doesNotContain("action=\"/admin/settings\"");

        // (b) the code lists: seen, not changed
        int codes = jdbc.sql("select count(*) from casework_code").query(Integer.class).single();
        int v = jdbc.sql("select version from casework_code where kind = 'RISK_TYPE' and code = 'ILLNESS'")
                .query(Integer.class).single();
        assertThat(page("/admin/codes", cityAdmin)).contains("因病").doesNotContain("/admin/codes/RISK_TYPE/new");
        refused(get("/admin/codes/RISK_TYPE/new").with(cityAdmin));
        refused(get("/admin/codes/RISK_TYPE/ILLNESS").with(cityAdmin));
        html = refused(form("/admin/codes/RISK_TYPE", cityAdmin, "code", "CITY_ONLY", "nameZh", "市里加的", "nameEn", "City",
                "sort", "90"));
        assertThat(html).contains("省级管理员");
        refused(form("/admin/codes/RISK_TYPE/ILLNESS", cityAdmin, "nameZh", "因病致贫", "nameEn", "Illness", "sort", "1",
                "version", String.valueOf(v)));
        refused(form("/admin/codes/RISK_TYPE/ILLNESS/active", cityAdmin, "active", "false", "version", String.valueOf(v)));
        assertThat(jdbc.sql("select count(*) from casework_code").query(Integer.class).single()).isEqualTo(codes);
        assertThat(jdbc.sql("select name_zh || active from casework_code where kind = 'RISK_TYPE' and code = 'ILLNESS'")
                .query(String.class).single()).isEqualTo("因病true");

        // (c) division editions: no import, no switch
        long editions = jdbc.sql("select count(*) from area_edition").query(Long.class).single();
        int current = jdbc.sql("select id from area_edition where is_current").query(Integer.class).single();
        refused(get("/areas/import").with(cityAdmin));
        html = refused(multipart("/areas/import").file(tinyEdition()).param("edition", "city-" + System.nanoTime())
                .param("makeCurrent", "true").with(cityAdmin).with(csrf()));
        assertThat(html).contains("省级管理员");
        assertThat(jdbc.sql("select count(*) from area_edition").query(Long.class).single()).isEqualTo(editions);
        int other = areas.idleEdition("idle-" + System.nanoTime());
        refused(form("/areas/editions/" + other + "/current", cityAdmin));
        assertThat(jdbc.sql("select id from area_edition where is_current").query(Integer.class).single()).isEqualTo(current);
        assertThat(page("/areas", cityAdmin)).doesNotContain("/areas/import");
    }

    @Test
    void aCityAdministratorIsRefusedTheProvinceLineAndChangchunsLinesAndSettings() throws Exception {
        int lineAudits = audits("INCOME_LINE_ADD") + audits("INCOME_LINE_UPDATE");
        // other tests of the shared server may have set next year's line already: it must stay as it is
        var nextYearBefore = line(PROVINCE, year + 1);
        // (d) the province's line: 8,700 stays 8,700
        refused(get("/admin/income-lines/" + PROVINCE + "/" + year).with(cityAdmin));
        String html = refused(form("/admin/income-lines/" + PROVINCE + "/" + year, cityAdmin, "areaCode", PROVINCE, "year",
                String.valueOf(year), "line", "9100", "version", String.valueOf(lineVersion(PROVINCE, year))));
        assertThat(html).contains("吉林省");
        refused(form("/admin/income-lines", cityAdmin, "areaCode", PROVINCE, "year", String.valueOf(year + 1), "line", "9100"));
        assertThat(line(PROVINCE, year)).isEqualByComparingTo("8700");
        assertThat(line(PROVINCE, year + 1)).isEqualTo(nextYearBefore);

        // (e) 长春's line: neither added nor, once there, changed
        html = refused(form("/admin/income-lines", cityAdmin, "areaCode", CHANGCHUN, "year", String.valueOf(year),
                "line", "9000"));
        assertThat(html).contains("长春市");
        assertThat(line(CHANGCHUN, year)).isNull();
        jdbc.sql("insert into income_line (area_code, year, line) values (:a, :y, 8800)").param("a", CHANGCHUN)
                .param("y", year).update();
        refused(get("/admin/income-lines/" + CHANGCHUN + "/" + year).with(cityAdmin));
        refused(form("/admin/income-lines/" + CHANGCHUN + "/" + year, cityAdmin, "areaCode", CHANGCHUN, "year",
                String.valueOf(year), "line", "9000", "version", "0"));
        assertThat(line(CHANGCHUN, year)).isEqualByComparingTo("8800");
        assertThat(audits("INCOME_LINE_ADD") + audits("INCOME_LINE_UPDATE")).isEqualTo(lineAudits);
        // the list shows every line but offers to change only the city's own and below
        html = page("/admin/income-lines", cityAdmin);
        assertThat(html).contains("长春市", "吉林省").doesNotContain("/admin/income-lines/" + CHANGCHUN + "/" + year)
                .doesNotContain("/admin/income-lines/" + PROVINCE + "/" + year);

        // (f) 长春's own settings
        String fp = fingerprint("/admin/settings?area=" + CHANGCHUN, provinceAdmin);
        refused(get("/admin/settings?area=" + CHANGCHUN).with(cityAdmin));
        html = refused(areaForm(CHANGCHUN, cityAdmin, fp, "leadDeadlineDays", "8"));
        assertThat(html).contains("长春市");
        refused(areaForm(CC_COUNTY, cityAdmin, fp, "leadDeadlineDays", "8"));
        assertThat(areaSettings(CHANGCHUN)).isEmpty();
        assertThat(areaSettings(CC_COUNTY)).isEmpty();
    }

    // ---- what the city administrator may change ----------------------------------------------------------------

    @Test
    void aCityAdministratorSetsTheCitysOwnValuesAuditedUnderSiping() throws Exception {
        int settingAudits = audits("CASEWORK_SETTINGS_UPDATE");
        String fp = fingerprint("/admin/settings/" + SIPING, cityAdmin);
        mvc.perform(areaForm(SIPING, cityAdmin, fp, "leadDeadlineDays", "8", "minNoticeDays", "6",
                "autoIntakeRulesOwn", "true", "autoIntakeRules", "DROPOUT")).andExpect(status().is3xxRedirection());
        assertThat(areaSettings(SIPING)).containsEntry("lead_deadline_days", "8").containsEntry("min_notice_days", "6")
                .containsEntry("auto_intake_rules", "DROPOUT").hasSize(3);
        assertThat(globalSettings()).isEqualTo(globalBefore);
        assertThat(audits("CASEWORK_SETTINGS_UPDATE")).isEqualTo(settingAudits + 1);
        assertThat(lastAuditArea("CASEWORK_SETTINGS_UPDATE")).isEqualTo(SIPING);
        String html = page("/admin/settings/" + SIPING, cityAdmin);
        assertThat(html).contains("value=\"8\"", "value=\"6\"", "吉林省");
        // the city's analysts find it in their audit log, 长春's do not
        assertThat(page("/audit?action=CASEWORK_SETTINGS_UPDATE", as(Role.CITY_ANALYST, SIPING))).contains(CITY_ADMIN);
        assertThat(page("/audit?action=CASEWORK_SETTINGS_UPDATE", as(Role.CITY_ANALYST, CHANGCHUN)))
                .doesNotContain(CITY_ADMIN);

        // a bad value is refused beside its field, nothing stored
        html = mvc.perform(areaForm(SIPING, cityAdmin, fingerprint("/admin/settings/" + SIPING, cityAdmin),
                "leadDeadlineDays", "0", "minNoticeDays", "6")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(html).contains("应为1至365的整数");
        // the notice must stay shorter than the deadline in force (8 here)
        html = mvc.perform(areaForm(SIPING, cityAdmin, fingerprint("/admin/settings/" + SIPING, cityAdmin),
                "leadDeadlineDays", "8", "minNoticeDays", "9")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(html).contains("公示最少天数应小于识别认定期限");
        assertThat(areaSettings(SIPING)).containsEntry("lead_deadline_days", "8").containsEntry("min_notice_days", "6");

        // and a county below it
        mvc.perform(areaForm(LISHU, cityAdmin, fingerprint("/admin/settings/" + LISHU, cityAdmin), "leadDeadlineDays", "10"))
                .andExpect(status().is3xxRedirection());
        assertThat(lastAuditArea("CASEWORK_SETTINGS_UPDATE")).isEqualTo(LISHU);

        // the comparison of a county of 四平 turns DROPOUT warnings into leads, one of 长春 what the province says
        assertThat(casework.autoIntakeRules(LISHU)).containsExactly("DROPOUT");
        assertThat(String.join(",", casework.autoIntakeRules(CC_COUNTY)))
                .isEqualTo(globalBefore.get("auto_intake_rules"));

        // province-wide values that would no longer fit what 四平 sets for itself are refused, naming 四平
        html = mvc.perform(globalForm(provinceAdmin, fingerprint("/admin/settings?area=" + PROVINCE, provinceAdmin),
                Map.of("dueSoonDays", "9"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(html).contains("四平市单独设置的参数将与此不一致");
        assertThat(globalSettings()).isEqualTo(globalBefore);

        // blank again: back to what 四平 inherits
        mvc.perform(areaForm(SIPING, cityAdmin, fingerprint("/admin/settings/" + SIPING, cityAdmin)))
                .andExpect(status().is3xxRedirection());
        assertThat(areaSettings(SIPING)).isEmpty();

        // the city's own income line, added and changed, audited under 四平
        mvc.perform(form("/admin/income-lines", cityAdmin, "areaCode", SIPING, "year", String.valueOf(year), "line", "8900"))
                .andExpect(status().is3xxRedirection());
        assertThat(lastAuditArea("INCOME_LINE_ADD")).isEqualTo(SIPING);
        assertThat(page("/admin/income-lines", cityAdmin)).contains("/admin/income-lines/" + SIPING + "/" + year);
        mvc.perform(form("/admin/income-lines/" + SIPING + "/" + year, cityAdmin, "areaCode", SIPING, "year",
                String.valueOf(year), "line", "8950", "version", "0")).andExpect(status().is3xxRedirection());
        assertThat(line(SIPING, year)).isEqualByComparingTo("8950");
        assertThat(lastAuditArea("INCOME_LINE_UPDATE")).isEqualTo(SIPING);
    }

    @Test
    void theProvinceAdministratorChangesEverythingEachAuditedWhereItApplies() throws Exception {
        // (a) province-wide settings
        mvc.perform(globalForm(provinceAdmin, fingerprint("/admin/settings?area=" + PROVINCE, provinceAdmin),
                Map.of("dueSoonDays", "4"))).andExpect(status().is3xxRedirection());
        assertThat(globalSettings()).containsEntry("due_soon_days", "4");
        assertThat(lastAuditArea("CASEWORK_SETTINGS_UPDATE")).isEqualTo(PROVINCE);
        // (b) a code
        String code = "PROV_" + IDS.incrementAndGet();
        try {
            mvc.perform(form("/admin/codes/RISK_TYPE", provinceAdmin, "code", code, "nameZh", "省加", "nameEn", "Province",
                    "sort", "90")).andExpect(status().is3xxRedirection());
            assertThat(lastAuditArea("CASEWORK_CODE_ADD")).isEqualTo(PROVINCE);
        } finally {
            jdbc.sql("delete from casework_code where code = :c").param("c", code).update();
        }
        // (c) an edition of 吉林省's divisions, kept beside the current one
        String name = "prov-" + System.nanoTime();
        String html = mvc.perform(multipart("/areas/import").file(tinyEdition()).param("edition", name)
                .with(provinceAdmin).with(csrf())).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).doesNotContain("未导入任何数据");
        assertThat(lastAuditArea("AREA_IMPORT")).isEqualTo(PROVINCE);
        // (d) the province's line
        mvc.perform(form("/admin/income-lines/" + PROVINCE + "/" + year, provinceAdmin, "areaCode", PROVINCE, "year",
                String.valueOf(year), "line", "9100", "version", String.valueOf(lineVersion(PROVINCE, year))))
                .andExpect(status().is3xxRedirection());
        assertThat(line(PROVINCE, year)).isEqualByComparingTo("9100");
        assertThat(lastAuditArea("INCOME_LINE_UPDATE")).isEqualTo(PROVINCE);
        // (e) 长春's line
        mvc.perform(form("/admin/income-lines", provinceAdmin, "areaCode", CHANGCHUN, "year", String.valueOf(year),
                "line", "9000")).andExpect(status().is3xxRedirection());
        assertThat(lastAuditArea("INCOME_LINE_ADD")).isEqualTo(CHANGCHUN);
        // (f) 长春's settings
        mvc.perform(areaForm(CHANGCHUN, provinceAdmin, fingerprint("/admin/settings?area=" + CHANGCHUN, provinceAdmin),
                "leadDeadlineDays", "20")).andExpect(status().is3xxRedirection());
        assertThat(areaSettings(CHANGCHUN)).containsEntry("lead_deadline_days", "20");
        assertThat(lastAuditArea("CASEWORK_SETTINGS_UPDATE")).isEqualTo(CHANGCHUN);
    }

    /** A valid two-line edition of 吉林省 and 四平市. */
    static MockMultipartFile tinyEdition() {
        return new MockMultipartFile("file", "jilin.csv", "text/csv", """
                code,name,level,parent_code
                220000000000,吉林省,province,
                220300000000,四平市,city,220000000000
                """.getBytes(StandardCharsets.UTF_8));
    }

    // ---- the deadline of a lead is the one in force at its village ------------------------------------------------

    /** A household of one in the village; returns its household number. */
    String household(String village) {
        return registry.householdNo(registry.household(village).head("期限测试").insert());
    }

    /** Days from opening to the due date of a new field lead in the village. */
    long deadlineOfANewLead(String village, RequestPostProcessor monitor) throws Exception {
        MvcResult r = mvc.perform(form("/leads", monitor, "householdNo", household(village), "channel", "FIELD_SCREENING",
                "description", "入户发现困难", "riskCodes", "ILLNESS")).andExpect(status().is3xxRedirection()).andReturn();
        long lead = Long.parseLong(r.getResponse().getRedirectedUrl().substring("/leads/".length()));
        LocalDate due = jdbc.sql("select due_on from lead where id = :id").param("id", lead).query(LocalDate.class).single();
        return ChronoUnit.DAYS.between(today, due);
    }

    @Test
    void aLeadInChangchunKeepsTheDeadlineInForceThereNotSipings() throws Exception {
        int province = Integer.parseInt(globalBefore.get("lead_deadline_days"));
        mvc.perform(areaForm(SIPING, cityAdmin, fingerprint("/admin/settings/" + SIPING, cityAdmin), "leadDeadlineDays", "8"))
                .andExpect(status().is3xxRedirection());
        assertThat(deadlineOfANewLead(SP_VILLAGE, spMonitor)).isEqualTo(8);
        assertThat(deadlineOfANewLead(CC_VILLAGE, ccMonitor)).isEqualTo(province);

        // 长春's own setting, by the province administrator
        mvc.perform(areaForm(CHANGCHUN, provinceAdmin, fingerprint("/admin/settings?area=" + CHANGCHUN, provinceAdmin),
                "leadDeadlineDays", "20")).andExpect(status().is3xxRedirection());
        assertThat(deadlineOfANewLead(CC_VILLAGE, ccMonitor)).isEqualTo(20);
        // the nearest setting wins: 梨树县 below 四平
        mvc.perform(areaForm(LISHU, cityAdmin, fingerprint("/admin/settings/" + LISHU, cityAdmin), "leadDeadlineDays", "10"))
                .andExpect(status().is3xxRedirection());
        assertThat(deadlineOfANewLead(SP_VILLAGE, spMonitor)).isEqualTo(10);
        // 梨树县's page names where each inherited value comes from
        assertThat(page("/admin/settings/" + LISHU, cityAdmin)).contains("梨树县", "吉林省");
    }

    // ---- accounts and office phones stay inside the administrator's area ----------------------------------------

    @Test
    void aCityAdministratorCreatesNoAccountOutsideTheCity() throws Exception {
        for (String area : new String[] {CHANGCHUN, CC_VILLAGE, PROVINCE}) {
            String name = "cc" + IDS.incrementAndGet();
            String html = mvc.perform(form("/admin/accounts", cityAdmin, "username", name, "displayName", "越权账号",
                    "role", area.equals(PROVINCE) ? "ADMIN" : "VILLAGE_MONITOR", "areaCode", area,
                    "password", "long-enough")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(html).contains("该区域不在您的管辖范围内");
            mvc.perform(post("/api/v1/accounts").with(cityAdmin).contentType(MediaType.APPLICATION_JSON).content("""
                    {"username":"%s","displayName":"越权","role":"ADMIN","areaCode":"%s","password":"long-enough"}"""
                    .formatted(name, area))).andExpect(status().is4xxClientError());
            assertThat(jdbc.sql("select count(*) from account where username = :u").param("u", name)
                    .query(Integer.class).single()).isZero();
        }
    }

    @Test
    void aCityAdministratorSetsNoOfficePhoneInChangchun() throws Exception {
        mvc.perform(get("/admin/area-contacts/" + CC_VILLAGE).with(cityAdmin)).andExpect(status().isNotFound());
        mvc.perform(form("/admin/area-contacts/" + CC_VILLAGE, cityAdmin, "officePhone", "0431-5201234"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from area_contact where area_code = :a").param("a", CC_VILLAGE)
                .query(Integer.class).single()).isZero();
        assertThat(page("/admin/area-contacts?area=" + CC_TOWNSHIP, cityAdmin)).doesNotContain("华阳社区");
    }
}
