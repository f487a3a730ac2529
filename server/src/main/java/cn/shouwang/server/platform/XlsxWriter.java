package cn.shouwang.server.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The one writer of the product's 导出Excel files: one sheet, a bold header row that stays in view, rows streamed
 * through SXSSF ({@value #ROWS_IN_MEMORY} rows in memory, the rest in a compressed temporary file), so a county's
 * whole list never sits in memory. A cell's type follows its value: text (ids, household numbers, masked numbers
 * stay text, formatted "@" so Excel does not turn them into numbers), numbers (amounts as BigDecimal shown with two
 * decimals), dates (a real date cell shown yyyy-mm-dd); null leaves the cell empty. Callers pass values already
 * masked and headers already translated.
 *
 * <pre>{@code
 * try (XlsxWriter x = new XlsxWriter(sheetName, headers)) {
 *     rows.forEach(r -> x.row(r.no(), r.amount(), r.day()));
 *     x.writeTo(out);
 * }
 * }</pre>
 */
public final class XlsxWriter implements AutoCloseable {
    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final int ROWS_IN_MEMORY = 200;

    private final SXSSFWorkbook wb;
    private final Sheet sheet;
    private final CellStyle text;
    private final CellStyle amount;
    private final CellStyle date;
    private int next;
    private int headerRow;

    public XlsxWriter(String sheetName, List<String> headers) {
        this(sheetName, headers, false);
    }

    /**
     * @param sealedTemporaryFiles for a file with full personal data (id numbers, phones, health): the rows beyond
     *     the window and the assembled workbook go to temporary files encrypted with a random AES key held only in
     *     memory (POI's {@code SXSSFWorkbookWithCustomZipEntrySource}, 20 rows in memory), so nothing readable is left
     *     on disk, not even by a killed server
     */
    /**
     * A list's export with lines above the header (the title, the filters it was made with): each line in the first
     * cell of its row, the title bold; the header below them stays in view and carries an autofilter.
     */
    public XlsxWriter(String sheetName, List<String> titleLines, List<String> headers) {
        this(sheetName, headers, false, titleLines);
    }

    /** The same as {@link #XlsxWriter(String, List, List)}, named for reading at the call. */
    public static XlsxWriter titled(String sheetName, List<String> titleLines, List<String> headers) {
        return new XlsxWriter(sheetName, titleLines, headers);
    }

    public XlsxWriter(String sheetName, List<String> headers, boolean sealedTemporaryFiles) {
        this(sheetName, headers, sealedTemporaryFiles, List.of());
    }

    private XlsxWriter(String sheetName, List<String> headers, boolean sealedTemporaryFiles, List<String> titleLines) {
        wb = sealedTemporaryFiles ? new org.apache.poi.poifs.crypt.temp.SXSSFWorkbookWithCustomZipEntrySource()
                : new SXSSFWorkbook(ROWS_IN_MEMORY);
        wb.setCompressTempFiles(true);
        sheet = wb.createSheet(WorkbookUtil.createSafeSheetName(sheetName));
        sheet.setDefaultColumnWidth(16);
        short textFormat = wb.createDataFormat().getFormat("@");
        text = wb.createCellStyle();
        text.setDataFormat(textFormat);
        amount = wb.createCellStyle();
        amount.setDataFormat(wb.createDataFormat().getFormat("0.00"));
        date = wb.createCellStyle();
        date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
        CellStyle header = wb.createCellStyle();
        Font bold = wb.createFont();
        bold.setBold(true);
        header.setFont(bold);
        header.setDataFormat(textFormat);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        for (int t = 0; t < titleLines.size(); t++) {
            var cell = sheet.createRow(next++).createCell(0);
            cell.setCellValue(titleLines.get(t));
            if (t == 0) {
                CellStyle title = wb.createCellStyle();
                title.setFont(bold);
                cell.setCellStyle(title);
            }
        }
        headerRow = next;
        Row row = sheet.createRow(next++);
        for (int i = 0; i < headers.size(); i++) {
            var cell = row.createCell(i);
            cell.setCellValue(headers.get(i));
            cell.setCellStyle(header);
        }
        sheet.createFreezePane(0, next);
        if (!titleLines.isEmpty() && !headers.isEmpty()) {
            sheet.setAutoFilter(new org.apache.poi.ss.util.CellRangeAddress(headerRow, headerRow, 0, headers.size() - 1));
        }
    }

    /** One row below the last, one value per column. */
    public void row(List<?> cells) {
        Row row = sheet.createRow(next++);
        for (int i = 0; i < cells.size(); i++) {
            Object v = cells.get(i);
            if (v == null) continue;
            var cell = row.createCell(i);
            if (v instanceof BigDecimal d) {
                cell.setCellValue(d.doubleValue());
                cell.setCellStyle(amount);
            } else if (v instanceof Number n) {
                cell.setCellValue(n.doubleValue());
            } else if (v instanceof LocalDate d) {
                cell.setCellValue(d);
                cell.setCellStyle(date);
            } else {
                cell.setCellValue(v.toString());
                cell.setCellStyle(text);
            }
        }
    }

    public void row(Object... cells) {
        row(Arrays.asList(cells));
    }

    /** The rows written so far, the header (and any lines above it) not counted. */
    public int rows() {
        return next - headerRow - 1;
    }

    /** Writes the workbook; call once, after the last row. */
    public void writeTo(OutputStream out) throws IOException {
        wb.write(out);
    }

    /** Deletes the temporary files. */
    @Override
    public void close() throws IOException {
        wb.dispose();
        wb.close();
    }
}
