package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.household.RegistryFixtures;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 巡访关爱 on a phone (375 px): the demo village monitor adds themself as a visitor, enrols an old man of the village
 * found by name, records a visit by tapping the findings' labels, and finds him on "my people" — with no sideways
 * scrolling on any of these pages.
 */
class ElderVisitsBrowserTest extends BrowserTestSupport {
    static final String VILLAGE = "220322103205";

    @Autowired RegistryFixtures registry;

    void noSidewaysScrolling(String page) {
        assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth;")).as(page).isLessThanOrEqualTo(375L);
    }

    @Test
    void aVisitorRecordsAVisitOnAPhone() {
        String name = "巡访老" + (char) ('甲' + (int) (System.nanoTime() % 20));
        int born = LocalDate.now(clock).getYear() - 81;
        String s17 = "220322" + born + "0204" + String.format("%03d", (System.nanoTime() / 7) % 1000);
        registry.household(VILLAGE).head(name).idNumber(s17 + IdNumber.checkCharacter(s17)).insert();
        browser.manage().window().setSize(new Dimension(375, 800));
        signIn("village", ServerTest.DEMO_PASSWORD);

        browser.get(url("/elder-visits/visitors"));
        type(By.id("name"), "刘巡访");
        browser.findElement(By.cssSelector("#add-visitor input[name=phone]")).sendKeys("13800001111");
        browser.findElement(By.xpath("//form[@id='add-visitor']//label[contains(., '村干部')]")).click();
        browser.findElement(By.xpath("//form[@id='add-visitor']//label[contains(., '这是我本人')]")).click();
        noSidewaysScrolling("visitors");
        submitForm("/elder-visits/visitors");
        assertThat(browser.findElement(By.id("visitors")).getText()).contains("刘巡访", "138****1111").doesNotContain("13800001111");

        browser.get(url("/elder-visits/new"));
        type(By.id("q"), name);
        submitForm("/elder-visits/new");
        browser.findElement(By.cssSelector("#picks a.pick")).click();
        waitFor(By.id("enrol"));
        assertThat(browser.findElement(By.id("enrol")).getText()).contains(name, "81");
        browser.findElement(By.xpath("//form[@id='enrol']//label[contains(., '独居')]")).click();
        browser.findElement(By.xpath("//form[@id='enrol']//label[contains(., '高龄')]")).click();
        browser.findElement(By.xpath("//select[@id='visitorId']/option[.='刘巡访']")).click();
        noSidewaysScrolling("enrol");
        submitForm("/elder-visits/people");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains(name);
        assertThat(browser.findElement(By.id("standing")).getText()).isEqualTo("按期巡访");

        // the findings are ticked by tapping their labels
        browser.findElement(By.xpath("//label[contains(., '患慢性病')]")).click();
        browser.findElement(By.xpath("//label[contains(., '需要生活物资')]")).click();
        assertThat(browser.findElement(By.id("f-HEALTH_CHRONIC")).isSelected()).isTrue();
        type(By.id("note"), "血压偏高,已提醒按时服药");
        noSidewaysScrolling("person");
        screenshot("elder-visit-375");
        submit(browser.findElement(By.id("save-visit")));
        assertThat(browser.findElement(By.id("done")).getText()).contains("巡访记录已保存");
        assertThat(browser.findElement(By.id("visits")).getText()).contains("刘巡访", "患慢性病,病情稳定", "需要生活物资",
                "血压偏高");

        browser.get(url("/elder-visits/mine"));
        assertThat(browser.findElement(By.id("people")).getText()).contains(name);
        noSidewaysScrolling("mine");
        browser.get(url("/elder-visits"));
        noSidewaysScrolling("list");
        assertNoConsoleErrors();
    }
}
