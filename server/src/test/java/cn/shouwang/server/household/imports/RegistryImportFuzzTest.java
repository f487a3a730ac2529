package cn.shouwang.server.household.imports;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.area.AreaLevel;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.screening.feed.SheetCell;
import cn.shouwang.screening.feed.SheetRows;
import cn.shouwang.screening.feed.Sheets;
import cn.shouwang.screening.feed.UnreadableSheetException;
import cn.shouwang.screening.feed.XlsxLimitException;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaEdition;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.PgCopy;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.postgresql.copy.CopyIn;

/**
 * The national-export importer's reading (registry import preview: 全国防返贫监测信息系统 person lists, title lines,
 * merged cells, GB18030 CSV, LibreOffice/Excel workbooks) on any bytes, without a database: the real
 * {@link PersonListParser} over {@link Sheets}, its COPY rows captured. Invariants: the only refusals of the whole
 * file are the documented ones; every data row after the header is staged (one row for its sheet and line, with its
 * problems) unless it is a footer of fewer than three filled cells (rows read = staged + footers: none dropped
 * silently); every problem's message code is in the registry bundle, its column given as letter and header; a row
 * marked ok has no error.
 */
class RegistryImportFuzzTest {
    static final int COLUMNS = PersonListParser.PERSON_COLUMNS.split(",").length;
    static final Set<String> HEADERS = java.util.Arrays.stream(cn.shouwang.server.household.PersonListColumn.values())
            .map(cn.shouwang.server.household.PersonListColumn::header).collect(java.util.stream.Collectors.toSet());
    private static final Path DIR;
    private static final Properties BUNDLE = new Properties();
    static {
        try {
            DIR = Files.createTempDirectory("registry-fuzz");
            DIR.toFile().deleteOnExit();
            try (InputStream in = RegistryImportFuzzTest.class.getResourceAsStream("/i18n/registry.properties")) {
                BUNDLE.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed of a national export (title lines, merged cells, footers, the header again): the rows it must stage. */
    @org.junit.jupiter.api.Test
    void theNationalExportSeedStagesItsPersons() throws IOException {
        byte[] seed;
        try (InputStream in = getClass().getResourceAsStream("RegistryImportFuzzTestInputs/personList/national_export_gb18030.csv")) {
            seed = in.readAllBytes();
        }
        List<String[]> rows = stage(seed);
        assertThat(rows).hasSize(5);
        assertThat(rows.stream().map(r -> r[3]).toList()).containsExactly("4", "5", "6", "7", "11");
        assertThat(rows.get(0)[COLUMNS - 1]).isEqualTo("t");       // 张三: all well
        assertThat(problems(rows.get(2)[COLUMNS - 2])).isNotEmpty(); // 王五: digits lost, bad amounts and date
    }

    @FuzzTest(maxDuration = "30s")
    void personList(byte[] bytes) throws IOException {
        stage(bytes);
    }

    /** Reads a file as an import's preview does and checks the invariants; the staged COPY rows. */
    private static List<String[]> stage(byte[] bytes) throws IOException {
        Path file = DIR.resolve("upload");
        Files.write(file, bytes);
        Captured copy = new Captured();
        PgCopy out = PgCopy.to(copy);
        PersonListParser parser = new PersonListParser(1, PERSONAL_DATA, new AreaResolver(AREAS, "220322"),
                header -> Map.of(), out, n -> {});
        // the rows the parser took for data rows (after a header, not a repeated header), and how full they were
        Map<String, Integer> dataRows = new HashMap<>();
        try {
            Sheets.read(file, "监测对象.xlsx", new SheetRows() {
                @Override public boolean sheet(String name) { return parser.sheet(name); }

                @Override public void row(String sheet, int line, List<SheetCell> cells) {
                    long before = parser.rows();
                    parser.row(sheet, line, cells);
                    if (parser.rows() == before + 1) {
                        int filled = (int) cells.stream().filter(c -> !c.isBlank()).count();
                        assertThat(dataRows.put(sheet + "\u0000" + line, filled)).as("a line twice").isNull();
                    }
                }
            });
        } catch (UnreadableSheetException | XlsxLimitException e) {
            assertThat(e.getMessage()).isNotBlank();
            return List.of();
        }
        out.close();
        List<String[]> staged = copy.rows();
        Set<String> stagedLines = new HashSet<>();
        for (String[] row : staged) {
            assertThat(row).hasSize(COLUMNS);
            assertThat(stagedLines.add(unescape(row[2]) + "\u0000" + row[3])).as("a row staged twice").isTrue();
            String ok = row[COLUMNS - 1];
            List<String[]> problems = problems(row[COLUMNS - 2]);
            for (String[] p : problems) {
                assertThat(BUNDLE).as("message of %s", p[2]).containsKey(p[2]);
                // a column of the file as its letter and header; one the file lacks (姓名 when only 证件号码 is there) by name
                if (!p[1].isEmpty() && !p[1].matches("[A-Z]{1,3} .*")) assertThat(HEADERS).as("column %s", p[1]).contains(p[1]);
            }
            boolean error = problems.stream().anyMatch(p -> p[0].equals("1"));
            assertThat(ok).isEqualTo(error ? "f" : "t");
        }
        assertThat(dataRows.keySet()).containsAll(stagedLines);
        dataRows.forEach((where, filled) -> {
            if (!stagedLines.contains(where)) assertThat(filled).as("a data row dropped: %s", where).isLessThan(3);
        });
        assertThat(parser.rows()).isEqualTo(dataRows.size());
        return staged;
    }

    // --- what the parser needs, without a database

    /** 梨树县's real names: two townships, three villages (one name twice, to be ambiguous without its township). */
    static final List<AreaInfo> VILLAGES = List.of(
            new AreaInfo(1, "220322103205", "团山子村民委员会", "团山子村", AreaLevel.VILLAGE, "220322103000"),
            new AreaInfo(1, "220322103206", "孤家子村民委员会", "孤家子村", AreaLevel.VILLAGE, "220322103000"),
            new AreaInfo(1, "220322100201", "团山子村民委员会", "团山子村", AreaLevel.VILLAGE, "220322100000"));
    static final AreaApi AREAS = (AreaApi) Proxy.newProxyInstance(AreaApi.class.getClassLoader(), new Class<?>[] {AreaApi.class},
            (proxy, m, args) -> switch (m.getName()) {
                case "currentEdition" -> Optional.of(new AreaEdition(1, "2023", OffsetDateTime.now(), "test", true, 5));
                case "villages" -> VILLAGES.stream().filter(v -> v.code().startsWith((String) args[args.length - 2])).toList();
                case "names" -> Map.of("220322103000", "孤家子镇", "220322100000", "梨树镇", "220322000000", "梨树县");
                default -> throw new UnsupportedOperationException(m.getName());
            });
    /** Sealing as a marker (the parser only needs bytes), hashes as the number's own digits. */
    static final PersonalDataApi PERSONAL_DATA = (PersonalDataApi) Proxy.newProxyInstance(PersonalDataApi.class.getClassLoader(),
            new Class<?>[] {PersonalDataApi.class}, (proxy, m, args) -> switch (m.getName()) {
                case "seal" -> ("sealed:" + args[0]).getBytes(StandardCharsets.UTF_8);
                case "sealHealth" -> new byte[] {1};
                case "idNumberHash" -> ((IdNumber) args[0]).value().getBytes(StandardCharsets.US_ASCII);
                default -> throw new UnsupportedOperationException(m.getName());
            });

    /** The row_problems array of a COPY row: each "error flag, column, code, args…" joined by chr(31). */
    static List<String[]> problems(String field) {
        List<String[]> out = new ArrayList<>();
        if (field.equals("\\N")) return out;
        String a = unescape(field);
        assertThat(a).startsWith("{").endsWith("}");
        // elements are "…" with \\ and \" escaped (PgCopy.add(String[]))
        int i = 1;
        while (i < a.length() - 1) {
            assertThat(a.charAt(i)).isEqualTo('"');
            StringBuilder b = new StringBuilder();
            i++;
            while (a.charAt(i) != '"') {
                if (a.charAt(i) == '\\') i++;
                b.append(a.charAt(i++));
            }
            i++;
            if (a.charAt(i) == ',') i++;
            out.add(b.toString().split("\u001f", -1));
        }
        for (String[] p : out) assertThat(p.length).isGreaterThanOrEqualTo(3);
        return out;
    }

    /** COPY text format's escapes undone. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) { b.append(c); continue; }
            char n = s.charAt(++i);
            b.append(switch (n) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> n;
            });
        }
        return b.toString();
    }

    /** A COPY that keeps its bytes. */
    static final class Captured implements CopyIn {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        List<String[]> rows() {
            List<String[]> out = new ArrayList<>();
            String all = bytes.toString(StandardCharsets.UTF_8);
            if (all.isEmpty()) return out;
            assertThat(all).endsWith("\n");
            for (String line : all.substring(0, all.length() - 1).split("\n", -1)) out.add(line.split("\t", -1));
            return out;
        }

        @Override public void writeToCopy(byte[] buf, int off, int siz) { bytes.write(buf, off, siz); }
        @Override public void writeToCopy(org.postgresql.util.ByteStreamWriter from) { throw new UnsupportedOperationException(); }
        @Override public void flushCopy() {}
        @Override public long endCopy() { return 0; }
        @Override public int getFieldCount() { return COLUMNS; }
        @Override public int getFormat() { return 0; }
        @Override public int getFieldFormat(int field) { return 0; }
        @Override public boolean isActive() { return true; }
        @Override public void cancelCopy() {}
        @Override public long getHandledRowCount() { return 0; }
    }
}
