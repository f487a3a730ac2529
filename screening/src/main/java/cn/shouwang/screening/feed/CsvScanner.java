package cn.shouwang.screening.feed;

import cn.shouwang.core.text.TextCharset;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte-level RFC 4180 reader. Scans bytes directly (comma, quote and line feed never occur inside a UTF-8 or
 * GB18030 multi-byte character), so ASCII fields — id numbers, dates, amounts, codes — are read without decoding
 * or allocating; other fields are decoded on demand with the detected charset. The scanner is itself the
 * {@link RawRecord} of the current record.
 */
public final class CsvScanner implements RawRecord, Closeable {
    public static final Charset GB18030 = TextCharset.GB18030;
    private static final int DETECT_BYTES = 1 << 20;

    private final InputStream in;
    private final Charset charset;
    private byte[] buf = new byte[1 << 20];
    private int pos, limit;
    private boolean eof;
    private int line;
    private long base;        // bytes of the stream already dropped from buf
    private long recordStart; // stream offset of the current record

    private int nFields;
    private int[] fStart = new int[16], fEnd = new int[16];
    private byte[] fFlags = new byte[16]; // 1: quoted with "" escapes, 2: has non-ASCII bytes
    private final ByteView[] views = new ByteView[64];

    public CsvScanner(Path file) throws IOException {
        this(Files.newInputStream(file));
    }

    /**
     * Reads a whole file's bytes from {@code in} (closed with the scanner), the charset detected as for a file: a
     * decrypted upload is read as it is opened, never copied to disk.
     */
    public CsvScanner(InputStream in) throws IOException {
        this.in = in;
        fill();
        TextCharset.Detected d = TextCharset.of(buf, 0, Math.min(limit, DETECT_BYTES), eof && limit <= DETECT_BYTES);
        this.charset = d.charset();
        pos = d.bom();
    }

    /**
     * Reads from {@code in}, positioned at the start of a record (after any byte-order mark), in a charset
     * decided beforehand (see {@link #detect}); the first record is numbered {@code firstLine}. For the Spark job,
     * which reads a big file in pieces that start at record boundaries it computed.
     */
    public CsvScanner(InputStream in, Charset charset, int firstLine) throws IOException {
        this.in = in;
        this.charset = charset;
        this.line = firstLine - 1;
        fill();
    }

    /** The charset the file was read with: UTF-8 (with or without BOM) or GB18030. */
    public Charset charset() { return charset; }

    /**
     * UTF-8 unless the bytes are not valid UTF-8 (then GB18030, what Excel on Chinese Windows writes): the one
     * detection of core's {@link TextCharset}, used by every reader of text files.
     */
    public static Charset detect(byte[] b, int from, int to, boolean wholeFile) {
        return TextCharset.detect(b, from, to, wholeFile);
    }

