package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.screening.rules.Rule;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Department;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.household.RegistryFixtures;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The comparison's thresholds and rules come from the settings (系统管理 › 比对规则与阈值) in a server run: a threshold
 * changed on the page for the county changes the next run's warnings, a rule switched off gives none and the run says
 * so; each run keeps the values it used. In 伊通满族自治县 (220323), which no other test compares, so the county's
 * settings changed here change no other test's run.
 */
class RunSettingsWebTest extends ServerTest {
    static final String COUNTY = "220323000000";

    @Autowired RegistryFixtures registry;
    @Autowired AreaApi areas;
    @Autowired cn.shouwang.server.casework.StandardsApi standards;

    String village() {
        return areas.villages("220323", 1).get(0).code();
    }

    RequestPostProcessor analyst() {
        return ScreeningWebTest.as(Role.COUNTY_ANALYST, COUNTY);
    }

    RequestPostProcessor admin() {
        return ScreeningWebTest.as(Role.ADMIN, COUNTY);
    }

    long runAndWait(String period) throws Exception {
        MvcResult r = mvc.perform(post("/warnings/runs").param("period", period).with(analyst()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
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

    void uploadClaims(String period, String idNumber, String outOfPocket) throws Exception {
        byte[] file = ("id_number,settled_on,total_cost,insurance_paid,out_of_pocket\n" + idNumber + "," + period
                + "-05,30000," + "0," + outOfPocket + "\n").getBytes(StandardCharsets.UTF_8);
        RequestPostProcessor officer = ScreeningWebTest.as(Role.DATA_OFFICER, COUNTY, Department.MEDICAL_INSURANCE);
        mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", "medical_claims.csv", "text/csv", file))
                .param("kind", "MEDICAL_CLAIMS").param("period", period).with(officer).with(csrf()))
                .andExpect(status().is3xxRedirection());
    }

    long warnings(String period, String rule) {
        return jdbc.sql("select count(*) from screening_warning where period = :p and rule = :r")
                .param("p", period).param("r", rule).query(Long.class).single();
    }

    String fingerprint() throws Exception {
        String page = mvc.perform(get("/admin/comparison-settings/" + COUNTY).with(admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher m = Pattern.compile("name=\"fingerprint\" value=\"([0-9]+)\"").matcher(page);
        assertThat(m.find()).as(page).isTrue();
        return m.group(1);
    }

    MockHttpServletRequestBuilder save() throws Exception {
        // a 标准调整 from today (the day the runs of 2042 are judged by is long after it)
        return post("/admin/comparison-settings/" + COUNTY).param("fingerprint", fingerprint())
                .param("effectiveFrom", java.time.LocalDate.now(clock).toString()).param("reason", "比对阈值调整")
                .param("ownCategories", "false").with(admin()).with(csrf());
    }

    String setting(long run, String name) {
        return jdbc.sql("select value || '|' || coalesce(area_code, '-') || '|' || is_default from screening_run_setting "
                + "where run_id = :r and name = :n").param("r", run).param("n", name).query(String.class).single();
    }

    @Test
    void aThresholdChangedInTheSettingsChangesTheNextRunAndARuleSwitchedOffGivesNone() throws Exception {
        String id = registry.newIdNumber("220323");
        registry.household(village()).idNumber(id).insert();
        String period = "2042-03";
        // 6,000 yuan out of pocket: below feeds.md's 20,000 for a household neither formerly poor nor monitored
        uploadClaims(period, id, "6000");
        long first = runAndWait(period);
        assertThat(warnings(period, "MEDICAL_PERSON")).isZero();
        assertThat(setting(first, "medical_person_other_threshold")).isEqualTo("20000|-|true");

        // the county lowers the threshold to 5,000 on the settings page: audited, and the next run warns
        mvc.perform(save().param("medical_person_other_threshold", "5000").param("ownRules", "false"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'CASEWORK_SETTINGS_UPDATE' and area_code = :a "
                + "and changes::text like '%medical_person_other_threshold%'").param("a", COUNTY).query(Long.class).single())
                .isEqualTo(1);
        long second = runAndWait(period);
        assertThat(warnings(period, "MEDICAL_PERSON")).isEqualTo(1);
        assertThat(setting(second, "medical_person_other_threshold")).isEqualTo("5000|" + COUNTY + "|false");
        String page = mvc.perform(get("/warnings/runs/" + second).with(analyst())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("个人年度自付医疗费用阈值（其他农户，元）：5000 元（伊通满族自治县）", "所有比对规则均已启用");
        // the first run keeps what it used
        assertThat(setting(first, "medical_person_other_threshold")).isEqualTo("20000|-|true");

        // a value that is not an amount is refused beside its field, nothing saved
        String refused = mvc.perform(save().param("medical_person_other_threshold", "五千").param("ownRules", "false"))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("请输入不小于0的金额");

        // the county switches MEDICAL_PERSON off: the next period's run gives none of it and says so
        MockHttpServletRequestBuilder off = save().param("medical_person_other_threshold", "5000").param("ownRules", "true");
        for (Rule r : Rule.values()) if (r != Rule.MEDICAL_PERSON) off.param("enabledRules", r.name());
        mvc.perform(off).andExpect(status().is3xxRedirection());
        String next = "2042-04";
        uploadClaims(next, id, "6000");
        long third = runAndWait(next);
        assertThat(warnings(next, "MEDICAL_PERSON")).isZero();
        assertThat(jdbc.sql("select rules_off from screening_run where id = :r").param("r", third).query(String.class).single())
                .isEqualTo("MEDICAL_PERSON");
        assertThat(jdbc.sql("select count(*) from screening_run_rule where run_id = :r and rule = 'MEDICAL_PERSON'")
                .param("r", third).query(Long.class).single()).isZero();
        page = mvc.perform(get("/warnings/runs/" + third).with(analyst())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("未启用的规则（不产生预警）：个人医疗自付超标");

        // back to the defaults: blank inherits, the rules as above (the province sets none)
        mvc.perform(save().param("ownRules", "false")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from casework_area_setting where area_code = :a").param("a", COUNTY)
                .query(Long.class).single()).isZero();
        assertThat(standards.comparisonSettings(COUNTY, java.time.LocalDate.now(clock)))
                .allMatch(cn.shouwang.server.casework.StandardsApi.SettingInForce::isDefault);
    }
}
