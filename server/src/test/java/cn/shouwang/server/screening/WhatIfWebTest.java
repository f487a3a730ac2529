package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 标准测算: the what-if's figures per village (households, persons and cost below today's line, below the proposed
 * one, and newly below) against the same figures computed here in Java from the registry rows the comparison reads
 * (households, ACTIVE members, incomes of the year) — including a household exactly at a line (not below), one
 * without an ACTIVE member (left out), and after writes the per-capita table has to follow (a member's status, an
 * income corrected). In 双辽市 (220382) and the income year 2045, which no other test uses.
 */
class WhatIfWebTest extends ServerTest {
    static final String COUNTY = "220382000000";
    static final int YEAR = 2045;

    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;
    @Autowired AreaApi areas;
    @Autowired HouseholdApi households;
    @Autowired TransactionTemplate tx;

    /** The figures of one village, computed in Java from the comparison's registry rows. */
    record Expected(long hToday, long pToday, BigDecimal gToday, long hProposed, long pProposed, BigDecimal gProposed,
                    long hNewly, long pNewly, BigDecimal gNewly) {}

    Map<String, Expected> direct(BigDecimal today, BigDecimal proposed) {
        Map<Long, String> village = new HashMap<>();
        Map<Long, Integer> active = new HashMap<>();
        Map<Long, BigDecimal> total = new HashMap<>();
        tx.executeWithoutResult(s -> households.streamForScreening(new AreaScope(COUNTY), new HouseholdApi.ScreeningRows() {
            @Override public void household(long id, String no, String villageCode, @Nullable String head, boolean poor) {
                village.put(id, villageCode);
            }

            @Override public void member(long id, String idNumber, String relation, String labour, String status) {
                if (status.equals("ACTIVE")) active.merge(id, 1, Integer::sum);
            }

            @Override public void income(long id, int year, BigDecimal wages, BigDecimal business, BigDecimal property,
                                         BigDecimal transfers, BigDecimal costs, BigDecimal oop) {
                if (year == YEAR) total.put(id, wages.add(business).add(property).add(transfers).subtract(costs).subtract(oop));
            }
        }));
        Map<String, Expected> out = new TreeMap<>();
        total.forEach((id, t) -> {
            int n = active.getOrDefault(id, 0);
            if (n == 0) return;
            // below a line: total < line × members, exactly (feeds.md's INCOME_BELOW_LINE)
            boolean bt = t.compareTo(today.multiply(BigDecimal.valueOf(n))) < 0;
            boolean bp = t.compareTo(proposed.multiply(BigDecimal.valueOf(n))) < 0;
            BigDecimal gt = today.multiply(BigDecimal.valueOf(n)).subtract(t);
            BigDecimal gp = proposed.multiply(BigDecimal.valueOf(n)).subtract(t);
            Expected e = out.getOrDefault(village.get(id), new Expected(0, 0, BigDecimal.ZERO, 0, 0, BigDecimal.ZERO, 0, 0,
                    BigDecimal.ZERO));
            out.put(village.get(id), new Expected(e.hToday() + (bt ? 1 : 0), e.pToday() + (bt ? n : 0),
                    bt ? e.gToday().add(gt) : e.gToday(), e.hProposed() + (bp ? 1 : 0), e.pProposed() + (bp ? n : 0),
                    bp ? e.gProposed().add(gp) : e.gProposed(), e.hNewly() + (bp && !bt ? 1 : 0),
                    e.pNewly() + (bp && !bt ? n : 0), bp && !bt ? e.gNewly().add(gp) : e.gNewly()));
        });
        out.values().removeIf(e -> e.hToday() == 0 && e.hProposed() == 0);
        return out;
    }

