package cn.shouwang.server.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/**
 * A run's progress line or failure as it is kept ({@code screening_run.progress}, {@code screening_run.error} and the
 * live progress in memory): a message code of the bundles and its arguments in one text, rendered in the reader's
 * language when shown, so no column needs changing. Numbers stay numbers and are written as the reader's locale
 * writes them. A text that is not such a code (a run stored by an earlier release, in Chinese; the engine's own
 * progress lines, which it writes in both languages) is shown as it is.
 */
final class RunText {
    private static final String PREFIX = "screening.";
    private static final char SEP = '\u001f';

    private RunText() {}

    /** The code and its arguments, as kept. */
    static String of(String code, Object... args) {
        if (!code.startsWith(PREFIX)) throw new IllegalArgumentException(code);
        StringBuilder sb = new StringBuilder(code);
        for (Object a : args) {
            sb.append(SEP).append(a instanceof Long || a instanceof Integer ? 'n' : 's').append(String.valueOf(a).replace(SEP, ' '));
        }
        return sb.toString();
    }

    static boolean isCode(@Nullable String kept) {
        return kept != null && kept.startsWith(PREFIX) && (kept.indexOf(SEP) > 0 || kept.indexOf(' ') < 0);
    }

    /** What was kept, in {@code locale}: the code's message with its arguments, or a text as it is. */
    static @Nullable String render(@Nullable String kept, MessageSource messages, Locale locale) {
        if (kept == null || !isCode(kept)) return kept;
        String[] parts = kept.split(String.valueOf(SEP), -1);
        List<Object> args = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            String v = p.isEmpty() ? "" : p.substring(1);
            if (p.startsWith("n")) {
                try {
                    args.add(Long.parseLong(v));
                    continue;
                } catch (NumberFormatException e) {
                    // shown as written
                }
            }
            args.add(v);
        }
        return messages.getMessage(parts[0], args.toArray(), kept, locale);
    }
}
