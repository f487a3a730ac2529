package cn.shouwang.screening.feed;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;


/**
 * Streams the first sheet of an .xlsx file (SAX) as rows of text; {@link Sheets} reads every sheet through it, with
 * the cells the workbook stored as numbers. Cells formatted as dates come out as YYYY-MM-DD; numbers as plain
 * decimals of at most 15 significant digits, as Excel keeps them (12.5, not 1.25E1); text as written.
 *
 * <p>A workbook is a ZIP of XML parts, and a small upload can expand enormously (a 39 MB file whose shared
 * strings expand to 2.85 GB once ran a server's heap out). So every part is read within {@link Limits}: before
 * POI opens the package, each part it would parse whole (content types, relationships, workbook, styles, theme,
 * properties) is expanded once through an {@link XmlGuard} and refused past {@link Limits#maxPartBytes()}; the
 * shared strings are read by {@link BoundedSharedStrings} (counted, compact) and the sheet is streamed, each
 * through a guard of its own size limit. Elements nested deeper than {@link Limits#MAX_XML_DEPTH}, any one tag or
 * text longer than {@link Limits#MAX_XML_TOKEN} bytes, a cell beyond Excel's last column or longer than Excel's
 * 32,767 characters, and more rows than {@link Limits#maxRows()} are refused too. A refusal is an
 * {@link XlsxLimitException} naming the limit, the file and the part; memory stays bounded whatever the file.
 */
public final class XlsxRows {
    private XlsxRows() {}

    /**
     * The limits of one read. The defaults ({@link #DEFAULTS}) fit the largest real department workbook (Excel
     * itself stops at 1,048,576 rows; a bigger table is sent as CSV, which has none of these limits) and can be
     * changed with system properties ({@code -Dshouwang.xlsx.max-rows=…}; see docs/screening.md).
     *
     * @param maxSheetBytes         the sheet's XML, expanded (streamed: bounds the time of a read)
     * @param maxSharedStringsBytes the shared strings' XML, expanded (held in memory, compactly)
     * @param maxSharedStrings      shared strings, counted as read
     * @param maxRows               rows of the sheet (blank ones included)
     * @param maxPartBytes          a part POI parses whole (content types, relationships, workbook, styles, theme,
     *                              core properties), expanded; all of them together may take four times this
     */
    public record Limits(long maxSheetBytes, long maxSharedStringsBytes, int maxSharedStrings, int maxRows,
                         long maxPartBytes) {
        /** Excel's last column (XFD). */
        public static final int MAX_COLUMNS = 16_384;
        /** Excel's longest cell text. */
        public static final int MAX_CELL_CHARS = 32_767;
        /** Entries of the ZIP (POI's own default refuses more too). */
        public static final int MAX_ENTRIES = 1_000;
        /** Nesting of XML elements (a sheet needs 7, a drawing about 20). */
        public static final int MAX_XML_DEPTH = 64;
        /** One XML tag, text, comment or CDATA section, in bytes. */
        public static final int MAX_XML_TOKEN = 1 << 20;

        public static final long SHEET_BYTES = 2L << 30;
        public static final long SHARED_STRINGS_BYTES = 256L << 20;
        public static final int SHARED_STRINGS = 10_000_000;
        public static final int ROWS = 1_048_576;
        public static final long PART_BYTES = 16L << 20;

        public static final Limits DEFAULTS = new Limits(
                Long.getLong("shouwang.xlsx.max-sheet-bytes", SHEET_BYTES),
                Long.getLong("shouwang.xlsx.max-shared-strings-bytes", SHARED_STRINGS_BYTES),
                Integer.getInteger("shouwang.xlsx.max-shared-strings", SHARED_STRINGS),
                Integer.getInteger("shouwang.xlsx.max-rows", ROWS),
                Long.getLong("shouwang.xlsx.max-part-bytes", PART_BYTES));

        public Limits {
            if (maxSheetBytes <= 0 || maxSharedStringsBytes <= 0 || maxSharedStrings <= 0 || maxRows <= 0 || maxPartBytes <= 0) {
                throw new IllegalArgumentException("xlsx limits must be positive");
            }
        }
    }

