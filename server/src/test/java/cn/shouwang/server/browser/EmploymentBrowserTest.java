package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.household.RegistryFixtures;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** On a phone (375 px): the village monitor employs a person in a public-welfare job, pays a month, sees the wage on the household page. */
class EmploymentBrowserTest extends BrowserTestSupport {
    @Autowired RegistryFixtures registry;

    void noSidewaysScroll() {
        Long width = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
        assertThat(width).as("no sideways scrolling at 375 px").isLessThanOrEqualTo(375L);
    }

    @Test
    void employAPersonPayAMonthAndSeeTheWageOnTheHouseholdPage() {
        String no = "EMP" + System.nanoTime() % 100000000;
        long h = registry.household("220322103205").number(no).head("葛岗位").insert();
        signIn("village", ServerTest.DEMO_PASSWORD);
        browser.manage().window().setSize(new Dimension(375, 800));

        browser.get(url("/employment"));
        waitFor(By.id("employment-figures"));
        noSidewaysScroll();
        browser.get(url("/employment/jobs"));
        noSidewaysScroll();
        browser.findElement(By.id("new-job")).click();
        type(By.id("q"), no);
        submit(browser.findElement(By.cssSelector("form[action$='/employment/jobs/new'] button[type=submit]")));
        // the whole household number opens the form; the head is the one member
        assertThat(new Select(waitFor(By.id("memberId"))).getFirstSelectedOption().getText()).startsWith("葛岗位");
        type(By.id("post"), "保洁员");
        new Select(browser.findElement(By.id("fundingLevel"))).selectByVisibleText("村级");
        type(By.id("monthlyPay"), "760");
        setValue(By.id("startOn"), LocalDate.now(clock).withDayOfMonth(1).toString());
        noSidewaysScroll();
        submit(browser.findElement(By.id("save-job")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("保洁员");
        assertThat(browser.findElement(By.id("pay")).getText()).isEqualTo("760.00");

        submit(browser.findElement(By.id("pay-month")));
        assertThat(waitFor(By.id("done")).getText()).contains("计入该户工资性收入");
        assertThat(browser.findElement(By.id("wages")).getText()).contains("760.00");
        noSidewaysScroll();
        screenshot("employment-job-375");

        browser.get(url("/households/" + h));
        waitFor(By.tagName("h1"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("公益岗位工资", "760.00");
        assertNoConsoleErrors();
    }
}
