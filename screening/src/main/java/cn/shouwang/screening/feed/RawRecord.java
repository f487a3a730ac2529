package cn.shouwang.screening.feed;

import java.util.List;

/**
 * One record of a file as text fields, before parsing. The CSV reader hands out a reused, allocation-free view
 * over its byte buffer; {@link #of(List)} wraps plain strings (XLSX rows, Spark rows, tests). Fields beyond
 * {@link #size()} read as empty.
 */
public interface RawRecord {
    int size();

    /** Field {@code i} (0-based); valid only until the reader moves on. */
    CharSequence field(int i);

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
}
