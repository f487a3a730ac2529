package cn.shouwang.screening.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.core.text.TextCharset;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Sheets}: the same rows from .xlsx and .xls written by POI and by LibreOffice and from CSV in UTF-8 and
 * GB18030; the format told by content; numbers, dates, merged cells and id numbers Excel stored as numbers; the
 * refusals of what is not a spreadsheet. Id numbers are synthetic (their check character computed here).
 */
class SheetsTest {
    @TempDir Path dir;

    /** A synthetic valid id number: area, birth day, sequence, and its check character. */
    static String id(String first17) {
        return first17 + IdNumber.checkCharacter(first17);
    }

    static final String ID_A = id("22032219900101123");
    static final String ID_B = id("22032220070621253");

    /** An id number as Excel keeps it in a number cell: 15 significant digits, the last one rounded. */
    static String excel(String id) {
        return new java.math.BigDecimal(id).round(new java.math.MathContext(15)).toPlainString();
    }

    record Line(String sheet, int line, List<SheetCell> cells) {
        String texts() {
            StringBuilder sb = new StringBuilder(sheet).append(':').append(line).append(':');
            for (int i = 0; i < cells.size(); i++) sb.append(i == 0 ? "" : "|").append(cells.get(i));
            return sb.toString();
        }
    }

    static List<Line> read(Path f, String name) throws IOException {
        List<Line> out = new ArrayList<>();
        Sheets.read(f, name, (sheet, line, cells) -> out.add(new Line(sheet, line, cells)));
        return out;
    }

    static List<String> texts(Path f, String name) throws IOException {
        return read(f, name).stream().map(Line::texts).toList();
    }

    /** Two sheets: ids as text and as numbers, a phone as a number, a date, decimals, a merged title, blank rows. */
    static void fill(Workbook wb) {
        CellStyle date = wb.createCellStyle();
        date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
        Sheet s = wb.createSheet("医疗报销");
        Row title = s.createRow(0);
        title.createCell(0).setCellValue("2024年6月结算");
        s.addMergedRegion(new CellRangeAddress(0, 0, 0, 3));
        Row h = s.createRow(1);
        h.createCell(0).setCellValue("身份证号");
        h.createCell(1).setCellValue("联系电话");
        h.createCell(2).setCellValue("结算日期");
        h.createCell(3).setCellValue("自付金额");
        Row r1 = s.createRow(2);
        r1.createCell(0).setCellValue(ID_A);
        r1.createCell(1).setCellValue("13812345678");
        r1.createCell(2).setCellValue(LocalDate.of(2024, 6, 30));
        r1.getCell(2).setCellStyle(date);
        r1.createCell(3).setCellValue(0.1 + 0.2);
        // row 4 left out: a blank row
        Row r2 = s.createRow(4);
        r2.createCell(0).setCellValue(Double.parseDouble(ID_B));
        r2.createCell(1).setCellValue(13812345678d);
        r2.createCell(2).setCellValue(LocalDate.of(2024, 7, 1));
        r2.getCell(2).setCellStyle(date);
        r2.createCell(3).setCellValue(1234.5);
        r2.createCell(5).setCellValue("");
        Sheet second = wb.createSheet("Sheet2");
        second.createRow(2).createCell(1).setCellValue("备注");
    }

    static final List<String> EXPECTED = List.of(
            "医疗报销:1:2024年6月结算",
            "医疗报销:2:身份证号|联系电话|结算日期|自付金额",
            "医疗报销:3:" + ID_A + "|13812345678|#2024-06-30|#0.3",
            "医疗报销:5:#" + excel(ID_B) + "|#13812345678|#2024-07-01|#1234.5",
            "Sheet2:3:|备注");

    static Path write(Workbook wb, Path f) throws IOException {
        try (wb; OutputStream o = Files.newOutputStream(f)) {
            wb.write(o);
        }
        return f;
    }

