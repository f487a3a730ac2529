package cn.shouwang.server.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Assets beside income in the identification check (issue 17 point 3): an asset above the local limit is shown on the
 * lead as a reason against identification; the setting 资产超过限额时的识别认定 decides whether the county's
 * confirmation is refused (BLOCK) or only warned (WARN, the default). At the limit nothing is shown.
 */
class AssetIdentificationWebTest extends ServerTest {
    static final String COUNTY = "220322000000", TOWNSHIP = "220322100000", VILLAGE = "220322100201";

    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;
    LocalDate today;

    @BeforeEach
    void line() {
        today = LocalDate.now(clock);
        for (int y = today.getYear() - 1; y <= today.getYear(); y++) casework.incomeLine("220000000000", y, 8700);
    }

    @AfterEach
    void settingsBack() {
        jdbc.sql("delete from standard_change where name in ('assets_above_limit', 'vehicle_asset_limit')").update();
    }

    /** A province-wide 标准调整 in force since before the lead's steps (the standards are read on each step's day). */
    void setting(String name, String value) {
        jdbc.sql("""
                insert into standard_change (area_code, name, value, effective_from, reason, changed_at)
                values (null, :n, :v, :from, '测试', now())""")
                .param("n", name).param("v", value).param("from", today.minusDays(400)).update();
    }

    MockHttpServletRequestBuilder form(String url, RequestPostProcessor by, String... kv) {
        MockHttpServletRequestBuilder b = post(url).with(by).with(csrf());
        for (int i = 0; i < kv.length; i += 2) b = b.param(kv[i], kv[i + 1]);
        return b;
    }

    int version(long lead) {
        return jdbc.sql("select version from lead where id = :id").param("id", lead).query(Integer.class).single();
    }

    String state(long lead) {
        return jdbc.sql("select state from lead where id = :id").param("id", lead).query(String.class).single();
    }

    String day(int daysAgo) { return today.minusDays(daysAgo).toString(); }

    /** A household with a car of {@code value} yuan, its lead taken up to the county's confirmation. */
    long leadAtCounty(String head, String value) throws Exception {
        long h = registry.household(VILLAGE).head(head).labour("ORDINARY").member(head + "妻", "SPOUSE", "LOST", null).insert();
        jdbc.sql("""
                insert into household_asset (household_id, kind, description, value, registered_on, recorded_at)
                values (:h, 'VEHICLE', '吉C54321', :v, date '2021-03-01', now())""").param("h", h)
                .param("v", new java.math.BigDecimal(value)).update();
        RequestPostProcessor monitor = CaseworkWebTest.as(Role.VILLAGE_MONITOR, VILLAGE);
        String url = mvc.perform(form("/leads", monitor, "householdNo", registry.householdNo(h), "channel", "FIELD_SCREENING",
                "description", "主要劳动力住院", "riskCodes", "ILLNESS")).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        long lead = Long.parseLong(url.substring("/leads/".length()));
        jdbc.sql("update lead set opened_on = opened_on - 30, due_on = due_on - 30 where id = :id").param("id", lead).update();
        mvc.perform(form("/leads/" + lead + "/verify", monitor, "on", day(29), "findings", "入户核实",
                "wages", "6000", "business", "0", "property", "0", "transfers", "0", "productionCosts", "0",
                "eligibleOutOfPocket", "0", "householdSize", "2", "mainRisk", "ILLNESS", "category", "MARGINAL_AT_RISK",
                "consentSigned", "true", "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        RequestPostProcessor countyA = CaseworkWebTest.as(Role.COUNTY_ANALYST, COUNTY);
        mvc.perform(form("/leads/" + lead + "/cross-check", countyA, "on", day(28), "findings", "一致",
                "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        mvc.perform(form("/leads/" + lead + "/review", monitor, "on", day(27), "passed", "true", "present", "21",
                "notes", "同意", "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        mvc.perform(form("/leads/" + lead + "/notice", monitor, "from", day(26), "to", day(22), "batch", "A" + lead,
                "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        mvc.perform(form("/leads/" + lead + "/notice/close", monitor, "on", day(21), "objections", "0",
                "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        mvc.perform(form("/leads/" + lead + "/township", CaseworkWebTest.as(Role.TOWNSHIP_STAFF, TOWNSHIP), "on", day(20),
                "decision", "APPROVE", "reason", "", "version", String.valueOf(version(lead)))).andExpect(status().is3xxRedirection());
        assertThat(state(lead)).isEqualTo("AWAITING_COUNTY_CONFIRMATION");
        return lead;
    }

    String confirm(long lead, int expectedStatus) throws Exception {
        return mvc.perform(form("/leads/" + lead + "/county", CaseworkWebTest.as(Role.COUNTY_ANALYST, COUNTY), "on", day(19),
                        "decision", "APPROVE", "reason", "同意", "version", String.valueOf(version(lead))))
                .andExpect(expectedStatus == 302 ? status().is3xxRedirection() : status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    String page(long lead) throws Exception {
        return mvc.perform(get("/leads/" + lead).with(CaseworkWebTest.as(Role.COUNTY_ANALYST, COUNTY)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    @Test
    void blockRefusesTheCountyAndWarnOnlyShows() throws Exception {
        setting("assets_above_limit", "BLOCK");
        long blocked = leadAtCounty("资产丙", "80000");
        assertThat(page(blocked)).contains("家庭资产核查").contains("车辆 吉C54321：80,000.00 元，超过本地限额 50,000.00 元")
                .contains("按本地设置，县级不能确认认定");
        String refused = confirm(blocked, 200);
        assertThat(refused).contains("家庭资产超过本地认定限额");
        assertThat(state(blocked)).isEqualTo("AWAITING_COUNTY_CONFIRMATION");

        setting("assets_above_limit", "WARN");
        assertThat(page(blocked)).contains("车辆 吉C54321：80,000.00 元").contains("按本地设置仅作提示");
        confirm(blocked, 302);
        assertThat(state(blocked)).isEqualTo("CONFIRMED");
    }

    @Test
    void atTheLocalLimitNothingIsShownOrRefused() throws Exception {
        setting("assets_above_limit", "BLOCK");
        setting("vehicle_asset_limit", "80000");
        long lead = leadAtCounty("资产丁", "80000");
        assertThat(page(lead)).contains("未登记超过本地限额的资产").doesNotContain("超过本地限额 80,000.00");
        confirm(lead, 302);
        assertThat(state(lead)).isEqualTo("CONFIRMED");
    }
}
