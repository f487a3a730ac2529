package cn.shouwang.core.area;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import cn.shouwang.core.text.TextCharset;
import org.jspecify.annotations.Nullable;

/**
 * Reads an edition of the division codes: CSV (UTF-8 with or without BOM, or GBK/GB18030, detected) with the header
 * {@code code,name,level,parent_code,urban_rural_code}; lines starting with # are comments.
 * Bad rows are reported with their line and field, never dropped silently; the caller decides
 * whether an edition with problems may be loaded (the server refuses it whole).
 */
public final class DivisionFile {

    /**
     * One problem with one line; {@code line} counts from 1 (the header). {@code code}, when not null, is a message
     * code of the server's bundles for a page to say it in the reader's language, with the file's name, the line and
     * {@code message} (the name or charset concerned) as its arguments: {@link #UNDECODABLE}, {@link #GARBLED}.
     */
    public record Problem(int line, String field, String message, @Nullable String code) {
        public Problem(int line, String field, String message) {
            this(line, field, message, null);
        }

        @Override public String toString() {
            return "line " + line + ", " + field + ": " + (code == null ? message : ENGLISH.get(code) + " (" + message + ")");
        }
    }

    /** A line whose bytes are not text in the file's charset; the message is the charset. */
    public static final String UNDECODABLE = "area.import.undecodable";
    /** A name that is not Chinese as it should be (mojibake of a wrong charset, replacement characters). */
    public static final String GARBLED = "area.import.garbled";
    public static final String MISSING_COLUMN = "area.import.missingColumn";
    public static final String BAD_CODE = "area.import.badCode";
    public static final String EMPTY_NAME = "area.import.emptyName";
    public static final String BAD_LEVEL = "area.import.badLevel";
    public static final String LEVEL_SHAPE = "area.import.levelShape";
    public static final String PARENT_MISSING = "area.import.parentMissing";
    public static final String NOT_ANCESTOR = "area.import.notAncestor";
    public static final String DUPLICATE = "area.import.duplicate";
    public static final String EMPTY_FILE = "area.import.emptyFile";
    public static final String PARENT_NOT_IN_FILE = "area.import.parentNotInFile";
    // for the command line and logs; pages say it in the reader's language through the code
    private static final Map<String, String> ENGLISH = Map.ofEntries(
            Map.entry(UNDECODABLE, "the line is not text in the file's charset"),
            Map.entry(GARBLED, "the name is not readable Chinese: the file was saved in a wrong encoding"),
            Map.entry(MISSING_COLUMN, "the header lacks this column"),
            Map.entry(BAD_CODE, "not a 12-digit area code"),
            Map.entry(EMPTY_NAME, "the name is empty"),
            Map.entry(BAD_LEVEL, "level is not one of province, city, county, township, village"),
            Map.entry(LEVEL_SHAPE, "the level does not match the code's shape"),
            Map.entry(PARENT_MISSING, "parent_code is missing"),
            Map.entry(NOT_ANCESTOR, "parent_code is not an ancestor of the code"),
            Map.entry(DUPLICATE, "the code repeats the one on this line"),
            Map.entry(EMPTY_FILE, "the file is empty"),
            Map.entry(PARENT_NOT_IN_FILE, "the parent code is not in the file"));
    /** Problems of encoding listed at most (a garbled file has one on every line). */
    private static final int MAX_ENCODING_PROBLEMS = 20;

    public record Result(String source, List<Division> divisions, List<Problem> problems) {
        public boolean ok() { return problems.isEmpty(); }

        public List<Division> villages() {
            return divisions.stream().filter(d -> d.level() == AreaLevel.VILLAGE).toList();
        }

        public List<Division> ruralVillages() {
            return divisions.stream().filter(Division::isRuralVillage).toList();
        }
    }

    private static final String FALLBACK = "siping-fallback.csv";

    private DivisionFile() {}

