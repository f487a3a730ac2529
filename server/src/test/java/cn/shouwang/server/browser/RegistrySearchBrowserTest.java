package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.household.RegistryFixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** An id-number search in a real browser: the household is found, and the address bar never holds the number. */
class RegistrySearchBrowserTest extends BrowserTestSupport {
    @Autowired RegistryFixtures registry;

    @Test
    void searchingByIdNumberKeepsTheNumberOutOfTheAddressBar() {
        // a household of the demo village monitor's village (团山子村)
        String village = "220322103205";
        String s17 = "220322" + "19650304" + String.format("%03d", (System.nanoTime() / 1000) % 1000);
        String id = s17 + IdNumber.checkCharacter(s17);
        String no = "SB" + System.nanoTime();
        registry.household(village).number(no).head("辛查询").idNumber(id).insert();

        signIn("village", ServerTest.DEMO_PASSWORD);
        browser.get(url("/households"));
        waitFor(By.id("q")).sendKeys(id);
        WebElement before = browser.findElement(By.cssSelector("#results table"));
        browser.findElement(By.id("q")).submit();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(before));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("qt="));

        assertThat(browser.findElement(By.id("results")).getText()).contains(no).contains("共 1 户");
        assertThat(browser.getCurrentUrl()).doesNotContain(id.substring(0, 14));
        for (WebElement a : browser.findElements(By.cssSelector("#results a, a.btn"))) {
            assertThat(String.valueOf(a.getAttribute("href"))).doesNotContain(id.substring(0, 14));
        }
        // reloading the address (it holds only the token) shows the same result
        browser.navigate().refresh();
        assertThat(waitFor(By.id("results")).getText()).contains(no);
        assertNoConsoleErrors();
    }
}
