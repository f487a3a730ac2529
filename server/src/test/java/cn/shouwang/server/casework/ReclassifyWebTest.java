package cn.shouwang.server.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 调整监测类别和风险类型 on the monitored household's page: the township or county changes them with a reason, the
 * change shows in the status history and the audit log; the village monitor, a stale form, too many or no risks
 * and a deactivated category are refused with nothing written.
 */
class ReclassifyWebTest extends ServerTest {
    static final AtomicLong IDS = new AtomicLong(970_000);
    static final String VILLAGE = CaseworkWebTest.VILLAGE;

    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;
    @Autowired Clock clock;
    LocalDate today;
    final RequestPostProcessor township = CaseworkWebTest.as(Role.TOWNSHIP_STAFF, CaseworkWebTest.TOWNSHIP);

    @BeforeEach
    void setUp() {
        today = LocalDate.now(clock);
    }

    long monitored(String head) {
        long h = registry.household(VILLAGE).head(head).insert();
        return casework.monitored(h, VILLAGE, head).since(today.minusDays(60)).insert();
    }

    /** category:risks:subtype:version of the household as stored. */
    String stored(long h) {
        return jdbc.sql("select category || ':' || array_to_string(risk_types, ',') || ':' || coalesce(disaster_subtype, '') "
                + "|| ':' || version from monitored_household where household_id = :h").param("h", h).query(String.class).single();
    }

    int history(long h) {
        return jdbc.sql("select count(*) from monitoring_history where household_id = :h").param("h", h).query(Integer.class).single();
    }

    int audits(long h) {
        return jdbc.sql("select count(*) from audit_event where household_id = :h and action = 'MONITORED_RECLASSIFY'")
                .param("h", h).query(Integer.class).single();
    }

    MockHttpServletRequestBuilder change(long h, RequestPostProcessor who, String... kv) {
        MockHttpServletRequestBuilder b = post("/monitored/" + h + "/category").with(who).with(csrf());
        for (int i = 0; i < kv.length; i += 2) b = b.param(kv[i], kv[i + 1]);
        return b;
    }

    String refused(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult r = mvc.perform(request).andReturn();
        assertThat(r.getResponse().getStatus()).as("status of a refused form").isEqualTo(200);
        return r.getResponse().getContentAsString();
    }

    /** The message is in the select's own field box. */
    static void selectError(String html, String selectId, String message) {
        int at = html.indexOf("id=\"" + selectId + "\"");
        assertThat(at).as("select " + selectId).isPositive();
        assertThat(html.substring(at, html.indexOf("</div>", at))).contains("field-error").contains(message);
    }