    private void fill() throws IOException {
        if (pos > 0) {
            base += pos;
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        while (limit < buf.length) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                break;
            }
            limit += n;
        }
    }

    /**
     * Where the current record starts, in bytes from where this scanner began reading its stream. The Spark job
     * checks with it that a split it computed really starts a record.
     */
    public long recordStart() { return recordStart; }

    /** Line number of the current record (header = 1); blank lines count. */
    public int line() { return line; }

    /**
     * Advances to the next record. Returns false at the end. A blank line is a record of one empty field
     * ({@link #isBlank()}).
     */
    public boolean next() throws IOException {
        while (true) {
            if (pos >= limit) {
                if (eof) return false;
                fill();
                if (pos >= limit) return false;
            }
            recordStart = base + pos;
            int r = scan(pos);
            if (r >= 0) {
                pos = r;
                line++;
                return true;
            }
            if (eof) { // unterminated last record: take it as it is
                int end = scanToEnd(pos);
                pos = end;
                line++;
                return true;
            }
            fill();
        }
    }

    /** Parses one record starting at p; returns the position after it, or -1 when the buffer ends first. */
    private int scan(int p) {
        nFields = 0;
        byte[] b = buf;
        int lim = limit;
        while (true) {
            ensureField();
            int fi = nFields;
            byte flags = 0;
            if (p < lim && b[p] == '"') {
                int q = p + 1;
                int start = q;
                while (true) {
                    if (q >= lim) return -1;
                    byte c = b[q];
                    if (c == '"') {
                        if (q + 1 >= lim) {
                            if (!eof) return -1;
                            break;
                        }
                        if (b[q + 1] == '"') { flags |= 1; q += 2; continue; }
                        break;
                    }
                    if (c < 0) flags |= 2;
                    q++;
                }
                fStart[fi] = start;
                fEnd[fi] = q;
                q++; // closing quote
                // anything between the closing quote and the delimiter is kept out (lenient)
                while (q < lim && b[q] != ',' && b[q] != '\n') q++;
                if (q >= lim) { if (!eof) return -1; fFlags[fi] = flags; nFields++; return q; }
                fFlags[fi] = flags;
                nFields++;
                if (b[q] == ',') { p = q + 1; continue; }
                return q + 1;
            }
            int q = p;
            while (q < lim) {
                byte c = b[q];
                if (c == ',' || c == '\n') break;
                if (c < 0) flags |= 2;
                q++;
            }
            if (q >= lim && !eof) return -1;
            int end = q;
            if (end > p && (q >= lim || b[q] == '\n') && b[end - 1] == '\r') end--;
            fStart[fi] = p;
            fEnd[fi] = end;
            fFlags[fi] = flags;
            nFields++;
            if (q >= lim) return q;
            if (b[q] == ',') { p = q + 1; continue; }
            return q + 1;
        }
    }

    private int scanToEnd(int p) {
        int r = scan(p);
        return r < 0 ? limit : r;
    }

    private void ensureField() {
        if (nFields == fStart.length) {
            fStart = java.util.Arrays.copyOf(fStart, nFields * 2);
            fEnd = java.util.Arrays.copyOf(fEnd, nFields * 2);
            fFlags = java.util.Arrays.copyOf(fFlags, nFields * 2);
        }
    }

    /** A record with one empty field: a blank line. */
    public boolean isBlank() {
        for (int i = 0; i < nFields; i++) {
            for (int k = fStart[i]; k < fEnd[i]; k++) {
                byte c = buf[k];
                if (c != ' ' && c != '\t' && c != '\r') return false;
            }
        }
        return true;
    }

    @Override public int size() { return nFields; }

    @Override public CharSequence field(int i) {
        if (i >= nFields) return "";
        if (fFlags[i] != 0) return string(i);
        ByteView v = i < views.length ? views[i] : null;
        if (v == null) {
            v = new ByteView();
            if (i < views.length) views[i] = v;
        }
        v.set(buf, fStart[i], fEnd[i] - fStart[i]);
        return v;
    }

    /** Field {@code i} decoded (allocates). */
    public String string(int i) {
        if (i >= nFields) return "";
        String s = new String(buf, fStart[i], fEnd[i] - fStart[i], charset);
        return (fFlags[i] & 1) != 0 ? s.replace("\"\"", "\"") : s;
    }

    /** The current record as strings (for headers and tests). */
    public List<String> strings() {
        List<String> out = new ArrayList<>(nFields);
        for (int i = 0; i < nFields; i++) out.add(string(i));
        return out;
    }

    @Override public void close() throws IOException { in.close(); }

    /** An ASCII byte range seen as characters; reused for every record. */
    static final class ByteView implements CharSequence {
        private byte[] b;
        private int off, len;

        void set(byte[] b, int off, int len) {
            this.b = b;
            this.off = off;
            this.len = len;
        }

        @Override public int length() { return len; }
        @Override public char charAt(int index) { return (char) b[off + index]; }
        @Override public CharSequence subSequence(int start, int end) {
            return new String(b, off + start, end - start, StandardCharsets.ISO_8859_1);
        }
        @Override public String toString() { return new String(b, off, len, StandardCharsets.ISO_8859_1); }
    }
}
