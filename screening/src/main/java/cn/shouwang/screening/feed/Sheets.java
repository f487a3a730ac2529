package cn.shouwang.screening.feed;

import cn.shouwang.core.text.TextCharset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * The one reader of spreadsheets users send (department files, the registry import): .xlsx, .xls and CSV alike,
 * told apart by their first bytes, not by their name (a CSV saved as "x.xlsx", an .xls renamed .xlsx). Every cell
 * comes with whether the workbook stored it as a number ({@link SheetCell#number()}), so a reader of id numbers and
 * phones can refuse the ones Excel damaged ({@link SheetCell#digitsLost()}) instead of checking them.
 *
 * <ul>
 *   <li>.xlsx: streamed by {@link XlsxRows} within its {@link XlsxRows.Limits} (a refusal is an
 *       {@link XlsxLimitException}); every sheet, in the workbook's order.</li>
 *   <li>.xls (BIFF8, Excel 97-2003): read whole by POI's HSSF, so refused above {@link #maxXlsBytes()} before it is
 *       loaded (an .xls holds at most 65,536 rows a sheet; a bigger table comes as .xlsx or CSV).</li>
 *   <li>CSV/text: one sheet named after the file, in the charset {@link TextCharset} detects (UTF-8 with or without a
 *       byte-order mark, else GB18030), bytes that are not text in it refused.</li>
 * </ul>
 * A file that is none of these, an encrypted workbook or a damaged one is an {@link UnreadableSheetException}.
 */
public final class Sheets {
    /** Default largest .xls read (it is loaded whole; about ten times its size in memory). */
    public static final long XLS_BYTES = 32L << 20;

    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};

    private Sheets() {}

    /** The largest .xls read: {@code -Dshouwang.xls.max-bytes}, else {@link #XLS_BYTES}. */
    public static long maxXlsBytes() { return Long.getLong("shouwang.xls.max-bytes", XLS_BYTES); }

    /** What a file is, by its first bytes. */
    public enum Format { XLSX, XLS, CSV }

    /**
     * Reads .xlsx, .xls and .csv/.txt by content (not only by name): every sheet in order; CSV charset detected
     * (UTF-8 with or without BOM, else GB18030). Dates in date-formatted cells come out as YYYY-MM-DD; numbers
     * as plain decimals (15 significant digits as Excel keeps them); merged cells give their value in the first
     * cell only. Limits as XlsxRows.Limits.DEFAULTS.
     */
    public static void read(Path file, String originalName, SheetRows rows) throws IOException {
        read(file, originalName, XlsxRows.Limits.DEFAULTS, rows);
    }

    /**
     * As {@link #read(Path, String, SheetRows)} within {@code limits}. {@code originalName} is the name the user
     * knows the file by (an upload is stored under another): it names the file in refusals and the CSV's sheet.
     * Throws {@link UnreadableSheetException} or {@link XlsxLimitException} (each carrying what to say),
     * another {@link IOException} when the file cannot be read from disk; an unchecked exception of {@code rows}
     * comes out as it was thrown.
     */
    public static void read(Path file, String originalName, XlsxRows.Limits limits, SheetRows rows) throws IOException {
        String name = originalName == null || originalName.isBlank() ? file.getFileName().toString() : originalName;
        switch (format(file)) {
            case XLSX -> readXlsx(file, name, limits, rows);
            case XLS -> readOle2(file, name, limits, rows);
            case CSV -> readCsv(file, name, rows);
        }
    }

    /** What {@link #read} will take {@code file} for, by its first bytes. */
    public static Format format(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        if (startsWith(head, ZIP)) return Format.XLSX;
        if (startsWith(head, OLE2)) return Format.XLS;
        return Format.CSV;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[i] != prefix[i]) return false;
        return true;
    }

    // --- .xlsx

    private static void readXlsx(Path file, String name, XlsxRows.Limits limits, SheetRows rows) throws IOException {
        String[] current = {null};
        try {
            XlsxRows.read(file, name, limits, new XlsxRows.SheetVisitor() {
                @Override public boolean sheet(String sheet) {
                    current[0] = sheet;
                    return rows.sheet(sheet);
                }

                @Override public void row(int line, List<String> cells, BitSet numbers) {
                    List<SheetCell> out = new ArrayList<>(cells.size());
                    for (int i = 0; i < cells.size(); i++) {
                        String t = cells.get(i);
                        out.add(t.isEmpty() ? SheetCell.BLANK : new SheetCell(t, numbers.get(i)));
                    }
                    deliver(rows, current[0], line, out);
                }
            }, true);
        } catch (XlsxRows.NoSheet e) {
            throw new UnreadableSheetException(UnreadableSheetException.Problem.NO_SHEET, e, name);
        } catch (XlsxLimitException | UnreadableSheetException e) {
            throw e;
        } catch (IOException e) {
            if (Files.isReadable(file)) throw new UnreadableSheetException(UnreadableSheetException.Problem.DAMAGED, e, name);
            throw e;
        }
    }

    /** Hands a row on without its trailing empty cells; a blank row (empty or white space only) not at all. */
    private static void deliver(SheetRows rows, String sheet, int line, List<SheetCell> cells) {
        boolean blank = true;
        for (SheetCell c : cells) blank &= c.isBlank();
        if (blank) return;
        int n = cells.size();
        while (n > 0 && cells.get(n - 1).text().isEmpty()) n--;
        rows.row(sheet, line, n == cells.size() ? cells : new ArrayList<>(cells.subList(0, n)));
    }

    // --- OLE2: .xls, or an encrypted .xlsx (Office keeps those in an OLE2 container)

    private static void readOle2(Path file, String name, XlsxRows.Limits limits, SheetRows rows) throws IOException {
        long size = Files.size(file);
        long max = maxXlsBytes();
        if (size > max) {
            throw new UnreadableSheetException(UnreadableSheetException.Problem.TOO_BIG, name, max >> 20);
        }
        POIFSFileSystem fs;
        try {
            fs = new POIFSFileSystem(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableSheetException(UnreadableSheetException.Problem.DAMAGED, e, name);
        }
        try (fs) {
            DirectoryNode root = fs.getRoot();
            if (root.hasEntryCaseInsensitive("EncryptionInfo") || root.hasEntryCaseInsensitive("EncryptedPackage")) {
                throw new UnreadableSheetException(UnreadableSheetException.Problem.ENCRYPTED, name);
            }
            if (!root.hasEntryCaseInsensitive("Workbook") && !root.hasEntryCaseInsensitive("Book")) {
                // a Word document, a .msg…: an OLE2 file without a workbook
                throw new UnreadableSheetException(UnreadableSheetException.Problem.NOT_SPREADSHEET, name);
            }
            HSSFWorkbook wb;
            try {
                wb = new HSSFWorkbook(root, false);
            } catch (EncryptedDocumentException e) {
                throw new UnreadableSheetException(UnreadableSheetException.Problem.ENCRYPTED, e, name);
            } catch (OldExcelFormatException e) {
                throw new UnreadableSheetException(UnreadableSheetException.Problem.OLD_FORMAT, e, name);
            } catch (IOException | RuntimeException e) {
                throw new UnreadableSheetException(UnreadableSheetException.Problem.DAMAGED, e, name);
            }
            try (wb) {
                if (wb.getNumberOfSheets() == 0) throw new UnreadableSheetException(UnreadableSheetException.Problem.NO_SHEET, name);
                boolean date1904 = damagedIfThrows(name, () -> wb.getInternalWorkbook().isUsing1904DateWindowing());
                XlsxRows.IsoFormatter formatter = new XlsxRows.IsoFormatter();
                for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                    int index = s;
                    Sheet sheet = damagedIfThrows(name, () -> wb.getSheetAt(index));
                    String sheetName = damagedIfThrows(name, () -> wb.getSheetName(index));
                    if (!rows.sheet(sheetName)) continue;
                    int count = 0;
                    Iterator<Row> it = damagedIfThrows(name, sheet::rowIterator);
                    while (damagedIfThrows(name, it::hasNext)) {
                        if (++count > limits.maxRows()) {
                            throw new XlsxLimitException(XlsxLimitException.Limit.ROWS, name, sheetName, limits.maxRows());
                        }
                        // POI reads a damaged record lazily (a cell whose style is missing, found by fuzzing): the
                        // file is damaged, not the reader; the rows' own exceptions are not caught here
                        Row row = damagedIfThrows(name, it::next);
                        List<SheetCell> cells = damagedIfThrows(name, () -> {
                            int last = row.getLastCellNum();
                            List<SheetCell> out = new ArrayList<>(Math.max(last, 0));
                            for (int c = 0; c < last; c++) out.add(cell(row.getCell(c), formatter, date1904));
                            return out;
                        });
                        deliver(rows, sheetName, row.getRowNum() + 1, cells);
                    }
                }
            }
        }
    }

    /** POI's answer, or the file refused as damaged when POI fails on it with an unchecked exception. */
    private static <T> T damagedIfThrows(String name, java.util.function.Supplier<T> poi) throws UnreadableSheetException {
        try {
            return poi.get();
        } catch (RuntimeException e) {
            throw new UnreadableSheetException(UnreadableSheetException.Problem.DAMAGED, e, name);
        }
    }

    private static SheetCell cell(Cell cell, XlsxRows.IsoFormatter formatter, boolean date1904) {
        if (cell == null) return SheetCell.BLANK;
        CellType type = cell.getCellType();
        if (type == CellType.FORMULA) type = cell.getCachedFormulaResultType();
        switch (type) {
            case NUMERIC -> {
                CellStyle style = cell.getCellStyle();
                String text = formatter.formatRawCellContents(cell.getNumericCellValue(), style.getDataFormat(),
                        style.getDataFormatString(), date1904);
                return new SheetCell(text, true);
            }
            case STRING -> {
                return SheetCell.text(cell.getRichStringCellValue().getString());
            }
            case BOOLEAN -> {
                return SheetCell.text(cell.getBooleanCellValue() ? "TRUE" : "FALSE");
            }
            case ERROR -> {
                try {
                    return SheetCell.text(FormulaError.forInt(cell.getErrorCellValue()).getString());
                } catch (IllegalArgumentException e) {
                    return SheetCell.text("#ERROR");
                }
            }
            default -> {
                return SheetCell.BLANK;
            }
        }
    }

    // --- CSV

    private static void readCsv(Path file, String name, SheetRows rows) throws IOException {
        byte[] sample;
        boolean whole;
        try (InputStream in = Files.newInputStream(file)) {
            sample = in.readNBytes(TextCharset.SAMPLE_BYTES);
            whole = sample.length < TextCharset.SAMPLE_BYTES || in.read() < 0;
        }
        TextCharset.Detected d = TextCharset.of(sample, 0, sample.length, whole);
        if (!TextCharset.isText(sample, d.bom(), sample.length, d.charset(), whole)) {
            throw new UnreadableSheetException(UnreadableSheetException.Problem.NOT_SPREADSHEET, name);
        }
        if (!rows.sheet(name)) return;
        try (CsvScanner s = new CsvScanner(file)) {
            while (s.next()) {
                if (s.isBlank()) continue;
                List<String> fields = s.strings();
                List<SheetCell> cells = new ArrayList<>(fields.size());
                for (String f : fields) cells.add(SheetCell.text(f));
                deliver(rows, name, s.line(), cells);
            }
        }
    }
}