    @Test
    void townshipChangesCategoryAndRisksAndTheHistoryAndAuditShowIt() throws Exception {
        long h = monitored("冯调整");
        String page = mvc.perform(get("/monitored/" + h).with(township)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("调整监测类别和风险类型", "action=\"/monitored/" + h + "/category\"");
        mvc.perform(change(h, township, "category", "SUDDEN_HARDSHIP", "mainRisk", "NATURAL_DISASTER",
                        "otherRisks", "ILLNESS", "disasterSubtype", "FLOOD", "on", today.toString(), "reason", "洪水冲毁房屋",
                        "version", "0"))
                .andExpect(status().is3xxRedirection());
        assertThat(stored(h)).isEqualTo("SUDDEN_HARDSHIP:NATURAL_DISASTER,ILLNESS:FLOOD:1");
        page = mvc.perform(get("/monitored/" + h).with(township)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("监测类别调整 边缘易致贫户 → 突发严重困难户: 洪水冲毁房屋",
                "风险类型调整 因病 → 因自然灾害(洪涝)、因病: 洪水冲毁房屋");
        assertThat(audits(h)).isEqualTo(1);
        assertThat(jdbc.sql("select changes::text from audit_event where household_id = :h and action = 'MONITORED_RECLASSIFY'")
                .param("h", h).query(String.class).single())
                .contains("MARGINAL_AT_RISK", "SUDDEN_HARDSHIP", "ILLNESS", "NATURAL_DISASTER,ILLNESS (FLOOD)");
        // the county analyst may too (the form's version now 1)
        mvc.perform(change(h, CaseworkWebTest.as(Role.COUNTY_ANALYST, CaseworkWebTest.COUNTY), "category", "SUDDEN_HARDSHIP",
                        "mainRisk", "ILLNESS", "on", today.toString(), "reason", "灾情已过", "version", "1"))
                .andExpect(status().is3xxRedirection());
        assertThat(stored(h)).isEqualTo("SUDDEN_HARDSHIP:ILLNESS::2");
    }

    @Test
    void aVillageMonitorIsNotOfferedTheFormAndTheirPostChangesNothing() throws Exception {
        long h = monitored("陈村级");
        RequestPostProcessor monitor = CaseworkWebTest.as(Role.VILLAGE_MONITOR, VILLAGE);
        assertThat(mvc.perform(get("/monitored/" + h).with(monitor)).andReturn().getResponse().getContentAsString())
                .doesNotContain("/monitored/" + h + "/category");
        String before = stored(h);
        int lines = history(h);
        String html = refused(change(h, monitor, "category", "SUDDEN_HARDSHIP", "mainRisk", "ILLNESS", "on", today.toString(),
                "reason", "想改", "version", "0"));
        assertThat(html).contains("您的角色不能办理此环节");
        assertThat(stored(h)).isEqualTo(before);
        assertThat(history(h)).isEqualTo(lines);
        assertThat(audits(h)).isZero();
        // a city analyst reads only: refused before the handler
        mvc.perform(change(h, CaseworkWebTest.as(Role.CITY_ANALYST, "220300000000"), "category", "SUDDEN_HARDSHIP",
                "mainRisk", "ILLNESS", "on", today.toString(), "reason", "想改", "version", "0")).andExpect(status().isForbidden());
        assertThat(stored(h)).isEqualTo(before);
    }

    @Test
    void aStaleFormIsRefusedAndKeepsWhatWasTyped() throws Exception {
        long h = monitored("褚过期");
        jdbc.sql("update monitored_household set version = 3 where household_id = :h").param("h", h).update();
        String html = refused(change(h, township, "category", "SUDDEN_HARDSHIP", "mainRisk", "ILLNESS", "on", today.toString(),
                "reason", "因灾致困", "version", "2"));
        assertThat(html).contains("该记录已被他人修改,请刷新页面后重试。");
        assertThat(html).contains("因灾致困");
        assertThat(stored(h)).isEqualTo("MARGINAL_AT_RISK:ILLNESS::3");
        assertThat(audits(h)).isZero();
    }

    @Test
    void tooManyOrNoRisksAMissingReasonAndBadDatesAreRefusedBesideTheirFields() throws Exception {
        long h = monitored("卫风险");
        String before = stored(h);
        String html = refused(change(h, township, "category", "MARGINAL_AT_RISK", "mainRisk", "ILLNESS",
                "otherRisks", "DISABILITY", "otherRisks", "SCHOOLING", "otherRisks", "ACCIDENT", "otherRisks", "OTHER",
                "otherRisks", "UNSAFE_WATER", "on", today.toString(), "reason", "多项风险", "version", "0"));
        selectError(html, "r-main", "风险类型须为1至5项,不能重复");
        assertThat(html).contains("value=\"ILLNESS\" selected");
        assertThat(html).contains("多项风险"); // the reason as typed
        html = refused(change(h, township, "category", "MARGINAL_AT_RISK", "mainRisk", "", "on", today.toString(),
                "reason", "无风险", "version", "0"));
        assertThat(html).contains("请选择主要风险类型");
        html = refused(change(h, township, "category", "SUDDEN_HARDSHIP", "mainRisk", "ILLNESS", "on", "2024-13-01",
                "reason", "日期写错", "version", "0"));
        BadInputWebTest.besideField(html, "r-on", "2024-13-01", BadInputWebTest.DATE);
        html = refused(change(h, township, "category", "SUDDEN_HARDSHIP", "mainRisk", "ILLNESS", "on", today.toString(),
                "reason", " ", "version", "0"));
        BadInputWebTest.besideField(html, "r-reason", " ", "请填写理由");
        html = refused(change(h, township, "category", "SUDDEN_HARDSHIP", "mainRisk", "NATURAL_DISASTER", "on",
                today.toString(), "reason", "灾", "version", "0"));
        assertThat(html).contains("因自然灾害须选择灾害类型");
        html = refused(change(h, township, "category", "MARGINAL_AT_RISK", "mainRisk", "ILLNESS", "on", today.toString(),
                "reason", "没变", "version", "0"));
        assertThat(html).contains("监测类别和风险类型均未改变");
        html = refused(change(h, township, "category", "SUDDEN_HARDSHIP", "mainRisk", "ILLNESS", "on",
                today.plusDays(1).toString(), "reason", "明天", "version", "0"));
        BadInputWebTest.besideField(html, "r-on", today.plusDays(1).toString(), "日期不能晚于今天");
        assertThat(stored(h)).isEqualTo(before);
        assertThat(audits(h)).isZero();
    }

    @Test
    void aDeactivatedCategoryIsRefusedButAHouseholdsOwnStillShows() throws Exception {
        jdbc.sql("""
                insert into casework_code (kind, code, name_zh, name_en, active, sort)
                values ('CATEGORY', 'RC_RETIRED', '已停用测试类别', 'Retired test category', false, 900) on conflict do nothing""")
                .update();
        try {
            long h = monitored("蒋停用");
            String html = refused(change(h, township, "category", "RC_RETIRED", "mainRisk", "ILLNESS", "on", today.toString(),
                    "reason", "改为旧类别", "version", "0"));
            assertThat(html).contains("该监测类别已停用,不能再选用");
            assertThat(stored(h)).isEqualTo("MARGINAL_AT_RISK:ILLNESS::0");
            // a household that still has the retired category shows its name, and may keep it while its risks change
            long old = monitored("沈旧类");
            jdbc.sql("update monitored_household set category = 'RC_RETIRED' where household_id = :h").param("h", old).update();
            String page = mvc.perform(get("/monitored/" + old).with(township)).andReturn().getResponse().getContentAsString();
            assertThat(page).contains("已停用测试类别");
            mvc.perform(change(old, township, "category", "RC_RETIRED", "mainRisk", "DISABILITY", "on", today.toString(),
                    "reason", "残疾证已办", "version", "0")).andExpect(status().is3xxRedirection());
            assertThat(stored(old)).isEqualTo("RC_RETIRED:DISABILITY::1");
        } finally {
            jdbc.sql("update monitored_household set category = 'MARGINAL_AT_RISK' where category = 'RC_RETIRED'").update();
            jdbc.sql("delete from casework_code where kind = 'CATEGORY' and code = 'RC_RETIRED'").update();
        }
    }
}
