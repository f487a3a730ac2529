package cn.shouwang.screening.feed;

import cn.shouwang.core.person.IdNumber;

/**
 * Field parsers of feeds.md working on {@link CharSequence} without allocating, so that the byte-level CSV path
 * and a Spark row use the same code. Dates are epoch days, months are {@code year * 12 + month - 1}, amounts
 * are exact fen (1/100 yuan) in a long, id numbers are packed (see {@link PackedId}).
 */
public final class Values {
    private Values() {}

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /** Returned by {@link #date} and friends when the text is not one. */
    public static final int INVALID = Integer.MIN_VALUE;

    public static int start(CharSequence s) {
        int i = 0, n = s.length();
        while (i < n && isSpace(s.charAt(i))) i++;
        return i;
    }

    public static int end(CharSequence s) {
        int n = s.length();
        while (n > 0 && isSpace(s.charAt(n - 1))) n--;
        return n;
    }

    private static boolean isSpace(char c) {
        if (c <= ' ') return true;
        if (c < 0x80) return false;
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\uFEFF' || c == '\u3000';
    }

    public static boolean isBlank(CharSequence s) { return start(s) >= end(s); }

    /**
     * Returned by {@link #idNumber} for a value Excel stored as a number: its last digits are lost, so it is neither
     * checked nor matched (its check character would "fail", or worse, pass as someone else's number).
     */
    public static final long ID_DIGITS_LOST = -100;
    /** The reject reason of {@link #ID_DIGITS_LOST}, as written to rejects.csv. */
    public static final String DIGITS_LOST_REASON = "id_number digits lost";

