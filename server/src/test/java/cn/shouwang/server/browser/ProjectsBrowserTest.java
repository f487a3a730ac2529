package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.household.RegistryFixtures;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The main path of 项目资产 on a phone (375 px) as the county analyst: create a project with its budget, record a
 * month's spending and see the share, link a household, add the asset the project built, record the household's
 * dividend paid short, and find the dividend on the household's page — without sideways scrolling or console errors;
 * the chart of the per-area figures shows the table's figures.
 */
class ProjectsBrowserTest extends BrowserTestSupport {
    @Autowired RegistryFixtures registry;

    private void fitsThePhone(String what) {
        Long width = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
        assertThat(width).as(what + ": no sideways scrolling").isLessThanOrEqualTo(375L);
    }

    @Test
    void aCountyAnalystRunsAProjectToTheHouseholdsDividend() {
        String village = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220322%' and code <> '220322103205'
                 order by (code like '220322103%') desc, code offset 7 limit 1""")
                .query(String.class).single();
        long h = registry.household(village).head("褚分红").insert();
        String householdNo = registry.householdNo(h);
        LocalDate today = LocalDate.now(clock);

        signIn("county", ServerTest.DEMO_PASSWORD);
        browser.manage().window().setSize(new Dimension(375, 800));
        browser.get(url("/projects"));
        assertThat(waitFor(By.tagName("h1")).getText()).isEqualTo("衔接资金项目");
        fitsThePhone("projects");

        submit(browser.findElement(By.id("new-project")));
        type(By.id("name"), "褚家光伏扶贫项目");
        new Select(browser.findElement(By.id("type"))).selectByValue("INDUSTRY");
        new Select(browser.findElement(By.id("areaCode"))).selectByValue(village);
        type(By.id("central"), "80000");
        type(By.id("county"), "20000");
        fitsThePhone("project form");
        screenshot("projects-form-375");
        submit(browser.findElement(By.id("save")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("褚家光伏扶贫项目");
        assertThat(browser.findElement(By.id("budget")).getText()).isEqualTo("100,000.00");
        assertThat(browser.findElement(By.id("share")).getText()).isEqualTo("0.00%");

        type(By.id("month"), YearMonth.from(today).toString());
        type(By.id("amount"), "85650");
        submit(browser.findElement(By.id("record-spending")));
        assertThat(browser.findElement(By.id("share")).getText()).isEqualTo("85.65%");
        assertThat(browser.findElement(By.id("spending-list")).getText()).contains("85,650.00");

        type(By.id("householdNo"), householdNo);
        submit(browser.findElement(By.id("link-household")));
        assertThat(browser.findElement(By.id("linked")).getText()).contains("褚分红");
        fitsThePhone("project page");
        screenshot("projects-detail-375");

        submit(browser.findElement(By.id("new-asset")));
        type(By.id("name"), "褚家屯光伏电站");
        new Select(browser.findElement(By.id("kind"))).selectByValue("OPERATING");
        new Select(browser.findElement(By.id("ownerType"))).selectByValue("VILLAGE_COLLECTIVE");
        new Select(browser.findElement(By.id("areaCode"))).selectByValue(village);
        type(By.id("value"), "85650");
        type(By.id("yearlyIncome"), "9000");
        type(By.id("managedBy"), "金阳光伏发电专业合作社");
        submit(browser.findElement(By.id("save")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("褚家屯光伏电站");

        new Select(browser.findElement(By.id("householdId"))).selectByVisibleText("褚分红 · " + householdNo);
        type(By.id("period"), String.valueOf(today.getYear()));
        type(By.id("due"), "600");
        type(By.id("paid"), "400");
        setValue(By.id("paidOn"), today.toString());
        fitsThePhone("asset page");
        submit(browser.findElement(By.id("record-dividend")));
        String dividends = browser.findElement(By.id("dividend-list")).getText();
        assertThat(dividends).contains("褚分红", "600.00", "400.00", "200.00");
        fitsThePhone("asset page with its dividend");
        screenshot("projects-asset-375");

        // on the household's page: the dividend in the year's income, by its source's name
        browser.findElement(By.linkText("褚分红 · " + householdNo)).click();
        waitFor(By.tagName("h1"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("资产分红", "400.00");
        screenshot("projects-household-375");

        // the figures per area: the chart draws the table's figures
        browser.get(url("/projects"));
        waitFor(By.tagName("h1"));
        List<?> budget = seriesData("chart-projects-by-area", 0);
        assertThat(budget).hasSize(browser.findElements(By.cssSelector("#project-figures tbody tr")).size());
        fitsThePhone("projects with chart");
        screenshot("projects-list-375");
        assertNoConsoleErrors();
    }
}
