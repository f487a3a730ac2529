package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.household.RegistryFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 道德银行 on a phone (375 px): the demo village monitor writes an item of the village rules and puts goods in the
 * shop, finds a household by the head's name, adds points, redeems goods, and sees the balance and the ranking.
 */
class MoralBankBrowserTest extends BrowserTestSupport {
    static final String VILLAGE = "220322103205";

    @Autowired RegistryFixtures registry;

    void noSidewaysScrolling(String page) {
        assertThat((Long) browser.executeScript("return document.documentElement.scrollWidth;")).as(page).isLessThanOrEqualTo(375L);
    }

    @Test
    void pointsAreAddedAndRedeemedOnAPhone() {
        String head = "积分户" + (char) ('甲' + (int) (System.nanoTime() % 20));
        registry.household(VILLAGE).head(head).insert();
        String item = "评为文明家庭" + System.nanoTime() % 1000;
        String goods = "豆油" + System.nanoTime() % 1000;
        browser.manage().window().setSize(new Dimension(375, 800));
        signIn("village", ServerTest.DEMO_PASSWORD);

        browser.get(url("/moral-bank/items"));
        type(By.id("name"), item);
        type(By.id("points"), "800");
        noSidewaysScrolling("items");
        submit(browser.findElement(By.cssSelector("#add-item button[type=submit]")));
        assertThat(browser.findElement(By.id("items")).getText()).contains(item, "+800");

        browser.get(url("/moral-bank/goods"));
        type(By.id("gname"), goods);
        type(By.id("price"), "600");
        type(By.id("stock"), "1");
        submit(browser.findElement(By.cssSelector("#add-goods button[type=submit]")));
        assertThat(browser.findElement(By.id("goods")).getText()).contains(goods);
        noSidewaysScrolling("goods");

        browser.get(url("/moral-bank"));
        type(By.id("q"), head);
        submitForm("/moral-bank");
        browser.findElement(By.cssSelector("#picks a.pick")).click();
        waitFor(By.id("add-points"));
        browser.findElement(By.xpath("//select[@id='itemId']/option[contains(., '" + item + "')]")).click();
        noSidewaysScrolling("household");
        submitForm("/entries");
        assertThat(browser.findElement(By.id("balance-value")).getText()).isEqualTo("800");
        assertThat(browser.findElement(By.id("tier")).getText()).isEqualTo("金卡");

        browser.findElement(By.xpath("//select[@id='goodsId']/option[contains(., '" + goods + "')]")).click();
        submitForm("/redemptions");
        assertThat(browser.findElement(By.id("done")).getText()).contains("兑换成功");
        assertThat(browser.findElement(By.id("balance-value")).getText()).isEqualTo("200");
        assertThat(browser.findElement(By.id("earned-value")).getText()).isEqualTo("800");
        assertThat(browser.findElement(By.id("entries")).getText()).contains(goods, "-600", item, "+800");
        screenshot("moral-bank-household-375");
        // the last piece is gone: a second redemption is refused and the balance stays
        browser.findElement(By.xpath("//select[@id='goodsId']/option[contains(., '" + goods + "')]")).click();
        submitForm("/redemptions");
        assertThat(browser.findElement(By.id("refused")).getText()).contains("积分不足");
        assertThat(browser.findElement(By.id("balance-value")).getText()).isEqualTo("200");
        noSidewaysScrolling("household after");

        browser.get(url("/moral-bank/ranking"));
        assertThat(browser.findElement(By.id("ranking")).getText()).contains(head, "800", "金卡");
        noSidewaysScrolling("ranking");
        browser.get(url("/moral-bank/board?village=" + VILLAGE));
        assertThat(browser.findElement(By.id("board")).getText()).contains(head, "金卡");
        assertNoConsoleErrors();
    }
}
