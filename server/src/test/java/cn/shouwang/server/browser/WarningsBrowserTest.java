package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The warnings list as a county analyst sees it at 1366 px and a township cadre on a 375 px phone: one group per
 * household with the head's name linking to the household, the village's name, the reasons as Chinese sentences;
 * no sideways scrolling; ticking a household ticks its warnings.
 */
class WarningsBrowserTest extends BrowserTestSupport {
    static final String COUNTY = "220322000000";
    static final String VILLAGE = "220322100201";
    static final String PERIOD = "2048-02";

    @Autowired RegistryFixtures registry;

    static RequestPostProcessor analyst() {
        return user(new AccountPrincipal(new CurrentUser(990_001, "wb-analyst", "分析员", Role.COUNTY_ANALYST,
                new AreaScope(COUNTY)), "x", false, true));
    }

    void upload(String kind, String csv) throws Exception {
        mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", kind.toLowerCase() + ".csv", "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8))).param("kind", kind).param("period", PERIOD)
                        .with(analyst()).with(csrf())).andExpect(status().is(302));
    }

    void run() throws Exception {
        String to = mvc.perform(post("/warnings/runs").param("period", PERIOD).with(analyst()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long run = Long.parseLong(to.substring("/warnings/runs/".length()));
        for (int i = 0; i < 600; i++) {
            String s = jdbc.sql("select status from screening_run where id = :id").param("id", run).query(String.class).single();
            if (!s.equals("RUNNING")) return;
            Thread.sleep(100);
        }
    }

    long horizontalOverflow() {
        return (Long) browser.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    }

    @Test
    void householdsWithNamesLinksAndSentencesFitAt1366AndOnAPhone() throws Exception {
        String sickId = registry.newIdNumber("220322");
        String otherId = registry.newIdNumber("220322");
        long sick = registry.household(VILLAGE).head("周两条").idNumber(sickId).insert();
        registry.household(VILLAGE).head("吴一条").idNumber(otherId).insert();
        upload("MEDICAL_CLAIMS", "id_number,settled_on,total_cost,insurance_paid,out_of_pocket\n"
                + sickId + ",2048-02-03,90000.00,66600.00,23400.00\n");
        upload("MAJOR_DIAGNOSES", "id_number,diagnosed_on,disease\n" + sickId + ",2048-02-10,肺癌\n"
                + otherId + ",2048-02-11,白血病\n");
        run();

        signIn("county", DEMO_PASSWORD);
        browser.manage().window().setSize(new Dimension(1366, 900));
        browser.get(url("/warnings?period=" + PERIOD + "&area=" + VILLAGE));
        WebElement group = waitFor(By.cssSelector("tbody.household[data-household='" + sick + "']"));
        String text = group.getText();
        assertThat(text).contains("周两条", "新确诊大病", "个人医疗自付超标", "本年自付医疗费用 23,400.00 元，超过 20,000.00 元",
                "2048-02-10 确诊大病", "新增", "2 条预警").doesNotContain("out_of_pocket=");
        assertThat(group.findElement(By.cssSelector("a.head")).getAttribute("href")).endsWith("/households/" + sick);
        assertThat(group.findElement(By.cssSelector(".where")).getText()).contains("·").doesNotContainPattern("\\d{12}");
        // other tests' households of the village may be warned in the same period: the count matches the groups shown
        assertThat(browser.findElement(By.id("warning-total")).getText())
                .startsWith("共 " + browser.findElements(By.cssSelector("tbody.household")).size() + " 户，");
        assertThat(browser.findElement(By.id("warnings")).getText()).contains("吴一条", "2048-02-11 确诊大病");
        assertThat(horizontalOverflow()).isLessThanOrEqualTo(0);
        // the status column is on screen, not off to the right
        WebElement state = group.findElement(By.cssSelector("td.state-cell"));
        long right = (Long) browser.executeScript("var r = arguments[0].getBoundingClientRect(); return Math.round(r.right);", state);
        long width = (Long) browser.executeScript("return document.documentElement.clientWidth;");
        assertThat(right).isLessThanOrEqualTo(width);
        // ticking the household ticks its two warnings
        group.findElement(By.cssSelector("input.select-household")).click();
        List<WebElement> boxes = group.findElements(By.cssSelector("input.select-row"));
        assertThat(boxes).hasSize(2).allMatch(WebElement::isSelected);
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'});", group);
        screenshot("warnings-1366");

        browser.manage().window().setSize(new Dimension(375, 800));
        browser.get(url("/warnings?period=" + PERIOD + "&area=" + VILLAGE));
        group = waitFor(By.cssSelector("tbody.household[data-household='" + sick + "']"));
        assertThat(group.getText()).contains("周两条", "本年自付医疗费用 23,400.00 元");
        assertThat(horizontalOverflow()).isLessThanOrEqualTo(0);
        assertThat(group.findElement(By.cssSelector("input.select-household")).isDisplayed()).isTrue();
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'});", browser.findElement(By.id("warning-total")));
        screenshot("warnings-375");
        browser.executeScript("arguments[0].scrollIntoView({block: 'start'});", group);
        screenshot("warnings-375-household");
        assertNoConsoleErrors();
    }
}
