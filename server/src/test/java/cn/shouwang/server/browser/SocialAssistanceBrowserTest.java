package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.household.RegistryFixtures;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 社会救助 on a phone (375 px): a county analyst opens a household, records its 低保 layer and an orphan allowance paid
 * quarterly, sees the next payment of 3,750 yuan, generates the quarter's payment list and marks the payment paid —
 * without sideways scrolling on any of these pages.
 */
class SocialAssistanceBrowserTest extends BrowserTestSupport {
    @Autowired RegistryFixtures registry;

    void fits(String what) {
        Number width = (Number) browser.executeScript("return window.innerWidth");
        Number page = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(page.intValue()).as(what + " does not scroll sideways at 375 px").isLessThanOrEqualTo(width.intValue());
    }

    @Test
    void aCountyRecordsALayerAndAQuarterlyGrantAndPaysItOnAPhone() {
        String village = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220322%' and code not like '220322103%' order by code offset 11 limit 1""")
                .query(String.class).single();
        long h = registry.household(village).head("冯季度").member("冯小孤", "CHILD", "NONE", null).insert();
        LocalDate today = LocalDate.now(clock);
        YearMonth quarterEnd = YearMonth.from(today).plusMonths((3 - today.getMonthValue() % 3) % 3);

        browser.manage().window().setSize(new Dimension(375, 812));
        signIn("county", ServerTest.DEMO_PASSWORD);
        browser.get(url("/social-assistance"));
        fits("the list");
        browser.get(url("/social-assistance/households/" + h));
        fits("the household");

        new Select(browser.findElement(By.id("layer-layer"))).selectByValue("MINIMUM_LIVING");
        new Select(browser.findElement(By.id("layer-source"))).selectByValue("CIVIL_AFFAIRS");
        submit(browser.findElement(By.cssSelector("#layer-form button[type=submit]")));
        assertThat(browser.findElement(By.id("sa-layers")).getText()).contains("低保", "民政部门名单");

        new Select(browser.findElement(By.id("grant-member"))).selectByVisibleText("冯小孤");
        new Select(browser.findElement(By.id("grant-kind"))).selectByValue("ORPHAN_ALLOWANCE");
        type(By.id("grant-amount"), "1250");
        new Select(browser.findElement(By.id("grant-frequency"))).selectByValue("QUARTERLY");
        setValue(By.id("grant-start"), quarterEnd.minusMonths(2).atDay(1).toString());
        type(By.id("grant-bank"), "6217000099998888777");
        submit(browser.findElement(By.cssSelector("#grant-form button[type=submit]")));
        String grants = browser.findElement(By.id("sa-grants")).getText();
        assertThat(grants).contains("孤儿基本生活费", "冯小孤", "1250.00 元/月", quarterEnd + " 发放 3750.00 元");
        assertThat(browser.getPageSource()).doesNotContain("6217000099998888777");
        fits("the household with its grant");
        screenshot("phone-social-assistance-household");

        browser.get(url("/social-assistance/payments?period=" + quarterEnd));
        submit(browser.findElement(By.id("generate")));
        long payment = jdbc.sql("select p.id from assistance_payment p join assistance_grant g on g.id = p.grant_id "
                + "where g.household_id = :h").param("h", h).query(Long.class).single();
        browser.findElement(By.id("pay-" + payment)).click();
        setValue(By.id("paidOn"), today.toString());
        fits("the payment list");
        submit(browser.findElement(By.id("mark-paid")));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("已标记 1 条为已发放");
        assertThat(jdbc.sql("select count(*) from household_income_credit where household_id = :h and source = 'SOCIAL_ASSISTANCE'")
                .param("h", h).query(Integer.class).single()).isEqualTo(1);
        screenshot("phone-social-assistance-payments");
        assertNoConsoleErrors();
    }
}