    @FunctionalInterface
    public interface RowHandler {
        /** {@code rowNumber} is the sheet's row number (1-based: the header row is usually 1). */
        void row(int rowNumber, List<String> cells) throws Exception;
    }

    private static final String SHARED_STRINGS = XSSFRelation.SHARED_STRINGS.getContentType();
    private static final Set<String> WORKBOOKS = Set.of(XSSFRelation.WORKBOOK.getContentType(),
            XSSFRelation.MACROS_WORKBOOK.getContentType(), XSSFRelation.TEMPLATE_WORKBOOK.getContentType(),
            XSSFRelation.MACRO_TEMPLATE_WORKBOOK.getContentType());
    /**
     * The parts POI parses whole on this path, found by content type: the core properties (while opening the
     * package), the workbook (its sheet list), styles and theme. Content types and relationships are found by name.
     */
    private static final Set<String> PARSED_WHOLE;
    static {
        Set<String> t = new HashSet<>(WORKBOOKS);
        t.add(org.apache.poi.openxml4j.opc.ContentTypes.CORE_PROPERTIES_PART);
        t.add(XSSFRelation.STYLES.getContentType());
        t.add(XSSFRelation.THEME.getContentType());
        PARSED_WHOLE = Set.copyOf(t);
    }

    public static void read(Path file, RowHandler handler) throws IOException {
        read(file, Limits.DEFAULTS, handler);
    }

    public static void read(Path file, Limits limits, RowHandler handler) throws IOException {
        read(file, file.getFileName().toString(), limits, new SheetVisitor() {
            private boolean first = true;

            @Override public boolean sheet(String name) {
                boolean read = first;
                first = false;
                return read;
            }

            @Override public void row(int rowNumber, List<String> cells, java.util.BitSet numbers) throws Exception {
                handler.row(rowNumber, cells);
            }
        }, false);
    }

    /** Every sheet of a workbook, for {@link Sheets}: the sheet's name first, then its rows with their numeric cells. */
    interface SheetVisitor {
        /** A sheet begins; false skips it. */
        boolean sheet(String name) throws Exception;

        /** A row (blank ones too); {@code numbers} has the columns whose cell the workbook stored as a number. */
        void row(int rowNumber, List<String> cells, java.util.BitSet numbers) throws Exception;
    }

