package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.household.RegistryFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** The county analyst's month: upload a department file, run the comparison, read the record and a warning. */
class ScreeningBrowserTest extends BrowserTestSupport {
    @Autowired RegistryFixtures registry;

    @Test
    void theCountyAnalystUploadsRunsAndSeesTheRecordAndAWarning(@TempDir Path tmp) throws Exception {
        String village = "220322103205"; // 团山子村, 孤家子镇, 梨树县
        String id = "220322196804040044";
        if (IdNumber.parse(id).isEmpty()) throw new IllegalStateException("test id number must be valid");
        registry.household(village).number("SCB1").idNumber(id).insert();
        Path file = tmp.resolve("大病诊断.csv");
        Files.writeString(file, "身份证号,确诊日期,疾病\n" + id + ",2031-04-09,肺癌\n", StandardCharsets.UTF_8);

        signIn("county", DEMO_PASSWORD);
        browser.get(url("/uploads"));
        new Select(browser.findElement(By.id("kind"))).selectByValue("MAJOR_DIAGNOSES");
        browser.executeScript("arguments[0].value = '2031-04'", browser.findElement(By.id("period")));
        browser.findElement(By.id("file")).sendKeys(file.toString());
        browser.findElement(By.cssSelector("#upload-form button[type=submit]")).click();
        assertThat(waitFor(By.id("upload-accepted")).getText()).contains("1 行");

        browser.get(url("/warnings"));
        browser.executeScript("arguments[0].value = '2031-04'", browser.findElement(By.id("run-period")));
        browser.findElement(By.cssSelector("#run-form button[type=submit]")).click();
        // htmx polls the progress and reloads the page when the run is over
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-facts"), "已完成"));
        assertThat(browser.findElement(By.id("run-files")).getText()).contains("大病诊断.csv");
        assertThat(browser.findElement(By.id("run-rules")).getText()).contains("新确诊大病");
        assertThat(seriesData("chart-run-rules", 0)).isEqualTo(column("run-rules", 1));
        assertThat(texts("run-rules", 0)).contains("新确诊大病");
        assertThat(chartNames("chart-run-rules")).isEqualTo(texts("run-rules", 0));
        screenshot("screening-run");

        browser.findElement(By.linkText("新确诊大病")).click();
        waitFor(By.id("warnings"));
        // the period's warnings per rule, as a table and as a chart drawn from it
        assertThat(texts("warnings-per-rule", 0)).contains("新确诊大病");
        assertThat(seriesData("chart-warnings-per-rule", 0)).isEqualTo(column("warnings-per-rule", 1));
        assertThat(chartNames("chart-warnings-per-rule")).isEqualTo(texts("warnings-per-rule", 0));
        String table = browser.findElement(By.id("warnings")).getText();
        assertThat(table).contains("SCB1", IdNumber.mask(id), "major_diagnoses:2").doesNotContain(id);
        assertNoConsoleErrors();
    }
}
