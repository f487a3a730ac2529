package cn.shouwang.server.household.imports;

import cn.shouwang.server.audit.AuditApi;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads back the changes the classifier wrote as jsonb ([{"field":…,"old":…,"new":…}], PostgreSQL's text form). */
final class JsonChanges {
    private JsonChanges() {}

    static List<AuditApi.Change> parse(@Nullable String json) {
        List<AuditApi.Change> out = new ArrayList<>();
        if (json == null || json.isBlank()) return out;
        int[] pos = {0};
        String s = json;
        skip(s, pos, '[');
        while (true) {
            ws(s, pos);
            if (s.charAt(pos[0]) == ']') break;
            if (s.charAt(pos[0]) == ',') pos[0]++;
            ws(s, pos);
            skip(s, pos, '{');
            String field = null, old = null, now = null;
            while (true) {
                ws(s, pos);
                if (s.charAt(pos[0]) == '}') { pos[0]++; break; }
                if (s.charAt(pos[0]) == ',') { pos[0]++; ws(s, pos); }
                String key = string(s, pos);
                ws(s, pos);
                skip(s, pos, ':');
                ws(s, pos);
                String value = s.startsWith("null", pos[0]) ? null : string(s, pos);
                if (value == null) pos[0] += 4;
                switch (key) {
                    case "field" -> field = value;
                    case "old" -> old = value;
                    case "new" -> now = value;
                    default -> { }
                }
            }
            out.add(new AuditApi.Change(field, old, now));
        }
        return out;
    }

    private static void ws(String s, int[] p) {
        while (p[0] < s.length() && Character.isWhitespace(s.charAt(p[0]))) p[0]++;
    }

    private static void skip(String s, int[] p, char c) {
        ws(s, p);
        if (s.charAt(p[0]) != c) throw new IllegalArgumentException("unexpected json at " + p[0]);
        p[0]++;
    }

    private static String string(String s, int[] p) {
        skip(s, p, '"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(p[0]++);
            if (c == '"') return b.toString();
            if (c == '\\') {
                char e = s.charAt(p[0]++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(p[0], p[0] + 4), 16));
                        p[0] += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
    }
}
