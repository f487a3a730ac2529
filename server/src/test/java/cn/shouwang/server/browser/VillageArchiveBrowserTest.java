package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * 一村一档 on a phone (375 px): the village monitor opens the village from the list, uploads a document and marks a
 * 九有六无 item met with that document as its evidence; nothing scrolls sideways.
 */
class VillageArchiveBrowserTest extends BrowserTestSupport {
    static final String VILLAGE = "220322103205"; // 团山子村, the demo village monitor's

    long scrollOver() {
        Number page = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number view = (Number) browser.executeScript("return window.innerWidth");
        return page.longValue() - view.longValue();
    }

    @Test
    void theVillageMonitorUploadsADocumentAndMarksAnItemOnAPhone() throws Exception {
        jdbc.sql("delete from checklist_status where village_code = :v and item_code = 'TEN_HOUSEHOLD_GRID'")
                .param("v", VILLAGE).update();
        String title = "十户一组名册" + System.nanoTime() % 100000;
        Path file = Files.createTempFile("grid", ".txt");
        Files.writeString(file, "第一组：张三、李四……\n", StandardCharsets.UTF_8);

        browser.manage().window().setSize(new Dimension(375, 800));
        signIn("village", ServerTest.DEMO_PASSWORD);
        browser.get(url("/villages"));
        WebElement link = waitFor(By.cssSelector("#village-list tr[data-village='" + VILLAGE + "'] a"));
        assertThat(scrollOver()).as("the list at 375 px scrolls sideways").isLessThanOrEqualTo(0);
        link.click();
        waitForText(By.id("village-name"), "团山子村");
        assertThat(browser.findElement(By.id("core-figures")).getText()).contains("户", "人");

        type(By.id("title"), title);
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        submit(browser.findElement(By.id("doc-submit")));
        waitForText(By.id("doc-done"), title);
        assertThat(browser.findElement(By.id("doc-list")).getText()).contains(title, "文本文件");

        WebElement row = browser.findElement(By.id("check-TEN_HOUSEHOLD_GRID"));
        assertThat(row.getText()).contains("未检查");
        row.findElement(By.tagName("summary")).click();
        row.findElement(By.cssSelector("input[name=status][value=MET]")).click();
        row.findElement(By.name("note")).sendKeys("已建立网格");
        new org.openqa.selenium.support.ui.Select(row.findElement(By.name("documentId"))).selectByVisibleText(title);
        assertThat(scrollOver()).as("the village page at 375 px scrolls sideways").isLessThanOrEqualTo(0);
        screenshot("village-archive-375");
        submit(row.findElement(By.cssSelector("button[type=submit]")));

        WebElement after = waitFor(By.id("check-TEN_HOUSEHOLD_GRID"));
        assertThat(after.findElement(By.cssSelector(".check-status")).getText()).isEqualTo("达标");
        assertThat(after.getText()).contains("已建立网格", title);
        assertThat(jdbc.sql("select status from checklist_status where village_code = :v and item_code = 'TEN_HOUSEHOLD_GRID'")
                .param("v", VILLAGE).query(String.class).single()).isEqualTo("MET");
        assertNoConsoleErrors();
        Files.deleteIfExists(file);
    }
}
