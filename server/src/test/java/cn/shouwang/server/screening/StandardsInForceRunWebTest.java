package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Department;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.household.RegistryFixtures;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 标准调整 of a comparison threshold (issue 17): a run compares with the thresholds in force on its period's last day,
 * so a change effective from the first of a month changes that month's run and not the month before, and each run
 * keeps the value it used with its region and day. In 铁西区 (220302), whose own comparison settings only the
 * standards tests set.
 */
class StandardsInForceRunWebTest extends ServerTest {
    static final String COUNTY = "220302000000";

    @Autowired RegistryFixtures registry;
    @Autowired AreaApi areas;

    long runAndWait(String period) throws Exception {
        MvcResult r = mvc.perform(post("/warnings/runs").param("period", period)
                        .with(ScreeningWebTest.as(Role.COUNTY_ANALYST, COUNTY)).with(csrf()))
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

    void uploadClaims(String period, String idNumber) throws Exception {
        byte[] file = ("id_number,settled_on,total_cost,insurance_paid,out_of_pocket\n" + idNumber + "," + period
                + "-05,30000,0,6000\n").getBytes(StandardCharsets.UTF_8);
        mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", "medical_claims.csv", "text/csv", file))
                .param("kind", "MEDICAL_CLAIMS").param("period", period)
                .with(ScreeningWebTest.as(Role.DATA_OFFICER, COUNTY, Department.MEDICAL_INSURANCE)).with(csrf()))
                .andExpect(status().is3xxRedirection());
    }

    long warnings(long run, String rule) {
        return jdbc.sql("select count(*) from screening_warning w join screening_run r on r.period = w.period "
                        + "where r.id = :r and w.rule = :rule and w.village_code like '220302%'")
                .param("r", run).param("rule", rule).query(Long.class).single();
    }

    String setting(long run, String name) {
        return jdbc.sql("select value || '|' || coalesce(area_code, '-') || '|' || coalesce(effective_from::text, '-') "
                + "from screening_run_setting where run_id = :r and name = :n").param("r", run).param("n", name)
                .query(String.class).single();
    }

    @Test
    void aRunComparesWithTheThresholdInForceOnItsPeriodsLastDay() throws Exception {
        YearMonth now = YearMonth.from(LocalDate.now(clock));
        String before = now.minusMonths(2).toString();
        String after = now.minusMonths(1).toString();
        LocalDate from = now.minusMonths(1).atDay(1);
        String id = registry.newIdNumber("220302");
        registry.household(areas.villages("220302", 1).get(0).code()).idNumber(id).insert();
        uploadClaims(before, id);
        uploadClaims(after, id);

        // the county lowers the threshold for households neither formerly poor nor monitored to 5,000 yuan from the
        // first of last month: 6,000 yuan out of pocket is above it from then on, below feeds.md's 20,000 before
        RequestPostProcessor admin = ScreeningWebTest.as(Role.ADMIN, COUNTY);
        String page = mvc.perform(get("/admin/comparison-settings/" + COUNTY).with(admin)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        Matcher m = Pattern.compile("name=\"fingerprint\" value=\"([0-9]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        mvc.perform(post("/admin/comparison-settings/" + COUNTY).param("fingerprint", m.group(1))
                        .param("medical_person_other_threshold", "5000").param("ownRules", "false")
                        .param("ownCategories", "false").param("effectiveFrom", from.toString())
                        .param("reason", "医疗支出预警口径调整").param("document", "西医保发〔2026〕5号").with(admin).with(csrf()))
                .andExpect(status().is3xxRedirection());

        long first = runAndWait(before);
        long second = runAndWait(after);
        assertThat(warnings(first, "MEDICAL_PERSON")).isZero();
        assertThat(setting(first, "medical_person_other_threshold")).isEqualTo("20000|-|-");
        assertThat(warnings(second, "MEDICAL_PERSON")).isEqualTo(1);
        assertThat(setting(second, "medical_person_other_threshold")).isEqualTo("5000|" + COUNTY + "|" + from);
    }
}
