package cn.shouwang.server.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
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
 * 标准调整 of issue 17: a decision uses the standard in force on its day, a change dated later is 待生效 and not in force
 * today, categories switched off for new identifications leave the households identified before with theirs, and
 * the history of changes shows names, reasons and documents to the regions that may see them. In 铁西区 (220302), whose
 * own standards no other test sets, so the changes made here change no other test's decisions.
 */
class StandardChangesWebTest extends ServerTest {
    static final String CITY = "220300000000";
    static final String COUNTY = "220302000000";
    static final String OTHER_COUNTY = "220322000000";

    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;
    @Autowired AreaApi areas;
    @Autowired StandardsApi standards;

    LocalDate today;
    String village;

    @BeforeEach
    void setUp() {
        today = LocalDate.now(clock);
        for (int y = today.getYear() - 1; y <= today.getYear(); y++) casework.incomeLine("220000000000", y, 8700);
        village = areas.villages("220302", 1).get(0).code();
    }

    RequestPostProcessor as(Role role, String area) {
        return CaseworkWebTest.as(role, area);
    }

    MockHttpServletRequestBuilder form(String url, RequestPostProcessor by, String... kv) {
        MockHttpServletRequestBuilder b = post(url).with(by).with(csrf());
        for (int i = 0; i < kv.length; i += 2) b = b.param(kv[i], kv[i + 1]);
        return b;
    }

    long lead(RequestPostProcessor monitor, String head) throws Exception {
        long h = registry.household(village).head(head).insert();
        MvcResult r = mvc.perform(form("/leads", monitor, "householdNo", registry.householdNo(h), "channel",
                "FIELD_SCREENING", "description", "主要劳动力住院", "riskCodes", "ILLNESS"))
                .andExpect(status().is3xxRedirection()).andReturn();
        long id = Long.parseLong(r.getResponse().getRedirectedUrl().substring("/leads/".length()));
        // opened 30 days back, so that its visit may take place on any of those days
        jdbc.sql("update lead set opened_on = opened_on - 30, due_on = due_on - 30 where id = :id").param("id", id).update();
        return id;
    }

    int version(long lead) {
        return jdbc.sql("select version from lead where id = :id").param("id", lead).query(Integer.class).single();
    }

    MockHttpServletRequestBuilder verify(long lead, RequestPostProcessor monitor, LocalDate on, String category) {
        return form("/leads/" + lead + "/verify", monitor, "on", on.toString(), "findings", "入户核实:住院花费大",
                "wages", "6000", "business", "3000", "property", "0", "transfers", "1200", "productionCosts", "800",
                "eligibleOutOfPocket", "2000", "householdSize", "2", "mainRisk", "ILLNESS", "category", category,
                "consentSigned", "true", "version", String.valueOf(version(lead)));
    }

    BigDecimal lineOfVerification(long lead) {
        return jdbc.sql("select income_line from lead_verification where lead_id = :l").param("l", lead)
                .query(BigDecimal.class).single();
    }

