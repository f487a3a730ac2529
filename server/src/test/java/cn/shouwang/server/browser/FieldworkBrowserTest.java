package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.household.RegistryFixtures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 走访 on a phone (375 px) as the demo village monitor of 团山子村: the worklist with its tiles and cards, a routine
 * visit in three taps (household, 新增走访, 保存: the form is prefilled), and a visit whose risk sign opens a lead, with a
 * photo made smaller on the phone before it is sent. The transferred size of the worklist and the visit form is
 * measured with an empty cache (CDP), and their load time under a slow connection (CDP network throttling); the
 * figures go to target/fieldwork-page-sizes.txt.
 */
class FieldworkBrowserTest extends BrowserTestSupport {
    static final String VILLAGE = "220322103205";

    @Autowired RegistryFixtures registry;

    long scrollOver() {
        Number page = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number view = (Number) browser.executeScript("return window.innerWidth");
        return page.longValue() - view.longValue();
    }

    /** Bytes over the wire for the page just loaded: the document and every resource (cache emptied before). */
    long transferred() {
        Number n = (Number) browser.executeScript("""
                var t = 0; performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                  .forEach(function (e) { t += e.transferSize || 0; }); return t;""");
        return n.longValue();
    }

    long loadMillis() {
        Number n = (Number) browser.executeScript(
                "var e = performance.getEntriesByType('navigation')[0]; return e.loadEventEnd - e.startTime;");
        return n.longValue();
    }

    /** Loads a page with an empty cache: its transferred bytes; then again on a slow 3G-like line: its load time. */
    long[] measure(String path) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.clearBrowserCache", Map.of());
        browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        forgetServiceWorker(); // cold: the offline web app's worker would answer the shell from its cache
        browser.get(url(path));
        waitFor(By.tagName("h1"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> loadMillis() > 0);
        long bytes = transferred();
        forgetServiceWorker(); // the page registered it again
        // 400 ms round trip, 50 KB/s down, 25 KB/s up (Chromium's "Slow 3G" is about this), nothing cached
        browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 400,
                "downloadThroughput", 50_000, "uploadThroughput", 25_000));
        try {
            browser.get(url(path));
            waitFor(By.tagName("h1"));
            new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> loadMillis() > 0);
            return new long[] {bytes, loadMillis()};
        } finally {
            browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                    "downloadThroughput", -1, "uploadThroughput", -1));
            browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
        }
    }

    static Path bigPhoto() throws Exception {
        BufferedImage img = new BufferedImage(3200, 2400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            for (int i = 0; i < 40; i++) {
                g.setColor(new Color(i * 6, 255 - i * 5, (i * 37) % 255));
                g.fillRect(i * 80, 0, 80, 2400);
            }
        } finally {
            g.dispose();
        }
        Path f = Files.createTempFile("signed-form", ".png");
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    @Test
    void theMonitorWorksTheListAndRecordsVisitsOnAPhone() throws Exception {
        long fresh = registry.household(VILLAGE).head("钱走访").insert();
        browser.manage().window().setSize(new Dimension(375, 800));
        signIn("village", ServerTest.DEMO_PASSWORD);

        long[] list = measure("/visits");
        WebElement tiles = waitFor(By.id("worklist-tiles"));
        assertThat(tiles.getText()).contains("超期", "本周到期", "从未走访");
        // the overdue tile is red, not white on white
        String bg = browser.findElement(By.id("tile-overdue")).getCssValue("background-color");
        String fg = browser.findElement(By.id("tile-overdue")).getCssValue("color");
        assertThat(bg).isNotEqualTo(fg);
        assertThat(scrollOver()).as("the worklist at 375 px scrolls sideways").isLessThanOrEqualTo(0);
        screenshot("fieldwork-worklist-375");

        // a routine visit: the household, 新增走访, 保存 (prefilled)
        browser.get(url("/visits?show=ALL&q=钱走访"));
        WebElement link = waitFor(By.cssSelector("#worklist tr[data-household='" + fresh + "'] td.head-cell a"));
        link.click();
        waitForText(By.id("visit-head"), "钱走访");
        browser.findElement(By.id("new-visit")).click();
        waitFor(By.id("visit-form"));
        // check boxes beside their labels: on the same line, the box to the left
        WebElement box = browser.findElement(By.id("educationSecured"));
        WebElement label = box.findElement(By.xpath("following-sibling::span"));
        assertThat(Math.abs(box.getRect().getY() + box.getRect().getHeight() / 2
                - (label.getRect().getY() + label.getRect().getHeight() / 2))).isLessThanOrEqualTo(6);
        assertThat(box.getRect().getX()).isLessThan(label.getRect().getX());
        assertThat(box.getRect().getHeight()).isGreaterThanOrEqualTo(24);
        assertThat(scrollOver()).as("the visit form at 375 px scrolls sideways").isLessThanOrEqualTo(0);
        Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight");
        screenshot("fieldwork-visit-form-375");
        submit(browser.findElement(By.id("save-visit")));
        waitForText(By.id("saved"), "走访记录已保存");
        assertThat(browser.findElement(By.id("visit-list")).getText()).contains("均有保障", "在家");
        assertThat(jdbc.sql("select count(*) from field_visit where household_id = :h").param("h", fresh)
                .query(Long.class).single()).isEqualTo(1);

        // the next visit finds a risk, with a photo of the signed form made smaller on the phone
        String formPath = "/visits/households/" + fresh + "/new";
        long[] form = measure(formPath);
        waitFor(By.id("visit-form"));
        assertThat(browser.findElement(By.id("visit-head")).getText()).contains("已按上次走访");
        browser.findElement(By.cssSelector("#risk-section summary")).click();
        browser.findElement(By.cssSelector("input[name=risks][value=ILLNESS]")).click();
        browser.findElement(By.id("note")).sendKeys("户主突发脑梗住院");
        Path photo = bigPhoto();
        browser.findElement(By.id("photo")).sendKeys(photo.toAbsolutePath().toString());
        waitForText(By.id("photo-status"), "KB");
        assertThat(browser.findElement(By.id("photo-status")).getText()).startsWith("1600 × 1200");
        screenshot("fieldwork-visit-risk-375");
        submit(browser.findElement(By.id("save-visit")));
        waitForText(By.id("intake"), "新线索");
        WebElement lead = browser.findElement(By.cssSelector("#visit-list a.lead-link"));
        long leadId = jdbc.sql("select id from casework.lead where household_id = :h").param("h", fresh)
                .query(Long.class).single();
        assertThat(lead.getAttribute("href")).endsWith("/leads/" + leadId);
        assertThat(jdbc.sql("select photo_kind from field_visit where household_id = :h and photo_kind is not null")
                .param("h", fresh).query(String.class).single()).isEqualTo("JPEG");
        screenshot("fieldwork-household-375");
        lead.click();
        waitForText(By.tagName("body"), "户主突发脑梗住院");
        assertNoConsoleErrors();
        Files.deleteIfExists(photo);

        String figures = "worklist /visits: " + list[0] + " bytes transferred (cache empty), " + list[1]
                + " ms to load on 400 ms RTT / 50 KB/s\n" + "visit form: " + form[0] + " bytes, " + form[1] + " ms\n"
                + "visit form height at 375 px: " + height + " px\n";
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/fieldwork-page-sizes.txt"), figures);
        System.out.println(figures);
        assertThat(list[0]).as("the worklist's transferred bytes").isLessThan(150_000);
        assertThat(form[0]).as("the visit form's transferred bytes").isLessThan(150_000);
    }
}
