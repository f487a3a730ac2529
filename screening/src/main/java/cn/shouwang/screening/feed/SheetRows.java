package cn.shouwang.screening.feed;

import java.util.List;

/**
 * What {@link Sheets#read} hands the rows of a spreadsheet to, sheet after sheet. An exception thrown by
 * {@link #row} (unchecked: wrap a checked one) stops the read and comes out of {@link Sheets#read} as it was thrown.
 */
public interface SheetRows {
    /** A sheet begins (a CSV is one sheet, named after the file). Return false to skip it. */
    default boolean sheet(String name) { return true; }

    /**
     * One non-blank row; line is 1-based as Excel shows it; cells by column index (A=0), blanks as "". The list
     * ends at the row's last non-blank cell and may be kept (it is not reused).
     */
    void row(String sheet, int line, List<SheetCell> cells);
}