    /** Reads a file in the charset {@link TextCharset} detects (UTF-8 with or without BOM, else GB18030). */
    public static Result read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        }
    }

    /**
     * Reads a file's bytes (a division list is a few MB) in the charset {@link TextCharset} detects: UTF-8 with or
     * without BOM, else GB18030 (GBK files as Excel and WPS save them). A line that does not decode is an
     * {@link #UNDECODABLE} problem; a name that is not readable Chinese (replacement characters, Latin letters of a
     * wrong conversion such as ¼ªÁÖÊ¡ for 吉林省) is a {@link #GARBLED} one. Either refuses the file, as any problem.
     */
    public static Result read(InputStream in, String source) throws IOException {
        byte[] all = in.readAllBytes();
        TextCharset.Detected d = TextCharset.of(all, 0, all.length, true);
        List<Problem> problems = new ArrayList<>();
        StringBuilder text = new StringBuilder(all.length);
        int line = 1;
        for (int from = d.bom(); from < all.length; line++) {
            int to = from;
            while (to < all.length && all[to] != '\n') to++;
            try {
                text.append(TextCharset.decodeStrict(java.util.Arrays.copyOfRange(all, from, to), d.charset()));
            } catch (CharacterCodingException e) {
                if (problems.size() < MAX_ENCODING_PROBLEMS) {
                    problems.add(new Problem(line, "file", d.charset().name(), UNDECODABLE));
                }
            }
            text.append('\n');
            from = to + 1;
        }
        if (!problems.isEmpty()) return new Result(source, List.of(), List.copyOf(problems));
        return read(new StringReader(text.toString()), source);
    }

    /** The few dozen Siping areas built into the software, for a machine without the full list. */
    public static Result builtInSiping() {
        try (InputStream in = DivisionFile.class.getResourceAsStream(FALLBACK)) {
            if (in == null) throw new IllegalStateException("built-in division list missing");
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), "built-in:" + FALLBACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Looks for {@code shared/data/<fileName>} beside the repository: from {@code start} upwards,
     * each directory's {@code ../shared/data} and {@code shared/data}.
     */
    public static Optional<Path> findShared(Path start, String fileName) {
        Path dir = start.toAbsolutePath().normalize();
        for (int i = 0; dir != null && i < 6; i++, dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("shared/data").resolve(fileName),
                    dir.resolveSibling("shared").resolve("data").resolve(fileName)}) {
                if (Files.isRegularFile(candidate)) return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static Result read(Reader reader, String source) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Division> out = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> columns = null;
        Set<String> seen = new HashSet<>();
        Map<String, Integer> lineOf = new HashMap<>();
        List<Problem> withoutHan = new ArrayList<>();
        int han = 0;
        int garbledCount = 0;
        String text;
        int line = 0;
        while ((text = in.readLine()) != null) {
            line++;
            if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
            if (text.isBlank() || text.startsWith("#")) continue;
            String[] f = text.split(",", -1);
            if (columns == null) {
                columns = header(f);
                for (String need : List.of("code", "name", "level", "parent_code")) {
                    if (!columns.containsKey(need)) problems.add(new Problem(line, need, need, MISSING_COLUMN));
                }
                if (!problems.isEmpty()) return new Result(source, List.of(), problems);
                continue;
            }
            String code = field(f, columns, "code");
            String name = field(f, columns, "name");
            String levelWord = field(f, columns, "level");
            String parent = field(f, columns, "parent_code");
            String urbanRural = columns.containsKey("urban_rural_code") ? field(f, columns, "urban_rural_code") : "";
            if (!AreaCode.isValid(code)) {
                problems.add(new Problem(line, "code", code, BAD_CODE));
                continue;
            }
            if (name.isBlank()) {
                problems.add(new Problem(line, "name", "", EMPTY_NAME));
                continue;
            }
            if (garbled(name)) {
                if (garbledCount++ < MAX_ENCODING_PROBLEMS) problems.add(new Problem(line, "name", name.strip(), GARBLED));
                continue;
            }
            if (hasHan(name)) han++;
            else withoutHan.add(new Problem(line, "name", name.strip(), GARBLED));
            AreaLevel level;
            try {
                level = AreaLevel.ofWord(levelWord);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(line, "level", levelWord, BAD_LEVEL));
                continue;
            }
            if (new AreaCode(code).level() != level) {
                problems.add(new Problem(line, "level", levelWord, LEVEL_SHAPE));
                continue;
            }
            @Nullable String parentCode = parent.isBlank() ? null : parent;
            if (level != AreaLevel.PROVINCE && parentCode == null) {
                problems.add(new Problem(line, "parent_code", "", PARENT_MISSING));
                continue;
            }
            if (parentCode != null && (!AreaCode.isValid(parentCode) || !new AreaCode(parentCode).covers(new AreaCode(code)))) {
                problems.add(new Problem(line, "parent_code", parent, NOT_ANCESTOR));
                continue;
            }
            if (!seen.add(code)) {
                problems.add(new Problem(line, "code", String.valueOf(lineOf.get(code)), DUPLICATE));
                continue;
            }
            lineOf.put(code, line);
            out.add(new Division(code, name.strip(), level, parentCode, urbanRural.isBlank() ? null : urbanRural));
        }
        if (columns == null) problems.add(new Problem(1, "header", "", EMPTY_FILE));
        // a name without a Chinese character where the others have them: a wrong conversion (rare ones are refused
        // too, where the official list has none)
        if (han > 0 && !withoutHan.isEmpty()) {
            problems.addAll(withoutHan.subList(0, Math.min(withoutHan.size(), MAX_ENCODING_PROBLEMS)));
        }
        for (Division d : out) {
            if (d.parentCode() != null && !seen.contains(d.parentCode())) {
                problems.add(new Problem(lineOf.get(d.code()), "parent_code", d.parentCode(), PARENT_NOT_IN_FILE));
            }
        }
        return new Result(source, List.copyOf(out), List.copyOf(problems));
    }

    /**
     * Characters no official division name holds, which a wrong charset leaves: the replacement character, C1
     * controls and Latin letters with accents (GBK bytes read as Latin-1: 吉林省 → ¼ªÁÖÊ¡), private-use characters
     * (bytes forced into GB18030's user area).
     */
    static boolean garbled(String name) {
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (c == 0xFFFD || (c >= 0x80 && c <= 0x2FF)) return true;
            int type = Character.getType(c);
            if (type == Character.PRIVATE_USE || type == Character.UNASSIGNED || type == Character.SURROGATE
                    || type == Character.CONTROL) return true;
        }
        return false;
    }

    static boolean hasHan(String name) {
        return name.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    private static Map<String, Integer> header(String[] f) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < f.length; i++) m.put(f[i].strip().toLowerCase(Locale.ROOT), i);
        return m;
    }

    private static String field(String[] f, Map<String, Integer> columns, String name) {
        int i = columns.get(name);
        return i < f.length ? f[i].strip() : "";
    }
}
