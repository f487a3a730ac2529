package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The one Excel writer: bold frozen header, ids as text, amounts and counts as numbers, days as date cells. */
class XlsxWriterTest {

    @Test
    void cellsFollowTheirValues() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxWriter x = new XlsxWriter("农户/名单", List.of("户编号", "金额", "人数", "日期", "空"))) {
            for (int i = 0; i < 450; i++) x.row("220322103205" + String.format("%05d", i), new BigDecimal("1234.5"), i, LocalDate.of(2024, 6, 30), null);
            assertThat(x.rows()).isEqualTo(450);
            x.writeTo(out);
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(450);
            assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 1);
            var header = sheet.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("户编号");
            assertThat(wb.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            var row = sheet.getRow(450);
            DataFormatter f = new DataFormatter();
            assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("22032210320500449");
            assertThat(row.getCell(0).getCellStyle().getDataFormatString()).isEqualTo("@");
            assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(1234.5);
            assertThat(f.formatCellValue(row.getCell(1))).isEqualTo("1,234.50");
            assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(449);
            assertThat(DateUtil.isCellDateFormatted(row.getCell(3))).isTrue();
            assertThat(row.getCell(3).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2024, 6, 30));
            assertThat(f.formatCellValue(row.getCell(3))).isEqualTo("2024-06-30");
            assertThat(row.getCell(4)).isNull();
        }
    }

    @Test
    void aListsFileIsNamedInChineseWithAnAsciiFallback() {
        assertThat(XlsxWriter.fileName("梨树县", "监测对象台账", java.time.YearMonth.of(2026, 12)))
                .isEqualTo("梨树县_监测对象台账_2026-12.xlsx");
        assertThat(XlsxWriter.fileName("梨树 县", "a/b", "2026-12-07")).isEqualTo("梨树县_ab_2026-12-07.xlsx");
        assertThat(XlsxWriter.contentDisposition("梨树县_监测对象台账_2026-12.xlsx")).isEqualTo(
                "attachment; filename=\"export_2026-12.xlsx\"; filename*=UTF-8''"
                        + "%E6%A2%A8%E6%A0%91%E5%8E%BF_%E7%9B%91%E6%B5%8B%E5%AF%B9%E8%B1%A1%E5%8F%B0%E8%B4%A6_2026-12.xlsx");
        assertThat(XlsxWriter.contentDisposition("enterprise_payments.xlsx")).startsWith("attachment; filename=\"enterprise_payments.xlsx\"");
    }

    @Test
    void columnsFitTheirTextCjkCountedTwiceAndTheAutofilterCoversTheRows() throws Exception {
        assertThat(XlsxWriter.width("团山子村")).isEqualTo(8);
        assertThat(XlsxWriter.width("ab1")).isEqualTo(3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxWriter x = XlsxWriter.titled("名单", List.of("梨树县 名单", "区域：梨树县"), List.of("村", "说明", "金额"))) {
            x.row("团山子村", "一句很长的说明".repeat(20), new BigDecimal("1234567.5"));
            x.row("孤家子村", "短", 3);
            x.sheet("第二张", List.of("第二张", "区域：梨树县"), List.of("村"));
            x.row("团山子村");
            x.writeTo(out);
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            var s = wb.getSheetAt(0);
            assertThat(s.getColumnWidth(0)).isGreaterThanOrEqualTo(8 * 256).isLessThan(16 * 256);
            assertThat(s.getColumnWidth(1)).isEqualTo(XlsxWriter.MAX_WIDTH * 256);
            assertThat(s.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A3:C5");
            assertThat(s.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 3);
            assertThat(new DataFormatter().formatCellValue(s.getRow(3).getCell(2))).isEqualTo("1,234,567.50");
            assertThat(s.getRow(4).getCell(2).getCellStyle().getDataFormatString()).isEqualTo("0");
            assertThat(s.getMergedRegions()).hasSize(2);
            assertThat(wb.getNumberOfSheets()).isEqualTo(2);
            assertThat(wb.getSheetAt(1).getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A3:A4");
        }
    }
}
