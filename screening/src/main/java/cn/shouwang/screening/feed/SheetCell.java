package cn.shouwang.screening.feed;

/**
 * One cell of a spreadsheet as {@link Sheets} reads it: its text (a date-formatted number as YYYY-MM-DD, another
 * number as a plain decimal of at most 15 significant digits, text as written, a blank cell as "") and whether the
 * workbook stored it as a number. A CSV has no types: its cells are never numbers.
 */
public record SheetCell(String text, boolean number) {
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
    public boolean digitsLost() { return digitsLost(text, number); }

    /** {@link #digitsLost()} of a text and whether it was stored as a number. */
    public static boolean digitsLost(CharSequence text, boolean number) {
        if (text == null) return false;
        return number && Values.integerDigits(text) >= LOST_DIGITS || Values.scientific(text);
    }

    /**
     * The text of a cell whose digits were lost as a CSV carries it: in scientific notation, as Excel writes such a
     * number to a CSV (2.20322199001011E+17), so that a reader of the CSV, which has no cell types, still knows.
     * Other cells: their text.
     */
    public String csvText() {
        if (!number || !digitsLost() || Values.scientific(text)) return text;
        try {
            java.math.BigDecimal d = new java.math.BigDecimal(text.strip()).stripTrailingZeros();
            String digits = d.unscaledValue().abs().toString();
            int exponent = digits.length() - 1 - d.scale();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (d.signum() < 0 ? "-" : "") + mantissa + "E" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
        } catch (NumberFormatException e) {
            return text;
        }
    }

    public boolean isBlank() { return text.isBlank(); }

    @Override public String toString() { return number ? "#" + text : text; }
}
