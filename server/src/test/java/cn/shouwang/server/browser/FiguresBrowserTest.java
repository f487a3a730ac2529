package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.household.RegistryFixtures;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 统计调度 as the city analyst: clicks the ECharts bars down from the city to a county, a township and a village, on
 * to the village's monitored households, then switches to a past month and sees its frozen figure after a later edit;
 * and the page at 375 px without sideways scrolling.
 */
class FiguresBrowserTest extends BrowserTestSupport {
    static final String COUNTY = "220322000000";
    static final String TOWNSHIP = "220322103000";
    static final String VILLAGE = "220322103205";

    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;

    /**
     * Clicks the row {@code code} of a drawn bar chart as a person would: on its bar when it has one, else on its name
     * along the axis; waits for the next page.
     */
    void clickArea(String chartId, String tableId, String code) {
        seriesData(chartId, 0);
        List<WebElement> rows = browser.findElements(By.cssSelector("#" + tableId + " tbody tr"));
        int index = -1;
        for (int i = 0; i < rows.size(); i++) if (code.equals(rows.get(i).getAttribute("data-code"))) index = i;
        assertThat(index).as(code + " in " + tableId).isNotNegative();
        WebElement chart = browser.findElement(By.id(chartId));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
        List<?> xy = (List<?>) browser.executeScript("""
                var c = echarts.getInstanceByDom(arguments[0]); var i = arguments[1];
                var v = c.getOption().series[0].data[i];
                if (v > 0) return c.convertToPixel({seriesIndex: 0}, [v / 2, i]);
                var y = c.convertToPixel({yAxisIndex: 0}, i); var x0 = c.convertToPixel({xAxisIndex: 0}, 0);
                return [x0 - 14, y];""", chart, index);
        int x = ((Number) xy.get(0)).intValue();
        int y = ((Number) xy.get(1)).intValue();
        browser.executeScript("document.documentElement.setAttribute('data-left-behind', '')");
        new Actions(browser).moveToElement(chart, x - chart.getSize().getWidth() / 2, y - chart.getSize().getHeight() / 2)
                .click().perform();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(b -> Boolean.FALSE.equals(browser.executeScript(
                "return document.readyState !== 'loading' && document.documentElement.hasAttribute('data-left-behind')"))
                && !browser.findElements(By.tagName("h1")).isEmpty());
        assertThat(browser.getCurrentUrl()).contains("area=" + code);
    }

    String kpi() {
        return waitFor(By.id("kpi-monitored-households")).getText();
    }

    @Test
    void theCityAnalystClicksDownToTheHouseholdsAndBackToAFrozenMonth() {
        LocalDate today = LocalDate.now(clock);
        // a monitored household of the demo village, so that its bars have something to show
        long h = registry.household(VILLAGE).group("三组").head("调度甲").insert();
        casework.monitored(h, VILLAGE, "调度甲").category("SUDDEN_HARDSHIP").risks("ACCIDENT").insert();

        signIn("city", DEMO_PASSWORD);
        browser.get(url("/reports"));
        waitFor(By.id("kpis"));
        assertThat(browser.findElement(By.id("figures-heading")).getText()).contains("四平市").contains("实时");
        assertThat(seriesData("chart-areas", 0)).isEqualTo(column("areas", 1));
        assertNoConsoleErrors();

        clickArea("chart-areas", "areas", COUNTY);
        assertThat(browser.findElement(By.id("figures-heading")).getText()).contains("梨树县");
        clickArea("chart-areas", "areas", TOWNSHIP);
        assertThat(browser.findElement(By.id("figures-heading")).getText()).contains("孤家子镇");
        clickArea("chart-areas", "areas", VILLAGE);
        assertThat(browser.findElement(By.id("figures-heading")).getText()).contains("团山子村");
        long live = Long.parseLong(kpi());
        assertThat(live).isPositive();
        screenshot("figures-village");

        // on to the households behind the figure
        browser.executeScript("document.documentElement.setAttribute('data-left-behind', '')");
        submit(browser.findElement(By.cssSelector("#village-list a")));
        waitFor(By.id("figure-filter"));
        assertThat(browser.findElement(By.cssSelector("table.data tbody")).getText()).contains("调度甲");

        // last month's snapshot (the demo reconstructed twelve): a household identified back then and entered only
        // now leaves the frozen figure alone, while the live figure counts it
        YearMonth last = YearMonth.from(today).minusMonths(1);
        browser.get(url("/reports?area=" + VILLAGE));
        waitFor(By.id("month-form"));
        new Select(browser.findElement(By.id("month"))).selectByValue(last.toString());
        submit(browser.findElement(By.cssSelector("#month-form button[type=submit]")));
        waitFor(By.id("frozen-note"));
        String frozen = kpi();
        long late = registry.household(VILLAGE).group("三组").head("补录乙").insert();
        casework.monitored(late, VILLAGE, "补录乙").since(last.atDay(2)).insert();
        browser.navigate().refresh();
        waitFor(By.id("frozen-note"));
        assertThat(kpi()).isEqualTo(frozen);
        browser.get(url("/reports?area=" + VILLAGE));
        assertThat(Long.parseLong(kpi())).isEqualTo(live + 1);
        assertNoConsoleErrors();

        // a phone: the tables go under the charts, nothing scrolls sideways
        browser.manage().window().setSize(new Dimension(375, 812));
        browser.get(url("/reports?area=" + COUNTY));
        waitFor(By.id("kpis"));
        seriesData("chart-areas", 0);
        Number width = (Number) browser.executeScript("return window.innerWidth");
        Number page = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(page.intValue()).isLessThanOrEqualTo(width.intValue());
        screenshot("phone-figures");

        // the large screen
        browser.manage().window().setSize(new Dimension(1366, 900));
        browser.get(url("/reports/screen"));
        waitFor(By.id("screen-monitored-households"));
        seriesData("screen-areas", 0);
        screenshot("figures-screen");
        assertNoConsoleErrors();
    }
}
