package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * 系统管理 in a real chromium: the demo province administrator adds a risk type from a phone-sized window; the city
 * administrator sees the code lists read-only and sets 四平市's own deadline.
 */
class CaseworkAdminBrowserTest extends BrowserTestSupport {

    @Test
    void anAdministratorAddsARiskTypeFromAPhone() {
        String code = "HAIL_" + System.currentTimeMillis() % 1_000_000;
        try {
            signIn("provadmin", ServerTest.DEMO_PASSWORD);
            browser.findElement(By.linkText("代码表")).click();
            assertThat(waitFor(By.tagName("h1")).getText()).isEqualTo("代码表");

            browser.manage().window().setSize(new Dimension(375, 800));
            browser.findElement(By.cssSelector("a[href$='/admin/codes/RISK_TYPE/new']")).click();
            waitFor(By.id("code")).sendKeys("hail loss");
            browser.findElement(By.id("nameZh")).sendKeys("因冰雹");
            browser.findElement(By.cssSelector("form.form button[type=submit]")).click();

            // the error stands beside the field and the form keeps what was typed
            WebElement codeField = waitFor(By.xpath("//input[@id='code']/ancestor::div[@class='field']"));
            assertThat(codeField.findElement(By.cssSelector(".field-error")).getText()).contains("大写英文字母");
            assertThat(browser.findElement(By.xpath("//input[@id='nameEn']/ancestor::div[@class='field']"))
                    .findElement(By.cssSelector(".field-error")).getText()).isEqualTo("请填写英文名称");
            assertThat(browser.findElement(By.id("nameZh")).getAttribute("value")).isEqualTo("因冰雹");

            browser.findElement(By.id("code")).clear();
            browser.findElement(By.id("code")).sendKeys(code);
            browser.findElement(By.id("nameEn")).sendKeys("Hail");
            Long width = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
            assertThat(width).isLessThanOrEqualTo(375L);
            browser.findElement(By.cssSelector("form.form button[type=submit]")).click();

            assertThat(waitFor(By.cssSelector("p.notice")).getText()).isEqualTo("代码已添加");
            assertThat(browser.findElement(By.id("codes-RISK_TYPE")).getText()).contains(code).contains("因冰雹");
            width = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
            assertThat(width).as("the table scrolls inside its frame, the page does not").isLessThanOrEqualTo(375L);
            screenshot("admin-codes-375");

            // the other two pages also fit the phone
            for (String page : new String[] {"settings", "income-lines"}) {
                browser.get(url("/admin/" + page));
                waitFor(By.tagName("h1"));
                width = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
                assertThat(width).as(page).isLessThanOrEqualTo(375L);
                screenshot("admin-" + page + "-375");
            }

            // the area is picked by name from the administrator's regions, indented under their parents
            browser.get(url("/admin/income-lines/new"));
            org.openqa.selenium.support.ui.Select area = new org.openqa.selenium.support.ui.Select(waitFor(By.id("areaCode")));
            area.selectByValue("220322000000");
            assertThat(area.getFirstSelectedOption().getText()).contains("梨树县");
            assertNoConsoleErrors();
        } finally {
            // nothing refers to it: do not leave an extra risk type on other tests' forms
            jdbc.sql("delete from casework_code where kind = 'RISK_TYPE' and code = :c").param("c", code).update();
        }
    }

    @Test
    void theCityAdministratorSetsTheCitysOwnDeadlineOnAPhone() {
        try {
            signIn("admin", ServerTest.DEMO_PASSWORD);
            browser.manage().window().setSize(new Dimension(375, 800));
            browser.get(url("/admin/codes"));
            assertThat(waitFor(By.id("read-only")).getText()).contains("省级管理员");
            assertThat(browser.findElements(By.cssSelector("a[href$='/admin/codes/RISK_TYPE/new']"))).isEmpty();

            browser.get(url("/admin/settings"));
            assertThat(waitFor(By.tagName("h2")).getText()).contains("四平市");
            WebElement deadline = browser.findElement(By.id("leadDeadlineDays"));
            assertThat(deadline.getAttribute("value")).isEmpty();
            assertThat(deadline.getAttribute("placeholder")).isEqualTo("15");
            assertThat(browser.findElement(By.id("global-settings")).getText()).contains("自然日");
            deadline.sendKeys("10");
            Long width = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
            assertThat(width).isLessThanOrEqualTo(375L);
            screenshot("admin-settings-city-375");
            browser.findElement(By.cssSelector("form.form button[type=submit]")).click();
            assertThat(waitFor(By.cssSelector("p.notice")).getText()).contains("本级业务参数已保存");
            assertThat(browser.findElement(By.id("leadDeadlineDays")).getAttribute("value")).isEqualTo("10");
            browser.manage().window().setSize(new Dimension(1366, 900));
            screenshot("admin-settings-city-1366");
            assertNoConsoleErrors();

            // the province's settings are not the city's to open (403, with the reason)
            browser.get(url("/admin/settings?area=220000000000"));
            assertThat(waitFor(By.id("reason")).getText()).contains("省级管理员");
        } finally {
            jdbc.sql("delete from casework_area_setting where area_code = '220300000000'").update();
        }
    }
}
