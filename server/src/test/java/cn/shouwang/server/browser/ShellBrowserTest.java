package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Sign-in, menu, area selector, account form and the phone layout in a real chromium. */
class ShellBrowserTest extends BrowserTestSupport {
    @org.springframework.beans.factory.annotation.Autowired cn.shouwang.server.household.RegistryFixtures registry;

    @Test
    void signInShowsTheWorkbenchInChineseWithTheMenuOfTheRole() {
        browser.get(url("/"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        browser.findElement(By.id("username")).sendKeys("county");
        browser.findElement(By.id("password")).sendKeys("wrong");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(waitFor(By.cssSelector(".login .error")).getText()).contains("用户名或密码不正确");

        signIn("county", ServerTest.DEMO_PASSWORD);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("工作台");
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains("梨树县分析员", "县级分析员");
        assertThat(browser.findElement(By.cssSelector(".area-path .current")).getText()).isEqualTo("梨树县");
        String menu = browser.findElement(By.cssSelector(".sidemenu")).getText();
        assertThat(menu).contains("工作台", "农户档案").doesNotContain("账号管理");
        assertThat(browser.findElement(By.cssSelector(".facts")).getText()).contains("下辖乡镇(街道)", "下辖村(社区)");
        screenshot("workbench-county");
        assertNoConsoleErrors();

        browser.get(url("/?lang=en"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Workbench");
        browser.get(url("/?lang=zh_CN"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("工作台");
    }

    @Test
    void theAreaSelectorNarrowsTheViewAndGoesBackUp() {
        signIn("township", ServerTest.DEMO_PASSWORD);
        assertThat(browser.findElement(By.cssSelector(".area-path .current")).getText()).isEqualTo("孤家子镇");
        // choosing a village submits at once (app.js), and the page shows it
        new Select(browser.findElement(By.cssSelector(".area-children"))).selectByVisibleText("团山子村");
        waitForText(By.cssSelector(".area-path .current"), "团山子村");
        assertThat(browser.findElement(By.cssSelector(".current-area")).getText()).isEqualTo("团山子村");
        // the path offers the way back up, never above the account's own township
        var path = browser.findElements(By.cssSelector(".area-path button"));
        assertThat(path).extracting(WebElement::getText).containsExactly("孤家子镇", "团山子村");
        path.get(0).click();
        waitForText(By.cssSelector(".area-path .current"), "孤家子镇");
        assertNoConsoleErrors();
    }

    @Test
    void aBadUserNameIsShownBesideTheFieldAndTheFormKeepsWhatWasTyped() {
        signIn("admin", ServerTest.DEMO_PASSWORD);
        browser.findElement(By.linkText("账号管理")).click();
        waitFor(By.cssSelector("table.data"));
        assertThat(browser.findElement(By.cssSelector(".total")).getText()).startsWith("共 ");
        browser.findElement(By.linkText("新建账号")).click();
        browser.findElement(By.id("username")).sendKeys("Bad Name");
        browser.findElement(By.id("displayName")).sendKeys("王小明");
        new Select(browser.findElement(By.id("role"))).selectByVisibleText("村防返贫监测员");
        browser.findElement(By.id("areaCode")).sendKeys("220322103205");
        browser.findElement(By.id("password")).sendKeys("long-enough");
        browser.findElement(By.cssSelector(".form button[type=submit]")).click();

        WebElement error = waitFor(By.cssSelector("#username ~ .field-error"));
        assertThat(error.getText()).contains("用户名须为3至32位小写字母");
        assertThat(browser.findElement(By.id("displayName")).getAttribute("value")).isEqualTo("王小明");
        assertThat(browser.findElement(By.id("areaCode")).getAttribute("value")).isEqualTo("220322103205");
        screenshot("account-form-error");
        Long stored = jdbc.sql("select count(*) from account where display_name = '王小明'").query(Long.class).single();
        assertThat(stored).isZero();
        assertNoConsoleErrors();
    }

    @Test
    void onA375PixelPhoneTheMenuFoldsAndNothingOverflows() {
        browser.manage().window().setSize(new Dimension(375, 812));
        signIn("village", ServerTest.DEMO_PASSWORD);
        Number width = (Number) browser.executeScript("return window.innerWidth");
        assertThat(width.intValue()).isLessThanOrEqualTo(375);
        WebElement menu = browser.findElement(By.cssSelector(".sidemenu"));
        WebElement toggle = browser.findElement(By.cssSelector(".menu-toggle"));
        assertThat(toggle.isDisplayed()).isTrue();
        assertThat(menu.isDisplayed()).as("menu folded on a phone").isFalse();
        screenshot("phone-workbench");
        toggle.click();
        assertThat(menu.isDisplayed()).as("☰ opens the menu").isTrue();
        screenshot("phone-menu-open");
        assertThat(menu.getText()).contains("工作台");
        toggle.click();
        assertThat(menu.isDisplayed()).isFalse();
        Number scroll = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(scroll.intValue()).as("page wider than the phone").isLessThanOrEqualTo(width.intValue());
        assertThat(browser.findElement(By.cssSelector(".area-path .current")).getText()).isEqualTo("团山子村");
        assertNoConsoleErrors();
    }

    @Test
    void onAPhoneTablesScrollInsideTheirBoxAndFormsAreOneColumn() {
        browser.manage().window().setSize(new Dimension(375, 812));
        signIn("admin", ServerTest.DEMO_PASSWORD);
        browser.get(url("/admin/accounts"));
        Number width = (Number) browser.executeScript("return window.innerWidth");
        Number page = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        assertThat(page.intValue()).as("the page itself does not scroll sideways").isLessThanOrEqualTo(width.intValue());
        Boolean tableScrolls = (Boolean) browser.executeScript(
                "var w = document.querySelector('.table-wrap'); return w.scrollWidth > w.clientWidth");
        assertThat(tableScrolls).as("the wide table scrolls inside its box").isTrue();
        screenshot("phone-accounts");
        browser.get(url("/admin/accounts/new"));
        var user = browser.findElement(By.id("username")).getRect();
        var name = browser.findElement(By.id("displayName")).getRect();
        assertThat(name.getY()).as("fields stacked, one column").isGreaterThan(user.getY() + user.getHeight() - 1);
        assertThat(user.getWidth()).isGreaterThan(250);
        assertNoConsoleErrors();
    }

    @Test
    void onAPhoneListsAreCardsCheckBoxesSitBesideTheirLabelsAndThePasswordIsInTheMenu() {
        browser.manage().window().setSize(new Dimension(375, 812));
        registry.household("220322103205").head("卡片户主").insert();
        signIn("village", ServerTest.DEMO_PASSWORD);
        // the password page is reachable from the phone's menu (the top bar hides the name that links to it)
        browser.findElement(By.cssSelector(".menu-toggle")).click();
        WebElement password = browser.findElement(By.cssSelector(".sidemenu a.phone-only"));
        assertThat(password.isDisplayed()).isTrue();
        assertThat(password.getText()).isEqualTo("修改密码");
        password.click();
        assertThat(browser.getCurrentUrl()).endsWith("/account/password");

        // the household list: each row a card, 户主 in view without scrolling sideways
        browser.get(url("/households"));
        WebElement head = browser.findElement(By.cssSelector("table.data.cards tbody tr td[data-label='户主']"));
        assertThat(head.isDisplayed()).isTrue();
        assertThat(head.getRect().getX() + head.getRect().getWidth()).isLessThanOrEqualTo(375);
        Number scroll = (Number) browser.executeScript("return document.querySelector('.table-wrap').scrollWidth"
                + " - document.querySelector('.table-wrap').clientWidth");
        assertThat(scroll.intValue()).as("the list does not scroll sideways").isLessThanOrEqualTo(0);
        screenshot("phone-households-cards");

        // a check box beside its label, large enough to tap (it was a tiny box on a line of its own above the label)
        browser.get(url("/leads/new"));
        WebElement box = browser.findElement(By.cssSelector("label input[type=checkbox]"));
        WebElement text = box.findElement(By.xpath("following-sibling::span"));
        assertThat(box.getRect().getWidth()).isGreaterThanOrEqualTo(20);
        int boxMiddle = box.getRect().getY() + box.getRect().getHeight() / 2;
        assertThat(boxMiddle).as("the box on the label's line").isBetween(text.getRect().getY(),
                text.getRect().getY() + text.getRect().getHeight());
        assertThat(text.getRect().getX()).as("the label right of its box").isGreaterThan(box.getRect().getX());
        WebElement label = box.findElement(By.xpath(".."));
        assertThat(label.getRect().getHeight()).as("a touch target").isGreaterThanOrEqualTo(40);
        assertNoConsoleErrors();

        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(url("/"));
        assertThat(browser.findElement(By.cssSelector(".sidemenu a.phone-only")).isDisplayed())
                .as("on a wide screen the name in the top bar leads there").isFalse();
    }
}
