package cn.shouwang.server.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.HouseholdIncomeApi.IncomeCredit;
import cn.shouwang.server.household.HouseholdIncomeApi.Item;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Payments from the registers beside the core reach the household's income (household V16): added to the year's item,
 * once per source and reference, reversible by a negative line, refused outside the caller's area, on the household
 * page and in its history.
 */
class IncomeCreditWebTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired HouseholdIncomeApi incomes;

    String village;
    String otherVillage;
    int year;

    @BeforeEach
    void villages() {
        List<String> vs = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' order by code offset 4 limit 2""").query(String.class).list();
        village = vs.get(0);
        otherVillage = vs.get(1);
        year = LocalDate.now(clock).getYear();
    }

    BigDecimal item(long h, String column) {
        return jdbc.sql("select " + column + " from household_income where household_id = :h and year = :y")
                .param("h", h).param("y", year).query(BigDecimal.class).optional().orElse(null);
    }

    @Test
    void aPaymentIsAddedOnceToItsItemAndAReversalTakesItBack() {
        long h = registry.household(village).head("孙赔付").insert();
        AreaScope county = new AreaScope(village.substring(0, 6) + "000000");
        int v0 = jdbc.sql("select version from household where id = :h").param("h", h).query(Integer.class).single();

        assertThat(incomes.credit(new IncomeCredit(h, year, Item.TRANSFERS, new BigDecimal("3000.50"),
                "TEST_PAYOUT", "claim-1", "赔案 1"), county)).isTrue();
        // a retried call (same source and reference) adds nothing
        assertThat(incomes.credit(new IncomeCredit(h, year, Item.TRANSFERS, new BigDecimal("3000.50"),
                "TEST_PAYOUT", "claim-1", "赔案 1"), county)).isFalse();
        assertThat(incomes.credit(new IncomeCredit(h, year, Item.WAGES, new BigDecimal("1200"),
                "TEST_WAGES", "job-1", ""), county)).isTrue();
        assertThat(item(h, "transfers")).isEqualByComparingTo("3000.50");
        assertThat(item(h, "wages")).isEqualByComparingTo("1200");
        assertThat(item(h, "business")).isEqualByComparingTo("0");
        // the household's version moved on: a form opened before must be reloaded
        assertThat(jdbc.sql("select version from household where id = :h").param("h", h).query(Integer.class).single())
                .isEqualTo(v0 + 2);
        // the per-capita figure counts it (one active member)
        assertThat(jdbc.sql("select count(*) from household_per_capita where household_id = :h and year = :y")
                .param("h", h).param("y", year).query(Integer.class).single()).isEqualTo(1);

        assertThat(incomes.credit(new IncomeCredit(h, year, Item.TRANSFERS, new BigDecimal("-500.50"),
                "TEST_PAYOUT", "claim-1-reversal", ""), county)).isTrue();
        assertThat(item(h, "transfers")).isEqualByComparingTo("2500.00");
        // never below zero: the whole call is refused and nothing is written
        assertThatThrownBy(() -> incomes.credit(new IncomeCredit(h, year, Item.TRANSFERS, new BigDecimal("-9999"),
                "TEST_PAYOUT", "claim-1-too-much", ""), county)).isInstanceOf(IllegalArgumentException.class);
        assertThat(item(h, "transfers")).isEqualByComparingTo("2500.00");
        assertThat(incomes.credits(h)).hasSize(3);
        assertThat(jdbc.sql("select count(*) from audit_event where household_id = :h and action = 'INCOME_CREDIT'")
                .param("h", h).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void aHouseholdOutsideTheCallersAreaIsRefused() {
        long h = registry.household(otherVillage).head("周外村").insert();
        assertThatThrownBy(() -> incomes.credit(new IncomeCredit(h, year, Item.TRANSFERS, BigDecimal.TEN,
                "TEST_PAYOUT", "claim-x", ""), new AreaScope(village))).isInstanceOf(IllegalArgumentException.class);
        assertThat(item(h, "transfers")).isNull();
        assertThat(jdbc.sql("select count(*) from household_income_credit where household_id = :h").param("h", h)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void theHouseholdPageListsWhatCameFromElsewhereInItsHistoryToo() throws Exception {
        long h = registry.household(village).head("吴分红").insert();
        incomes.credit(new IncomeCredit(h, year, Item.PROPERTY, new BigDecimal("860"), "TEST_DIVIDEND", "d-1",
                "光伏电站分红"), new AreaScope(village));
        CurrentUser monitor = new CurrentUser(1L, "village", "村监测员", Role.VILLAGE_MONITOR, new AreaScope(village));
        String page = mvc.perform(get("/households/" + h).locale(java.util.Locale.SIMPLIFIED_CHINESE)
                        .with(user(new AccountPrincipal(monitor, "{noop}x", false, true))))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("其中来自其他业务", "财产性收入", "860.00", "光伏电站分红", "收入计入(来自其他业务)");
    }
}
