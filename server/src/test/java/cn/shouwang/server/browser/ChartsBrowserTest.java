package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.household.RegistryFixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Apache ECharts charts: drawn by the static charts.js under the page's Content-Security-Policy (a refused
 * script or style shows up as a console error), showing the same figures as the table beside them, and the 1 MB
 * library loaded only where a chart is.
 */
class ChartsBrowserTest extends BrowserTestSupport {
    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;
    @Autowired Clock clock;

    @Test
    void theCountyWorkbenchDrawsItsTablesAsChartsAndPagesWithoutChartsDoNotLoadEcharts() {
        signIn("county", ServerTest.DEMO_PASSWORD);
        waitFor(By.cssSelector(".figures"));
        assertThat(browser.findElements(By.cssSelector("#leads-by-area tbody tr"))).as("the demo county has leads").isNotEmpty();

        List<?> open = seriesData("chart-leads-by-area", 0);
        List<?> overdue = seriesData("chart-leads-by-area", 1);
        assertThat(open).isEqualTo(column("leads-by-area", 1));
        assertThat(overdue).isEqualTo(column("leads-by-area", 2));
        assertThat(chartNames("chart-leads-by-area")).isEqualTo(texts("leads-by-area", 0));
        assertThat(browser.executeScript("return echarts.getInstanceByDom(document.getElementById('chart-leads-by-area'))"
                + ".getOption().series.map(function (s) { return s.name; })")).isEqualTo(List.of("未办结线索", "其中超期"));
        assertThat(browser.findElements(By.cssSelector("#chart-leads-by-area canvas"))).isNotEmpty();

        assertThat(browser.findElements(By.cssSelector("#by-category tbody tr"))).as("the demo county has monitored households").isNotEmpty();
        List<?> pie = (List<?>) browser.executeScript("return echarts.getInstanceByDom(document.getElementById('chart-by-category'))"
                + ".getOption().series[0].data.map(function (d) { return d.value; })");
        assertThat(pie).isEqualTo(column("by-category", 1));
        // hovering a bar shows its tooltip without breaking the CSP (the HTML tooltip would write style attributes)
        WebElement bars = browser.findElement(By.id("chart-leads-by-area"));
        new Actions(browser).scrollToElement(bars).moveToElement(bars).pause(Duration.ofMillis(300)).perform();
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(b -> Boolean.TRUE.equals(browser.executeScript(
                "var c = echarts.getInstanceByDom(document.getElementById('chart-leads-by-area'));"
                        + "c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0}); return true")));
        browser.executeScript("document.getElementById('chart-by-category').scrollIntoView()");
        screenshot("workbench-charts");
        assertNoConsoleErrors();

        // a phone: the chart follows the window and nothing scrolls sideways
        browser.manage().window().setSize(new Dimension(375, 812));
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(b -> ((Number) browser.executeScript(
                "return echarts.getInstanceByDom(document.getElementById('chart-leads-by-area')).getWidth()")).intValue() < 375);
        Number width = (Number) browser.executeScript("return window.innerWidth");
        Number page = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(page.intValue()).isLessThanOrEqualTo(width.intValue());
        browser.executeScript("document.getElementById('chart-leads-by-area').scrollIntoView()");
        screenshot("phone-workbench-charts");

        // the data-quality findings per township: the demo county has none, so one household gets one
        disasterWithoutSubtype("220322103205"); // 团山子村, 孤家子镇
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(url("/quality"));
        waitFor(By.tagName("h1"));
        assertThat(browser.findElements(By.cssSelector("#dq-areas tbody tr"))).as("the demo county has findings").isNotEmpty();
        assertThat(seriesData("chart-dq-areas", 0)).isEqualTo(column("dq-areas", 1));
        assertThat(chartNames("chart-dq-areas")).isEqualTo(texts("dq-areas", 0));
        screenshot("quality-chart");
        assertNoConsoleErrors();

        // a page without charts does not fetch the library
        browser.get(url("/leads"));
        waitFor(By.tagName("h1"));
        assertThat(browser.executeScript("return typeof echarts")).isEqualTo("undefined");
        assertThat(browser.findElements(By.cssSelector("script[src*='echarts']"))).isEmpty();
        assertNoConsoleErrors();
    }

    /** A one-member household monitored since today for a natural disaster without its sub-type (a finding). */
    private void disasterWithoutSubtype(String village) {
        long h = registry.household(village).number("CHART1").group("二组").head("图表").idNumber("220322193107179178").insert();
        casework.monitored(h, village, "图表").risks("NATURAL_DISASTER").since(LocalDate.now(clock)).insert();
    }
}