    Map<String, Expected> whatIf(BigDecimal today, BigDecimal proposed) {
        Map<String, Expected> out = new TreeMap<>();
        for (HouseholdApi.BelowLine b : households.belowLine(new AreaScope(COUNTY), YEAR, Map.of("220382", today), proposed)) {
            if (b.householdsToday() == 0 && b.householdsProposed() == 0) continue;
            out.put(b.villageCode(), new Expected(b.householdsToday(), b.personsToday(), b.gapToday().stripTrailingZeros(),
                    b.householdsProposed(), b.personsProposed(), b.gapProposed().stripTrailingZeros(), b.householdsNewly(),
                    b.personsNewly(), b.gapNewly().stripTrailingZeros()));
        }
        return out;
    }

    static Map<String, Expected> stripped(Map<String, Expected> m) {
        Map<String, Expected> out = new TreeMap<>();
        m.forEach((k, e) -> out.put(k, new Expected(e.hToday(), e.pToday(), e.gToday().stripTrailingZeros(), e.hProposed(),
                e.pProposed(), e.gProposed().stripTrailingZeros(), e.hNewly(), e.pNewly(), e.gNewly().stripTrailingZeros())));
        return out;
    }

    long household(String village, int members, String wages, String oop) {
        var b = registry.household(village);
        for (int i = 1; i < members; i++) b.member("成员" + i, "CHILD", "ORDINARY", null);
        long h = b.insert();
        registry.income(h, YEAR).wages(wages).eligibleOutOfPocket(oop).insert();
        return h;
    }

    /** A year imported with only 人均纯收入 (no items) counts with that figure, not as zero income below every line. */
    @Test
    void aYearImportedWithOnlyItsPerCapitaFigureCountsWithThatFigure() throws Exception {
        String v = areas.villages("220382", 1).get(0).code();
        long h = registry.household(v).member("成员1", "CHILD", "ORDINARY", null).insert();
        jdbc.sql("""
                insert into household_income (household_id, year, wages, business, property, transfers, production_costs,
                                              eligible_out_of_pocket, recorded_at, per_capita, itemised)
                values (:h, :y, 0, 0, 0, 0, 0, 0, now(), 6500.00, false)""").param("h", h).param("y", YEAR).update();
        try {
            BigDecimal today = new BigDecimal("6000"), proposed = new BigDecimal("7000");
            List<HouseholdApi.NewlyBelow> listed = new ArrayList<>();
            tx.executeWithoutResult(s -> households.newlyBelow(new AreaScope(COUNTY), YEAR, Map.of("220382", today),
                    proposed, 100_000, listed::add));
            HouseholdApi.NewlyBelow mine = listed.stream().filter(x -> x.householdId() == h).findFirst().orElseThrow();
            assertThat(mine.perCapita()).isEqualByComparingTo("6500.00");
            assertThat(mine.gap()).isEqualByComparingTo("1000.00"); // (7,000 − 6,500) × 2 members
        } finally {
            // the other test compares the county's what-if with the comparison's own reading, which has no such years
            jdbc.sql("delete from household_income where household_id = :h").param("h", h).update();
        }
    }

