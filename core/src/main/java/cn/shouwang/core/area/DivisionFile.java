package cn.shouwang.core.area;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
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
import org.jspecify.annotations.Nullable;

/**
 * Reads an edition of the division codes: UTF-8 CSV with the header
 * {@code code,name,level,parent_code,urban_rural_code}; lines starting with # are comments.
 * Bad rows are reported with their line and field, never dropped silently; the caller decides
 * whether an edition with problems may be loaded (the server refuses it whole).
 */
public final class DivisionFile {

    /** One problem with one line; {@code line} counts from 1 (the header). */
    public record Problem(int line, String field, String message) {
        @Override public String toString() {
            return "line " + line + ", " + field + ": " + message;
        }
    }

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

    public static Result read(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.getFileName().toString());
        }
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
                    if (!columns.containsKey(need)) problems.add(new Problem(line, need, "header lacks column " + need));
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
                problems.add(new Problem(line, "code", "not a 12-digit area code"));
                continue;
            }
            if (name.isBlank()) {
                problems.add(new Problem(line, "name", "empty"));
                continue;
            }
            AreaLevel level;
            try {
                level = AreaLevel.ofWord(levelWord);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(line, "level", "not one of province, city, county, township, village"));
                continue;
            }
            if (new AreaCode(code).level() != level) {
                problems.add(new Problem(line, "level", "level does not match the code's shape"));
                continue;
            }
            @Nullable String parentCode = parent.isBlank() ? null : parent;
            if (level != AreaLevel.PROVINCE && parentCode == null) {
                problems.add(new Problem(line, "parent_code", "missing"));
                continue;
            }
            if (parentCode != null && (!AreaCode.isValid(parentCode) || !new AreaCode(parentCode).covers(new AreaCode(code)))) {
                problems.add(new Problem(line, "parent_code", "not an ancestor of the code"));
                continue;
            }
            if (!seen.add(code)) {
                problems.add(new Problem(line, "code", "duplicate of line " + lineOf.get(code)));
                continue;
            }
            lineOf.put(code, line);
            out.add(new Division(code, name.strip(), level, parentCode, urbanRural.isBlank() ? null : urbanRural));
        }
        if (columns == null) problems.add(new Problem(1, "header", "file is empty"));
        for (Division d : out) {
            if (d.parentCode() != null && !seen.contains(d.parentCode())) {
                problems.add(new Problem(lineOf.get(d.code()), "parent_code", "parent " + d.parentCode() + " is not in the file"));
            }
        }
        return new Result(source, List.copyOf(out), List.copyOf(problems));
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