    @Test void xlsxWrittenByPoi() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        fill(wb);
        Path f = write(wb, dir.resolve("claims.xlsx"));
        assertThat(texts(f, "医疗报销.xlsx")).containsExactlyElementsOf(EXPECTED);
        assertThat(Sheets.format(f)).isEqualTo(Sheets.Format.XLSX);
    }

    @Test void xlsWrittenByPoiReadsTheSame() throws Exception {
        HSSFWorkbook wb = new HSSFWorkbook();
        fill(wb);
        Path f = write(wb, dir.resolve("claims.xls"));
        assertThat(texts(f, "医疗报销.xls")).containsExactlyElementsOf(EXPECTED);
        assertThat(Sheets.format(f)).isEqualTo(Sheets.Format.XLS);
    }

    @Test void numericIdAndPhoneCellsHaveLostDigitsTextOnesNot() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        fill(wb);
        Path f = write(wb, dir.resolve("claims.xlsx"));
        List<Line> rows = read(f, "claims.xlsx");
        Line text = rows.get(2), numbers = rows.get(3);
        assertThat(text.cells().get(0).digitsLost()).isFalse();
        assertThat(text.cells().get(1).digitsLost()).isFalse();
        assertThat(numbers.cells().get(0).digitsLost()).isTrue();
        assertThat(numbers.cells().get(1).digitsLost()).isTrue(); // 11 digits stored as a number
        assertThat(numbers.cells().get(2).digitsLost()).isFalse(); // a date
        assertThat(numbers.cells().get(3).digitsLost()).isFalse(); // an amount
        // the damaged number is 15 digits and three zeros: never the person's own
        assertThat(numbers.cells().get(0).text()).isNotEqualTo(ID_B).isEqualTo(excel(ID_B)).endsWith("000");
    }

    @Test void scientificNotationTextHasLostDigits() {
        for (String t : List.of("2.20322E+17", "2.20322e17", " 2.2032219900101E+17 ", "1E5", "-3.5E-2")) {
            assertThat(SheetCell.text(t).digitsLost()).as(t).isTrue();
        }
        for (String t : List.of(ID_A, "13812345678", "E5", "2024-06-30", "12.5", "220322E", "")) {
            assertThat(SheetCell.text(t).digitsLost()).as(t).isFalse();
        }
        assertThat(new SheetCell("1234567890", true).digitsLost()).isFalse();
        assertThat(new SheetCell("12345678901", true).digitsLost()).isTrue();
        assertThat(new SheetCell("1234567890.25", true).digitsLost()).isFalse();
    }

    @Test void csvInGb18030AndUtf8WithBomIsOneSheetNamedAfterTheFile() throws Exception {
        String body = "身份证号,姓名\n" + ID_A + ",张三\n\n2.20322E+17,李四\n";
        Path gbk = dir.resolve("u1");
        Files.write(gbk, body.getBytes(TextCharset.GB18030));
        assertThat(texts(gbk, "低保名单.csv")).containsExactly(
                "低保名单.csv:1:身份证号|姓名", "低保名单.csv:2:" + ID_A + "|张三", "低保名单.csv:4:2.20322E+17|李四");
        Path bom = dir.resolve("u2");
        try (OutputStream o = Files.newOutputStream(bom)) {
            o.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            o.write(body.getBytes(StandardCharsets.UTF_8));
        }
        List<Line> rows = read(bom, "a.txt");
        assertThat(rows.get(0).cells().get(0).text()).isEqualTo("身份证号");
        assertThat(rows.get(2).cells().get(0).digitsLost()).isTrue();
        assertThat(rows.get(2).cells().get(0).number()).isFalse();
    }

    @Test void formatIsToldByContentNotByName() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        fill(wb);
        Path xlsxNamedCsv = write(wb, dir.resolve("claims.csv"));
        assertThat(texts(xlsxNamedCsv, "claims.csv")).containsExactlyElementsOf(EXPECTED);
        HSSFWorkbook old = new HSSFWorkbook();
        fill(old);
        Path xlsNamedXlsx = write(old, dir.resolve("claims.xlsx"));
        assertThat(texts(xlsNamedXlsx, "claims.xlsx")).containsExactlyElementsOf(EXPECTED);
        Path csvNamedXlsx = dir.resolve("plain.xlsx");
        Files.writeString(csvNamedXlsx, "a,b\n1,2\n");
        assertThat(texts(csvNamedXlsx, "plain.xlsx")).containsExactly("plain.xlsx:1:a|b", "plain.xlsx:2:1|2");
    }

    @Test void aSkippedSheetIsNotRead() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        fill(wb);
        Path f = write(wb, dir.resolve("claims.xlsx"));
        List<String> seen = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        Sheets.read(f, "claims.xlsx", new SheetRows() {
            @Override public boolean sheet(String name) {
                seen.add(name);
                return !name.equals("医疗报销");
            }

            @Override public void row(String sheet, int line, List<SheetCell> cells) {
                assertThat(sheet).isEqualTo("Sheet2");
                lines.add(line);
            }
        });
        assertThat(seen).containsExactly("医疗报销", "Sheet2");
        assertThat(lines).containsExactly(3);
    }

    @Test void anExceptionOfTheHandlerComesOutAsThrown() throws Exception {
        for (Workbook wb : List.of(new XSSFWorkbook(), new HSSFWorkbook())) {
            fill(wb);
            Path f = write(wb, dir.resolve("stop" + (wb instanceof HSSFWorkbook ? ".xls" : ".xlsx")));
            IllegalStateException mine = new IllegalStateException("mine");
            assertThatThrownBy(() -> Sheets.read(f, "x", (s, l, c) -> { throw mine; })).isSameAs(mine);
        }
        Path csv = dir.resolve("stop.csv");
        Files.writeString(csv, "a\n");
        IllegalStateException mine = new IllegalStateException("mine");
        assertThatThrownBy(() -> Sheets.read(csv, "x", (s, l, c) -> { throw mine; })).isSameAs(mine);
    }

    // --- refusals

    static UnreadableSheetException.Problem refusal(Path f) {
        try {
            Sheets.read(f, "上传.xlsx", (s, l, c) -> { });
        } catch (UnreadableSheetException e) {
            assertThat(e.args()[0]).isEqualTo("上传.xlsx");
            assertThat(e.chinese()).contains("上传.xlsx");
            return e.problem();
        } catch (IOException e) {
            throw new AssertionError("not an UnreadableSheetException", e);
        }
        throw new AssertionError("read without a refusal");
    }

    @Test void binaryThatIsNoSpreadsheetIsRefused() throws Exception {
        Path png = dir.resolve("photo.xlsx");
        byte[] b = new byte[4000];
        new java.util.Random(7).nextBytes(b);
        b[0] = (byte) 0x89;
        b[1] = 'P';
        b[2] = 'N';
        b[3] = 'G';
        Files.write(png, b);
        assertThat(refusal(png)).isEqualTo(UnreadableSheetException.Problem.NOT_SPREADSHEET);
        Path utf16 = dir.resolve("unicode.txt");
        Files.write(utf16, "\uFEFF身份证号\t姓名\r\n".getBytes(StandardCharsets.UTF_16LE));
        assertThat(refusal(utf16)).isEqualTo(UnreadableSheetException.Problem.NOT_SPREADSHEET);
    }

    @Test void aZipThatIsNoWorkbookIsDamaged() throws Exception {
        Path zip = dir.resolve("a.xlsx");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(refusal(zip)).isEqualTo(UnreadableSheetException.Problem.DAMAGED);
        Path cut = dir.resolve("cut.xlsx");
        XSSFWorkbook wb = new XSSFWorkbook();
        fill(wb);
        byte[] whole = Files.readAllBytes(write(wb, dir.resolve("whole.xlsx")));
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThat(refusal(cut)).isEqualTo(UnreadableSheetException.Problem.DAMAGED);
    }

    @Test void anEncryptedWorkbookIsRefusedAsSuch() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        fill(wb);
        Path plain = write(wb, dir.resolve("plain.xlsx"));
        Path enc = dir.resolve("secret.xlsx");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor e = info.getEncryptor();
            e.confirmPassword("mima2024");
            try (OutputStream os = e.getDataStream(fs); InputStream in = Files.newInputStream(plain)) {
                in.transferTo(os);
            }
            try (OutputStream o = Files.newOutputStream(enc)) {
                fs.writeFilesystem(o);
            }
        }
        assertThat(refusal(enc)).isEqualTo(UnreadableSheetException.Problem.ENCRYPTED);
    }

    @Test void anOle2FileWithoutAWorkbookIsNoSpreadsheet() throws Exception {
        Path doc = dir.resolve("letter.xls");
        try (POIFSFileSystem fs = new POIFSFileSystem(); OutputStream o = Files.newOutputStream(doc)) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[600]), "WordDocument");
            fs.writeFilesystem(o);
        }
        assertThat(refusal(doc)).isEqualTo(UnreadableSheetException.Problem.NOT_SPREADSHEET);
    }

    @Test void anXlsAboveTheLimitIsRefusedBeforeLoading() throws Exception {
        HSSFWorkbook wb = new HSSFWorkbook();
        fill(wb);
        Path f = write(wb, dir.resolve("big.xls"));
        System.setProperty("shouwang.xls.max-bytes", String.valueOf(Files.size(f) - 1));
        try {
            assertThat(refusal(f)).isEqualTo(UnreadableSheetException.Problem.TOO_BIG);
        } finally {
            System.clearProperty("shouwang.xls.max-bytes");
        }
        assertThat(texts(f, "big.xls")).hasSize(EXPECTED.size());
    }

    @Test void xlsxLimitsStillApply() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        fill(wb);
        Path f = write(wb, dir.resolve("claims.xlsx"));
        XlsxRows.Limits two = new XlsxRows.Limits(1 << 30, 1 << 20, 1000, 2, 1 << 20);
        assertThatThrownBy(() -> Sheets.read(f, "claims.xlsx", two, (s, l, c) -> { }))
                .isInstanceOfSatisfying(XlsxLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(XlsxLimitException.Limit.ROWS);
                    assertThat(e.file()).isEqualTo("claims.xlsx");
                });
        HSSFWorkbook old = new HSSFWorkbook();
        fill(old);
        Path xls = write(old, dir.resolve("claims.xls"));
        assertThatThrownBy(() -> Sheets.read(xls, "claims.xls", two, (s, l, c) -> { }))
                .isInstanceOf(XlsxLimitException.class);
    }

    // --- LibreOffice

    /** What a department clerk types: ids (one ending in X), phones, a date, an amount. */
    static String departmentCsv() {
        String x = "11010519491231002";
        String idX = x + IdNumber.checkCharacter(x);
        return "身份证号,姓名,联系电话,结算日期,自付金额\n"
                + ID_A + ",张三,13812345678,2024-06-30,1234.5\n"
                + idX + ",李四,,2024-07-01,88\n";
    }

    /** LibreOffice's rows as {@link Sheets} reads them, for the CSV above saved as .xlsx or .xls. */
    static void assertLibreOfficeRows(List<Line> rows, String idX) {
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).cells()).extracting(SheetCell::text)
                .containsExactly("身份证号", "姓名", "联系电话", "结算日期", "自付金额");
        List<SheetCell> a = rows.get(1).cells();
        // LibreOffice takes an 18-digit value for a number: Excel's 15 digits are kept
        assertThat(a.get(0).number()).isTrue();
        assertThat(a.get(0).digitsLost()).isTrue();
        assertThat(a.get(0).text()).isEqualTo(excel(ID_A));
        assertThat(a.get(2).digitsLost()).isTrue();
        assertThat(a.get(3).text()).isEqualTo("2024-06-30");
        assertThat(a.get(4).text()).isEqualTo("1234.5");
        List<SheetCell> b = rows.get(2).cells();
        assertThat(b.get(0)).isEqualTo(new SheetCell(idX, false)); // ends in X: stays text
        assertThat(b.get(0).digitsLost()).isFalse();
        assertThat(b.get(2).text()).isEmpty();
        assertThat(b.get(3).text()).isEqualTo("2024-07-01");
    }

    static String idX() {
        String x = "11010519491231002";
        return x + IdNumber.checkCharacter(x);
    }

    @Test void libreOfficeFixturesCommittedInTheRepository() throws Exception {
        for (String name : List.of("libreoffice-department.xlsx", "libreoffice-department.xls")) {
            Path f = dir.resolve(name);
            try (InputStream in = SheetsTest.class.getResourceAsStream("/sheets/" + name)) {
                assertThat(in).as(name).isNotNull();
                Files.copy(in, f);
            }
            assertLibreOfficeRows(read(f, name), idX());
        }
    }

    @Test void libreOfficeNow() throws Exception {
        assumeTrue(Soffice.available(), "soffice is not on the PATH");
        Path csv = dir.resolve("department.csv");
        Files.writeString(csv, departmentCsv(), StandardCharsets.UTF_8);
        for (String format : List.of("xlsx", "xls")) {
            Path out = Soffice.convert(csv, format, dir);
            assertLibreOfficeRows(read(out, out.getFileName().toString()), idX());
        }
    }
}
