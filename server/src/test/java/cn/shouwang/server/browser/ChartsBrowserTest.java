package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Apache ECharts charts: drawn by the static charts.js under the page's Content-Security-Policy (a refused
 * script or style shows up as a console error), showing the same figures as the table beside them, and the 1 MB
 * library loaded only where a chart is.
 */
class ChartsBrowserTest extends BrowserTestSupport {

    @Test
    void theCountyWorkbenchDrawsItsTablesAsChartsAndPagesWithoutChartsDoNotLoadEcharts() {
        signIn("county", ServerTest.DEMO_PASSWORD);
        waitFor(By.cssSelector(".figures"));
        assertThat(browser.findElements(By.cssSelector("#leads-by-area tbody tr"))).as("the demo county has leads").isNotEmpty();

        List<?> open = seriesData("chart-leads-by-area", 0);
        List<?> overdue = seriesData("chart-leads-by-area", 1);
        assertThat(open).isEqualTo(column("leads-by-area", 1));
        assertThat(overdue).isEqualTo(column("leads-by-area", 2));
        assertThat(browser.executeScript("return echarts.getInstanceByDom(document.getElementById('chart-leads-by-area'))"
                + ".getOption().yAxis[0].data")).isEqualTo(texts("leads-by-area", 0));
        assertThat(browser.executeScript("return echarts.getInstanceByDom(document.getElementById('chart-leads-by-area'))"
                + ".getOption().series.map(function (s) { return s.name; })")).isEqualTo(List.of("未办结线索", "其中超期"));
        assertThat(browser.findElements(By.cssSelector("#chart-leads-by-area canvas"))).isNotEmpty();

        assertThat(browser.findElements(By.cssSelector("#by-category tbody tr"))).as("the demo county has monitored households").isNotEmpty();
        List<?> pie = (List<?>) browser.executeScript("return echarts.getInstanceByDom(document.getElementById('chart-by-category'))"
                + ".getOption().series[0].data.map(function (d) { return d.value; })");
        assertThat(pie).isEqualTo(column("by-category", 1));
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

        // a page without charts does not fetch the library
        browser.get(url("/leads"));
        waitFor(By.tagName("h1"));
        assertThat(browser.executeScript("return typeof echarts")).isEqualTo("undefined");
        assertThat(browser.findElements(By.cssSelector("script[src*='echarts']"))).isEmpty();
        assertNoConsoleErrors();
    }

    private List<?> seriesData(String chartId, int series) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> Boolean.TRUE.equals(browser.executeScript(
                "return typeof echarts !== 'undefined' && !!echarts.getInstanceByDom(document.getElementById(arguments[0]))", chartId)));
        return (List<?>) browser.executeScript("return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".getOption().series[arguments[1]].data", chartId, series);
    }

    private List<String> texts(String tableId, int column) {
        List<String> texts = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#" + tableId + " tbody tr"))) {
            texts.add(row.findElements(By.tagName("td")).get(column).getText());
        }
        return texts;
    }

    /** A column of the table as the numbers the browser's script returns (whole numbers come back as Long). */
    private List<Long> column(String tableId, int column) {
        return texts(tableId, column).stream().map(Long::valueOf).toList();
    }
}
