package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Id numbers Excel stored as numbers, at 数据上报: a department workbook whose id column is mostly numbers is refused
 * whole with the Chinese sentence on the page and nothing stored (written by POI; and by LibreOffice from a CSV, which
 * turns 18-digit values into numbers: generated now when soffice is on the PATH, and a committed fixture); a file with
 * a few such cells is accepted, those rows rejected as digits lost — never as a failing check character.
 */
class DigitsLostUploadWebTest extends ServerTest {
    static final String COUNTY = "220322000000";
    static final String SENTENCE = "证件号码被 Excel 存为数字，后几位已丢失；请将该列设为文本后重新导出";
    static final AtomicLong IDS = new AtomicLong(760_000);

    @TempDir Path dir;
    @Value("${shouwang.screening.dir}") String screeningDir;

    /** The health commission's officer: these tests upload diagnoses (an officer uploads only their department's). */
    static RequestPostProcessor officer() {
        long id = IDS.incrementAndGet();
        return user(new AccountPrincipal(new CurrentUser(id, "t" + id, "officer" + id, Role.DATA_OFFICER, new AreaScope(COUNTY),
                cn.shouwang.server.access.Department.HEALTH), "x", false, true));
    }

    MvcResult upload(RequestPostProcessor who, String period, String fileName, byte[] content, int expectedStatus) throws Exception {
        return mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", fileName, "application/octet-stream", content))
                        .param("kind", "MAJOR_DIAGNOSES").param("period", period).with(who).with(csrf()))
                .andExpect(status().is(expectedStatus)).andReturn();
    }

    long uploads(String period) {
        return jdbc.sql("select count(*) from screening_upload where period = :p").param("p", period).query(Long.class).single();
    }

    void nothingLeftBehind(String period) throws IOException {
        assertThat(uploads(period)).isZero();
        Path folder = Path.of(screeningDir).resolve("uploads").resolve(COUNTY).resolve(period);
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                assertThat(files.toList()).as("no file left behind").isEmpty();
            }
        }
    }

    /** A major_diagnoses workbook: {@code numbers} id numbers stored as numbers, then {@code texts} as text. */
    static byte[] workbook(int numbers, int texts) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("大病");
            Row h = s.createRow(0);
            h.createCell(0).setCellValue("身份证号");
            h.createCell(1).setCellValue("确诊日期");
            h.createCell(2).setCellValue("疾病");
            int r = 1;
            for (int i = 0; i < numbers + texts; i++) {
                String id = ScreeningWebTest.validId("220322", LocalDate.of(1971, 3, 3), 100 + i);
                Row row = s.createRow(r++);
                if (i < numbers) row.createCell(0).setCellValue(Double.parseDouble(id.replace('X', '0')));
                else row.createCell(0).setCellValue(id);
                row.createCell(1).setCellValue("2031-03-02");
                row.createCell(2).setCellValue("肺癌");
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void aWorkbookWhoseIdColumnIsNumbersIsRefusedWholeInChinese() throws Exception {
        String period = "2041-05";
        String page = upload(officer(), period, "大病名单.xlsx", workbook(5, 2), 422).getResponse().getContentAsString();
        assertThat(page).contains("文件“大病名单.xlsx”未接收：" + SENTENCE)
                .contains("已填的 7 个单元格中有 5 个是数字（第一个在第 2 行）")
                .doesNotContain("校验位");
        nothingLeftBehind(period);
    }

    @Test
    void theCommittedLibreOfficeWorkbookIsRefusedWhole() throws Exception {
        String period = "2041-06";
        byte[] xlsx;
        try (InputStream in = getClass().getResourceAsStream("/sheets/libreoffice-major-diagnoses.xlsx")) {
            assertThat(in).isNotNull();
            xlsx = in.readAllBytes();
        }
        String page = upload(officer(), period, "major_diagnoses.xlsx", xlsx, 422).getResponse().getContentAsString();
        assertThat(page).contains(SENTENCE).contains("已填的 4 个单元格中有 4 个是数字");
        nothingLeftBehind(period);
    }

    @Test
    void aCsvSavedAsXlsxByLibreOfficeNowIsRefusedWhole() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("soffice"), "soffice is not on the PATH");
        String period = "2041-07";
        StringBuilder csv = new StringBuilder("身份证号,确诊日期,疾病\n");
        for (int i = 0; i < 6; i++) {
            String id = ScreeningWebTest.validId("220322", LocalDate.of(1972, 4, 4), 200 + i);
            if (!id.endsWith("X")) csv.append(id).append(",2031-07-01,肺癌\n");
        }
        Path src = dir.resolve("major_diagnoses.csv");
        Files.writeString(src, csv, StandardCharsets.UTF_8);
        for (String format : List.of("xlsx", "xls")) {
            byte[] converted = Files.readAllBytes(soffice(src, format));
            String page = upload(officer(), period, "大病." + format, converted, 422).getResponse().getContentAsString();
            assertThat(page).as(format).contains("文件“大病." + format + "”未接收：" + SENTENCE);
        }
        nothingLeftBehind(period);
    }

    @Test
    void aFewNumericIdCellsAreReportedAsDigitsLostNotAsCheckCharacter() throws Exception {
        String period = "2041-08";
        RequestPostProcessor who = officer();
        MvcResult r = upload(who, period, "大病.xlsx", workbook(3, 12), 302);
        var row = jdbc.sql("select row_count, rejected_rows, reject_reasons from screening_upload where period = :p")
                .param("p", period).query().singleRow();
        assertThat(row.get("row_count")).isEqualTo(15L);
        assertThat(row.get("rejected_rows")).isEqualTo(3L);
        assertThat((String) row.get("reject_reasons")).isEqualTo("3\tid_number digits lost\n");
        Object accepted = r.getFlashMap().get("accepted");
        String page = mvc.perform(get("/uploads").param("period", period).flashAttr("accepted", accepted).with(who))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("读取 15 行，其中 3 行无法使用")
                .contains("证件号码被 Excel 存为数字，后几位已丢失 3 行")
                .contains("其中 3 个证件号码被 Excel 存为数字，后几位已丢失，这些行未使用；请将该列设为文本后重新导出")
                .doesNotContain("校验位");
    }

    @Test
    void aGbkCsvAndAnXlsAreReadAsTheyAre() throws Exception {
        String period = "2041-09";
        String id = ScreeningWebTest.validId("220322", LocalDate.of(1973, 5, 5), 300);
        byte[] gbk = ("身份证号,确诊日期,疾病\n" + id + ",2031-09-01,肺癌\n").getBytes(java.nio.charset.Charset.forName("GB18030"));
        upload(officer(), period, "大病.csv", gbk, 302);
        try (org.apache.poi.hssf.usermodel.HSSFWorkbook wb = new org.apache.poi.hssf.usermodel.HSSFWorkbook();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Row h = wb.createSheet().createRow(0);
            h.createCell(0).setCellValue("身份证号");
            h.createCell(1).setCellValue("确诊日期");
            h.createCell(2).setCellValue("疾病");
            Row d = wb.getSheetAt(0).createRow(1);
            d.createCell(0).setCellValue(id);
            d.createCell(1).setCellValue("2031-09-02");
            d.createCell(2).setCellValue("肺癌");
            wb.write(out);
            upload(officer(), period, "大病.xls", out.toByteArray(), 302);
        }
        assertThat(jdbc.sql("select count(*) from screening_upload where period = :p and rejected_rows = 0 and row_count = 1")
                .param("p", period).query(Long.class).single()).isEqualTo(2L);
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }

    /** LibreOffice's "save as", with a profile of its own (another LibreOffice may be running). */
    Path soffice(Path csv, String format) throws Exception {
        Path profile = Files.createTempDirectory(dir, "profile");
        List<String> cmd = new ArrayList<>(List.of("soffice", "-env:UserInstallation=" + profile.toUri(), "--headless",
                "--norestore", "--infilter=CSV:44,34,76,1", "--convert-to", format, "--outdir", dir.toString(), csv.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String name = csv.getFileName().toString();
        Path out = dir.resolve(name.substring(0, name.lastIndexOf('.') + 1) + format);
        assertThat(out).exists();
        return out;
    }
}
