package cn.shouwang.screening.feed;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the records a {@link FeedFiles} read hands over (an XLSX sheet's rows, as {@link XlsxRows} produced them)
 * as a CSV that {@link CsvScanner} reads back to exactly the same cells and line numbers: UTF-8 with a byte-order
 * mark, {@code \n} line ends, RFC 4180 quoting of every cell holding a comma, quote, line feed or carriage return.
 * The header and every non-blank row keep their cells as read (header names, text, ISO dates, plain numbers, empty
 * cells; a number cell whose digits Excel lost — {@link SheetCell#digitsLost()} — in scientific notation, which
 * the row parser refuses as such), and each is written at the CSV line that equals its sheet row number: the rows the reader skipped (blank
 * ones) become blank lines, which a CSV read counts but skips, so rejects and warnings name the same line. Rows
 * coming out of order (a hand-made sheet) are written one after the other.
 *
 * <p>The server renders an XLSX upload so while checking it, straight into the sealed stored file; the engine then
 * reads the upload as any CSV, from a stream.
 */
public final class CsvRendering implements FeedFiles.RecordHandler {
    private final Writer out;
    private int lines;

    /** Writes to {@code out} (buffered here; {@link #finish} flushes, the caller closes {@code out}). */
    public CsvRendering(OutputStream out) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.out.write('\uFEFF');
    }

    /** Renders a whole workbook (read within {@code limits}) into {@code out}; the caller closes {@code out}. */
    public static void render(java.nio.file.Path xlsx, XlsxRows.Limits limits, OutputStream out) throws IOException {
        CsvRendering csv = new CsvRendering(out);
        FeedFiles.readAll(xlsx, limits, csv);
        csv.finish();
    }

    @Override public void header(List<String> cells, int line) throws IOException {
        record(RawRecord.of(cells), line);
    }

    @Override public void record(RawRecord r, int line) throws IOException {
        while (lines < line - 1) {
            out.write('\n');
            lines++;
        }
        for (int i = 0, n = r.size(); i < n; i++) {
            if (i > 0) out.write(',');
            // a number whose digits Excel lost goes as Excel writes it to a CSV, so the engine still refuses it
            cell(r.number(i) ? new SheetCell(r.field(i).toString(), true).csvText() : r.field(i));
        }
        out.write('\n');
        lines++;
    }

    private void cell(CharSequence s) throws IOException {
        boolean quote = false;
        for (int i = 0, n = s.length(); i < n && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(s);
            return;
        }
        out.write('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') out.write('"');
            out.write(c);
        }
        out.write('"');
    }

    /** Flushes what is buffered into the stream (not closed). */
    public void finish() throws IOException {
        out.flush();
    }
}
