package cn.shouwang.screening.feed;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hostile .xlsx files for the reader's tests, written as a stream (never held in memory). The parts are the
 * minimum POI opens: content types, package and workbook relationships, a workbook, one sheet and shared strings.
 */
final class XlsxBombs {
    private XlsxBombs() {}

    static final String CONTENT_TYPES = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
            </Types>""";
    static final String ROOT_RELS = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>""";
    static final String WORKBOOK = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""";
    static final String WORKBOOK_RELS = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>\
            </Relationships>""";
    static final String SHEET_START = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""";
    static final String SHEET_END = "</sheetData></worksheet>";
    /** A medical_claims header as shared strings 0–4 and one data row of inline strings. */
    static final String HEADER_AND_ROW = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
            + "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c><c r=\"E1\" t=\"s\"><v>4</v></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>220322194901154212</t></is></c>"
            + "<c r=\"B2\" t=\"inlineStr\"><is><t>2024-06-01</t></is></c><c r=\"C2\"><v>100</v></c><c r=\"D2\"><v>50</v></c>"
            + "<c r=\"E2\"><v>50</v></c></row>";
    static final String SST_START = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <si><t>id_number</t></si><si><t>settled_on</t></si><si><t>total_cost</t></si><si><t>insurance_paid</t></si>\
            <si><t>out_of_pocket</t></si>""";

    /**
     * The file of the incident: a small workbook whose {@code xl/sharedStrings.xml} holds {@code strings} more
     * three-letter strings of 19 bytes each (150 million: 2.85 GB) at a compression of about 1.36 % (a little
     * above POI's zip-bomb ratio of 1 %, so POI's own check lets it through): about one string in 23 differs, at
     * pseudo-random places, which is what keeps the ratio there at deflate level 1.
     */
    static void sharedStrings(Path file, long strings) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            z.setLevel(1);
            entry(z, "[Content_Types].xml", CONTENT_TYPES);
            entry(z, "_rels/.rels", ROOT_RELS);
            entry(z, "xl/workbook.xml", WORKBOOK);
            entry(z, "xl/_rels/workbook.xml.rels", WORKBOOK_RELS);
            entry(z, "xl/worksheets/sheet1.xml", SHEET_START + HEADER_AND_ROW + SHEET_END);
            z.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            z.write(SST_START.getBytes(StandardCharsets.UTF_8));
            byte[] a = "<si><t>abc</t></si>".getBytes(StandardCharsets.US_ASCII);
            byte[] b = "<si><t>bbc</t></si>".getBytes(StandardCharsets.US_ASCII);
            byte[] buf = new byte[19 * 4096];
            long x = 88172645463325252L;
            for (long i = 0; i < strings; ) {
                int k = (int) Math.min(4096, strings - i);
                for (int j = 0; j < k; j++) {
                    x ^= x << 13;
                    x ^= x >>> 7;
                    x ^= x << 17;
                    System.arraycopy(Math.floorMod(x, 1000) < 43 ? b : a, 0, buf, j * 19, 19);
                }
                z.write(buf, 0, k * 19);
                i += k;
            }
            z.write("</sst>".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
    }

    /**
     * A small workbook: the standard parts (content types, relationships, workbook) with {@code sheetRows} inside
     * the sheet's {@code sheetData} and {@code sst} as the shared strings' {@code <sst>} body (none when null);
     * {@code more} are further (name, text) entries, replacing a standard one of the same name.
     */
    static void workbook(Path file, String sheetRows, String sst, String... more) throws IOException {
        java.util.Map<String, String> parts = new java.util.LinkedHashMap<>();
        parts.put("[Content_Types].xml", CONTENT_TYPES);
        parts.put("_rels/.rels", ROOT_RELS);
        parts.put("xl/workbook.xml", WORKBOOK);
        parts.put("xl/_rels/workbook.xml.rels", WORKBOOK_RELS);
        parts.put("xl/worksheets/sheet1.xml", SHEET_START + sheetRows + SHEET_END);
        if (sst != null) {
            parts.put("xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + sst + "</sst>");
        }
        for (int i = 0; i + 1 < more.length; i += 2) parts.put(more[i], more[i + 1]);
        try (ZipOutputStream z = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            for (var e : parts.entrySet()) entry(z, e.getKey(), e.getValue());
        }
    }

    static void entry(ZipOutputStream z, String name, String text) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
