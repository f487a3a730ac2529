package cn.shouwang.server.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The national data-quality checks on the 数据质量 page: eliminations (below the line they were judged against,
 * without a development measure, without the risk's measure, too soon) and monitored households (lack of labour
 * with a worker, wages between 0 and 100 yuan), in Chinese with a link to the household; an elimination older than
 * twelve months is no longer listed.
 */
class NationalQualityChecksWebTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;

    /** A village of 梨树县 without any household yet (from the low end of the codes; other tests take the high end). */
    String emptyVillage() {
        return jdbc.sql("""
                select v.code from area v join area_edition e on e.id = v.edition_id and e.is_current
                where v.level = 5 and v.code like '220322%'
                  and not exists (select 1 from household h where h.village_code = v.code)
                order by v.code limit 1""").query(String.class).single();
    }

    long monitored(String village, String head, LocalDate identified, String... risks) {
        long h = registry.household(village).head(head).insert();
        return casework.monitored(h, village, head).risks(risks).since(identified).insert();
    }

    void eliminate(long h, String how, YearMonth month) {
        jdbc.sql("update monitored_household set status = 'RISK_ELIMINATED', elimination_method = :m, "
                        + "eliminated_month = :d where household_id = :h")
                .param("m", how).param("d", month.atDay(1)).param("h", h).update();
    }

    /** A 收入核查 with these wages and comparison value, judged against {@code line}. */
    void homeCheck(long h, String village, LocalDate on, String wages, String value, String line) {
        jdbc.sql("""
                insert into home_check (household_id, village_code, visited_on, findings, wages, business, property,
                  transfers, production_costs, eligible_out_of_pocket, household_size, per_capita, comparison_value,
                  income_line, housing_unsafe, child_out_of_school, water_unsafe, member_uninsured, rigid_costs_resolved,
                  actor_id, actor_name, recorded_at)
                values (:h, :v, :on, '收入核查', :w, 0, 0, 0, 0, 0, 1, :c, :c, :l, false, false, false, false, true,
                  't', '测试', now())""")
                .param("h", h).param("v", village).param("on", on).param("w", new BigDecimal(wages))
                .param("c", new BigDecimal(value)).param("l", new BigDecimal(line)).update();
    }

    @Test
    void theNationalChecksAreListedWithALinkToTheHousehold() throws Exception {
        String village = emptyVillage();
        LocalDate today = LocalDate.now(clock);
        YearMonth now = YearMonth.from(today);
        // eliminated through assistance this month at 8,000 a head against the 8,700 it was judged by; no measure
        long below = monitored(village, "质消甲", today.minusMonths(4), "ILLNESS");
        homeCheck(below, village, today.minusDays(3), "5000", "8000", "8700");
        eliminate(below, "ASSISTANCE", now);
        // identified and eliminated (naturally) in the same month
        long soon = monitored(village, "质消乙", now.atDay(1), "ACCIDENT");
        eliminate(soon, "NATURAL", now);
        // eliminated too soon as well, but thirteen months ago: no longer checked
        long old = monitored(village, "质消丙", now.minusMonths(13).atDay(1), "ACCIDENT");
        eliminate(old, "NATURAL", now.minusMonths(13));
        // monitored: lack of labour although the head can work (ORDINARY), and 50 yuan of wages in its latest check
        long labour = monitored(village, "质监丁", today.minusDays(10), "LACK_OF_LABOUR");
        homeCheck(labour, village, today.minusDays(2), "50", "9000", "8700");

        RequestPostProcessor county = CaseworkListsWebTest.as(Role.COUNTY_ANALYST, "220322000000");
        String page = mvc.perform(get("/quality").param("area", village).param("size", "100").with(county))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("/monitored/" + below, "/monitored/" + soon, "/monitored/" + labour)
                .doesNotContain("/monitored/" + old + "\"")
                .contains("帮扶消除风险,但人均纯收入低于监测标准", "帮扶消除风险,但无已完成的开发式帮扶措施",
                        "因病风险已消除,但无健康帮扶、社会帮扶或综合保障措施", "识别纳入当月或次月即消除风险",
                        "风险类型为因缺劳动力,但有成员有劳动能力", "工资性收入大于0元但不足100元")
                .contains("共 6 条，涉及 3 户");
        String one = mvc.perform(get("/quality").param("area", village).param("rule", "ELIMINATED_BELOW_LINE").with(county))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(one).contains("/monitored/" + below, "共 1 条").doesNotContain("/monitored/" + soon + "\"");

        // the household's own page shows its findings too
        String own = mvc.perform(get("/monitored/" + labour).with(county)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(own).contains("工资性收入大于0元但不足100元", "风险类型为因缺劳动力,但有成员有劳动能力");
    }
}
