package cn.shouwang.core.person;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * 公民身份号码, GB 11643-1999: 6 digits of area, 8 of birth date, 3 of sequence (odd for men),
 * and an ISO 7064 MOD 11-2 check character (0-9 or X). Instances are always valid.
 * {@link #toString()} is masked, so an id number that reaches a log by mistake shows no person.
 */
public final class IdNumber implements Comparable<IdNumber> {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /** Why a text is not a valid id number; the {@code code} is stable for messages and rejects. */
    public enum Problem {
        EMPTY("id_number empty", "身份证号为空"),
        FORMAT("id_number format", "身份证号应为18位,前17位为数字"),
        BIRTH_DATE("id_number birth date", "身份证号中的出生日期不存在"),
        CHECK_CHARACTER("id_number check character", "身份证号校验位不正确");

        private final String code;
        private final String zh;

        Problem(String code, String zh) {
            this.code = code;
            this.zh = zh;
        }

        /** English reason as written to rejects.csv. */
        public String code() { return code; }

        /** Plain Chinese for a form. */
        public String chinese() { return zh; }
    }

    private final String value;

    private IdNumber(String value) {
        this.value = value;
    }

    /** Parses after trimming and reading a lowercase x as X; throws with the {@link Problem} in the message. */
    public static IdNumber of(String text) {
        String normalized = normalize(text);
        Problem p = problemOfNormalized(normalized);
        if (p != null) throw new InvalidIdNumberException(p);
        return new IdNumber(normalized);
    }

    public static Optional<IdNumber> parse(String text) {
        String normalized = normalize(text);
        return problemOfNormalized(normalized) == null ? Optional.of(new IdNumber(normalized)) : Optional.empty();
    }

    /** The problem with this text, or null when it is a valid id number. */
    public static Problem problem(String text) {
        return problemOfNormalized(normalize(text));
    }

    /** Trimmed, lowercase x upper-cased; null becomes empty. */
    public static String normalize(String text) {
        if (text == null) return "";
        String t = text.strip();
        if (!t.isEmpty() && t.charAt(t.length() - 1) == 'x') t = t.substring(0, t.length() - 1) + 'X';
        return t;
    }

    private static Problem problemOfNormalized(String s) {
        if (s.isEmpty()) return Problem.EMPTY;
        if (s.length() != 18) return Problem.FORMAT;
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return Problem.FORMAT;
        }
        char last = s.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') return Problem.FORMAT;
        if (birthDateOf(s) == null) return Problem.BIRTH_DATE;
        return checkCharacter(s) == last ? null : Problem.CHECK_CHARACTER;
    }

    /** The check character for the first 17 digits of {@code s}. */
    public static char checkCharacter(CharSequence s) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (s.charAt(i) - '0') * WEIGHTS[i];
        return CHECK[sum % 11];
    }

    private static LocalDate birthDateOf(String s) {
        int y = Integer.parseInt(s, 6, 10, 10);
        int m = Integer.parseInt(s, 10, 12, 10);
        int d = Integer.parseInt(s, 12, 14, 10);
        if (y < 1850) return null;
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return null;
        }
    }

    public String value() { return value; }

    public LocalDate birthDate() { return Objects.requireNonNull(birthDateOf(value)); }

    /** Odd sequence digit: male. */
    public Sex sex() { return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE; }

    /** The 6-digit county-level area code of registration. */
    public String areaPrefix() { return value.substring(0, 6); }

    /** Whole years on {@code day}. */
    public int ageOn(LocalDate day) {
        return Ages.yearsBetween(birthDate(), day);
    }

    /** 220302********1234: the form used on screens and in exports. */
    public String masked() { return mask(value); }

    /** Masks any id-number-like text the same way (first 6, last 4 visible). */
    public static String mask(String text) {
        if (text == null || text.length() < 10) return "****";
        return text.substring(0, 6) + "*".repeat(text.length() - 10) + text.substring(text.length() - 4);
    }

    @Override public boolean equals(Object o) { return o instanceof IdNumber other && other.value.equals(value); }
    @Override public int hashCode() { return value.hashCode(); }
    @Override public int compareTo(IdNumber o) { return value.compareTo(o.value); }
    /** Masked on purpose: never leak a full id number through logging. */
    @Override public String toString() { return masked(); }
}
