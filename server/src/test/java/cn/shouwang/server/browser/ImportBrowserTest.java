package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.household.RegistryFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/** The county analyst imports a person list: upload, preview, map a column, apply without the problem row. */
class ImportBrowserTest extends BrowserTestSupport {
    @Autowired RegistryFixtures registry;

    @Test
    void uploadPreviewMapApplyAndProblemRows(@TempDir Path tmp) throws Exception {
        String head = registry.newIdNumber("220322");
        String no = "220322103205" + System.nanoTime() % 100000;
        Path file = tmp.resolve("人口名单.csv");
        Files.writeString(file, "梨树县人口名单\n户编号,姓名,证件号码,与户主关系,乡(镇),行政村,民族成分\n"
                + no + ",郑一," + head + ",户主,孤家子镇,团山子村村民委员会,汉族\n"
                + "B" + no + ",郑二,2.20322E+17,户主,孤家子镇,团山子村,汉族\n", StandardCharsets.UTF_8);
        signIn("county", DEMO_PASSWORD);
        browser.get(url("/households/imports"));
        browser.findElement(By.id("file")).sendKeys(file.toString());
        submit(browser.findElement(By.cssSelector("#import-upload button[type=submit]")));
        // the job reads in the background; the page reloads itself when the preview is ready
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> !b.findElements(By.id("import-counts")).isEmpty());
        assertThat(browser.findElement(By.id("count-householdsNew")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("count-problems")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("import-table")).getText())
                .contains("证件号码被 Excel 存为数字，后几位已丢失；请将该列设为文本后重新导出");
        screenshot("import-preview");

        // 民族成分 is not a known header: map it to 民族, which reads the file again
        new Select(browser.findElement(By.id("col0"))).selectByValue("ETHNIC_GROUP");
        submit(browser.findElement(By.cssSelector("#import-mapping button[type=submit]")));
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> !b.findElements(By.id("import-counts")).isEmpty());
        assertThat(browser.findElements(By.id("import-mapping"))).isEmpty();

        // a problem row: applying needs the tick
        submit(browser.findElement(By.id("apply")));
        assertThat(waitFor(By.id("import-refusal")).getText()).contains("问题行");
        browser.findElement(By.id("skipProblems")).click();
        submit(browser.findElement(By.id("apply")));
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> !b.findElements(By.id("import-applied")).isEmpty());
        assertThat(browser.findElement(By.id("import-applied")).getText()).contains("新增 1 户");
        assertThat(browser.findElement(By.id("problem-download")).getAttribute("href")).endsWith("/problems.xlsx");
        assertThat(registry.registered(head)).isTrue();
        screenshot("import-applied");
        assertNoConsoleErrors();
    }
}
