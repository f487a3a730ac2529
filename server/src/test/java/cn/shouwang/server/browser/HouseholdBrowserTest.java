package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The registry as a village monitor of 团山子村 (demo account {@code village}) uses it in chromium: find a
 * household, edit a member, see a bad id number refused beside the field, and fail to open another village's
 * household — in the browser and through the API.
 */
class HouseholdBrowserTest extends BrowserTestSupport {
    static final String VILLAGE = "220322103205"; // 团山子村, the demo village monitor's village

    /** A household of the monitor's village from the demo data, or one made here through the API if it has none. */
    private long householdInVillage() throws Exception {
        var id = jdbc.sql("select id from household where village_code = :v order by id limit 1").param("v", VILLAGE)
                .query(Long.class).optional();
        if (id.isPresent()) return id.get();
        String body = """
                {"household":{"villageCode":"%s","villageGroup":"3组","address":"团山子村3组","formerlyPoor":false},
                 "headName":"赵春生","headIdNumber":"%s"}""".formatted(VILLAGE, validId("22032219650312003"));
        HttpResponse<String> r = api("POST", "/api/v1/households", "village", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return jdbc.sql("select id from household where village_code = :v order by id limit 1").param("v", VILLAGE)
                .query(Long.class).single();
    }

    private long householdElsewhere() {
        return jdbc.sql("select id from household where village_code not like '220322103%' order by id limit 1")
                .query(Long.class).single();
    }

    private static String validId(String first17) {
        return first17 + cn.shouwang.core.person.IdNumber.checkCharacter(first17);
    }

    private HttpResponse<String> api(String method, String path, String user, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + ServerTest.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Autowired PersonalDataApi personalData;

    private String health(long memberId) {
        return personalData.openHealth(jdbc.sql("select health_enc from member where id = :m").param("m", memberId)
                .query(byte[].class).single()).status().name();
    }

    @Test
    void aVillageMonitorFindsAHouseholdByTheHeadsName() throws Exception {
        long id = householdInVillage();
        String no = jdbc.sql("select household_no from household where id = :id").param("id", id).query(String.class).single();
        String name = jdbc.sql("select name from member where household_id = :id and status = 'ACTIVE' order by id limit 1")
                .param("id", id).query(String.class).single();

        signIn("village", ServerTest.DEMO_PASSWORD);
        browser.findElement(By.linkText("农户档案")).click();
        waitFor(By.id("q")).sendKeys(name);
        WebElement before = browser.findElement(By.cssSelector("#results table"));
        browser.findElement(By.id("q")).submit();
        // the search answers through htmx: wait until the results have been swapped in
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(before));
        assertThat(browser.getCurrentUrl()).as("the search is in the address, for back and bookmarks").contains("q=");
        waitFor(By.linkText(no)).click();
        waitForText(By.tagName("h1"), no);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains(name);
        screenshot("household-detail");
        assertNoConsoleErrors();
    }

    @Test
    void editingAMemberIsSavedAndKeptInTheHistory() throws Exception {
        long id = householdInVillage();
        long memberId = jdbc.sql("select id from member where household_id = :id and status = 'ACTIVE' order by id limit 1")
                .param("id", id).query(Long.class).single();
        String before = health(memberId);
        String target = before.equals("CHRONIC_ILLNESS") ? "HEALTHY" : "CHRONIC_ILLNESS";

        signIn("village", ServerTest.DEMO_PASSWORD);
        browser.get(url("/households/" + id));
        browser.findElement(By.cssSelector("a[href$='/members/" + memberId + "']")).click();
        new Select(waitFor(By.id("health"))).selectByValue(target);
        browser.findElement(By.cssSelector("form[action$='/members/" + memberId + "'] button[type=submit]")).click();
        waitForText(By.tagName("h1"), jdbc.sql("select household_no from household where id = :id").param("id", id)
                .query(String.class).single());
        assertThat(health(memberId))
                .isEqualTo(target);
        String latest = browser.findElements(By.cssSelector("table.data tbody tr")).stream().map(WebElement::getText)
                .filter(t -> t.contains("健康状况")).findFirst().orElse("");
        assertThat(latest).as("the change is in the household's history, with who made it").contains("village");
        assertThat(latest).as("health values stay hidden in the history").contains("已隐藏").doesNotContain(target);
        assertNoConsoleErrors();
    }

    @Test
    void aBadIdNumberIsShownBesideTheFieldAndNothingIsSaved() throws Exception {
        long id = householdInVillage();
        long members = jdbc.sql("select count(*) from member where household_id = :id").param("id", id).query(Long.class).single();
        int version = jdbc.sql("select version from household where id = :id").param("id", id).query(Integer.class).single();

        signIn("village", ServerTest.DEMO_PASSWORD);
        browser.get(url("/households/" + id + "/members/new"));
        waitFor(By.id("name")).sendKeys("赵小雨");
        String bad = validId("22032220150704002");
        bad = bad.substring(0, 17) + (bad.charAt(17) == '1' ? '2' : '1'); // wrong check character
        browser.findElement(By.id("idNumber")).sendKeys(bad);
        browser.findElement(By.cssSelector("form.card button[type=submit]")).click();

        WebElement error = waitFor(By.cssSelector("#idNumber ~ .field-error"));
        assertThat(error.getText()).isEqualTo("身份证号校验位不正确");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).as("the form keeps what was typed").isEqualTo("赵小雨");
        assertThat(jdbc.sql("select count(*) from member where household_id = :id").param("id", id).query(Long.class).single())
                .isEqualTo(members);
        assertThat(jdbc.sql("select version from household where id = :id").param("id", id).query(Integer.class).single())
                .isEqualTo(version);
        screenshot("member-bad-id-number");
        assertNoConsoleErrors();
    }

