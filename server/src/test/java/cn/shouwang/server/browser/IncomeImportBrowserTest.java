package cn.shouwang.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The county analyst imports incomes (收入导入) in the browser: downloads the template, uploads a workbook LibreOffice
 * wrote from a CSV (a new year, a corrected year, an unchanged year, a negative amount, and a 户编号 LibreOffice kept
 * as a number), reads the preview, applies without the problem rows, downloads them back and sees the new year on
 * the household's page.
 */
class IncomeImportBrowserTest extends BrowserTestSupport {
    static final String HEADER = "户编号,年度,工资性收入,生产经营性收入,财产性收入,转移性收入,生产经营性支出,合规自付支出";

    @Autowired RegistryFixtures registry;

    @TempDir Path tmp;

    String village(int offset) {
        return jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220322%' order by code offset :o limit 1""")
                .param("o", offset).query(String.class).single();
    }

    @Test
    void templateUploadPreviewApplyWithoutProblemRowsAndTheHouseholdPage() throws Exception {
        Assumptions.assumeTrue(onPath("soffice"), "soffice is not on the PATH");
        String v = village(53);
        long fresh = registry.household(v).head("陈新年").insert();
        long corrected = registry.household(v).head("褚更正").insert();
        long same = registry.household(v).head("卫不变").insert();
        registry.income(fresh, 2023).wages("7000").insert();
        registry.income(corrected, 2024).wages("10000").business("500").insert();
        registry.income(same, 2024).wages("8000").transfers("1200").insert();
        String freshNo = registry.householdNo(fresh);

        signIn("county", DEMO_PASSWORD);
        browser.get(url("/households/imports"));

        // the template: a real workbook with the Chinese headers, 户编号 formatted as text
        String templateHref = browser.findElement(By.cssSelector("#income-upload a[href$='incomes-template.xlsx']")).getAttribute("href");
        Download template = download(templateHref);
        assertThat(template.status()).isEqualTo(200);
        assertThat(template.disposition()).contains(".xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(template.body()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("收入");
            assertThat(cells(sheet.getRow(0))).containsExactly(HEADER.split(","));
            assertThat(sheet.getRow(1).getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).startsWith("220322").hasSize(17);
        }

        // the analyst's own file, saved as .xlsx by LibreOffice: a quoted 户编号 stays text, an unquoted one becomes a
        // number that has lost its last digits (what happens when the column is not set to text)
        Path csv = tmp.resolve("2024年收入.csv");
        Files.writeString(csv, "2024年度农户收入表,,,,,,,\n" + HEADER + "\n"
                + q(freshNo) + ",2024,9000,0,0,2400,1000,800\n"                          // line 3: a new year
                + q(registry.householdNo(corrected)) + ",2024,12000,500,0,0,0,300\n"      // 4: corrected
                + q(registry.householdNo(same)) + ",2024,8000,,0,1200,0,0\n"               // 5: unchanged (blank = 0)
                + q(freshNo) + ",2022,-5,0,0,0,0,0\n"                                     // 6: negative
                + registry.householdNo(corrected) + ",2023,100,0,0,0,0,0\n",              // 7: 户编号 as a number
                StandardCharsets.UTF_8);
        Path xlsx = soffice(csv);

        browser.findElement(By.id("income-file")).sendKeys(xlsx.toString());
        submit(browser.findElement(By.cssSelector("#income-upload button[type=submit]")));
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> !b.findElements(By.id("import-counts")).isEmpty());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("收入导入 2024年收入.xlsx");
        assertThat(browser.findElement(By.id("count-incomesNew")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("count-incomesChanged")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("count-incomesUnchanged")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.id("count-problems")).getText()).isEqualTo("2");
        String problems = browser.findElement(By.id("import-table")).getText();
        assertThat(problems)
                .contains("工作表 2024年收入 第 6 行")
                .contains("C 工资性收入 列：金额 -5 为负数，收入和支出都不能为负")
                .contains("工作表 2024年收入 第 7 行")
                .contains("A 户编号 列：户编号被 Excel 存为数字，后几位已丢失")
                .doesNotContain("档案中没有户编号");
        assertThat(browser.findElement(By.id("import-apply")).getText())
                .contains("确认后将新增 1 个年度的收入、更正 1 个年度的收入；1 个年度与档案相同，不作改动。");
        screenshots("income-import-preview");

