package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.household.RegistryFixtures;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;

/** On a phone (375 px): the village monitor records a loan that fell due three days ago and a repayment, and finds it in the overdue list. */
class CreditBrowserTest extends BrowserTestSupport {
    @Autowired RegistryFixtures registry;

    void noSidewaysScroll() {
        Long width = (Long) browser.executeScript("return document.documentElement.scrollWidth;");
        assertThat(width).as("no sideways scrolling at 375 px").isLessThanOrEqualTo(375L);
    }

    @Test
    void recordALoanAndARepaymentAndSeeTheOverdueList() {
        String no = "CRD" + System.nanoTime() % 100000000;
        registry.household("220322103205").number(no).head("庞贷款").insert();
        LocalDate today = LocalDate.now(clock);
        signIn("village", ServerTest.DEMO_PASSWORD);
        browser.manage().window().setSize(new Dimension(375, 800));

        browser.get(url("/credit"));
        waitFor(By.id("credit-figures"));
        noSidewaysScroll();
        browser.get(url("/credit/loans"));
        browser.findElement(By.id("new-loan")).click();
        type(By.id("householdNo"), no);
        type(By.id("bank"), "梨树县农村信用合作联社");
        type(By.id("amount"), "30000");
        type(By.id("rate"), "3.45");
        type(By.id("termMonths"), "12");
        type(By.id("purpose"), "养殖肉牛");
        setValue(By.id("disbursedOn"), today.minusMonths(12).minusDays(3).toString());
        setValue(By.id("dueOn"), today.minusDays(3).toString());
        noSidewaysScroll();
        submit(browser.findElement(By.id("save-loan")));
        assertThat(waitFor(By.id("overdue")).getText()).isEqualTo("逾期 3 天");
        assertThat(browser.findElement(By.id("outstanding")).getText()).isEqualTo("30000.00");

        type(By.id("principal"), "10000");
        type(By.id("interest"), "1035");
        submit(browser.findElement(By.id("save-repayment")));
        assertThat(waitFor(By.id("done")).getText()).contains("还款已登记");
        assertThat(browser.findElement(By.id("outstanding")).getText()).isEqualTo("20000.00");
        noSidewaysScroll();

        browser.get(url("/credit/loans?show=OVERDUE"));
        waitFor(By.id("loans"));
        assertThat(browser.findElement(By.id("loans")).getText()).contains("庞贷款", "逾期 3 天", "20000.00");
        noSidewaysScroll();
        screenshot("credit-overdue-375");
        assertNoConsoleErrors();
    }
}
