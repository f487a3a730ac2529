package cn.shouwang.server.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Household assets (household V12) on the household page and the API: added and corrected by hand, audited on the
 * household's history with names, compared with the local limit on the page, and out of reach outside the area.
 */
class AssetWebTest extends ServerTest {
    static final String VILLAGE = "220322100201", OTHER_VILLAGE = "220322100202";

    @Autowired RegistryFixtures registry;
    @Autowired cn.shouwang.server.access.AccessFixtures accounts;

    /** Signed in as a real account of the role and area (the asset row records who entered it). */
    RequestPostProcessor as(Role role, String area) {
        String name = "asset-" + role.name().toLowerCase() + "-" + area;
        accounts.account(name, "测试员", role, area, "x");
        long id = jdbc.sql("select id from account where username = :u").param("u", name).query(Long.class).single();
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                new cn.shouwang.server.access.AccountPrincipal(new cn.shouwang.server.access.CurrentUser(id, name, "测试员",
                        role, new cn.shouwang.server.access.AreaScope(area)), "{noop}x", false, true));
    }

    int version(long h) {
        return jdbc.sql("select version from household where id = :h").param("h", h).query(Integer.class).single();
    }

    @Test
    void addedAndCorrectedByHandAuditedAndMarkedAboveTheLocalLimit() throws Exception {
        long h = registry.household(VILLAGE).head("资产甲").insert();
        RequestPostProcessor monitor = as(Role.VILLAGE_MONITOR, VILLAGE);
        mvc.perform(post("/households/" + h + "/assets").with(monitor).with(csrf()).param("kind", "VEHICLE")
                .param("value", "50000.01").param("description", "吉C12345 小型汽车").param("registeredOn", "2021-05-01")
                .param("householdVersion", String.valueOf(version(h)))).andExpect(status().is3xxRedirection());
        mvc.perform(post("/households/" + h + "/assets").with(monitor).with(csrf()).param("kind", "DEPOSIT")
                .param("value", "50000").param("householdVersion", String.valueOf(version(h))))
                .andExpect(status().is3xxRedirection());
        String page = mvc.perform(get("/households/" + h).with(monitor)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        // the default limits: a vehicle above 50,000 yuan counts, deposits of 50,000 in all are at the limit, not above
        assertThat(page).contains("家庭资产").contains("车辆").contains("50,000.01 超过限额").contains("吉C12345 小型汽车")
                .contains("存款").contains("存款合计 50,000.00 元").contains("手工登记");
        assertThat(page).doesNotContain("50,000.00 超过限额");
        long asset = jdbc.sql("select id from household_asset where household_id = :h and kind = 'VEHICLE'").param("h", h)
                .query(Long.class).single();
        // a stale form is refused, a fresh one corrects
        mvc.perform(post("/households/" + h + "/assets/" + asset).with(monitor).with(csrf()).param("kind", "VEHICLE")
                .param("value", "30000").param("householdVersion", "0")).andExpect(status().isOk());
        mvc.perform(post("/households/" + h + "/assets/" + asset).with(monitor).with(csrf()).param("kind", "VEHICLE")
                .param("value", "30000").param("description", "吉C12345 小型汽车").param("registeredOn", "2021-05-01")
                .param("householdVersion", String.valueOf(version(h)))).andExpect(status().is3xxRedirection());
        // a value that is not a number, a missing kind: said beside the fields
        String refused = mvc.perform(post("/households/" + h + "/assets").with(monitor).with(csrf()).param("value", "八万")
                .param("householdVersion", String.valueOf(version(h)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("请选择资产类别").contains("请输入数字");
        page = mvc.perform(get("/households/" + h).with(monitor)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("30,000.00").doesNotContain("超过限额");
        // the history speaks names, not codes
        assertThat(page).contains("登记家庭资产").contains("更正家庭资产").contains("资产类别:— → 车辆")
                .contains("资产价值（元）:50000.01 → 30000.00").doesNotContain("→ VEHICLE");
        assertThat(jdbc.sql("select count(*) from audit_event where household_id = :h and action like 'ASSET_%'")
                .param("h", h).query(Integer.class).single()).isEqualTo(3);
        mvc.perform(post("/households/" + h + "/assets/" + asset + "/delete").with(monitor).with(csrf())
                .param("householdVersion", String.valueOf(version(h)))).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from household_asset where household_id = :h").param("h", h)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theAssetsEndpointsStayInsideTheArea() throws Exception {
        long h = registry.household(VILLAGE).head("资产乙").insert();
        jdbc.sql("""
                insert into household_asset (household_id, kind, description, value, recorded_at)
                values (:h, 'COMMERCIAL_HOUSING', '吉(2020)梨树县不动产权第0000001号', 300000, now())""").param("h", h).update();
        RequestPostProcessor own = as(Role.VILLAGE_MONITOR, VILLAGE);
        RequestPostProcessor other = as(Role.VILLAGE_MONITOR, OTHER_VILLAGE);
        assertThat(mvc.perform(get("/api/v1/households/" + h + "/assets").with(own)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("COMMERCIAL_HOUSING").contains("300000");
        // another village: the same answer as for a household that does not exist
        mvc.perform(get("/api/v1/households/" + h + "/assets").with(other)).andExpect(status().isNotFound());
        mvc.perform(get("/households/" + h + "/assets/new").with(other)).andExpect(status().isNotFound());
        long asset = jdbc.sql("select id from household_asset where household_id = :h").param("h", h).query(Long.class).single();
        mvc.perform(get("/households/" + h + "/assets/" + asset).with(other)).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/households/" + h + "/assets").with(other).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"DEPOSIT\",\"value\":10,\"householdVersion\":" + version(h) + "}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/households/" + h + "/assets/" + asset + "/delete").with(other).with(csrf())
                .param("householdVersion", String.valueOf(version(h)))).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from household_asset where household_id = :h").param("h", h)
                .query(Integer.class).single()).isEqualTo(1);
        // inside the area the API records one, audited
        mvc.perform(post("/api/v1/households/" + h + "/assets").with(own).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"DEPOSIT\",\"value\":10,\"householdVersion\":" + version(h) + "}"))
                .andExpect(status().isCreated());
        assertThat(jdbc.sql("select count(*) from audit_event where household_id = :h and action = 'ASSET_ADD'")
                .param("h", h).query(Integer.class).single()).isEqualTo(1);
    }
}