    @Test
    void anotherVillagesHouseholdIsNotFoundInTheBrowserNorThroughTheApi() throws Exception {
        long mine = householdInVillage();
        long other = householdElsewhere();
        signIn("village", ServerTest.DEMO_PASSWORD);

        browser.get(url("/households/" + other));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("未找到");
        assertThat(browser.getPageSource()).doesNotContain(jdbc.sql("select household_no from household where id = :id")
                .param("id", other).query(String.class).single());
        browser.get(url("/households/" + other + "/edit"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("未找到");

        assertThat(api("GET", "/api/v1/households/" + other, "village", null).statusCode()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/households/" + mine, "village", null).statusCode()).isEqualTo(200);
        // the county analyst of 梨树县 reaches the village's household too; the data officer reaches none
        assertThat(api("GET", "/api/v1/households/" + mine, "county", null).statusCode()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/households/" + mine, "dataofficer", null).statusCode()).isEqualTo(403);
    }

    @Test
    void showingAnIdNumberInFullGoesThroughHtmxWithTheCsrfToken() throws Exception {
        long id = householdInVillage();
        long audits = jdbc.sql("select count(*) from audit_event").query(Long.class).single();
        signIn("village", ServerTest.DEMO_PASSWORD);
        browser.get(url("/households/" + id));
        WebElement reveal = waitFor(By.cssSelector("form.reveal[action*='/id-number'] button"));
        reveal.click();
        WebElement shown = waitFor(By.cssSelector(".revealed"));
        // the number, and the full birth date it carries (elsewhere only the birth year is shown)
        assertThat(shown.getText()).matches("\\d{17}[\\dX]\\(出生日期 \\d{4}-\\d{2}-\\d{2}\\)");
        assertThat(jdbc.sql("select count(*) from audit_event").query(Long.class).single()).isGreaterThan(audits);
        assertNoConsoleErrors();
    }

    @Test
    void theRegistryFitsA375PixelPhone() throws Exception {
        long id = householdInVillage();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(375, 812));
        signIn("village", ServerTest.DEMO_PASSWORD);
        for (String path : new String[] {"/households", "/households/" + id, "/households/" + id + "/members/new"}) {
            browser.get(url(path));
            Number width = (Number) browser.executeScript("return window.innerWidth");
            Number page = (Number) browser.executeScript("return document.documentElement.scrollWidth");
            assertThat(page.intValue()).as(path + " does not scroll sideways at 375 px").isLessThanOrEqualTo(width.intValue());
        }
        screenshot("phone-household-form");
        assertNoConsoleErrors();
    }
}