    @Test
    void theWhatIfCountsWhatADirectCountOverTheSameRowsCountsAndFollowsWrites() throws Exception {
        List<String> villages = areas.villages("220382", 2).stream().map(a -> a.code()).toList();
        assertThat(villages).hasSize(2);
        String v1 = villages.get(0), v2 = villages.get(1);
        casework.incomeLine(COUNTY, YEAR, 6000);
        long poor = household(v1, 1, "5000", "0");              // below both lines
        long newly = household(v1, 2, "13000", "0");            // 6,500 a head: newly below 7,000
        household(v1, 3, "21000", "0");                         // exactly 7,000: not below
        long atToday = household(v2, 1, "6000", "0");           // exactly today's 6,000: newly below 7,000 only
        household(v2, 2, "20000", "8000");                      // (20,000 − 8,000) ÷ 2 = 6,000: newly
        long cents = household(v2, 3, "20000.01", "0");         // 6,666.67 a head: newly, gap 999.99
        long gone = household(v2, 1, "1000", "0");
        registry.memberStatus(gone, "DECEASED");                // no ACTIVE member: left out

        BigDecimal today = new BigDecimal("6000"), proposed = new BigDecimal("7000");
        Map<String, Expected> expected = stripped(direct(today, proposed));
        assertThat(whatIf(today, proposed)).isEqualTo(expected);
        Expected e1 = expected.get(v1), e2 = expected.get(v2);
        assertThat(e1.hToday()).isGreaterThanOrEqualTo(1);
        assertThat(e1.hNewly()).isGreaterThanOrEqualTo(1);
        assertThat(e2.hNewly()).isGreaterThanOrEqualTo(3);

        // the newly listed households: ours among them, the one at 7,000 and the poor one not
        List<HouseholdApi.NewlyBelow> listed = new ArrayList<>();
        tx.executeWithoutResult(s -> households.newlyBelow(new AreaScope(COUNTY), YEAR, Map.of("220382", today), proposed,
                1000, listed::add));
        List<Long> ids = listed.stream().map(HouseholdApi.NewlyBelow::householdId).toList();
        assertThat(ids).contains(newly, atToday, cents).doesNotContain(poor, gone);
        HouseholdApi.NewlyBelow c = listed.stream().filter(x -> x.householdId() == cents).findFirst().orElseThrow();
        assertThat(c.perCapita()).isEqualByComparingTo("6666.67");
        assertThat(c.gap()).isEqualByComparingTo("999.99");
        assertThat(listed).hasSize((int) expected.values().stream().mapToLong(Expected::hNewly).sum());

        // writes the per-capita values follow: a death, a corrected income
        registry.memberStatus(newly, "DECEASED");
        jdbc.sql("update household_income set wages = 30000 where household_id = :h and year = :y").param("h", cents)
                .param("y", YEAR).update();
        Map<String, Expected> after = stripped(direct(today, proposed));
        assertThat(after).isNotEqualTo(expected);
        assertThat(whatIf(today, proposed)).isEqualTo(after);

        // the page (a county analyst) and its export
        long newlyTotal = after.values().stream().mapToLong(Expected::hNewly).sum();
        long personsNewly = after.values().stream().mapToLong(Expected::pNewly).sum();
        var analyst = ScreeningWebTest.as(Role.COUNTY_ANALYST, COUNTY);
        String page = mvc.perform(get("/what-if").param("year", String.valueOf(YEAR)).param("line", "7000").with(analyst))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("按拟定标准，将新增 " + newlyTotal + " 户、" + personsNewly + " 人低于标准",
                "2045年收入适用的现行标准为每人每年 6,000.00 元", "whatif-places");
        byte[] xlsx = mvc.perform(get("/what-if/export").param("year", String.valueOf(YEAR)).param("line", "7000")
                .with(analyst)).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo((int) newlyTotal + 3); // 3 lines, header, one row per household
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'EXPORT' and detail = 'what-if 2045 line 7000.00'")
                .query(Long.class).single()).isEqualTo(1);

        // a city's analyst sees every county's line in force by name, and the same figures for this county's villages
        String city = mvc.perform(get("/what-if").param("year", String.valueOf(YEAR)).param("line", "7000")
                        .with(ScreeningWebTest.as(Role.CITY_ANALYST, "220300000000")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(city).contains("双辽市：2045年收入适用的现行标准为每人每年 6,000.00 元", "data-code=\"" + v2 + "\"");

        // a line that is not an amount is refused beside the field; a village monitor may not ask
        String bad = mvc.perform(get("/what-if").param("year", String.valueOf(YEAR)).param("line", "七千").with(analyst))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("请输入大于0的金额");
        mvc.perform(get("/what-if").with(ScreeningWebTest.as(Role.VILLAGE_MONITOR, v1))).andExpect(status().isForbidden());
    }
}
