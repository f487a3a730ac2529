package cn.shouwang.server.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The one writer of the product's 导出Excel files, as county staff expect them (see the platform README, "Excel
 * exports"): the lines above the header (a bold title, the filter conditions in words, the day it was made), a bold
 * header row that stays in view with an autofilter over the rows, column widths that fit their text (a CJK character
 * counted twice), rows streamed through SXSSF ({@value #ROWS_IN_MEMORY} rows in memory, the rest in a compressed
 * temporary file), so a county's whole list never sits in memory. Several sheets in one file: {@link #sheet}.
 *
 * <p>A cell's type follows its value: text (ids, household numbers, masked numbers stay text, formatted "@" so Excel
 * does not turn them into numbers); amounts as {@link BigDecimal}, numbers shown {@value #AMOUNT}; counts
 * ({@link Integer}, {@link Long}) integers; days ({@link LocalDate}) date cells yyyy-mm-dd, months ({@link YearMonth})
 * date cells yyyy-mm, moments ({@link OffsetDateTime}, {@link Instant}, …) date cells yyyy-mm-dd hh:mm in
 * {@link #zone()}; null leaves the cell empty. Callers pass values already masked, codes already named and headers
 * already translated. A list's export starts with {@link ExcelExports#open}, which also names the file.
 *
 * <pre>{@code
 * try (XlsxWriter x = XlsxWriter.titled(sheetName, List.of(title, conditions), headers)) {
 *     rows.forEach(r -> x.row(r.no(), r.amount(), r.day()));
 *     x.writeTo(out);
 * }
 * }</pre>
 */
public final class XlsxWriter implements AutoCloseable {
    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final int ROWS_IN_MEMORY = 200;
    /** How an amount is shown: thousands separated, two decimals. */
    public static final String AMOUNT = "#,##0.00";
    /** The zone moments are shown in: the business time zone ({@link BusinessTimeZone}, the JVM's default once started). */
    static ZoneId zone() {
        return ZoneId.systemDefault();
    }
    /** The widest a column grows, in characters (a long sentence wraps rather than pushing the sheet sideways). */
    static final int MAX_WIDTH = 60;

    private final SXSSFWorkbook wb;
    private final CellStyle text;
    private final CellStyle amount;
    private final CellStyle count;
    private final CellStyle date;
    private final CellStyle month;
    private final CellStyle moment;
    private final CellStyle header;
    private final CellStyle titleStyle;
    private final CellStyle lineStyle;
    private Sheet sheet;
    private int next;
    private int headerRow;
    private int columns;
    private int[] widths = new int[0];
    private final List<Runnable> finishers = new ArrayList<>();

    public XlsxWriter(String sheetName, List<String> headers) {
        this(sheetName, headers, false);
    }

    /**
     * A list's export with lines above the header (the title, the filters it was made with): each line in the first
     * cell of its row, merged across the columns, the title bold; the header below them stays in view and carries an
     * autofilter over the rows written.
     */
    public XlsxWriter(String sheetName, List<String> titleLines, List<String> headers) {
        this(sheetName, headers, false, titleLines);
    }

    /** The same as {@link #XlsxWriter(String, List, List)}, named for reading at the call. */
    public static XlsxWriter titled(String sheetName, List<String> titleLines, List<String> headers) {
        return new XlsxWriter(sheetName, titleLines, headers);
    }

    /**
     * @param sealedTemporaryFiles for a file with full personal data (id numbers, phones, health): the rows beyond
     *     the window and the assembled workbook go to temporary files encrypted with a random AES key held only in
     *     memory (POI's {@code SXSSFWorkbookWithCustomZipEntrySource}, 20 rows in memory), so nothing readable is left
     *     on disk, not even by a killed server
     */
    public XlsxWriter(String sheetName, List<String> headers, boolean sealedTemporaryFiles) {
        this(sheetName, headers, sealedTemporaryFiles, List.of());
    }

    /** A titled writer whose temporary files are sealed (see {@link #XlsxWriter(String, List, boolean)}). */
    public static XlsxWriter titled(String sheetName, List<String> titleLines, List<String> headers, boolean sealed) {
        return new XlsxWriter(sheetName, headers, sealed, titleLines);
    }

    private XlsxWriter(String sheetName, List<String> headers, boolean sealedTemporaryFiles, List<String> titleLines) {
        wb = sealedTemporaryFiles ? new org.apache.poi.poifs.crypt.temp.SXSSFWorkbookWithCustomZipEntrySource()
                : new SXSSFWorkbook(ROWS_IN_MEMORY);
        wb.setCompressTempFiles(true);
        short textFormat = wb.createDataFormat().getFormat("@");
        text = wb.createCellStyle();
        text.setDataFormat(textFormat);
        text.setVerticalAlignment(VerticalAlignment.TOP);
        amount = style(AMOUNT);
        count = style("0");
        date = style("yyyy-mm-dd");
        month = style("yyyy-mm");
        moment = style("yyyy-mm-dd hh:mm");
        Font bold = wb.createFont();
        bold.setBold(true);
        header = wb.createCellStyle();
        header.setFont(bold);
        header.setDataFormat(textFormat);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        Font big = wb.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        titleStyle = wb.createCellStyle();
        titleStyle.setFont(big);
        lineStyle = wb.createCellStyle();
        lineStyle.setWrapText(false);
        sheet(sheetName, titleLines, headers);
    }

    private CellStyle style(String format) {
        CellStyle s = wb.createCellStyle();
        s.setDataFormat(wb.createDataFormat().getFormat(format));
        s.setVerticalAlignment(VerticalAlignment.TOP);
        return s;
    }

    /**
     * Starts another sheet in the same file (the ledger's sheet per village), with its own lines above the header;
     * the rows that follow go there. The sheet before it is finished (widths, autofilter).
     */
    public void sheet(String sheetName, List<String> titleLines, List<String> headers) {
        if (sheet != null) finishSheet();
        String safe = WorkbookUtil.createSafeSheetName(sheetName);
        for (int n = 2; wb.getSheet(safe) != null; n++) { // two villages of one name in two townships
            String suffix = " (" + n + ")";
            safe = WorkbookUtil.createSafeSheetName(sheetName.substring(0, Math.min(sheetName.length(), 31 - suffix.length())) + suffix);
        }
        sheet = wb.createSheet(safe);
        next = 0;
        columns = Math.max(1, headers.size());
        widths = new int[columns];
        for (int i = 0; i < headers.size(); i++) widths[i] = width(headers.get(i)) + 2; // the autofilter's button
        for (int t = 0; t < titleLines.size(); t++) {
            Row r = sheet.createRow(next++);
            var cell = r.createCell(0);
            cell.setCellValue(titleLines.get(t));
            cell.setCellStyle(t == 0 ? titleStyle : lineStyle);
            if (t == 0) r.setHeightInPoints(22);
            if (columns > 1) sheet.addMergedRegion(new CellRangeAddress(next - 1, next - 1, 0, columns - 1));
        }
        headerRow = next;
        Row row = sheet.createRow(next++);
        for (int i = 0; i < headers.size(); i++) {
            var cell = row.createCell(i);
            cell.setCellValue(headers.get(i));
            cell.setCellStyle(header);
        }
        sheet.createFreezePane(0, next);
        sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1)); // printed on every page
        sheet.getPrintSetup().setLandscape(true);
        sheet.setFitToPage(true);
        sheet.getPrintSetup().setFitWidth((short) 1);
        sheet.getPrintSetup().setFitHeight((short) 0);
        if (!headers.isEmpty()) {
            Sheet s = sheet;
            int h = headerRow;
            int c = headers.size();
            finishers.add(() -> s.setAutoFilter(new CellRangeAddress(h, Math.max(h, s.getLastRowNum()), 0, c - 1)));
        }
    }

    /** One row below the last, one value per column. */
    public void row(List<?> cells) {
        Row row = sheet.createRow(next++);
        if (cells.size() > widths.length) widths = Arrays.copyOf(widths, cells.size());
        for (int i = 0; i < cells.size(); i++) {
            Object v = cells.get(i);
            if (v == null) continue;
            var cell = row.createCell(i);
            String shown;
            if (v instanceof BigDecimal d) {
                cell.setCellValue(d.doubleValue());
                cell.setCellStyle(amount);
                shown = String.format("%,.2f", d);
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short) {
                cell.setCellValue(((Number) v).doubleValue());
                cell.setCellStyle(count);
                shown = v.toString();
            } else if (v instanceof Number n) {
                cell.setCellValue(n.doubleValue());
                cell.setCellStyle(amount);
                shown = String.format("%,.2f", n.doubleValue());
            } else if (v instanceof LocalDate d) {
                cell.setCellValue(d);
                cell.setCellStyle(date);
                shown = "2026-12-31";
            } else if (v instanceof YearMonth m) {
                cell.setCellValue(m.atDay(1));
                cell.setCellStyle(month);
                shown = "2026-12";
            } else if (moment(v) != null) {
                cell.setCellValue(moment(v));
                cell.setCellStyle(moment);
                shown = "2026-12-31 23:59";
            } else {
                shown = v.toString();
                cell.setCellValue(shown);
                cell.setCellStyle(text);
            }
            widths[i] = Math.max(widths[i], width(shown));
        }
    }

    public void row(Object... cells) {
        row(Arrays.asList(cells));
    }

    private static LocalDateTime moment(Object v) {
        if (v instanceof LocalDateTime t) return t;
        if (v instanceof OffsetDateTime t) return t.atZoneSameInstant(zone()).toLocalDateTime();
        if (v instanceof ZonedDateTime t) return t.withZoneSameInstant(zone()).toLocalDateTime();
        if (v instanceof Instant t) return LocalDateTime.ofInstant(t, zone());
        if (v instanceof java.sql.Timestamp t) return LocalDateTime.ofInstant(t.toInstant(), zone());
        return null;
    }

    /** How wide a text is shown, in Latin characters: a CJK (or other full-width) character counts twice. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            w += cp >= 0x1100 && (cp <= 0x115F || cp >= 0x2E80 && cp <= 0xA4CF || cp >= 0xAC00 && cp <= 0xD7A3
                    || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0xFE30 && cp <= 0xFE4F || cp >= 0xFF00 && cp <= 0xFF60
                    || cp >= 0xFFE0 && cp <= 0xFFE6 || cp >= 0x20000) ? 2 : 1;
        }
        return w;
    }

    /** The rows written so far on the current sheet, the header (and any lines above it) not counted. */
    public int rows() {
        return next - headerRow - 1;
    }

    private void finishSheet() {
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, Math.min(MAX_WIDTH, Math.max(6, widths[i] + 1)) * 256);
        }
        if (sheet instanceof SXSSFSheet s) s.setDefaultColumnWidth(10);
    }

    /** Writes the workbook; call once, after the last row. */
    public void writeTo(OutputStream out) throws IOException {
        finishSheet();
        finishers.forEach(Runnable::run);
        wb.write(out);
    }

    /** Deletes the temporary files. */
    @Override
    public void close() throws IOException {
        wb.dispose();
        wb.close();
    }

    // ------------------------------------------------------------------------------------------------ the response

    /**
     * The response headers of a workbook download: its type, and its Chinese file name as RFC 6266/5987 want it
     * ({@code filename*=UTF-8''…}) with an ASCII fallback for old readers.
     */
    public static void attachment(HttpServletResponse response, String fileName) {
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Content-Disposition", contentDisposition(fileName));
    }

    /** {@code attachment; filename="<ASCII fallback>"; filename*=UTF-8''<the name, percent-encoded>}. */
    public static String contentDisposition(String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("_+", "_").replaceAll("^_+|_(?=\\.)", "");
        int dot = ascii.lastIndexOf('.');
        String ext = dot < 0 ? "" : ascii.substring(dot);
        String base = dot < 0 ? ascii : ascii.substring(0, dot);
        if (base.isEmpty() || base.matches("[_\\d-]*") && !fileName.matches("[ -~]*")) base = "export" + (base.isEmpty() ? "" : "_" + base);
        return "attachment; filename=\"" + base + ext + "\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * A list's file name, {@code <area>_<what>_<period>.xlsx} (梨树县_监测对象台账_2026-12.xlsx): what a file system
     * refuses ({@code / \ : * ? " < > |}) and spaces become nothing.
     */
    public static String fileName(String area, String what, Object period) {
        return safe(area) + "_" + safe(what) + "_" + safe(String.valueOf(period)) + ".xlsx";
    }

    private static String safe(String s) {
        return s.replaceAll("[\\\\/:*?\"<>|\\s]+", "");
    }
}
