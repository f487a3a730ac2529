package cn.shouwang.screening.feed;

import java.util.List;

/**
 * One record of a file as text fields, before parsing. The CSV reader hands out a reused, allocation-free view
 * over its byte buffer; {@link #of(List)} wraps plain strings (Spark rows, tests), {@link #ofCells} a workbook's
 * row with the cells it stored as numbers (id numbers Excel damaged: {@link Values#idNumber(CharSequence, boolean)}).
 * Fields beyond
 * {@link #size()} read as empty.
 */
public interface RawRecord {
    int size();

    /** Field {@code i} (0-based); valid only until the reader moves on. */
    CharSequence field(int i);

    /** Whether a workbook stored field {@code i} as a number (never for CSV: it has no types). */
    default boolean number(int i) { return false; }

    static RawRecord of(List<String> fields) {
        return new RawRecord() {
            @Override public int size() { return fields.size(); }
            @Override public CharSequence field(int i) {
                String s = i < fields.size() ? fields.get(i) : null;
                return s == null ? "" : s;
            }
        };
    }

    static RawRecord of(String... fields) { return of(List.of(fields)); }

    /** A spreadsheet row ({@link Sheets}), with the cells stored as numbers. */
    static RawRecord ofCells(List<SheetCell> cells) {
        return new RawRecord() {
            @Override public int size() { return cells.size(); }
            @Override public CharSequence field(int i) { return i < cells.size() ? cells.get(i).text() : ""; }
            @Override public boolean number(int i) { return i < cells.size() && cells.get(i).number(); }
        };
    }
}
