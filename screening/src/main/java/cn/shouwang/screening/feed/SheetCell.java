package cn.shouwang.screening.feed;

import java.util.regex.Pattern;

/**
 * One cell of a spreadsheet as {@link Sheets} reads it: its text (a date-formatted number as YYYY-MM-DD, another
 * number as a plain decimal of at most 15 significant digits, text as written, a blank cell as "") and whether the
 * workbook stored it as a number. A CSV has no types: its cells are never numbers.
 */
public record SheetCell(String text, boolean number) {
    /** Text that Excel or LibreOffice wrote for a number in scientific notation: 2.20322E+17, 2.20322e17, 1E5. */
    private static final Pattern SCIENTIFIC = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)[eE][+-]?\\d+");
    /** From this many digits on, a number stored by Excel is taken for a damaged id number or phone. */
    public static final int LOST_DIGITS = 11;

    public static final SheetCell BLANK = new SheetCell("", false);

    public SheetCell {
        if (text == null) text = "";
    }

    /** A cell of text (what every CSV cell is). */
    public static SheetCell text(String text) { return text == null || text.isEmpty() ? BLANK : new SheetCell(text, false); }

    /**
     * Excel stored it as a number (a numeric cell with 11 or more digits, or any text in scientific notation such as
     * 2.20322E+17 / 2.20322e17): as an id number or phone its last digits are lost. Excel keeps 15 significant
     * digits, so an 18-digit id number comes back with its last three digits zero, and about one in ten of those
     * still has a valid check character — someone else's number; a phone loses nothing yet, but the column is a
     * number column and a landline's leading zero is gone. The digits counted are those before a decimal point.
     */
    public boolean digitsLost() {
        if (number) {
            int digits = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '.') break;
                if (c >= '0' && c <= '9') digits++;
            }
            if (digits >= LOST_DIGITS) return true;
        }
        return isScientific(text);
    }

    /** Whether {@code text} (surrounding blanks ignored) is a number in scientific notation. */
    public static boolean isScientific(CharSequence text) {
        if (text == null) return false;
        String t = text.toString().strip();
        if (t.length() < 3) return false;
        return SCIENTIFIC.matcher(t).matches();
    }

    public boolean isBlank() { return text.isBlank(); }

    @Override public String toString() { return number ? "#" + text : text; }
}
