package cn.shouwang.server.casework.shared;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * 导出Excel of a casework list: one sheet, Chinese headers, rows streamed through SXSSF (200 rows in memory, the rest
 * in a compressed temporary file), so a county's whole list never sits in memory. Callers pass values already masked.
 */
public final class Xlsx {
    private Xlsx() {}

    /** Writes the workbook to the response; {@code rows} is called with a sink taking one row's cells at a time. */
    public static void send(HttpServletResponse response, String fileName, String sheetName, List<String> headers,
                     Consumer<Consumer<List<?>>> rows) throws IOException {
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            wb.setCompressTempFiles(true);
            Sheet sheet = wb.createSheet(sheetName);
            Row header = sheet.createRow(0);
            for (int i = 0; i < headers.size(); i++) header.createCell(i).setCellValue(headers.get(i));
            int[] r = {1};
            rows.accept(cells -> {
                Row row = sheet.createRow(r[0]++);
                for (int i = 0; i < cells.size(); i++) {
                    Object v = cells.get(i);
                    if (v == null) continue;
                    if (v instanceof Number n) row.createCell(i).setCellValue(n.doubleValue());
                    else if (v instanceof LocalDate d) row.createCell(i).setCellValue(d.toString());
                    else row.createCell(i).setCellValue(v.toString());
                }
            });
            wb.write(response.getOutputStream());
            wb.dispose();
        }
    }
}
