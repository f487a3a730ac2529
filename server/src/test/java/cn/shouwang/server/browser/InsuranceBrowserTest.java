package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import cn.shouwang.server.insurance.policy.Coverage;
import cn.shouwang.server.insurance.policy.Policies;
import cn.shouwang.server.insurance.policy.PolicyCmd;
import cn.shouwang.server.insurance.policy.PolicyStore;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 防贫保 on a phone (375 px): township staff open a claim on a household and investigate it, the county approves and
 * pays, and the payout shows on the household's page; no page scrolls sideways.
 */
class InsuranceBrowserTest extends BrowserTestSupport {
    static final String VILLAGE = "220322103205";
    static final String COUNTY = "220322000000";

    @Autowired RegistryFixtures registry;
    @Autowired PolicyStore policyStore;
    @Autowired Policies policies;

    void ensurePolicy(int year) {
        if (policyStore.policyFor(VILLAGE, year).isPresent()) return; // the demo's
        long accountId = jdbc.sql("select id from account where username = 'county'").query(Long.class).single();
        CurrentUser county = new CurrentUser(accountId, "county", "county", Role.COUNTY_ANALYST, new AreaScope(COUNTY));
        PolicyCmd.Save s = PolicyCmd.suggested(COUNTY, year);
        long id = policies.add(new PolicyCmd.Save(COUNTY, year, "browser test", s.premiumPerPerson(), Coverage.ALL_RURAL,
                s.lineIllness(), s.lineSchooling(), s.lineDisaster(), s.ratioPercent(), s.capPerPerson(), null), county);
        policies.addPremium(policyStore.find(id, new AreaScope(COUNTY)).orElseThrow(),
                new PolicyCmd.Premium(new BigDecimal("100000"), LocalDate.now(clock), "finance", 2000, ""), county);
    }

    long pageWidth() {
        return (Long) browser.executeScript("return document.documentElement.scrollWidth");
    }

    @Test
    void openInvestigateApproveAsAnotherAccountPayAndSeeItOnTheHouseholdPage() {
        int year = LocalDate.now(clock).getYear();
        ensurePolicy(year);
        long h = registry.household(VILLAGE).head("秦赔案").insert();
        browser.manage().window().setSize(new Dimension(375, 800));

        signIn("township", DEMO_PASSWORD);
        browser.get(url("/insurance/claims/new?household=" + h));
        waitFor(By.id("claim-form"));
        assertThat(pageWidth()).isLessThanOrEqualTo(375L);
        new Select(browser.findElement(By.id("memberId"))).selectByIndex(1);
        new Select(browser.findElement(By.id("costType"))).selectByValue("ILLNESS");
        type(By.id("totalCost"), "20000");
        type(By.id("reimbursed"), "4000");
        type(By.id("outOfPocket"), "16000");
        type(By.id("evidence"), "住院发票");
        screenshot("insurance-claim-new-375");
        submit(browser.findElement(By.id("open-claim")));
        screenshot("insurance-claim-opened-375");
        assertThat(browser.findElement(By.id("claim-status")).getText()).isEqualTo("待调查");
        assertThat(browser.findElement(By.id("payout-preview")).getText()).contains("3,600.00");
        String claimUrl = browser.getCurrentUrl();

        type(By.id("findings"), "入户核实,票据属实");
        submit(browser.findElement(By.id("investigate")));
        assertThat(browser.findElement(By.id("claim-status")).getText()).isEqualTo("待审批");
        assertThat(browser.findElements(By.id("approve"))).as("township staff do not approve").isEmpty();

        switchTo("county");
        browser.get(claimUrl);
        assertThat(pageWidth()).isLessThanOrEqualTo(375L);
        submit(browser.findElement(By.id("approve")));
        assertThat(browser.findElement(By.id("claim-status")).getText()).isEqualTo("待赔付");
        submit(browser.findElement(By.id("pay")));
        assertThat(browser.findElement(By.id("claim-status")).getText()).isEqualTo("已赔付");
        assertThat(browser.findElement(By.id("claim-paid")).getText()).contains("3,600.00");
        screenshot("insurance-claim-paid-375");

        browser.findElement(By.id("claim-household")).click();
        waitForText(By.tagName("body"), "防贫保赔付");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("3,600.00");

        browser.get(url("/insurance"));
        waitFor(By.id("fund-months"));
        assertThat(pageWidth()).isLessThanOrEqualTo(375L);
        screenshot("insurance-fund-375");
        browser.get(url("/insurance/claims"));
        assertThat(pageWidth()).isLessThanOrEqualTo(375L);
        assertNoConsoleErrors();
    }
}
