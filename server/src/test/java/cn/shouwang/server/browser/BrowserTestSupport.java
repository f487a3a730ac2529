package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Browser tests share the one server of {@link ServerTest} and the one chromium of {@link Browser}. Tagged
 * {@code browser} ({@code @Tag} is inherited by every subclass): {@code -Dgroups=browser} runs only them,
 * {@code -DexcludedGroups=browser} everything else.
 */
@Tag("browser")
abstract class BrowserTestSupport extends ServerTest {
    protected ChromeDriver browser;

    @BeforeEach
    void freshBrowser() {
        browser = Browser.get();
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(url("/login"));
        browser.manage().deleteAllCookies(); // signed out, Chinese
        Browser.consoleErrors();             // forget earlier pages' messages
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected void signIn(String username, String password) {
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        // the first page after signing in, on a server just started and under CI's load, took over 10 s (the load
        // run's cold-server figure: p95 11.8 s): wait as long as a person would, not as long as a warm server takes
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".sidemenu")));
    }

    /** Signs the current person out (cookies gone) and {@code username} in. */
    protected void switchTo(String username) {
        browser.manage().deleteAllCookies();
        signIn(username, ServerTest.DEMO_PASSWORD);
    }

    /**
     * Clicks a submit button and waits until the next page has replaced this one (a form posts and the server
     * redirects); without the wait a check could still read the old page.
     */
    protected void submit(WebElement button) {
        // mark this document; the next page is a new document without the mark. (Waiting for the old <html> to go
        // stale raced with chromium 156, which answers "node does not belong to the document" mid-navigation.)
        browser.executeScript("document.documentElement.setAttribute('data-left-behind', '')");
        button.click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(WebDriverException.class)
                .until(b -> Boolean.FALSE.equals(browser.executeScript(
                        "return document.readyState !== 'loading' && document.documentElement.hasAttribute('data-left-behind')"))
                        && !browser.findElements(By.tagName("h1")).isEmpty());
        waitFor(By.tagName("h1"));
    }

    /** Submits the form whose action ends with {@code actionSuffix}. */
    protected void submitForm(String actionSuffix) {
        submit(browser.findElement(By.cssSelector("form[action$='" + actionSuffix + "'] button[type=submit]")));
    }

    /** Types into a field, replacing what the form proposed. */
    protected void type(By field, String text) {
        WebElement e = browser.findElement(field);
        e.clear();
        e.sendKeys(text);
    }

    /** Sets a date or month input (typing into them depends on the browser's locale). */
    protected void setValue(By field, String value) {
        browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(field), value);
    }

    protected WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    protected void waitForText(By by, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    /** Keeps a picture of the page in target/screenshots for people reviewing the build. */
    protected void screenshot(String name) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target/screenshots");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve(name + ".png"),
                    browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The phone as before its first visit: no service worker (fieldwork's offline web app registers one for those who
     * record in the field), none of its caches, no offline queue. A page of the site must be open.
     */
    protected void forgetServiceWorker() {
        browser.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                try { localStorage.clear(); sessionStorage.clear(); } catch (e) { }
                Promise.all([
                  navigator.serviceWorker ? navigator.serviceWorker.getRegistrations().then(function (rs) {
                    return Promise.all(rs.map(function (r) { return r.unregister(); })); }) : null,
                  window.caches ? caches.keys().then(function (ks) { return Promise.all(ks.map(function (k) { return caches.delete(k); })); }) : null,
                  new Promise(function (ok) { var r = indexedDB.deleteDatabase('shouwang-offline'); r.onsuccess = r.onerror = r.onblocked = ok; })
                ]).then(function () { done(true); }, function () { done(false); });""");
    }

    protected void assertNoConsoleErrors() {
        assertThat(Browser.consoleErrors()).as("browser console errors (CSP violations, failed scripts)").isEmpty();
    }

    /** Waits until charts.js has drawn the Apache ECharts chart in element {@code chartId}; the data of one series. */
    protected List<?> seriesData(String chartId, int series) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> Boolean.TRUE.equals(browser.executeScript(
                "return typeof echarts !== 'undefined' && !!echarts.getInstanceByDom(document.getElementById(arguments[0]))", chartId)));
        return (List<?>) browser.executeScript("return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".getOption().series[arguments[1]].data", chartId, series);
    }

    /** The category names along a drawn bar chart's axis. */
    protected List<?> chartNames(String chartId) {
        seriesData(chartId, 0);
        return (List<?>) browser.executeScript("return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".getOption().yAxis[0].data", chartId);
    }

    /** The texts of one column of a table's body. */
    protected List<String> texts(String tableId, int column) {
        List<String> texts = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#" + tableId + " tbody tr"))) {
            texts.add(row.findElements(By.tagName("td")).get(column).getText());
        }
        return texts;
    }

    /** A column of the table as the numbers the browser's script returns (whole numbers come back as Long). */
    protected List<Long> column(String tableId, int column) {
        return texts(tableId, column).stream().map(Long::valueOf).toList();
    }
}
