package cn.shouwang.server.household.imports;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reading the values of a person list's cells: dates in every form real files use, numbers, amounts. */
final class Cells {
    private Cells() {}

    // 2022-10-28, 2022/10/28, 2022.10.28, 2022-10, 2022/10 (the separator may also be the year/month words)
    private static final Pattern SEPARATED = Pattern.compile("(\\d{4})\\s*[-/.\\u5e74]\\s*(\\d{1,2})(?:\\s*[-/.\\u6708]\\s*(\\d{1,2})\\s*\\u65e5?)?\\s*\\u6708?(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})?");

    /** A day (a month alone is its first day); empty when the text is not a date. */
    static Optional<LocalDate> date(String text) {
        String t = text.strip();
        try {
            Matcher m = SEPARATED.matcher(t);
            if (m.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        m.group(3) == null ? 1 : Integer.parseInt(m.group(3))));
            }
            m = COMPACT.matcher(t);
            if (m.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        m.group(3) == null ? 1 : Integer.parseInt(m.group(3))));
            }
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A plausible date of the national system (1990 to 2100). */
    static Optional<LocalDate> registryDate(String text) {
        return date(text).filter(d -> d.getYear() >= 1990 && d.getYear() <= 2100);
    }

    /** An amount in yuan (commas, 元 and blanks ignored); empty when it is not one. */
    static Optional<BigDecimal> amount(String text) {
        String t = text.strip().replace(",", "").replace("\uff0c", "").replace("\u5143", "").strip();
        if (t.isEmpty()) return Optional.empty();
        try {
            return Optional.of(new BigDecimal(t).setScale(2, java.math.RoundingMode.HALF_UP));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A whole number (12, 12.0); empty when it is not one. */
    static Optional<Integer> integer(String text) {
        String t = text.strip();
        if (t.endsWith(".0")) t = t.substring(0, t.length() - 2);
        try {
            return Optional.of(Integer.parseInt(t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The text, stripped, or null when blank. */
    static @Nullable String text(@Nullable String s) {
        if (s == null) return null;
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /** Column letters as Excel shows them: 0 → A, 26 → AA. */
    static String letter(int index) {
        StringBuilder b = new StringBuilder();
        int i = index;
        do {
            b.insert(0, (char) ('A' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return b.toString();
    }
}
