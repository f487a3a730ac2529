package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.household.RegistryFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;

/**
 * 走访 without signal on a 375 px phone, in a real chromium taken offline with its network emulation (CDP
 * {@code Network.emulateNetworkConditions offline=true}): the demo village monitor opens the worklist once with signal
 * (the service worker keeps the shell, the offline page and the village's households), goes offline, opens households
 * and records two visits and a lead (saved on the phone, "待上传 3"), comes back online and sees them uploaded by
 * themselves; the database holds each exactly once, also after the queue is sent again (an answer lost on the way) and
 * the page reloads. A lead that a township user opened meanwhile makes the monitor's offline lead a conflict, shown on
 * /visits/sync with both sides and stored anyway there; signing out with records waiting warns, and clears the phone.
 * The worklist and the visit form are measured cold and warm (with the service worker) on a slow line.
 */
class OfflineBrowserTest extends BrowserTestSupport {
    static final String VILLAGE = "220322103205";

    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;

    void network(boolean online) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", !online, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    /** Waits until the service worker controls the page and the village is on the phone. */
    void offlineReady() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class).until(b -> Boolean.TRUE.equals(
                browser.executeScript("return !!navigator.serviceWorker.controller"
                        + " && document.documentElement.hasAttribute('data-offline-ready')")));
    }

    Object async(String script, Object... args) {
        return browser.executeAsyncScript("var done = arguments[arguments.length - 1];" + script, args);
    }

    /** No service worker, no caches: the phone as before the first visit. */
    void forget() {
        forgetServiceWorker();
    }

    void queueEmpty() {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(b -> "[]".equals(queue()));
    }

    /** The phone's queue as JSON (IndexedDB). */
    String queue() {
        return (String) async("""
                var r = indexedDB.open('shouwang-offline', 1);
                r.onupgradeneeded = function () { r.result.createObjectStore('queue', { keyPath: 'key' }); };
                r.onsuccess = function () { var g = r.result.transaction('queue').objectStore('queue').getAll();
                  g.onsuccess = function () { done(JSON.stringify(g.result)); }; };""");
    }

    void putQueue(String json) {
        async("""
                var items = JSON.parse(arguments[0]);
                var r = indexedDB.open('shouwang-offline', 1);
                r.onsuccess = function () { var t = r.result.transaction('queue', 'readwrite');
                  items.forEach(function (i) { t.objectStore('queue').put(i); });
                  t.oncomplete = function () { r.result.close(); done(true); }; };""", json);
    }

    long count(String sql, long household) {
        return jdbc.sql(sql).param("h", household).query(Long.class).single();
    }

    long visits(long h) {
        return count("select count(*) from fieldwork.field_visit where household_id = :h", h);
    }

    long leads(long h) {
        return count("select count(*) from casework.lead where household_id = :h", h);
    }

    void badge(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> {
            var e = browser.findElement(By.id("queue-badge"));
            return text == null ? !e.isDisplayed() : e.isDisplayed() && e.getText().equals(text);
        });
    }

    /** Offline: the household's card from the phone, 新增走访, the form prefilled from the phone, 保存. */
    void visitOffline(long h, String head, boolean noteHousing) {
        browser.get(url("/visits/households/" + h));
        waitFor(By.id("offline-card"));
        assertThat(browser.findElement(By.id("visit-head")).getText()).contains(head, "团山子村");
        browser.findElement(By.id("new-visit")).click();
        waitFor(By.id("offline-visit"));
        assertThat(browser.findElement(By.id("visit-head-form")).getText()).contains(head);
        if (noteHousing) browser.findElement(By.id("housingSecured")).click();
        browser.findElement(By.id("note")).sendKeys("离线走访" + head);
        save(By.id("save-visit"));
        waitForText(By.id("offline-flash"), "已保存在手机上，有信号后自动上传");
        waitFor(By.id("offline-card"));
    }

    void leadOffline(long h, String description) {
        browser.get(url("/visits/households/" + h));
        waitFor(By.id("offline-card"));
        browser.findElement(By.id("new-lead")).click();
        waitFor(By.id("offline-lead"));
        browser.findElement(By.id("description")).sendKeys(description);
        browser.findElement(By.cssSelector("#lead-form input[name=riskCodes][value=ILLNESS]")).click();
        save(By.id("save-lead"));
        waitForText(By.id("offline-flash"), "已保存在手机上");
    }

    /** Saves an offline form: the phone keeps it and opens the household's card (a new document). */
    void save(By button) {
        browser.executeScript("document.documentElement.setAttribute('data-left-behind', '')");
        browser.findElement(button).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(WebDriverException.class)
                .until(b -> Boolean.FALSE.equals(browser.executeScript("return document.readyState !== 'loading'"
                        + " && document.documentElement.hasAttribute('data-left-behind')")));
        waitFor(By.id("offline-flash"));
    }

    @AfterEach
    void forgetThePhone() {
        try {
            network(true);
            browser.get(url("/login"));
            forget();
        } catch (WebDriverException e) {
            // the next test starts from a fresh page anyway
        }
    }

    @Test
    void twoVisitsAndALeadRecordedOfflineAreUploadedExactlyOnce() throws Exception {
        long a = registry.household(VILLAGE).head("甲离线").insert();
        long b = registry.household(VILLAGE).head("乙离线").member("乙妻", "SPOUSE", "ORDINARY", null).insert();
        long c = registry.household(VILLAGE).head("丙离线").insert();
        browser.manage().window().setSize(new Dimension(375, 800));
        signIn("village", ServerTest.DEMO_PASSWORD);
        String figures = PageWeights.measure(this, "/visits", "/visits/households/" + a + "/new");

        browser.get(url("/visits"));
        offlineReady();
        network(false);
        visitOffline(a, "甲离线", false);
        badge("待上传 1");
        visitOffline(b, "乙离线", true);
        badge("待上传 2");
        leadOffline(c, "户主摔伤住院（离线记录）");
        badge("待上传 3");
        // the worklist without signal: the village from the phone
        browser.get(url("/visits"));
        waitFor(By.id("offline-list"));
        assertThat(browser.findElement(By.id("offline-notice")).getText()).startsWith("没有信号");
        assertThat(browser.findElement(By.cssSelector("#worklist tr[data-household='" + b + "']")).getText()).contains("乙离线", "2人");
        assertThat(browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).asString().satisfies(v -> assertThat(Long.parseLong(v)).as("sideways scrolling at 375 px").isLessThanOrEqualTo(0));
        screenshot("offline-worklist-375");
        assertThat(visits(a) + visits(b) + leads(c)).as("nothing reaches the server without a network").isZero();
        String kept = queue();
        assertThat(kept).contains("离线走访甲离线", "户主摔伤住院");

        network(true); // the online event: the queue goes by itself
        badge(null);
        waitForText(By.id("offline-flash"), "已上传 3 条");
        assertThat(browser.findElement(By.id("offline-flash")).getText()).contains("甲离线", "乙离线", "丙离线");
        screenshot("offline-synced-375");
        assertThat(visits(a)).isEqualTo(1);
        assertThat(visits(b)).isEqualTo(1);
        assertThat(leads(c)).isEqualTo(1);
        assertThat(jdbc.sql("select housing_secured from fieldwork.field_visit where household_id = :h").param("h", b)
                .query(Boolean.class).single()).isFalse();

        // the answers were lost on the way: the same three are sent again after a reload, and stored no second time
        putQueue(kept);
        browser.navigate().refresh();
        waitFor(By.tagName("h1"));
        queueEmpty();
        badge(null);
        browser.navigate().refresh();
        waitFor(By.tagName("h1"));
        assertThat(visits(a)).isEqualTo(1);
        assertThat(visits(b)).isEqualTo(1);
        assertThat(leads(c)).isEqualTo(1);
        assertThat(count("select count(*) from casework.lead_report where household_id = :h", c)).isZero();
        assertThat(queue()).isEqualTo("[]");
        assertNoConsoleErrors();

        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/offline-page-weights.txt"), figures);
        System.out.println(figures);
    }

    @Test
    void aLeadOpenedMeanwhileIsAConflictDecidedOnTheQueuePage() throws Exception {
        long d = registry.household(VILLAGE).head("丁冲突").insert();
        browser.manage().window().setSize(new Dimension(375, 800));
        signIn("village", ServerTest.DEMO_PASSWORD);
        browser.get(url("/visits"));
        offlineReady();
        network(false);
        leadOffline(d, "户主失业（离线记录）");
        badge("待上传 1");
        // meanwhile the township opens a lead for the household through the server
        long township = jdbc.sql("select id from account where username = 'township'").query(Long.class).single();
        String townshipArea = jdbc.sql("select area_code from account where id = :id").param("id", township)
                .query(String.class).single();
        long lead = casework.lead(registry.householdNo(d), VILLAGE).description("乡镇排查：户主失业")
                .by(SecurityMockMvcRequestPostProcessors.user(new AccountPrincipal(new CurrentUser(township, "township",
                        "乡镇干部", Role.TOWNSHIP_STAFF, new AreaScope(townshipArea)), "x", false, true))).open();

        network(true);
        waitForText(By.id("offline-flash"), "冲突");
        badge("待上传 1"); // kept on the phone, not stored
        assertThat(count("select count(*) from casework.lead_report where household_id = :h", d)).isZero();
        browser.findElement(By.cssSelector("#offline-flash a")).click();
        waitFor(By.cssSelector("#sync-list .queue-item.conflict"));
        String item = browser.findElement(By.cssSelector("#sync-list .queue-item")).getText();
        assertThat(item).contains("丁冲突", "别人已为该户新建了线索", "手机上的记录", "该户没有在办线索", "服务器上现在",
                "线索 " + lead, "仍然保存", "放弃这条");
        screenshot("offline-conflict-375");
        assertThat(browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth")).asString().satisfies(v -> assertThat(Long.parseLong(v)).as("sideways scrolling at 375 px").isLessThanOrEqualTo(0));
        browser.findElement(By.cssSelector("#sync-list button.store")).click();
        waitFor(By.id("sync-none"));
        badge(null);
        assertThat(leads(d)).isEqualTo(1);
        assertThat(count("select count(*) from casework.lead_report where household_id = :h and client_key is not null", d))
                .isEqualTo(1);

        // signing out with a record waiting warns; signing out clears the phone. The worklist refreshes the phone's
        // copy first: the lead is known now, the next offline lead joins it without a conflict
        browser.get(url("/visits"));
        offlineReady();
        network(false);
        leadOffline(d, "又一条");
        badge("待上传 1");
        browser.findElement(By.cssSelector("form[action$='/logout'] button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
        assertThat(browser.switchTo().alert().getText()).isEqualTo("还有 1 条未上传，退出会丢失。仍要退出吗？");
        browser.switchTo().alert().dismiss();
        assertThat(browser.getCurrentUrl()).doesNotContain("/login");
        network(true);
        queueEmpty(); // uploaded meanwhile (it joins the open lead)
        badge(null);
        browser.findElement(By.cssSelector("form[action$='/logout'] button")).click();
        waitFor(By.id("username"));
        assertThat(async("caches.has('shouwang-data').then(done)")).isEqualTo(false);
        assertThat(queue()).isEqualTo("[]");
        assertNoConsoleErrors();
    }

    /** Transferred bytes and load times of two pages, cold (nothing cached, no worker) and warm (the worker's shell). */
    static final class PageWeights {
        static long transferred(OfflineBrowserTest t) {
            Number n = (Number) t.browser.executeScript("""
                    var s = 0; performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
                      .forEach(function (e) { s += e.transferSize || 0; }); return s;""");
            return n.longValue();
        }

        static long load(OfflineBrowserTest t) {
            new WebDriverWait(t.browser, Duration.ofSeconds(60)).until(b -> ((Number) t.browser.executeScript(
                    "var e = performance.getEntriesByType('navigation')[0]; return e ? e.loadEventEnd : 0")).longValue() > 0);
            Number n = (Number) t.browser.executeScript(
                    "var e = performance.getEntriesByType('navigation')[0]; return e.loadEventEnd - e.startTime;");
            return n.longValue();
        }

        /** One load of {@code path} on a slow line (400 ms round trip, 50 KB/s down): bytes and milliseconds. */
        static long[] once(OfflineBrowserTest t, String path) {
            t.browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 400,
                    "downloadThroughput", 50_000, "uploadThroughput", 25_000));
            try {
                t.browser.get(t.url(path));
                t.waitFor(By.tagName("h1"));
                long ms = load(t);
                return new long[] {transferred(t), ms};
            } finally {
                t.network(true);
            }
        }

        static String measure(OfflineBrowserTest t, String... paths) {
            t.browser.executeCdpCommand("Network.enable", Map.of());
            t.browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
            StringBuilder out = new StringBuilder("page weights at 375 px, 400 ms RTT / 50 KB/s (CDP), HTTP cache off:\n");
            try {
                long[][] cold = new long[paths.length][];
                for (int i = 0; i < paths.length; i++) {
                    t.forget(); // signed in, the pages registered the worker: gone for a cold load
                    cold[i] = once(t, paths[i]);
                }
                t.browser.get(t.url("/visits"));
                t.offlineReady();
                for (int i = 0; i < paths.length; i++) {
                    long[] warm = once(t, paths[i]);
                    out.append(paths[i].replaceAll("\\d+", "{id}")).append(": cold ").append(cold[i][0]).append(" bytes, ")
                            .append(cold[i][1]).append(" ms; warm (service worker) ").append(warm[0]).append(" bytes, ")
                            .append(warm[1]).append(" ms\n");
                    assertThat(cold[i][0]).as(paths[i] + " cold bytes").isLessThan(150_000);
                    assertThat(warm[0]).as(paths[i] + " warm bytes").isLessThan(cold[i][0]);
                }
            } finally {
                t.browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", false));
            }
            return out.toString();
        }
    }
}
