package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.household.RegistryFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 拉网式摸排 on a phone (375 px) as the demo township staff of 孤家子镇: opening a sweep of 团山子村 with the form, its
 * progress page in cards, the village's not-yet list, a visit from it, and the progress filling by one household;
 * the worklist shows what the sweep still lacks. No sideways scrolling on any of these pages.
 */
class SweepsBrowserTest extends BrowserTestSupport {
    static final String VILLAGE = "220322103205";

    @Autowired RegistryFixtures registry;

    long scrollOver() {
        Number page = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number view = (Number) browser.executeScript("return window.innerWidth");
        return page.longValue() - view.longValue();
    }

    long cell(String css) {
        return Long.parseLong(browser.findElement(By.cssSelector(css)).getText().replaceAll("\\D", ""));
    }

    @Test
    void aSweepsProgressFillsAfterAVisitOnAPhone() {
        long fresh = registry.household(VILLAGE).head("孙摸排").insert();
        browser.manage().window().setSize(new Dimension(375, 800));
        signIn("township", ServerTest.DEMO_PASSWORD);

        browser.get(url("/visits/sweeps"));
        waitFor(By.id("open-sweep")).click();
        waitFor(By.id("name")).sendKeys("浏览器拉网式摸排");
        new Select(browser.findElement(By.id("areaCode"))).selectByValue(VILLAGE);
        assertThat(scrollOver()).as("the form at 375 px scrolls sideways").isLessThanOrEqualTo(0);
        screenshot("sweeps-open-375");
        submit(browser.findElement(By.cssSelector("form.sweep-form button[type=submit]")));
        waitFor(By.id("sweep-figures"));
        long sweepId = jdbc.sql("select id from field_sweep where name = '浏览器拉网式摸排'").query(Long.class).single();
        assertThat(browser.getCurrentUrl()).endsWith("/visits/sweeps/" + sweepId);
        String row = "#sweep-figures tr.village[data-village='" + VILLAGE + "'] ";
        long households = cell(row + "td:nth-child(2)");
        long visited = cell(row + "td.visited");
        long notYet = cell(row + "td.not-yet");
        assertThat(households).isEqualTo(jdbc.sql("select count(*) from field_sweep_household where sweep_id = :s")
                .param("s", sweepId).query(Long.class).single());
        assertThat(notYet).isPositive();
        assertThat(scrollOver()).as("the progress at 375 px scrolls sideways").isLessThanOrEqualTo(0);
        screenshot("sweep-progress-375");

        // the village's not-yet list, the fresh household in it, a visit from there
        browser.findElement(By.cssSelector(row + "td.not-yet a")).click();
        waitFor(By.id("pending"));
        browser.get(url("/visits/sweeps/" + sweepId + "/pending?village=" + VILLAGE + "&size=100"));
        WebElement go = waitFor(By.cssSelector("#pending tr[data-household='" + fresh + "'] a.button"));
        assertThat(scrollOver()).as("the not-yet list at 375 px scrolls sideways").isLessThanOrEqualTo(0);
        screenshot("sweep-pending-375");
        go.click();
        waitFor(By.id("visit-form"));
        submit(browser.findElement(By.id("save-visit")));
        waitForText(By.id("saved"), "走访记录已保存");

        browser.get(url("/visits/sweeps/" + sweepId));
        waitFor(By.id("sweep-figures"));
        assertThat(cell(row + "td.visited")).isEqualTo(visited + 1);
        assertThat(cell(row + "td.not-yet")).isEqualTo(notYet - 1);
        assertThat(browser.findElement(By.id("sweep-share")).getText()).contains("已走访 " + (visited + 1) + " / " + households);
        // the bar's dark part grew to the share visited at home (an SVG: inline styles are refused by the CSP)
        assertThat(Long.parseLong(browser.findElement(By.cssSelector(row + "svg.sweep-bar rect.home")).getAttribute("width")))
                .isEqualTo((visited + 1) * 100 / households);
        screenshot("sweep-progress-after-visit-375");
        browser.get(url("/visits/sweeps/" + sweepId + "/pending?village=" + VILLAGE + "&size=100"));
        waitFor(By.cssSelector("p.total"));
        assertThat(browser.findElements(By.cssSelector("#pending tr[data-household='" + fresh + "']"))).isEmpty();

        // the worklist of the village: the banner with what is left
        browser.get(url("/visits?area=" + VILLAGE));
        waitFor(By.id("worklist-tiles"));
        assertThat(browser.findElement(By.cssSelector(".sweep-banner[data-sweep='" + sweepId + "']")).getText())
                .contains("摸排中：浏览器拉网式摸排，还差 " + (notYet - 1) + " 户");
        assertThat(scrollOver()).isLessThanOrEqualTo(0);
        assertNoConsoleErrors();
    }
}