        // the corrected year, item by item, old → new; the new year is listed with its household
        submit(browser.findElement(By.cssSelector("#import-counts a[href*='kind=incomesChanged']")));
        String changed = browser.findElement(By.id("import-table")).getText();
        assertThat(changed).contains(registry.householdNo(corrected) + " 褚更正").contains("2024 年度")
                .contains("工资性收入:10000.00 → 12000.00").contains("合规自付支出:0.00 → 300.00")
                .doesNotContain("生产经营性收入");
        screenshots("income-import-changed");
        submit(browser.findElement(By.cssSelector("#import-counts a[href*='kind=incomesNew']")));
        assertThat(browser.findElement(By.id("import-table")).getText()).contains(freshNo + " 陈新年").contains("2024 年度");

        // problem rows: applying needs the explicit choice to leave them out
        submit(browser.findElement(By.id("apply")));
        assertThat(waitFor(By.id("import-refusal")).getText()).contains("问题行");
        browser.findElement(By.id("skipProblems")).click();
        submit(browser.findElement(By.id("apply")));
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> !b.findElements(By.id("import-applied")).isEmpty());
        assertThat(browser.findElement(By.id("import-applied")).getText())
                .isEqualTo("已导入：新增 1 个年度的收入，更正 1 个年度的收入。");

        // the problem rows come back as a workbook of the file's layout with a 问题 column
        Download back = download(browser.findElement(By.id("problem-download")).getAttribute("href"));
        assertThat(back.status()).isEqualTo(200);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(back.body()))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(cells(sheet.getRow(0))).containsExactly((HEADER + ",问题").split(","));
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            List<String> negative = cells(sheet.getRow(1));
            assertThat(negative.get(0)).isEqualTo(freshNo);
            assertThat(negative.subList(1, 3)).containsExactly("2022", "-5");
            assertThat(negative.get(8)).contains("金额 -5 为负数");
            assertThat(cells(sheet.getRow(2)).get(8)).contains("户编号被 Excel 存为数字");
        }
        screenshot("income-import-applied");

        // the household's page: the imported year with its items; the corrected household's year corrected
        browser.get(url("/households/" + fresh));
        String year = waitFor(By.id("income-2024")).getText();
        assertThat(year).contains("9,000.00").contains("2,400.00").contains("1,000.00").contains("800.00");
        assertThat(browser.findElements(By.id("income-2022"))).as("the problem row stayed out").isEmpty();
        browser.get(url("/households/" + corrected));
        assertThat(waitFor(By.id("income-2024")).getText()).contains("12,000.00").contains("300.00");
        assertThat(browser.findElements(By.id("income-2023"))).isEmpty();
        assertNoConsoleErrors();
    }

    /** A CSV field in quotes: LibreOffice (with "quoted field as text") keeps it as text. */
    static String q(String s) {
        return "\"" + s + "\"";
    }

    static List<String> cells(Row row) {
        DataFormatter f = new DataFormatter();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < row.getLastCellNum(); i++) out.add(row.getCell(i) == null ? "" : f.formatCellValue(row.getCell(i)));
        return out;
    }

    /** The page at 375 and at 1366 pixels wide, for people reviewing the build. */
    void screenshots(String name) {
        for (int width : new int[] {375, 1366}) {
            browser.manage().window().setSize(new Dimension(width, 900));
            screenshot(name + "-" + width);
        }
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    record Download(int status, String disposition, byte[] body) {}

    /** What clicking a download link fetches, with the browser's own session (fetch from the page). */
    @SuppressWarnings("unchecked")
    Download download(String href) {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Map<String, Object> r = (Map<String, Object>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'}).then(async r => {
                  const b = new Uint8Array(await r.arrayBuffer());
                  let s = '';
                  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
                  done({status: r.status, disposition: r.headers.get('Content-Disposition') || '', body: btoa(s)});
                }).catch(e => done({status: -1, disposition: String(e), body: ''}));""", href);
        return new Download(((Number) r.get("status")).intValue(), (String) r.get("disposition"),
                Base64.getDecoder().decode((String) r.get("body")));
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }

    /**
     * LibreOffice's "save as .xlsx" of a UTF-8 CSV, with a profile of its own (another LibreOffice may be running);
     * filter options: comma, double quote, UTF-8, from line 1, standard columns, default language, quoted field as text.
     */
    Path soffice(Path csv) throws Exception {
        Path profile = Files.createTempDirectory(tmp, "profile");
        List<String> cmd = List.of("soffice", "-env:UserInstallation=" + profile.toUri(), "--headless", "--norestore",
                "--infilter=CSV:44,34,76,1,,0,true,false", "--convert-to", "xlsx", "--outdir", tmp.toString(), csv.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String name = csv.getFileName().toString();
        Path out = tmp.resolve(name.substring(0, name.lastIndexOf('.')) + ".xlsx");
        assertThat(out).exists();
        return out;
    }
}
