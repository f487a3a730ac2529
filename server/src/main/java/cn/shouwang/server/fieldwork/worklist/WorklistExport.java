package cn.shouwang.server.fieldwork.worklist;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The worklist as a workbook: a title line, the filter line, the bold header frozen with an autofilter, then the rows
 * (dates as date cells, counts as numbers, the rest as text). platform.XlsxWriter has no title line, so this writes its own.
 */
final class WorklistExport {
    private WorklistExport() {}

    static void write(OutputStream out, String title, String filter, List<String> headers, List<List<Object>> rows)
            throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try {
            SXSSFSheet sheet = wb.createSheet(title.length() > 31 ? title.substring(0, 31) : title);
            sheet.setDefaultColumnWidth(14);
            Font bold = wb.createFont();
            bold.setBold(true);
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            CellStyle titleStyle = wb.createCellStyle();
            titleStyle.setFont(big);
            CellStyle header = wb.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            CellStyle count = wb.createCellStyle();
            count.setDataFormat(wb.createDataFormat().getFormat("0"));
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));
            sheet.createRow(0).createCell(0).setCellValue(title);
            sheet.getRow(0).getCell(0).setCellStyle(titleStyle);
            sheet.createRow(1).createCell(0).setCellValue(filter);
            Row h = sheet.createRow(2);
            for (int i = 0; i < headers.size(); i++) {
                h.createCell(i).setCellValue(headers.get(i));
                h.getCell(i).setCellStyle(header);
            }
            sheet.createFreezePane(0, 3);
            int r = 3;
            for (List<Object> values : rows) {
                Row row = sheet.createRow(r++);
                for (int i = 0; i < values.size(); i++) {
                    Object v = values.get(i);
                    if (v == null || "".equals(v)) continue;
                    var cell = row.createCell(i);
                    if (v instanceof LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(date);
                    } else if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                        cell.setCellStyle(count);
                    } else {
                        cell.setCellValue(v.toString());
                        cell.setCellStyle(text);
                    }
                }
            }
            sheet.setAutoFilter(new CellRangeAddress(2, Math.max(2, r - 1), 0, headers.size() - 1));
            wb.write(out);
        } finally {
            wb.dispose();
            wb.close();
        }
    }
}
