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
            assertThat(f.formatCellValue(row.getCell(1))).isEqualTo("1234.50");
            assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(449);
            assertThat(DateUtil.isCellDateFormatted(row.getCell(3))).isTrue();
            assertThat(row.getCell(3).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2024, 6, 30));
            assertThat(f.formatCellValue(row.getCell(3))).isEqualTo("2024-06-30");
            assertThat(row.getCell(4)).isNull();
        }
    }
}
