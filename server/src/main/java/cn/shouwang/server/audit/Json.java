package cn.shouwang.server.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The few lines of JSON the audit log needs, without pulling a JSON mapper into the write path. */
final class Json {
    private Json() {}

    static String changes(List<AuditApi.Change> changes) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < changes.size(); i++) {
            AuditApi.Change c = changes.get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"field\":").append(str(c.field()))
              .append(",\"old\":").append(str(c.old()))
              .append(",\"new\":").append(str(c.now())).append('}');
        }
        return sb.append(']').toString();
    }

    private static String str(@Nullable String s) {
        if (s == null) return "null";
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) sb.append(String.format("\\u%04x", (int) ch));
                    else sb.append(ch);
                }
            }
        }
        return sb.append('"').toString();
    }
}
