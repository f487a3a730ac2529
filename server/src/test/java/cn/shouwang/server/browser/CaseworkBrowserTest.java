package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * Casework in a real chromium with the demo accounts and the demo cases of 孤家子镇 (DemoCasework): a household's
 * self-report from a phone-sized window, the overdue lead in red, and the township's review and the county's
 * confirmation through the step forms.
 */
class CaseworkBrowserTest extends BrowserTestSupport {

    @Test
    void aHouseholdReportsFromAPhone() {
        browser.manage().window().setSize(new Dimension(375, 800));
        browser.get(url("/report/220322103205"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("农户困难申报");
        assertThat(browser.findElement(By.cssSelector(".self-report")).getText()).contains("团山子村");
        browser.findElement(By.id("s-name")).sendKeys("冯申报");
        browser.findElement(By.id("s-phone")).sendKeys("13800001234");
        browser.findElement(By.id("s-id")).sendKeys("11010519491231002X");
        browser.findElement(By.cssSelector("input[type=radio][value=DISASTER]")).click();
        browser.findElement(By.id("s-desc")).sendKeys("冰雹砸坏大棚");
        String question = browser.findElement(By.cssSelector("label[for=s-answer]")).getText();
        Matcher m = Pattern.compile("(\\d+) \\+ (\\d+)").matcher(question);
        assertThat(m.find()).as(question).isTrue();
        browser.findElement(By.id("s-answer")).sendKeys(String.valueOf(Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2))));
        // the form is one column that fits the phone: nothing wider than the window
        Long width = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
        assertThat(width).isLessThanOrEqualTo(375L);
        browser.findElement(By.cssSelector(".self-report button[type=submit]")).click();
        String done = waitFor(By.cssSelector(".self-report")).getText();
        assertThat(done).contains("申报已提交").contains("编号 L").doesNotContain("11010519491231002X").doesNotContain("13800001234");
        assertNoConsoleErrors();
    }

    @Test
    void theTownshipReviewsAndTheCountyConfirmsInTheBrowser() {
        Long atTownship = jdbc.sql("select id from lead where state = 'AWAITING_TOWNSHIP_REVIEW' "
                + "and village_code between '220322103000' and '220322103999' order by id limit 1").query(Long.class)
                .optional().orElse(null);
        assertThat(atTownship).as("DemoCasework leaves a case at the township").isNotNull();

        signIn("township", ServerTest.DEMO_PASSWORD);
        browser.get(url("/leads"));
        // the overdue demo lead stands out in red, with its days overdue
        assertThat(browser.findElements(By.cssSelector("td .status-red"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector(".tiles")).getText()).matches("超期 [1-9]\\d* 条");
        browser.get(url("/leads/" + atTownship));
        // the township is offered its own review, not the county's confirmation
        assertThat(browser.findElements(By.cssSelector("form[action$='/county']"))).isEmpty();
        WebElement form = browser.findElement(By.cssSelector("form[action$='/township']"));
        form.findElement(By.cssSelector("textarea")).sendKeys("经审核符合条件");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(waitFor(By.cssSelector("p.notice")).getText()).isEqualTo("已办理");
        assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains("待县级确认");

        browser.manage().deleteAllCookies();
        signIn("county", ServerTest.DEMO_PASSWORD);
        browser.get(url("/leads/" + atTownship));
        browser.findElement(By.cssSelector("form[action$='/county'] button[type=submit]")).click();
        assertThat(waitFor(By.cssSelector("p.notice")).getText()).isEqualTo("已办理");
        assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains("已确认");
        browser.get(url("/monitored"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("监测对象");
        assertNoConsoleErrors();
    }
}
