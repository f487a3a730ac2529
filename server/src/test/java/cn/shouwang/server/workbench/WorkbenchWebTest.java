package cn.shouwang.server.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.RegistryFixtures;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** 工作台: the to-dos of the signed-in role with their deadline, and the figures of the area in view. */
class WorkbenchWebTest extends ServerTest {
    static final AtomicLong IDS = new AtomicLong(700_000);

    @Autowired HouseholdApi households;
    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;

    static RequestPostProcessor as(Role role, String area) {
        long id = IDS.incrementAndGet();
        return user(new AccountPrincipal(new CurrentUser(id, "w" + id, "工作台" + id, role, new AreaScope(area)),
                "x", false, true));
    }

    String lastVillage() {
        return jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' order by code desc limit 1""").query(String.class).single();
    }

    long household(String village, String head) {
        return registry.household(village).head(head).insert();
    }

    long direct(String sql, String prefix) {
        return jdbc.sql(sql).param("p", prefix + "%").query(Long.class).single();
    }

    @Test
    void theAreaCountsFollowEveryWriteAndMatchACountOfTheRows() {
        String village = lastVillage();
        String county = village.substring(0, 6);
        HouseholdApi.Counts before = households.counts(new AreaScope(village));
        long h = household(village, "韩计数");
        HouseholdApi.Counts after = households.counts(new AreaScope(village));
        assertThat(after).isEqualTo(new HouseholdApi.Counts(before.households() + 1, before.persons() + 1));

        registry.memberStatus(h, "DECEASED");
        assertThat(households.counts(new AreaScope(village)).persons()).isEqualTo(before.persons());

        // the pre-aggregated figures equal a count of the rows, for the county and for the whole city
        for (String p : new String[] {county, "2203"}) {
            AreaScope scope = new AreaScope((p + "000000000000").substring(0, 12));
            assertThat(households.counts(scope)).isEqualTo(new HouseholdApi.Counts(
                    direct("select count(*) from household where village_code like :p", p),
                    direct("select count(*) from member where area_code like :p and status = 'ACTIVE'", p)));
        }
    }

    @Test
    void myToDosShowTheLeadsWaitingForMyStepWithDaysLeftAndOverdueInRed() throws Exception {
        String village = lastVillage();
        String township = village.substring(0, 9) + "000";
        long h = household(village, "韩待办");
        RequestPostProcessor monitor = as(Role.VILLAGE_MONITOR, village);
        // opened 30 days ago under a 15-day deadline: 15 days overdue
        long lead = casework.lead(registry.householdNo(h), village).description("主要劳动力住院").risks("ILLNESS")
                .by(monitor).openedDaysAgo(30).open();

        String mine = mvc.perform(get("/").with(monitor)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(mine).contains("我的待办").contains("href=\"/leads/" + lead + "\"").contains("韩待办")
                .contains("超期15天").contains("status-red").contains("待入户核实");
        assertThat(mine).contains("在册人口").contains("超期线索");

        // home verification is the village monitor's step: not on the township's list, but in its figures and bars
        String townships = mvc.perform(get("/").with(as(Role.TOWNSHIP_STAFF, township))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(townships).doesNotContain("href=\"/leads/" + lead + "\"").contains("未办结线索(按下级区域)")
                .contains("id=\"leads-by-area\"").containsPattern("data-overdue=\"[1-9]").contains("/vendor/echarts/echarts.min.js");
        // another county sees neither
        String elsewhere = mvc.perform(get("/").with(as(Role.COUNTY_ANALYST, "220322000000".equals(village.substring(0, 6) + "000000")
                        ? "220323000000" : "220322000000")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(elsewhere).doesNotContain("韩待办");

        // the English page
        assertThat(mvc.perform(get("/").param("lang", "en").with(monitor)).andReturn().getResponse()
                .getContentAsString()).contains("My to-dos").contains("15 days overdue");
    }

    @Test
    void aDataOfficerSeesNoHouseholdFigures() throws Exception {
        String page = mvc.perform(get("/").with(as(Role.DATA_OFFICER, "220322000000"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain("我的待办").doesNotContain("在册人口");
    }
}