    String fingerprint(String area, RequestPostProcessor admin) throws Exception {
        String page = mvc.perform(get("/admin/comparison-settings/" + area).with(admin)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher m = Pattern.compile("name=\"fingerprint\" value=\"([0-9]+)\"").matcher(page);
        assertThat(m.find()).as(page).isTrue();
        return m.group(1);
    }

    @Test
    void aVerificationIsJudgedByTheIncomeLineInForceOnItsDayAndTheHistoryShowsTheChange() throws Exception {
        RequestPostProcessor countyAdmin = as(Role.ADMIN, COUNTY);
        LocalDate from = today.minusDays(10);
        // the county's own line from ten days ago, through the 监测标准 form with its area picked by name
        String form = mvc.perform(get("/admin/income-lines/new").with(countyAdmin)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(form).contains("<select id=\"areaCode\"", "铁西区</option>", "可填 2015 至 ");
        for (int y = today.getYear() - 1; y <= today.getYear(); y++) {
            if (jdbc.sql("select count(*) from income_line where area_code = :a and year = :y").param("a", COUNTY)
                    .param("y", y).query(Integer.class).single() > 0) continue;
            mvc.perform(form("/admin/income-lines", countyAdmin, "areaCode", COUNTY, "year", String.valueOf(y), "line",
                            "30000", "effectiveFrom", from.toString(), "reason", "铁西区提高识别标准",
                            "document", "西乡振发〔2026〕7号"))
                    .andExpect(status().is3xxRedirection());
        }
        RequestPostProcessor monitor = as(Role.VILLAGE_MONITOR, village);
        long before = lead(monitor, "甲标准前");
        long after = lead(monitor, "乙标准后");
        mvc.perform(verify(before, monitor, from.minusDays(1), "MARGINAL_AT_RISK")).andExpect(status().is3xxRedirection());
        mvc.perform(verify(after, monitor, from, "MARGINAL_AT_RISK")).andExpect(status().is3xxRedirection());
        // the day before: the province's line; from the day on: the county's
        assertThat(lineOfVerification(before)).isEqualByComparingTo("8700");
        assertThat(lineOfVerification(after)).isEqualByComparingTo("30000");

        // the history of the county's income lines: the region's name, the reason, the document, from when
        String page = mvc.perform(get("/admin/standards/history").param("area", COUNTY).param("standard", "income_line")
                .with(countyAdmin)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("铁西区", "年收入监测标准", "30,000 元", "铁西区提高识别标准", "西乡振发〔2026〕7号",
                from.toString(), "生效中").doesNotContain(">" + COUNTY + "<");
    }

    @Test
    void aComparisonThresholdChangedFromALaterDayIsScheduledAndNotInForceToday() throws Exception {
        RequestPostProcessor countyAdmin = as(Role.ADMIN, COUNTY);
        LocalDate tomorrow = today.plusDays(1);
        String defaultValue = standards.comparisonSettings(COUNTY, today).stream()
                .filter(s -> s.setting() == ComparisonSetting.SCHOOL_COST).findFirst().orElseThrow().value();
        // without a reason nothing is recorded, and the reason is asked for beside its field
        String refused = mvc.perform(form("/admin/comparison-settings/" + COUNTY, countyAdmin, "fingerprint",
                        fingerprint(COUNTY, countyAdmin), "school_cost_threshold", "1234", "ownRules", "false",
                        "ownCategories", "false", "effectiveFrom", tomorrow.toString(), "reason", ""))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("请填写调整原因");
        mvc.perform(form("/admin/comparison-settings/" + COUNTY, countyAdmin, "fingerprint", fingerprint(COUNTY, countyAdmin),
                        "school_cost_threshold", "1234", "ownRules", "false", "ownCategories", "false",
                        "effectiveFrom", tomorrow.toString(), "reason", "教育费用标准调整", "document", "西教发〔2026〕2号"))
                .andExpect(status().is3xxRedirection());
        // not in force today, in force from tomorrow on, with its region and day
        StandardsApi.SettingInForce now = standards.comparisonSettings(COUNTY, today).stream()
                .filter(s -> s.setting() == ComparisonSetting.SCHOOL_COST).findFirst().orElseThrow();
        assertThat(now.value()).isEqualTo(defaultValue);
        StandardsApi.SettingInForce then = standards.comparisonSettings(village, tomorrow).stream()
                .filter(s -> s.setting() == ComparisonSetting.SCHOOL_COST).findFirst().orElseThrow();
        assertThat(then.value()).isEqualTo("1234");
        assertThat(then.areaCode()).isEqualTo(COUNTY);
        assertThat(then.effectiveFrom()).isEqualTo(tomorrow);
        // the settings page still shows today's value in the field and lists the change as 待生效
        String page = mvc.perform(get("/admin/comparison-settings/" + COUNTY).with(countyAdmin)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("待生效的调整", "1,234 元", tomorrow.toString(), "教育费用标准调整");
        assertThat(page).doesNotContain("name=\"school_cost_threshold\" value=\"1234\"");
        String history = mvc.perform(get("/admin/standards/history").param("area", COUNTY)
                .param("standard", "school_cost_threshold").with(countyAdmin)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(history).contains("铁西区", "高中、中职年度自付教育费用阈值", "1,234 元", "待生效", "西教发〔2026〕2号");

        // the export has the same rows in words
        byte[] xlsx = mvc.perform(get("/admin/standards/history/export").param("area", COUNTY)
                .param("standard", "school_cost_threshold").with(countyAdmin)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Row r = wb.getSheetAt(0).getRow(4); // below the title, the filters, the day made and the header
            DataFormatter f = new DataFormatter();
            assertThat(f.formatCellValue(r.getCell(0))).isEqualTo("铁西区");
            assertThat(f.formatCellValue(r.getCell(3))).isEqualTo("1,234 元");
            assertThat(f.formatCellValue(r.getCell(5))).isEqualTo("待生效");
            assertThat(f.formatCellValue(r.getCell(7))).isEqualTo("西教发〔2026〕2号");
        }
    }

    @Test
    void categoriesSwitchedOffForNewIdentificationsLeaveEarlierHouseholdsWithTheirs() throws Exception {
        RequestPostProcessor countyAdmin = as(Role.ADMIN, COUNTY);
        RequestPostProcessor monitor = as(Role.VILLAGE_MONITOR, village);
        long earlier = registry.household(village).head("丙已识别").insert();
        casework.monitored(earlier, village, "丙已识别").category("SUDDEN_HARDSHIP").insert();
        long first = lead(monitor, "丁先核实");
        long second = lead(monitor, "戊后核实");
        LocalDate off = today.minusDays(10);
        String saved = String.valueOf(jdbc.sql("select count(*) from standard_change where area_code = :a and name = 'categories_open'")
                .param("a", COUNTY).query(Long.class).single());
        if (saved.equals("0")) {
            mvc.perform(form("/admin/comparison-settings/" + COUNTY, countyAdmin, "fingerprint",
                            fingerprint(COUNTY, countyAdmin), "ownRules", "false", "ownCategories", "true",
                            "effectiveFrom", off.toString(), "reason", "按省里意见不再划分监测类别"))
                    .andExpect(status().is3xxRedirection());
        }
        // a visit before the day still records a category; one on the day may not, and is refused if it tries
        mvc.perform(verify(first, monitor, off.minusDays(1), "MARGINAL_AT_RISK")).andExpect(status().is3xxRedirection());
        String refused = mvc.perform(verify(second, monitor, off, "MARGINAL_AT_RISK")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("本地区新识别的农户不再使用该监测类别");
        // the lead's form no longer offers a category
        assertThat(refused).doesNotContain("id=\"v-cat\"").contains("本地区已停用监测类别");
        mvc.perform(verify(second, monitor, off, "")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select category from lead_verification where lead_id = :l").param("l", first)
                .query(String.class).single()).isEqualTo("MARGINAL_AT_RISK");
        assertThat(jdbc.sql("select category from lead_verification where lead_id = :l").param("l", second)
                .query(String.class).single()).isEmpty();
        // the household identified before keeps its category, on its page too
        assertThat(jdbc.sql("select category from monitored_household where household_id = :h").param("h", earlier)
                .query(String.class).single()).isEqualTo("SUDDEN_HARDSHIP");
        String page = mvc.perform(get("/monitored/" + earlier).with(monitor)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("突发严重困难户");
        // the history names the change in words
        String history = mvc.perform(get("/admin/standards/history").param("area", COUNTY)
                .param("standard", "categories_open").with(countyAdmin)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(history).contains("新识别使用的监测类别", "不划分类别", "按省里意见不再划分监测类别");
    }

    @Test
    void theHistoryShowsAnAdministratorTheirRegionAndThoseAboveNotTheirNeighbours() throws Exception {
        // a change of this county and one of the province (feeds.md's own value: no other test's run changes)
        if (jdbc.sql("select count(*) from standard_change where area_code = :a and reason = '范围测试'").param("a", COUNTY)
                .query(Long.class).single() == 0) {
            jdbc.sql("""
                    insert into standard_change (area_code, name, value, effective_from, reason, document, changed_by,
                      changed_by_name, changed_at)
                    values (:a, 'death_min_age', '17', :d, '范围测试', '西政〔2026〕1号', 'fixture', '铁西区管理员', now()),
                           (null, 'death_max_age', '59', :d, '全省范围测试', '吉政〔2026〕1号', 'fixture', '省管理员', now())""")
                    .param("a", COUNTY).param("d", today.minusDays(400)).update();
        }
        // 梨树县's administrator: the province's change (under the province's name), not 铁西区's
        String neighbour = mvc.perform(get("/admin/standards/history").param("size", "100")
                .with(as(Role.ADMIN, OTHER_COUNTY))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(neighbour).contains("全省范围测试", "吉林省").doesNotContain(">范围测试<", "西政〔2026〕1号");
        mvc.perform(get("/admin/standards/history").param("area", COUNTY).with(as(Role.ADMIN, OTHER_COUNTY)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/admin/comparison-settings/" + COUNTY).with(as(Role.ADMIN, OTHER_COUNTY)))
                .andExpect(status().isNotFound());
        // the county's own administrator and the city's see both
        for (String area : new String[] {COUNTY, CITY}) {
            String page = mvc.perform(get("/admin/standards/history").param("size", "100").with(as(Role.ADMIN, area)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(page).as(area).contains("西政〔2026〕1号", "吉政〔2026〕1号", "劳动力死亡预警的最小年龄", "17 岁");
        }
        // not for other roles
        mvc.perform(get("/admin/standards/history").with(as(Role.COUNTY_ANALYST, COUNTY)))
                .andExpect(status().isForbidden());
    }
}