    /**
     * Reads the sheets {@code visitor} wants, in the workbook's order, within {@code limits}: the sheets' expanded
     * XML together within {@link Limits#maxSheetBytes()} (so the time of a read is bounded whatever the number of
     * sheets), each within {@link Limits#maxRows()} rows. {@code name} names the file in a refusal. With
     * {@code uncheckedAsThrown}, an unchecked exception of the visitor comes out as it was thrown.
     */
    static void read(Path file, String name, Limits limits, SheetVisitor visitor, boolean uncheckedAsThrown)
            throws IOException {
        try {
            checkParts(file, limits);
            try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
                requireWorkbook(pkg);
                XSSFReader reader = new XSSFReader(pkg);
                SharedStrings strings = sharedStrings(pkg, limits);
                StylesTable styles = reader.getStylesTable();
                XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
                if (!sheets.hasNext()) throw new NoSheet();
                long sheetBytes = 0;
                while (sheets.hasNext()) {
                    try (InputStream raw = sheets.next()) {
                        boolean wanted;
                        try {
                            wanted = visitor.sheet(sheets.getSheetName());
                        } catch (Exception e) {
                            throw new StopReading(e);
                        }
                        if (!wanted) continue;
                        String part = partName(sheets.getSheetPart());
                        XmlGuard sheet = new XmlGuard(raw, part, limits.maxSheetBytes() - sheetBytes,
                                XlsxLimitException.Limit.SHEET_BYTES, true, Limits.MAX_XML_DEPTH, Limits.MAX_XML_TOKEN);
                        Collector c = new Collector(visitor, part, limits.maxRows());
                        TextLimit types = new TextLimit(
                                new XSSFSheetXMLHandler(styles, null, strings, c, new IsoFormatter(), false), part, c);
                        XMLReader xml = XMLHelper.newXMLReader();
                        xml.setContentHandler(types);
                        try {
                            xml.parse(new InputSource(sheet));
                        } catch (XlsxLimitException e) {
                            if (e.limit() == XlsxLimitException.Limit.SHEET_BYTES) {
                                throw new XlsxLimitException(e.limit(), e.file(), e.part(), limits.maxSheetBytes());
                            }
                            throw e;
                        }
                        sheetBytes += sheet.count();
                    }
                }
            }
        } catch (StopReading e) {
            XlsxLimitException limit = limitIn(e.getCause(), name);
            if (limit != null) throw limit;
            if (e.getCause() instanceof IOException io) throw io;
            if (uncheckedAsThrown && e.getCause() instanceof RuntimeException r) throw r;
            throw new IOException(e.getCause());
        } catch (NoSheet e) {
            throw e;
        } catch (IOException e) {
            XlsxLimitException limit = limitIn(e, name);
            if (limit != null) throw limit;
            throw e;
        } catch (OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            XlsxLimitException limit = limitIn(e, name);
            if (limit != null) throw limit;
            throw new IOException("not a readable .xlsx workbook: " + e.getMessage(), e);
        }
    }

    /** A workbook without a sheet. */
    static final class NoSheet extends IOException {
        NoSheet() { super("the workbook has no sheet"); }
    }

    /** A refusal somewhere in the causes: ours, or POI's zip-bomb check (a ratio below its minimum). */
    private static XlsxLimitException limitIn(Throwable t, String file) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < 20; c = c.getCause(), depth++) {
            if (c instanceof XlsxLimitException x) return x.in(file);
            if (c instanceof IOException && c.getMessage() != null && c.getMessage().startsWith("Zip bomb detected")) {
                return new XlsxLimitException(XlsxLimitException.Limit.INFLATE_RATIO, file, "ZIP", 0);
            }
        }
        return null;
    }

    private static String partName(PackagePart p) {
        String n = p.getPartName().getName();
        return n.startsWith("/") ? n.substring(1) : n;
    }

    /**
     * Before POI sees the package: the number of entries, no name twice, and every part POI will parse whole
     * expanded once through a guard. POI finds those by name (content types, relationships) and by content type
     * ({@link #PARSED_WHOLE}; the main part must moreover be a workbook, {@link #requireWorkbook}); a part without a
     * content type is checked too. The shared strings and the sheet go through guards of their own as they are
     * read; other parts (other sheets, pictures, calculation chain, pivot caches…) are never read, so not expanded.
     */
    private static void checkParts(Path file, Limits limits) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            Set<String> names = new HashSet<>();
            ZipEntry contentTypes = null;
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                if (entries.size() >= Limits.MAX_ENTRIES) {
                    throw new XlsxLimitException(XlsxLimitException.Limit.ENTRIES, "ZIP", Limits.MAX_ENTRIES);
                }
                String lower = e.getName().toLowerCase(Locale.ROOT);
                if (!names.add(lower)) throw new IOException("the package holds " + e.getName() + " twice");
                if (lower.equals("[content_types].xml")) contentTypes = e;
                entries.add(e);
            }
            if (contentTypes == null) throw new IOException("not an Office Open XML package: no [Content_Types].xml");
            ContentTypes types = new ContentTypes();
            try (InputStream in = guard(zip, contentTypes, limits.maxPartBytes(), true)) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(types);
                xml.parse(new InputSource(in));
            } catch (SAXException | ParserConfigurationException e) {
                throw new IOException("[Content_Types].xml not readable: " + e.getMessage(), e);
            }
            long total = 0;
            byte[] buf = new byte[1 << 16];
            for (ZipEntry e : entries) {
                if (e.isDirectory()) continue;
                String lower = e.getName().toLowerCase(Locale.ROOT);
                boolean byName = lower.equals("[content_types].xml") || lower.endsWith(".rels");
                String type = types.of(lower);
                if (!byName && type != null && !PARSED_WHOLE.contains(type)) continue;
                try (InputStream in = guard(zip, e, limits.maxPartBytes(), byName || type != null)) {
                    while (in.read(buf) >= 0) {
                        // expanded and lexed only
                    }
                    total += ((XmlGuard) in).count();
                }
                if (total > 4 * limits.maxPartBytes()) {
                    throw new XlsxLimitException(XlsxLimitException.Limit.PARTS_TOTAL_BYTES, "ZIP", 4 * limits.maxPartBytes());
                }
            }
        }
    }

    private static InputStream guard(ZipFile zip, ZipEntry e, long maxBytes, boolean xml) throws IOException {
        return new XmlGuard(zip.getInputStream(e), e.getName(), maxBytes, XlsxLimitException.Limit.PART_BYTES, xml,
                Limits.MAX_XML_DEPTH, Limits.MAX_XML_TOKEN);
    }

    /** [Content_Types].xml: the type of each part, by its name or its extension (both without case, as in OPC). */
    private static final class ContentTypes extends DefaultHandler {
        private final Map<String, String> defaults = new HashMap<>();
        private final Map<String, String> overrides = new HashMap<>();

        @Override public void startElement(String uri, String local, String qName, Attributes a) {
            String type = a.getValue("ContentType");
            if (type == null) return;
            if (local.equals("Default") && a.getValue("Extension") != null) {
                defaults.put(a.getValue("Extension").toLowerCase(Locale.ROOT), type);
            } else if (local.equals("Override") && a.getValue("PartName") != null) {
                overrides.put(a.getValue("PartName").toLowerCase(Locale.ROOT), type);
            }
        }

        /** The type of a ZIP entry (its name in lower case), or null. */
        String of(String lowerEntryName) {
            String t = overrides.get("/" + lowerEntryName);
            if (t != null) return t;
            int slash = lowerEntryName.lastIndexOf('/');
            int dot = lowerEntryName.lastIndexOf('.');
            return dot > slash ? defaults.get(lowerEntryName.substring(dot + 1)) : null;
        }
    }

    /** The package's main part must be a workbook: POI parses it (for the sheet list) before any sheet. */
    private static void requireWorkbook(OPCPackage pkg) throws IOException, OpenXML4JException {
        PackageRelationship rel = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT).getRelationship(0);
        PackagePart wb = rel == null ? null : pkg.getPart(rel);
        if (wb == null || !WORKBOOKS.contains(wb.getContentType())) {
            throw new IOException("the package's main part is not a workbook");
        }
    }

    private static SharedStrings sharedStrings(OPCPackage pkg, Limits limits) throws IOException, OpenXML4JException {
        List<PackagePart> parts = pkg.getPartsByContentType(SHARED_STRINGS);
        if (parts.isEmpty()) return BoundedSharedStrings.none();
        PackagePart p = parts.get(0);
        String part = partName(p);
        try (InputStream in = new XmlGuard(p.getInputStream(), part, limits.maxSharedStringsBytes(),
                XlsxLimitException.Limit.SHARED_STRINGS_BYTES, true, Limits.MAX_XML_DEPTH, Limits.MAX_XML_TOKEN)) {
            return BoundedSharedStrings.read(in, part, limits.maxSharedStrings(), Limits.MAX_CELL_CHARS);
        }
    }

    private static final class StopReading extends RuntimeException {
        StopReading(Exception cause) { super(cause); }
    }

    /**
     * Passes SAX events on, refusing a text longer than a cell may be between two element events: POI's sheet
     * handler collects a cell's text whole, and comments could split it into tokens the {@link XmlGuard} allows.
     */
    private static final class TextLimit implements org.xml.sax.ContentHandler {
        private final org.xml.sax.ContentHandler next;
        private final String part;
        private final Collector cells;
        private int chars;

        TextLimit(org.xml.sax.ContentHandler next, String part, Collector cells) {
            this.next = next;
            this.part = part;
            this.cells = cells;
        }

        private void text(int n) {
            chars += n;
            if (chars > Limits.MAX_CELL_CHARS) {
                throw new StopReading(new XlsxLimitException(XlsxLimitException.Limit.CELL_CHARS, part, Limits.MAX_CELL_CHARS));
            }
        }

        @Override public void setDocumentLocator(org.xml.sax.Locator l) { next.setDocumentLocator(l); }
        @Override public void startDocument() throws SAXException { next.startDocument(); }
        @Override public void endDocument() throws SAXException { next.endDocument(); }
        @Override public void startPrefixMapping(String p, String uri) throws SAXException { next.startPrefixMapping(p, uri); }
        @Override public void endPrefixMapping(String p) throws SAXException { next.endPrefixMapping(p); }

        @Override public void startElement(String uri, String local, String q, Attributes a) throws SAXException {
            chars = 0;
            // a cell without a type, or of type n, holds a number (dates included); POI's handler does not say
            if ("c".equals(local)) {
                String t = a.getValue("t");
                cells.numeric = t == null || t.equals("n");
            }
            next.startElement(uri, local, q, a);
        }

        @Override public void endElement(String uri, String local, String q) throws SAXException {
            chars = 0;
            next.endElement(uri, local, q);
        }

        @Override public void characters(char[] ch, int start, int length) throws SAXException {
            text(length);
            next.characters(ch, start, length);
        }

        @Override public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            text(length);
            next.ignorableWhitespace(ch, start, length);
        }

        @Override public void processingInstruction(String target, String data) throws SAXException {
            next.processingInstruction(target, data);
        }

        @Override public void skippedEntity(String name) throws SAXException { next.skippedEntity(name); }
    }

    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final SheetVisitor handler;
        private final String part;
        private final int maxRows;
        private final List<String> cells = new ArrayList<>();
        private final java.util.BitSet numbers = new java.util.BitSet();
        /** The type of the cell being read, set from its {@code c} element before POI hands its value over. */
        boolean numeric;
        private int rowNum;
        private int rows;

        Collector(SheetVisitor handler, String part, int maxRows) {
            this.handler = handler;
            this.part = part;
            this.maxRows = maxRows;
        }

        @Override public void startRow(int rowNum) {
            if (++rows > maxRows) throw new StopReading(new XlsxLimitException(XlsxLimitException.Limit.ROWS, part, maxRows));
            this.rowNum = rowNum + 1;
            cells.clear();
            numbers.clear();
        }

        @Override public void endRow(int rowNum) {
            try {
                handler.row(this.rowNum, List.copyOf(cells), (java.util.BitSet) numbers.clone());
            } catch (Exception e) {
                throw new StopReading(e);
            }
        }

        @Override public void cell(String ref, String formattedValue, XSSFComment comment) {
            int col = ref == null ? cells.size() : new CellReference(ref).getCol();
            if (col < 0 || col >= Limits.MAX_COLUMNS) {
                throw new StopReading(new XlsxLimitException(XlsxLimitException.Limit.COLUMNS, part, Limits.MAX_COLUMNS));
            }
            while (cells.size() < col) cells.add("");
            String v = formattedValue == null ? "" : formattedValue;
            if (numeric && !v.isEmpty()) {
                numbers.set(col);
                v = plainNumber(v);
            }
            if (col < cells.size()) cells.set(col, v); // a cell given twice: the last one counts
            else cells.add(v);
        }
    }

    private static final java.util.regex.Pattern RAW_NUMBER =
            java.util.regex.Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    /**
     * A number cell POI passed as written in the file (it does so when the cell has no style at all):
     * "2.20322199001011E+17" becomes "220322199001011000", as the formatter renders styled ones.
     */
    static String plainNumber(String v) {
        if (!RAW_NUMBER.matcher(v).matches()) return v; // a date, or already rendered
        try {
            return plain(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** A number as Excel keeps it: 15 significant digits, without grouping or exponent. */
    static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return String.valueOf(value);
        BigDecimal d = BigDecimal.valueOf(value).round(EXCEL_DIGITS).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    private static final java.math.MathContext EXCEL_DIGITS = new java.math.MathContext(15, java.math.RoundingMode.HALF_EVEN);

    /** Dates as ISO days, numbers without grouping or exponent: what the row parser expects. */
    static final class IsoFormatter extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime t = DateUtil.getLocalDateTime(value, use1904Windowing);
                return t.toLocalDate().toString();
            }
            return plain(value);
        }
    }
}
