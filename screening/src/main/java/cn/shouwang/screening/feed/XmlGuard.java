package cn.shouwang.screening.feed;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Sits between a part of an .xlsx package and the XML parser. Counts the expanded bytes and stops at
 * {@code maxBytes}; when {@code xml}, it also follows the markup (a small lexer over the bytes: tags, quoted
 * attribute values, comments, CDATA, processing instructions) and stops at elements nested deeper than
 * {@code maxDepth} or at any one tag, text, comment or CDATA section longer than {@code maxToken} bytes. These
 * are what a SAX parser or a document model buffers whole (its element stack, one attribute value, one comment),
 * so a part that passes cannot make the parser hold more than about {@code maxToken} bytes at once, however big
 * the part. The lexer assumes an ASCII-compatible encoding (UTF-8, which is what Excel writes).
 */
final class XmlGuard extends FilterInputStream {
    private static final int TEXT = 0, LT = 1, START_TAG = 2, DQ = 3, SQ = 4, END_TAG = 5, BANG = 6, COMMENT = 7,
            CDATA = 8, PI = 9, DECL = 10;

    private final String part;
    private final long maxBytes;
    private final XlsxLimitException.Limit sizeLimit;
    private final boolean xml;
    private final int maxDepth;
    private final int maxToken;
    private long count;
    private int state = TEXT;
    private int depth;
    private int token;
    private int run;      // '-' or ']' seen in a row (end of a comment or CDATA section)
    private int prev;

    XmlGuard(InputStream in, String part, long maxBytes, XlsxLimitException.Limit sizeLimit, boolean xml,
             int maxDepth, int maxToken) {
        super(in);
        this.part = part;
        this.maxBytes = maxBytes;
        this.sizeLimit = sizeLimit;
        this.xml = xml;
        this.maxDepth = maxDepth;
        this.maxToken = maxToken;
    }

    /** Bytes read so far. */
    long count() { return count; }

    @Override public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            if (++count > maxBytes) throw new XlsxLimitException(sizeLimit, part, maxBytes);
            if (xml) step(b);
        }
        return b;
    }

    @Override public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
            count += n;
            if (count > maxBytes) throw new XlsxLimitException(sizeLimit, part, maxBytes);
            if (xml) for (int i = off; i < off + n; i++) step(buf[i] & 0xFF);
        }
        return n;
    }

    @Override public long skip(long n) throws IOException {
        // read through the lexer: nothing may pass unseen
        byte[] b = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(b, 0, (int) Math.min(b.length, n - done));
            if (r < 0) break;
            done += r;
        }
        return done;
    }

    @Override public boolean markSupported() { return false; }

    private void step(int b) throws XlsxLimitException {
        if (++token > maxToken) throw new XlsxLimitException(XlsxLimitException.Limit.XML_TOKEN, part, maxToken);
        switch (state) {
            case TEXT -> {
                if (b == '<') {
                    state = LT;
                    token = 1;
                }
            }
            case LT -> state = switch (b) {
                case '/' -> END_TAG;
                case '!' -> BANG;
                case '?' -> PI;
                default -> START_TAG;
            };
            case START_TAG -> {
                if (b == '"') state = DQ;
                else if (b == '\'') state = SQ;
                else if (b == '>') {
                    if (prev != '/' && ++depth > maxDepth) {
                        throw new XlsxLimitException(XlsxLimitException.Limit.XML_DEPTH, part, maxDepth);
                    }
                    text();
                }
            }
            case DQ -> { if (b == '"') state = START_TAG; }
            case SQ -> { if (b == '\'') state = START_TAG; }
            case END_TAG -> {
                if (b == '>') {
                    if (depth > 0) depth--;
                    text();
                }
            }
            case BANG -> {
                run = 0;
                state = b == '-' ? COMMENT : b == '[' ? CDATA : DECL;
            }
            case COMMENT -> {
                if (b == '>' && run >= 2) text();
                else run = b == '-' ? run + 1 : 0;
            }
            case CDATA -> {
                if (b == '>' && run >= 2) text();
                else run = b == ']' ? run + 1 : 0;
            }
            case PI -> { if (b == '>' && prev == '?') text(); }
            case DECL -> { if (b == '>') text(); }
            default -> throw new IllegalStateException();
        }
        prev = b;
    }

    private void text() {
        state = TEXT;
        token = 0;
    }
}
