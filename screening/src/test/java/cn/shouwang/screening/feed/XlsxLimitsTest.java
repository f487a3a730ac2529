package cn.shouwang.screening.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.screening.feed.XlsxLimitException.Limit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each limit of the .xlsx reader on a small file with a small limit (the incident's full-size file is
 * {@link XlsxBombTest}): refused with the limit, the file and the part named; what stays within is read as before.
 */
class XlsxLimitsTest {
    @TempDir Path dir;

    static final XlsxRows.Limits SMALL = new XlsxRows.Limits(1 << 20, 64 << 10, 1_000, 100, 32 << 10);
    static final String HEADER = XlsxBombs.HEADER_AND_ROW;
    static final String HEADER_STRINGS = "<si><t>id_number</t></si><si><t>settled_on</t></si><si><t>total_cost</t></si>"
            + "<si><t>insurance_paid</t></si><si><t>out_of_pocket</t></si>";

    /** Letters that do not compress much (so that POI's zip-bomb ratio does not fire first), with {@code mark} every 8th. */
    static String noise(int length, char mark) {
        java.util.Random r = new java.util.Random(length);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(i % 8 == 7 ? mark : (char) ('a' + r.nextInt(26)));
        return sb.toString();
    }

    static List<String> read(Path f, XlsxRows.Limits limits) throws Exception {
        List<String> rows = new ArrayList<>();
        XlsxRows.read(f, limits, (n, cells) -> rows.add(n + ":" + String.join("|", cells)));
        return rows;
    }

    static void refused(Path f, Limit limit, String part, long max) {
        assertThatThrownBy(() -> read(f, SMALL)).isInstanceOfSatisfying(XlsxLimitException.class, e -> {
            assertThat(e.limit()).isEqualTo(limit);
            assertThat(e.file()).isEqualTo(f.getFileName().toString());
            assertThat(e.part()).isEqualTo(part);
            assertThat(e.max()).isEqualTo(max);
            assertThat(e.getMessage()).contains(f.getFileName().toString(), part, limit.name());
        });
    }

    @Test void withinTheLimitsAFileIsReadAsBefore() throws Exception {
        Path f = dir.resolve("medical_claims.xlsx");
        // rich text runs are joined; a phonetic run (rPh) is not part of the value
        XlsxBombs.workbook(f, HEADER + "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>5</v></c></row>", HEADER_STRINGS
                + "<si><r><t>22032219490115</t></r><r><rPr><b/></rPr><t>4212</t></r><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></si>");
        assertThat(read(f, SMALL)).containsExactly("1:id_number|settled_on|total_cost|insurance_paid|out_of_pocket",
                "2:220322194901154212|2024-06-01|100|50|50", "3:220322194901154212");
    }

    @Test void moreSharedStringsThanTheLimitAreRefusedWhateverTheFileSays() throws Exception {
        Path f = dir.resolve("medical_claims.xlsx");
        StringBuilder sst = new StringBuilder(HEADER_STRINGS);
        for (int i = 0; i < 1_000; i++) sst.append("<si><t>").append(i).append("</t></si>");
        // the part's own count says 5: it is not what is counted
        XlsxBombs.workbook(f, HEADER, null, "xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"5\" uniqueCount=\"5\">"
                + sst + "</sst>");
        refused(f, Limit.SHARED_STRINGS, "xl/sharedStrings.xml", 1_000);
    }

    @Test void sharedStringsExpandingPastTheirLimitAreRefused() throws Exception {
        Path f = dir.resolve("medical_claims.xlsx");
        XlsxBombs.workbook(f, HEADER, HEADER_STRINGS + ("<si><t>" + "y".repeat(30_000) + "</t></si>").repeat(3));
        refused(f, Limit.SHARED_STRINGS_BYTES, "xl/sharedStrings.xml", 64 << 10);
    }

