package cn.shouwang.screening.feed;

/**
 * An id number packed into a long: its first 17 digits as a number. The 18th character (the check character)
 * follows from them, so nothing is lost, and longs sort in the same order as the id texts.
 */
public final class PackedId {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private PackedId() {}

    public static char checkCharacter(long packed) {
        int sum = 0;
        long v = packed;
        for (int i = 16; i >= 0; i--) {
            sum += (int) (v % 10) * WEIGHTS[i];
            v /= 10;
        }
        return CHECK[sum % 11];
    }

    /** Birth date digits YYYYMMDD. */
    public static int birthYmd(long packed) {
        return (int) (packed / 1000 % 100_000_000L);
    }

    /** The 18-character id text. */
    public static String text(long packed) {
        char[] c = new char[18];
        appendTo(packed, c, 0);
        return new String(c);
    }

    /** Writes the 18 characters at {@code off}. */
    public static void appendTo(long packed, char[] out, int off) {
        long v = packed;
        for (int i = 16; i >= 0; i--) {
            out[off + i] = (char) ('0' + v % 10);
            v /= 10;
        }
        out[off + 17] = checkCharacter(packed);
    }

    /** Whole years of age on an epoch day (a Feb 29 birthday turns on Mar 1, as {@code Ages}). */
    public static int ageOn(long packed, int epochDay) {
        int ymd = birthYmd(packed);
        java.time.LocalDate day = java.time.LocalDate.ofEpochDay(epochDay);
        int years = day.getYear() - ymd / 10000;
        int bm = ymd / 100 % 100, bd = ymd % 100;
        if (day.getMonthValue() < bm || (day.getMonthValue() == bm && day.getDayOfMonth() < bd)) years--;
        return years;
    }
}
