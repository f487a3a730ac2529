package cn.shouwang.screening.feed;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Streams the first sheet of an .xlsx file (SAX, constant memory) as rows of text. Cells formatted as dates
 * come out as YYYY-MM-DD; numbers as plain decimals (12.5, not 1.25E1); text as written.
 */
public final class XlsxRows {
    private XlsxRows() {}

    @FunctionalInterface
    public interface RowHandler {
        /** {@code rowNumber} is the sheet's row number (1-based: the header row is usually 1). */
        void row(int rowNumber, List<String> cells) throws Exception;
    }

    public static void read(Path file, RowHandler handler) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) throw new IOException("the workbook has no sheet");
            try (InputStream sheet = sheets.next()) {
                Collector c = new Collector(handler);
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, c, new IsoFormatter(), false));
                xml.parse(new InputSource(sheet));
                if (c.failure != null) throw c.failure;
            }
        } catch (StopReading e) {
            if (e.getCause() instanceof IOException io) throw io;
            throw new IOException(e.getCause());
        } catch (OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            throw new IOException("not a readable .xlsx workbook: " + e.getMessage(), e);
        }
    }

    private static final class StopReading extends RuntimeException {
        StopReading(Exception cause) { super(cause); }
    }

    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final RowHandler handler;
        private final List<String> cells = new ArrayList<>();
        private int rowNum;
        IOException failure;

        Collector(RowHandler handler) { this.handler = handler; }

        @Override public void startRow(int rowNum) {
            this.rowNum = rowNum + 1;
            cells.clear();
        }

        @Override public void endRow(int rowNum) {
            try {
                handler.row(this.rowNum, List.copyOf(cells));
            } catch (Exception e) {
                throw new StopReading(e);
            }
        }

        @Override public void cell(String ref, String formattedValue, XSSFComment comment) {
            int col = ref == null ? cells.size() : new CellReference(ref).getCol();
            while (cells.size() < col) cells.add("");
            cells.add(formattedValue == null ? "" : formattedValue);
        }
    }

    /** Dates as ISO days, numbers without grouping or exponent: what the row parser expects. */
    static final class IsoFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime t = DateUtil.getLocalDateTime(value, use1904Windowing);
                return t.toLocalDate().toString();
            }
            BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        }
    }
}