    @Test void aTextLongerThanExcelAllowsIsRefused() throws Exception {
        Path f = dir.resolve("medical_claims.xlsx");
        XlsxBombs.workbook(f, HEADER, HEADER_STRINGS + "<si><t>" + "x".repeat(40_000) + "</t></si>");
        assertThatThrownBy(() -> read(f, XlsxRows.Limits.DEFAULTS)).isInstanceOfSatisfying(XlsxLimitException.class,
                e -> assertThat(e.limit()).isEqualTo(Limit.CELL_CHARS));
        // the same in a cell of the sheet, split by comments so that no single XML token is long
        Path g = dir.resolve("b.xlsx");
        String split = ("y".repeat(10_000) + "<!-- -->").repeat(4);
        XlsxBombs.workbook(g, HEADER + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>" + split + "</t></is></c></row>",
                HEADER_STRINGS);
        assertThatThrownBy(() -> read(g, XlsxRows.Limits.DEFAULTS)).isInstanceOfSatisfying(XlsxLimitException.class, e -> {
            assertThat(e.limit()).isEqualTo(Limit.CELL_CHARS);
            assertThat(e.part()).isEqualTo("xl/worksheets/sheet1.xml");
        });
    }

    @Test void moreRowsThanTheLimitAreRefused() throws Exception {
        Path f = dir.resolve("medical_claims.xlsx");
        StringBuilder rows = new StringBuilder(HEADER);
        for (int r = 3; r <= 101; r++) rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\"><v>1</v></c></row>");
        XlsxBombs.workbook(f, rows.toString(), HEADER_STRINGS);
        assertThat(read(f, new XlsxRows.Limits(1 << 20, 64 << 10, 1_000, 101, 32 << 10))).hasSize(101);
        refused(f, Limit.ROWS, "xl/worksheets/sheet1.xml", 100);
    }

    @Test void aSheetExpandingPastItsLimitIsRefused() throws Exception {
        Path f = dir.resolve("medical_claims.xlsx");
        XlsxBombs.workbook(f, HEADER + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>" + noise(30_000, ' ')
                + "</t></is></c></row>" + ("<row x=\"" + noise(500_000, '>') + "\"/>").repeat(3), HEADER_STRINGS);
        refused(f, Limit.SHEET_BYTES, "xl/worksheets/sheet1.xml", 1 << 20);
    }

    @Test void aCellBeyondExcelsLastColumnIsRefused() throws Exception {
        Path f = dir.resolve("medical_claims.xlsx");
        XlsxBombs.workbook(f, HEADER + "<row r=\"3\"><c r=\"XFE3\"><v>1</v></c></row>", HEADER_STRINGS);
        refused(f, Limit.COLUMNS, "xl/worksheets/sheet1.xml", 16_384);
        XlsxBombs.workbook(f, HEADER + "<row r=\"3\"><c r=\"XFD3\"><v>1</v></c></row>", HEADER_STRINGS);
        assertThat(read(f, SMALL).get(2)).startsWith("3:").endsWith("|1").hasSize(2 + 16_383 + 1);
    }

    @Test void deepNestingAndHugeTagsOrCommentsAreRefusedBeforeTheParserBuffersThem() throws Exception {
        Path f = dir.resolve("medical_claims.xlsx");
        XlsxBombs.workbook(f, HEADER + "<x>".repeat(100) + "</x>".repeat(100), HEADER_STRINGS);
        refused(f, Limit.XML_DEPTH, "xl/worksheets/sheet1.xml", 64);
        // an attribute value holding '>' and a comment holding '<' and '>' are still one token each
        XlsxBombs.workbook(f, HEADER + "<row r=\"3\" x=\"" + noise(1_200_000, '>') + "\"/>", HEADER_STRINGS);
        assertThatThrownBy(() -> read(f, XlsxRows.Limits.DEFAULTS)).isInstanceOfSatisfying(XlsxLimitException.class,
                e -> assertThat(e.limit()).isEqualTo(Limit.XML_TOKEN));
        XlsxBombs.workbook(f, HEADER + "<!--" + noise(1_200_000, '<').replace("k", ">") + "-->", HEADER_STRINGS);
        assertThatThrownBy(() -> read(f, XlsxRows.Limits.DEFAULTS)).isInstanceOfSatisfying(XlsxLimitException.class,
                e -> assertThat(e.limit()).isEqualTo(Limit.XML_TOKEN));
        // within the limits, the same constructs read normally
        XlsxBombs.workbook(f, HEADER + "<!-- <a> -->" + "<row r=\"3\" x=\"a>b\"><c r=\"A3\"><v>7</v></c></row>", HEADER_STRINGS);
        assertThat(read(f, SMALL)).endsWith("3:7");
    }

    @Test void aPartPoiParsesWholeIsCheckedBeforePoiOpensThePackage() throws Exception {
        Path f = dir.resolve("medical_claims.xlsx");
        // core properties: POI unmarshals them while opening the package
        String props = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties "
                + "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\">"
                + "<cp:keywords>" + "k ".repeat(20_000) + "</cp:keywords></cp:coreProperties>";
        String types = XlsxBombs.CONTENT_TYPES.replace("</Types>", "<Override PartName=\"/docProps/core.xml\" "
                + "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>");
        String rels = XlsxBombs.ROOT_RELS.replace("</Relationships>", "<Relationship Id=\"rId2\" "
                + "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
                + "Target=\"docProps/core.xml\"/></Relationships>");
        XlsxBombs.workbook(f, HEADER, HEADER_STRINGS, "[Content_Types].xml", types, "_rels/.rels", rels,
                "docProps/core.xml", props);
        refused(f, Limit.PART_BYTES, "docProps/core.xml", 32 << 10);
        // a part POI never reads here (a calculation chain) may be bigger: it is not even expanded
        String calc = "<?xml version=\"1.0\"?><calcChain xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<c r=\"A1\" i=\"1\"/>".repeat(5_000) + "</calcChain>";
        XlsxBombs.workbook(f, HEADER, HEADER_STRINGS, "[Content_Types].xml", XlsxBombs.CONTENT_TYPES.replace("</Types>",
                "<Override PartName=\"/xl/calcChain.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                + "spreadsheetml.calcChain+xml\"/></Types>"), "xl/calcChain.xml", calc);
        assertThat(read(f, SMALL)).hasSize(2);
        // a workbook part declared as a worksheet (to be passed over by the check) is refused as no workbook
        XlsxBombs.workbook(f, HEADER, HEADER_STRINGS, "[Content_Types].xml", XlsxBombs.CONTENT_TYPES.replace(
                "spreadsheetml.sheet.main+xml", "spreadsheetml.worksheet+xml"));
        assertThatThrownBy(() -> read(f, SMALL)).isNotInstanceOf(XlsxLimitException.class)
                .hasMessageContaining("not a workbook");
    }

    @Test void sharedStringsCompressedBeyondPoisRatioAreRefusedAsSuch() throws Exception {
        Path f = dir.resolve("medical_claims.xlsx");
        XlsxBombs.workbook(f, HEADER, HEADER_STRINGS + "<si><t>a</t></si>".repeat(1_000_000));
        assertThatThrownBy(() -> read(f, XlsxRows.Limits.DEFAULTS)).isInstanceOfSatisfying(XlsxLimitException.class, e -> {
            assertThat(e.limit()).isEqualTo(Limit.INFLATE_RATIO);
            assertThat(e.file()).isEqualTo("medical_claims.xlsx");
        });
    }

    @Test void aHeaderMissingAColumnComesOutAsTheHandlersExceptionForXlsxAsForCsv() throws Exception {
        Path f = dir.resolve("medical_claims.xlsx");
        XlsxBombs.workbook(f, HEADER, "<si><t>id_number</t></si><si><t>x</t></si><si><t>x</t></si><si><t>x</t></si>"
                + "<si><t>x</t></si>");
        assertThatThrownBy(() -> FeedFiles.readAll(f, new FeedFiles.RecordHandler() {
            @Override public void header(List<String> cells, int line) { HeaderMap.of(FeedKind.MEDICAL_CLAIMS, cells); }
            @Override public void record(RawRecord r, int line) { }
        })).isInstanceOf(FeedFiles.HandlerException.class).hasCauseInstanceOf(HeaderMap.MissingColumnsException.class);
    }
}
