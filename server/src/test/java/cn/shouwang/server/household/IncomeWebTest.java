package cn.shouwang.server.household;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccessFixtures;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.CaseworkFixtures;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The income form of the household page: a year added and corrected with optimistic locking and an audit row per
 * change (shown in the household's history), per-field refusals in Chinese, the per-capita net income over the active
 * members beside casework's income line, and nothing outside the caller's area.
 */
class IncomeWebTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;
    @Autowired AccessFixtures accounts;

    /** Signed in as a real account of the role and area (the income row records who entered it). */
    RequestPostProcessor as(Role role, String area) {
        String name = "income-" + role.name().toLowerCase() + "-" + area;
        accounts.account(name, "测试员", role, area, "x");
        long id = jdbc.sql("select id from account where username = :u").param("u", name).query(Long.class).single();
        return user(new AccountPrincipal(new CurrentUser(id, name, "测试员", role, new AreaScope(area)), "{noop}x", false, true));
    }

    long accountId(String username) {
        return jdbc.sql("select id from account where username = :u").param("u", username).query(Long.class).single();
    }

    String village;
    String otherVillage;
    int lastYear;

    @BeforeEach
    void villages() {
        List<String> vs = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' order by code offset 2 limit 2""").query(String.class).list();
        village = vs.get(0);
        otherVillage = vs.get(1);
        lastYear = LocalDate.now(clock).getYear() - 1;
    }

    int version(long h) {
        return jdbc.sql("select version from household where id = :h").param("h", h).query(Integer.class).single();
    }

    static MockHttpServletRequestBuilder amounts(MockHttpServletRequestBuilder r, String... six) {
        String[] names = {"wages", "business", "property", "transfers", "productionCosts", "eligibleOutOfPocket"};
        for (int i = 0; i < names.length; i++) r.param(names[i], six[i]);
        return r;
    }

    String body(MockHttpServletRequestBuilder r) throws Exception {
        return mvc.perform(r).andReturn().getResponse().getContentAsString();
    }

    @Test
    void aVillageMonitorAddsAndCorrectsAYearAndTheHistoryShowsOldAndNew() throws Exception {
        long h = registry.household(village).head("钱收入").member("钱妻", "SPOUSE", "ORDINARY", null)
                .member("钱子", "CHILD", "NONE", null).insert();
        casework.incomeLine(village, lastYear, 9000);
        var monitor = as(Role.VILLAGE_MONITOR, village);

        String form = body(get("/households/" + h + "/incomes/new").with(monitor));
        assertThat(form).contains("inputmode=\"decimal\"").contains("value=\"" + lastYear + "\"");

        mvc.perform(amounts(post("/households/" + h + "/incomes").with(monitor).with(csrf())
                        .param("year", String.valueOf(lastYear)).param("householdVersion", String.valueOf(version(h))),
                        "12000", "6000.50", "0", "3000", "2000.50", "1500"))
                .andExpect(status().is3xxRedirection());
        var row = jdbc.sql("select wages, business, production_costs, recorded_by from household_income "
                        + "where household_id = :h and year = :y").param("h", h).param("y", lastYear)
                .query((rs, i) -> new Object[] {rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getObject(4)})
                .single();
        assertThat((BigDecimal) row[0]).isEqualByComparingTo("12000");
        assertThat((BigDecimal) row[1]).isEqualByComparingTo("6000.50");
        assertThat((BigDecimal) row[2]).isEqualByComparingTo("2000.50");
        assertThat(row[3]).as("recorded by the signed-in account").isEqualTo(accountId("income-village_monitor-" + village));

        // net 12000 + 6000.50 + 3000 − 2000.50 = 19000 for 3 active members: 6,333.33; after 1500 out-of-pocket 5,833.33
        String page = body(get("/households/" + h).with(monitor));
        String tr = page.substring(page.indexOf("id=\"income-" + lastYear + "\""));
        tr = tr.substring(0, tr.indexOf("</tr>"));
        assertThat(tr).contains("19,000.00").contains("6,333.33").contains("5,833.33").contains("9,000.00")
                .contains("不高于监测标准");
        assertThat(page).contains("在册人数 3 人");

        // a second add of the same year is refused on the year, what was typed comes back
        String again = body(amounts(post("/households/" + h + "/incomes").with(monitor).with(csrf())
                .param("year", String.valueOf(lastYear)).param("householdVersion", String.valueOf(version(h))),
                "1", "2", "3", "4", "5", "6"));
        assertThat(RegistryFormsWebTest.field(again, "year")).contains(lastYear + " 年度的收入已经录入");
        assertThat(RegistryFormsWebTest.field(again, "wages")).contains("value=\"1\"");

        // the correction: the stored values prefilled, only the changed items audited
        String edit = body(get("/households/" + h + "/incomes/" + lastYear).with(monitor));
        assertThat(RegistryFormsWebTest.field(edit, "wages")).contains("value=\"12000.00\"");
        assertThat(edit).as("a year reads without a thousands separator").contains(lastYear + "年度收入更正");
        mvc.perform(amounts(post("/households/" + h + "/incomes/" + lastYear).with(monitor).with(csrf())
                        .param("year", String.valueOf(lastYear)).param("householdVersion", String.valueOf(version(h))),
                        "24000", "6000.50", "0", "3000", "2000.50", "1500"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select wages from household_income where household_id = :h and year = :y")
                .param("h", h).param("y", lastYear).query(BigDecimal.class).single()).isEqualByComparingTo("24000");

        List<String> audit = jdbc.sql("select action || ' ' || changes::text || ' ' || detail from audit_event "
                        + "where household_id = :h and action like 'INCOME%' order by id").param("h", h)
                .query(String.class).list();
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0)).startsWith("INCOME_ADD").contains("\"12000.00\"").endsWith(String.valueOf(lastYear));
        assertThat(audit.get(1)).startsWith("INCOME_UPDATE").contains("\"wages\"").contains("\"12000.00\"")
                .contains("\"24000.00\"").doesNotContain("business");

        String history = body(get("/households/" + h).with(monitor));
        assertThat(history).contains("更正收入").contains(lastYear + " 年度")
                .contains("工资性收入:12000.00 → 24000.00").contains("录入收入");
    }

    @Test
    void aPerCapitaOnlyYearShowsItsFigureAndTheFormMakesItItemised() throws Exception {
        long h = registry.household(village).head("孙人均").member("孙妻", "SPOUSE", "ORDINARY", null).insert();
        // as the registry import keeps a person list that gave only 人均纯收入: items zero, itemised false
        jdbc.sql("""
                insert into household_income (household_id, year, wages, business, property, transfers, production_costs,
                                              eligible_out_of_pocket, per_capita, itemised, recorded_at)
                values (:h, :y, 0, 0, 0, 0, 0, 0, 7345.60, false, now())""").param("h", h).param("y", lastYear).update();
        var monitor = as(Role.VILLAGE_MONITOR, village);

        String page = body(get("/households/" + h).with(monitor));
        String tr = page.substring(page.indexOf("id=\"income-" + lastYear + "\""));
        tr = tr.substring(0, tr.indexOf("</tr>"));
        assertThat(tr).as("the figure as given, not zero").contains("7,345.60").contains("仅有人均纯收入")
                .doesNotContain(">0.00<");

        mvc.perform(amounts(post("/households/" + h + "/incomes/" + lastYear).with(monitor).with(csrf())
                        .param("year", String.valueOf(lastYear)).param("householdVersion", String.valueOf(version(h))),
                        "10000", "0", "0", "2000", "0", "0"))
                .andExpect(status().is3xxRedirection());
        var row = jdbc.sql("select itemised, per_capita, wages from household_income where household_id = :h and year = :y")
                .param("h", h).param("y", lastYear)
                .query((rs, i) -> new Object[] {rs.getBoolean(1), rs.getBigDecimal(2), rs.getBigDecimal(3)}).single();
        assertThat(row[0]).isEqualTo(true);
        assertThat(row[1]).isNull();
        assertThat((BigDecimal) row[2]).isEqualByComparingTo("10000");
        String after = body(get("/households/" + h).with(monitor));
        String tr2 = after.substring(after.indexOf("id=\"income-" + lastYear + "\""));
        tr2 = tr2.substring(0, tr2.indexOf("</tr>"));
        // (10000 + 2000) ÷ 2 members
        assertThat(tr2).contains("6,000.00").contains("12,000.00").doesNotContain("仅有人均纯收入");
        assertThat(after).contains("人均纯收入:7345.60 → ");
    }

    @Test
    void aStaleFormIsRefusedAndOverwritesNothing() throws Exception {
        long h = registry.household(village).head("孙旧表").insert();
        registry.income(h, lastYear).wages("5000").insert();
        var monitor = as(Role.VILLAGE_MONITOR, village);
        int read = version(h);
        // someone else saves the household in between
        jdbc.sql("update household set version = version + 1 where id = :h").param("h", h).update();
        String refused = body(amounts(post("/households/" + h + "/incomes/" + lastYear).with(monitor).with(csrf())
                .param("year", String.valueOf(lastYear)).param("householdVersion", String.valueOf(read)),
                "9999", "0", "0", "0", "0", "0"));
        assertThat(refused).contains("class=\"alert\">保存失败:别人在您打开此页之后修改了");
        assertThat(RegistryFormsWebTest.field(refused, "wages")).contains("value=\"9999\"");
        assertThat(jdbc.sql("select wages from household_income where household_id = :h").param("h", h)
                .query(BigDecimal.class).single()).isEqualByComparingTo("5000");
        assertThat(jdbc.sql("select count(*) from audit_event where household_id = :h and action like 'INCOME%'")
                .param("h", h).query(Integer.class).single()).isZero();
    }

    @Test
    void eachWrongFieldSaysWhatIsWrongInChinese() throws Exception {
        long h = registry.household(village).head("李错字").insert();
        var monitor = as(Role.VILLAGE_MONITOR, village);
        String html = body(amounts(post("/households/" + h + "/incomes").with(monitor).with(csrf())
                .param("year", "1999").param("householdVersion", String.valueOf(version(h))),
                "-5", "八千", "", "1.234", "0", "0"));
        assertThat(RegistryFormsWebTest.field(html, "wages")).contains("金额不能为负数");
        assertThat(RegistryFormsWebTest.field(html, "business")).contains("请输入数字").contains("value=\"八千\"");
        assertThat(RegistryFormsWebTest.field(html, "property")).contains("请填写金额,没有则填 0");
        assertThat(RegistryFormsWebTest.field(html, "transfers")).contains("最多两位小数");
        assertThat(RegistryFormsWebTest.field(html, "year")).contains("年度不能早于 2000 年");
        // a year after this one: the registry, which knows today, refuses it once the amounts are right
        String future = body(amounts(post("/households/" + h + "/incomes").with(monitor).with(csrf())
                .param("year", String.valueOf(lastYear + 2)).param("householdVersion", String.valueOf(version(h))),
                "1", "0", "0", "0", "0", "0"));
        assertThat(RegistryFormsWebTest.field(future, "year")).contains("年度应在 2000 至 " + (lastYear + 1) + " 年之间");
        String notNumber = body(amounts(post("/households/" + h + "/incomes").with(monitor).with(csrf())
                .param("year", "二〇二四").param("householdVersion", String.valueOf(version(h))),
                "1", "0", "0", "0", "0", "0"));
        assertThat(RegistryFormsWebTest.field(notNumber, "year")).contains("请输入整数");
        assertThat(jdbc.sql("select count(*) from household_income where household_id = :h").param("h", h)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void anotherVillageCannotReadOrWriteTheIncomes() throws Exception {
        long h = registry.household(village).head("周他村").insert();
        registry.income(h, lastYear).wages("5000").insert();
        var stranger = as(Role.VILLAGE_MONITOR, otherVillage);
        mvc.perform(get("/households/" + h + "/incomes/new").with(stranger)).andExpect(status().isNotFound());
        mvc.perform(get("/households/" + h + "/incomes/" + lastYear).with(stranger)).andExpect(status().isNotFound());
        mvc.perform(amounts(post("/households/" + h + "/incomes/" + lastYear).with(stranger).with(csrf())
                        .param("year", String.valueOf(lastYear)).param("householdVersion", String.valueOf(version(h))),
                        "1", "0", "0", "0", "0", "0"))
                .andExpect(status().isNotFound());
        mvc.perform(amounts(post("/households/" + h + "/incomes").with(stranger).with(csrf())
                        .param("year", String.valueOf(lastYear - 1)).param("householdVersion", String.valueOf(version(h))),
                        "1", "0", "0", "0", "0", "0"))
                .andExpect(status().isNotFound());
        mvc.perform(amounts(post("/households/" + h + "/incomes").with(as(Role.DATA_OFFICER, village)).with(csrf())
                        .param("year", String.valueOf(lastYear - 1)).param("householdVersion", String.valueOf(version(h))),
                        "1", "0", "0", "0", "0", "0"))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from household_income where household_id = :h").param("h", h)
                .query(Integer.class).single()).isEqualTo(1);
        // the township above the village may
        mvc.perform(amounts(post("/households/" + h + "/incomes").with(as(Role.TOWNSHIP_STAFF, village.substring(0, 9) + "000"))
                        .with(csrf()).param("year", String.valueOf(lastYear - 1))
                        .param("householdVersion", String.valueOf(version(h))), "1", "0", "0", "0", "0", "0"))
                .andExpect(status().is3xxRedirection());
    }

    /** An imported 脱贫户 often comes without its exit year: the page says 是, never "是(null年脱贫)". */
    @Test
    void aFormerlyPoorHouseholdWithoutItsExitYearReadsYes() throws Exception {
        long h = registry.household(village).head("吴无年").insert();
        jdbc.sql("update household set formerly_poor = true, poverty_exit_year = null where id = :h").param("h", h).update();
        String html = body(get("/households/" + h).with(as(Role.VILLAGE_MONITOR, village)));
        assertThat(html).doesNotContain("null").contains("<dd>是</dd>");
    }
}
