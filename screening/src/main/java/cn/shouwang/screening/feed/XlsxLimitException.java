package cn.shouwang.screening.feed;

import java.io.IOException;
import java.util.Locale;

/**
 * An .xlsx file that goes past one of the reader's limits ({@link XlsxRows.Limits}): refused before it can take
 * the memory or the time of the process. Carries which limit, the file, the part of the package and the limit's
 * value, so that a caller can say it in its own language.
 */
public final class XlsxLimitException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Each limit; {@link #max()} is in the unit named here. */
    public enum Limit {
        /** more entries in the ZIP than {@code max} */
        ENTRIES("more than %,d entries in the package"),
        /** a part POI parses whole (relationships, workbook, styles, theme…) expands past {@code max} bytes */
        PART_BYTES("expands past %,d bytes"),
        /** the parts POI parses whole together expand past {@code max} bytes */
        PARTS_TOTAL_BYTES("the parts parsed whole together expand past %,d bytes"),
        /** the sheet read expands past {@code max} bytes */
        SHEET_BYTES("the sheet expands past %,d bytes"),
        /** the shared strings part expands past {@code max} bytes */
        SHARED_STRINGS_BYTES("the shared strings expand past %,d bytes"),
        /** more shared strings than {@code max} (counted as read: the file's own count is not trusted) */
        SHARED_STRINGS("more than %,d shared strings"),
        /** more rows in the sheet than {@code max} */
        ROWS("more than %,d rows in the sheet"),
        /** a cell beyond column {@code max} */
        COLUMNS("a cell beyond column %,d"),
        /** one text (a cell, a shared string) longer than {@code max} characters */
        CELL_CHARS("a text longer than %,d characters"),
        /** XML elements nested deeper than {@code max} */
        XML_DEPTH("XML nested deeper than %,d elements"),
        /** one XML tag, text, comment or CDATA section longer than {@code max} bytes */
        XML_TOKEN("one XML tag, text or comment longer than %,d bytes"),
        /** a part compressed more than POI allows (its zip-bomb ratio; {@code max} is 0) */
        INFLATE_RATIO("compressed more than a spreadsheet can be");

        private final String english;

        Limit(String english) { this.english = english; }

        String describe(long max) { return String.format(Locale.ROOT, english, max); }
    }

    private final Limit limit;
    private final String file;
    private final String part;
    private final long max;

    public XlsxLimitException(Limit limit, String file, String part, long max) {
        super(file + ": " + part + ": " + limit.describe(max) + " (limit " + limit + ")");
        this.limit = limit;
        this.file = file;
        this.part = part;
        this.max = max;
    }

    XlsxLimitException(Limit limit, String part, long max) { this(limit, "", part, max); }

    /** The same refusal naming the file (the guards below the reader do not know it). */
    XlsxLimitException in(String fileName) {
        return file.equals(fileName) ? this : new XlsxLimitException(limit, fileName, part, max);
    }

    public Limit limit() { return limit; }

    /** The file's name (without its directory). */
    public String file() { return file; }

    /** The part of the package, e.g. {@code xl/sharedStrings.xml}. */
    public String part() { return part; }

    /** The limit's value (see {@link Limit}). */
    public long max() { return max; }
}
