package cn.shouwang.screening.feed;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.text.TextCharset;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The one spreadsheet reader ({@link Sheets}: CSV in UTF-8 or GB18030, .xlsx, .xls) and the department row parser on
 * any bytes. Invariants: the only refusals are the documented ones ({@link UnreadableSheetException},
 * {@link XlsxLimitException}, {@link HeaderMap.MissingColumnsException}, {@link RowRejected} for a row), each with
 * what to say; rows come with increasing line numbers; every data row read is either parsed or rejected with a reason
 * naming its column (rows read = parsed + rejected); and a CSV written from known records reads back as exactly those
 * records, none dropped. Seeds (real files: GB18030 CSV from Excel, LibreOffice workbooks, title lines) are in
 * {@code SpreadsheetFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes (docs/operations.md, ./shouwang fuzz).
 */
class SpreadsheetFuzzTest {
    /** Small limits: a fuzzer's input never needs more, and a run stays within memory. */
    static final XlsxRows.Limits LIMITS = new XlsxRows.Limits(8L << 20, 1L << 20, 100_000, 20_000, 4L << 20);
    private static final List<FeedKind> DEPARTMENT_KINDS = EnumSet.allOf(FeedKind.class).stream()
            .filter(k -> k != FeedKind.HOUSEHOLDS && k != FeedKind.MEMBERS && k != FeedKind.INCOMES && k != FeedKind.MONITORED)
            .toList();
    private static final Path DIR;
    static {
        try {
            DIR = Files.createTempDirectory("sheets-fuzz");
            DIR.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any file, as an upload of any name: read whole, or refused as documented. */
    @FuzzTest(maxDuration = "20s")
    void anyFile(byte[] bytes) throws IOException {
        Path file = write("upload.xlsx", bytes);
        List<Integer> lines = new ArrayList<>();
        String[] sheet = {null};
        try {
            Sheets.read(file, "上传.xlsx", LIMITS, new SheetRows() {
                @Override public boolean sheet(String name) {
                    assertThat(name).isNotNull();
                    sheet[0] = name;
                    lines.clear();
                    return true;
                }

                @Override public void row(String s, int line, List<SheetCell> cells) {
                    assertThat(s).isEqualTo(sheet[0]);
                    assertThat(line).isPositive();
                    if (!lines.isEmpty()) assertThat(line).isGreaterThan(lines.get(lines.size() - 1));
                    lines.add(line);
                    assertThat(cells).isNotEmpty().doesNotContainNull();
                    assertThat(cells.stream().allMatch(SheetCell::isBlank)).isFalse();
                    assertThat(cells.get(cells.size() - 1).text()).isNotEmpty();
                }
            });
        } catch (UnreadableSheetException e) {
            assertThat(e.code()).isNotBlank();
            assertThat(e.args()).contains("上传.xlsx");
        } catch (XlsxLimitException e) {
            assertThat(e.limit()).isNotNull();
        }
    }

    /** A department file of whichever kind its header fits: every data row is parsed or rejected for a reason. */
    @FuzzTest(maxDuration = "20s")
    void departmentFile(byte[] bytes) throws IOException {
        Path file = write("medical_claims.csv", bytes);
        HeaderMap[] header = {null};
        long[] rows = {0, 0, 0}; // read, parsed, rejected
        try {
            Sheets.read(file, "medical_claims.csv", LIMITS, new SheetRows() {
                boolean first = true;

                @Override public boolean sheet(String name) {
                    boolean read = first;
                    first = false;
                    return read;
                }

                @Override public void row(String s, int line, List<SheetCell> cells) {
                    if (header[0] == null) {
                        header[0] = headerOf(cells);
                        return;
                    }
                    rows[0]++;
                    try {
                        FeedRow r = RowParser.department(header[0], RawRecord.ofCells(cells), line);
                        assertThat(r.line()).isEqualTo(line);
                        rows[1]++;
                    } catch (RowRejected e) {
                        assertThat(e.reason()).isNotBlank();
                        assertThat(rejectNamesItsColumn(header[0].kind(), e.reason())).as(e.reason()).isTrue();
                        rows[2]++;
                    }
                }
            });
        } catch (UnreadableSheetException | XlsxLimitException | HeaderMap.MissingColumnsException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(rows[1] + rows[2]).isEqualTo(rows[0]);
    }

    /**
     * Known records written as a CSV (UTF-8 with or without BOM, or GB18030 as Excel writes it; quoted where needed;
     * CRLF or LF) read back as the same records: none dropped, none split, none merged, the same text.
     */
    @FuzzTest(maxDuration = "20s")
    void csvRoundTrip(FuzzedDataProvider data) throws IOException {
        int enc = data.consumeInt(0, 2);
        Charset cs = enc == 2 ? TextCharset.GB18030 : StandardCharsets.UTF_8;
        boolean crlf = data.consumeBoolean();
        int columns = data.consumeInt(1, 6);
        int n = data.consumeInt(0, 30);
        List<List<String>> records = new ArrayList<>();
        for (int r = 0; r < n && data.remainingBytes() > 0; r++) {
            List<String> rec = new ArrayList<>();
            for (int c = 0; c < columns; c++) rec.add(clean(data.consumeString(24)));
            records.add(rec);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (enc == 1) out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        for (List<String> rec : records) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < rec.size(); c++) {
                if (c > 0) line.append(',');
                line.append(quoted(rec.get(c)));
            }
            line.append(crlf ? "\r\n" : "\n");
            out.write(line.toString().getBytes(cs));
        }
        byte[] bytes = out.toByteArray();
        Path file = write("department.csv", bytes);

        // what must come out: the non-blank records, without their trailing empty cells, on their lines
        Map<Integer, List<String>> expected = new LinkedHashMap<>();
        int line = 0;
        for (List<String> rec : records) {
            line++;
            if (rec.stream().allMatch(String::isBlank)) continue;
            int k = rec.size();
            while (k > 0 && rec.get(k - 1).isEmpty()) k--;
            expected.put(line, rec.subList(0, k)); // a record's number: a quoted line feed does not start a row
        }
        Map<Integer, List<String>> read = new LinkedHashMap<>();
        Sheets.read(file, "department.csv", LIMITS, (s, l, cells) -> read.put(l, cells.stream().map(SheetCell::text).toList()));
        // the same records; their text where the bytes decode only one way (GB18030 bytes that are valid UTF-8 read as UTF-8)
        assertThat(read.keySet()).containsExactlyElementsOf(expected.keySet());
        Charset detected = TextCharset.of(bytes, 0, bytes.length, true).charset();
        if (detected.equals(cs)) assertThat(read).isEqualTo(expected);
    }

    /**
     * A workbook whose shared strings and first sheet are fuzzed (the bytes before the first NUL are
     * xl/sharedStrings.xml, the rest xl/worksheets/sheet1.xml) inside a real LibreOffice workbook: the streaming
     * XML reader ({@link XlsxRows}) reads it or refuses it as documented.
     */
    @FuzzTest(maxDuration = "20s")
    void xlsxParts(byte[] bytes) throws IOException {
        int nul = 0;
        while (nul < bytes.length && bytes[nul] != 0) nul++;
        byte[] strings = java.util.Arrays.copyOfRange(bytes, 0, nul);
        byte[] sheet = nul < bytes.length ? java.util.Arrays.copyOfRange(bytes, nul + 1, bytes.length) : new byte[0];
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            for (Map.Entry<String, byte[]> e : template().entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(switch (e.getKey()) {
                    case "xl/sharedStrings.xml" -> strings;
                    case "xl/worksheets/sheet1.xml" -> sheet;
                    default -> e.getValue();
                });
                z.closeEntry();
            }
        }
        anyFile(zip.toByteArray());
    }

    private static Map<String, byte[]> template;

    /** The parts of a LibreOffice workbook (test resource), in their order. */
    private static synchronized Map<String, byte[]> template() throws IOException {
        if (template == null) {
            Map<String, byte[]> parts = new LinkedHashMap<>();
            try (InputStream in = SpreadsheetFuzzTest.class.getResourceAsStream("/sheets/libreoffice-department.xlsx");
                 ZipInputStream z = new ZipInputStream(in)) {
                for (ZipEntry e; (e = z.getNextEntry()) != null; ) parts.put(e.getName(), z.readAllBytes());
            }
            template = parts;
        }
        return template;
    }

    /** The first department kind whose required columns the header holds, else the refusal of medical claims. */
    static HeaderMap headerOf(List<SheetCell> cells) {
        List<String> texts = cells.stream().map(SheetCell::text).toList();
        for (FeedKind k : DEPARTMENT_KINDS) {
            try {
                return HeaderMap.of(k, texts);
            } catch (HeaderMap.MissingColumnsException e) {
                // try the next kind
            }
        }
        return HeaderMap.of(FeedKind.MEDICAL_CLAIMS, texts);
    }

    /** A reject says which column: "<column> <what>", or an id-number problem (of the id_number column). */
    static boolean rejectNamesItsColumn(FeedKind kind, String reason) {
        if (reason.startsWith("id_number")) return true;
        for (Column c : HeaderMap.contractColumns(kind)) if (reason.startsWith(c.english() + " ")) return true;
        return reason.equals("month") || reason.equals("grade range");
    }

    /** Text a user can type into a cell: no control characters, no unpaired surrogates, no byte-order mark. */
    private static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
                continue;
            }
            if (Character.isSurrogate(c) || c == '\uFEFF' || c == '\uFFFD' || c < 0x20 && c != '\n' && c != '\t') continue;
            b.append(c);
        }
        return b.toString();
    }

    private static String quoted(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || !s.equals(s.strip());
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        Path f = DIR.resolve(name);
        Files.write(f, bytes);
        return f;
    }
}
