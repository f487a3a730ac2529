package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/** The workbench on a 375 px phone: the demo township's to-dos and figures, nothing wider than the screen. */
class WorkbenchBrowserTest extends BrowserTestSupport {

    @Test
    void theTownshipWorkbenchShowsToDosAndFiguresOnAPhone() {
        browser.manage().window().setSize(new Dimension(375, 812));
        signIn("township", ServerTest.DEMO_PASSWORD);
        waitFor(By.cssSelector(".figures"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("我的待办").contains("在册人口");
        // the demo cases of 孤家子镇 put one at the township's step (another test may already have reviewed it)
        for (var todo : browser.findElements(By.cssSelector(".todos li"))) {
            assertThat(todo.findElement(By.cssSelector("a")).getAttribute("href")).contains("/leads/");
            assertThat(todo.findElement(By.cssSelector(".status")).getText()).matches("(剩|超期)\\d+天");
        }
        Number width = (Number) browser.executeScript("return window.innerWidth");
        Number page = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(page.intValue()).as("the workbench does not scroll sideways at 375 px").isLessThanOrEqualTo(width.intValue());
        screenshot("phone-workbench-township");
        assertNoConsoleErrors();
    }
}
