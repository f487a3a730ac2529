package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.household.RegistryFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 网格与十户一组 on a phone (375 px) as the demo village monitor of 团山子村: the village page with its coverage tiles,
 * a grid and a group made on the phone, the households not yet in a grid checked (boxes beside their names) and placed in a ten-household group, the tile
 * counting two fewer afterwards; nothing scrolls sideways.
 */
class GridsBrowserTest extends BrowserTestSupport {
    static final String VILLAGE = "220322103205";

    @Autowired RegistryFixtures registry;

    long scrollOver() {
        Number page = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number view = (Number) browser.executeScript("return window.innerWidth");
        return page.longValue() - view.longValue();
    }

    long unplaced() {
        return jdbc.sql("""
                select count(*) from household.household h where h.village_code = :v
                   and not exists (select 1 from field_household_place p where p.household_id = h.id)""")
                .param("v", VILLAGE).query(Long.class).single();
    }

    @Test
    void theMonitorPlacesHouseholdsAndSeesTheCoverageOnAPhone() throws Exception {
        long a = registry.household(VILLAGE).head("孙网格甲").group("九组").insert();
        long b = registry.household(VILLAGE).head("孙网格乙").group("九组").insert();
        browser.manage().window().setSize(new Dimension(375, 800));
        signIn("village", ServerTest.DEMO_PASSWORD);

        browser.get(url("/visits/grids"));
        WebElement tiles = waitFor(By.id("coverage-tiles"));
        long before = unplaced();
        assertThat(tiles.getText()).contains("未入网格 " + before + " 户");
        assertThat(scrollOver()).as("the grids page at 375 px scrolls sideways").isLessThanOrEqualTo(0);
        screenshot("grids-village-375");

        // a grid and a ten-household group made on the phone
        String grid = "孙家网格" + a;
        browser.findElement(By.id("new-grid")).click();
        waitFor(By.id("grid-form"));
        type(By.id("name"), grid);
        type(By.id("personName"), "孙网格员");
        assertThat(scrollOver()).as("the grid form at 375 px scrolls sideways").isLessThanOrEqualTo(0);
        submit(browser.findElement(By.cssSelector("#grid-form button[type=submit]")));
        long gridId = jdbc.sql("select id from field_grid where name = :n").param("n", grid).query(Long.class).single();
        waitFor(By.id("grid-" + gridId));
        browser.findElement(By.cssSelector("#grid-" + gridId + " a[href$='/groups/new']")).click();
        waitFor(By.id("grid-form"));
        type(By.id("name"), "孙家一组");
        new Select(browser.findElement(By.id("householdId"))).selectByValue(String.valueOf(a));
        submit(browser.findElement(By.cssSelector("#grid-form button[type=submit]")));
        long groupId = jdbc.sql("select id from field_group where grid_id = :g").param("g", gridId).query(Long.class).single();
        assertThat(browser.findElement(By.id("group-" + groupId)).getText()).contains("孙家一组", "孙网格甲");

        browser.findElement(By.id("tile-nogrid")).click();
        waitFor(By.id("grid-households"));
        WebElement box = waitFor(By.id("h-" + a));
        WebElement name = box.findElement(By.xpath("following-sibling::span"));
        assertThat(Math.abs(box.getRect().getY() + box.getRect().getHeight() / 2
                - (name.getRect().getY() + name.getRect().getHeight() / 2))).isLessThanOrEqualTo(6);
        assertThat(box.getRect().getX()).isLessThan(name.getRect().getX());
        box.click();
        browser.findElement(By.id("h-" + b)).click();
        new Select(browser.findElement(By.id("target"))).selectByValue("group:" + groupId);
        assertThat(scrollOver()).as("the households list at 375 px scrolls sideways").isLessThanOrEqualTo(0);
        screenshot("grids-households-375");
        submit(browser.findElement(By.id("place-submit")));
        waitForText(By.id("placed"), "已划分 2 户");
        assertThat(jdbc.sql("select count(*) from field_household_place where household_id in (:h) and group_id = :g")
                .param("h", java.util.List.of(a, b)).param("g", groupId).query(Long.class).single()).isEqualTo(2);

        browser.get(url("/visits/grids"));
        assertThat(waitFor(By.id("coverage-tiles")).getText()).contains("未入网格 " + (before - 2) + " 户");
        browser.get(url("/visits/households/" + a));
        waitForText(By.id("place"), "网格");
        screenshot("grids-household-375");
        assertNoConsoleErrors();
    }
}