    /**
     * A packed id number (first 17 digits as a long), or a negative {@code -(problem.ordinal() + 1)} when the
     * text is not a valid id number: trimmed, lowercase x read as X, GB 11643 format, birth date and check
     * character exactly as {@link IdNumber#problem(String)} decides; {@link #ID_DIGITS_LOST} for a number in
     * scientific notation (2.20322E+17: what Excel writes to a CSV for an id number it took for a number).
     */
    public static long idNumber(CharSequence s) {
        int a = 0, b = s.length();
        // IdNumber.normalize uses String.strip(): Character.isWhitespace
        while (a < b && Character.isWhitespace(s.charAt(a))) a++;
        while (b > a && Character.isWhitespace(s.charAt(b - 1))) b--;
        if (a == b) return -(IdNumber.Problem.EMPTY.ordinal() + 1);
        if (b - a != 18) return scientific(s, a, b) ? ID_DIGITS_LOST : -(IdNumber.Problem.FORMAT.ordinal() + 1);
        long v = 0;
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(a + i);
            if (c < '0' || c > '9') return scientific(s, a, b) ? ID_DIGITS_LOST : -(IdNumber.Problem.FORMAT.ordinal() + 1);
            v = v * 10 + (c - '0');
            sum += (c - '0') * WEIGHTS[i];
        }
        char last = s.charAt(a + 17);
        if (last == 'x') last = 'X';
        if (!(last >= '0' && last <= '9') && last != 'X') return -(IdNumber.Problem.FORMAT.ordinal() + 1);
        int y = digits(s, a + 6, 4), m = digits(s, a + 10, 2), d = digits(s, a + 12, 2);
        if (y < 1850 || !validDate(y, m, d)) return -(IdNumber.Problem.BIRTH_DATE.ordinal() + 1);
        if (CHECK[sum % 11] != last) return -(IdNumber.Problem.CHECK_CHARACTER.ordinal() + 1);
        return v;
    }

    /**
     * As {@link #idNumber(CharSequence)}, for a cell a workbook stored as a number when {@code number}: with
     * {@link SheetCell#LOST_DIGITS} digits or more it is {@link #ID_DIGITS_LOST}.
     */
    public static long idNumber(CharSequence s, boolean number) {
        return number && integerDigits(s) >= SheetCell.LOST_DIGITS ? ID_DIGITS_LOST : idNumber(s);
    }

    /** The reject reason for a negative result of {@link #idNumber}. */
    public static String idProblem(long packed) {
        if (packed == ID_DIGITS_LOST) return DIGITS_LOST_REASON;
        return IdNumber.Problem.values()[(int) (-packed - 1)].code();
    }

    /** Digits before a decimal point (signs and blanks not counted). */
    static int integerDigits(CharSequence s) {
        int digits = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '.') break;
            if (c >= '0' && c <= '9') digits++;
        }
        return digits;
    }

    /** Whether {@code s} (blanks around ignored) is a number in scientific notation: 2.20322E+17, 2.20322e17, 1E5. */
    public static boolean scientific(CharSequence s) {
        return scientific(s, start(s), end(s));
    }

    private static boolean scientific(CharSequence s, int a, int b) {
        int i = a;
        if (i < b && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int mantissa = 0;
        boolean point = false;
        while (i < b) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') mantissa++;
            else if (c == '.' && !point) point = true;
            else break;
            i++;
        }
        if (mantissa == 0 || i >= b || (s.charAt(i) != 'e' && s.charAt(i) != 'E')) return false;
        i++;
        if (i < b && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int exponent = 0;
        while (i < b && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            exponent++;
        }
        return exponent > 0 && i == b;
    }

    /** YYYY-MM-DD, YYYY/MM/DD (month and day may have one digit, as Excel writes them) or YYYYMMDD. */
    public static int date(CharSequence s) {
        int a = start(s), b = end(s);
        int n = b - a;
        if (n == 8) {
            int v = digits(s, a, 8);
            if (v >= 0) return epochDayOrInvalid(v / 10000, v / 100 % 100, v % 100);
        }
        if (n < 8 || n > 10) return INVALID;
        int y = digits(s, a, 4);
        if (y < 0) return INVALID;
        char sep = s.charAt(a + 4);
        if (sep != '-' && sep != '/') return INVALID;
        int p = a + 5;
        int q = p;
        while (q < b && s.charAt(q) != sep) q++;
        if (q == b || q - p < 1 || q - p > 2) return INVALID;
        if (sep == '-' && (q - p != 2 || b - q - 1 != 2)) return INVALID;
        int m = digits(s, p, q - p);
        int d = b - q - 1 < 1 || b - q - 1 > 2 ? -1 : digits(s, q + 1, b - q - 1);
        if (m < 0 || d < 0) return INVALID;
        return epochDayOrInvalid(y, m, d);
    }

    /** YYYY-MM as {@code year * 12 + month - 1}. */
    public static int month(CharSequence s) {
        int a = start(s), b = end(s);
        if (b - a != 7 || s.charAt(a + 4) != '-') return INVALID;
        int y = digits(s, a, 4), m = digits(s, a + 5, 2);
        if (y < 0 || m < 1 || m > 12) return INVALID;
        return y * 12 + m - 1;
    }

    /** A non-negative whole number (up to 9 digits), or {@link #INVALID}. */
    public static int integer(CharSequence s) {
        int a = start(s), b = end(s);
        if (b - a < 1 || b - a > 9) return INVALID;
        return digits(s, a, b - a) < 0 ? INVALID : digits(s, a, b - a);
    }

    /** Plain decimal yuan with at most two decimals, not negative, as fen; -1 when not one. */
    public static long amount(CharSequence s) {
        int a = start(s), b = end(s);
        if (a >= b) return -1;
        long v = 0;
        int i = a, intDigits = 0;
        while (i < b && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            v = v * 10 + (s.charAt(i) - '0');
            i++;
            if (++intDigits > 15) return -1;
        }
        if (intDigits == 0) return -1;
        long fen = v * 100;
        if (i < b) {
            if (s.charAt(i) != '.') return -1;
            i++;
            int dec = b - i;
            if (dec < 1 || dec > 2) return -1;
            int f = digits(s, i, dec);
            if (f < 0) return -1;
            fen += dec == 1 ? f * 10L : f;
        }
        return fen;
    }

    /** A 12-digit area code as a long, or -1. */
    public static long areaCode(CharSequence s) {
        int a = start(s), b = end(s);
        if (b - a != 12) return -1;
        long v = 0;
        for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * The trimmed, upper-cased code; returns the matching constant of {@code known} (no allocation) when there is
     * one.
     */
    public static String code(CharSequence s, String[] known) {
        int a = start(s), b = end(s);
        outer:
        for (String k : known) {
            if (k.length() != b - a) continue;
            for (int i = 0; i < k.length(); i++) {
                char c = s.charAt(a + i);
                if (c >= 'a' && c <= 'z') c = (char) (c - 32);
                if (c != k.charAt(i)) continue outer;
            }
            return k;
        }
        return s.subSequence(a, b).toString().toUpperCase(java.util.Locale.ROOT);
    }

    /** Trimmed text (for free-text fields shown in details). */
    public static String text(CharSequence s) {
        int a = start(s), b = end(s);
        return s.subSequence(a, b).toString();
    }

    private static int digits(CharSequence s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    public static boolean validDate(int y, int m, int d) {
        if (m < 1 || m > 12 || d < 1) return false;
        return d <= daysInMonth(y, m);
    }

    public static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static int epochDayOrInvalid(int y, int m, int d) {
        if (y < 1800 || y > 2200 || !validDate(y, m, d)) return INVALID;
        return epochDay(y, m, d);
    }

    /** Days since 1970-01-01 (same as LocalDate.toEpochDay), without allocating. */
    public static int epochDay(int y, int m, int d) {
        long total = 365L * y;
        if (y >= 0) total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367L * m - 362) / 12;
        total += d - 1;
        if (m > 2) {
            total--;
            if (!(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) total--;
        }
        return (int) (total - 719528L);
    }

    /** Fen as yuan with two decimals, e.g. 123450 -> "1234.50". */
    public static String yuan(long fen) {
        long abs = Math.abs(fen);
        String s = (abs / 100) + "." + (abs % 100 < 10 ? "0" : "") + (abs % 100);
        return fen < 0 ? "-" + s : s;
    }
}
