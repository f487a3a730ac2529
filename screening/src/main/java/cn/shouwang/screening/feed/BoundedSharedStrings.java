package cn.shouwang.screening.feed;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The shared strings of a workbook, read with limits: strings are counted as they are parsed (the part's own
 * {@code count}/{@code uniqueCount} are not trusted) and refused past {@code maxStrings}; one string may not be
 * longer than {@code maxChars}. They are kept as UTF-8 in 256 KiB blocks with an int offset each (about 4 bytes plus
 * the text per string, where POI's {@code ReadOnlySharedStringsTable} keeps a {@code String} object, 50 bytes and
 * more), so memory is bounded by the size limit of the part and the count limit, and no large array is ever copied. Phonetic runs ({@code rPh}) are
 * not part of a cell's value and are left out.
 */
final class BoundedSharedStrings implements SharedStrings {
    private static final String NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final int BLOCK_BITS = 18; // 256 KiB: below half a G1 region, so never a humongous object
    private static final int BLOCK = 1 << BLOCK_BITS;

    private byte[][] blocks = new byte[1][];
    private int blockCount;
    private int used = BLOCK; // in the last block: full, so the first string opens one
    private int[][] starts = new int[16][];  // blocks of 65,536 offsets: no large array is ever copied
    private int count;

    private BoundedSharedStrings() {}

    /** A workbook without shared strings. */
    static BoundedSharedStrings none() { return new BoundedSharedStrings(); }

    /** Parses the part (already wrapped in an {@link XmlGuard}); {@code part} names it in a refusal. */
    static BoundedSharedStrings read(InputStream in, String part, int maxStrings, int maxChars) throws IOException {
        BoundedSharedStrings s = new BoundedSharedStrings();
        Handler h = s.new Handler(part, maxStrings, maxChars);
        try {
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(h);
            xml.parse(new InputSource(in));
        } catch (Stop e) {
            throw e.refusal;
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException("shared strings not readable: " + e.getMessage(), e);
        }
        return s;
    }

    @Override public RichTextString getItemAt(int idx) {
        if (idx < 0 || idx >= count) throw new IndexOutOfBoundsException("no shared string " + idx);
        int at = starts[idx >>> 16][idx & 0xFFFF];
        byte[] b = blocks[at >>> BLOCK_BITS];
        int p = at & (BLOCK - 1);
        int len = 0, shift = 0, x;
        do {
            x = b[p++];
            len |= (x & 0x7F) << shift;
            shift += 7;
        } while (x < 0);
        return new XSSFRichTextString(new String(b, p, len, StandardCharsets.UTF_8));
    }

    @Override public int getCount() { return count; }

    @Override public int getUniqueCount() { return count; }

    private void add(CharSequence text) {
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        int need = utf8.length + 5;
        if (BLOCK - used < need) {
            if (blockCount == blocks.length) blocks = Arrays.copyOf(blocks, blockCount * 2);
            // the last block never needs to be full size
            blocks[blockCount++] = new byte[BLOCK];
            used = 0;
        }
        int s = count >>> 16;
        if (s == starts.length) starts = Arrays.copyOf(starts, s * 2);
        if (starts[s] == null) starts[s] = new int[1 << 16];
        starts[s][count & 0xFFFF] = (blockCount - 1) << BLOCK_BITS | used;
        count++;
        byte[] b = blocks[blockCount - 1];
        int len = utf8.length;
        while (len >= 0x80) {
            b[used++] = (byte) (len & 0x7F | 0x80);
            len >>>= 7;
        }
        b[used++] = (byte) len;
        System.arraycopy(utf8, 0, b, used, utf8.length);
        used += utf8.length;
    }

    /** A refusal thrown from inside the SAX handler (whose methods may throw only SAXException). */
    private static final class Stop extends RuntimeException {
        final XlsxLimitException refusal;

        Stop(XlsxLimitException refusal) {
            super(null, null, false, false);
            this.refusal = refusal;
        }
    }

    private final class Handler extends DefaultHandler {
        private final String part;
        private final int maxStrings;
        private final int maxChars;
        private final StringBuilder text = new StringBuilder();
        private boolean inString, inText;
        private int phonetic;

        Handler(String part, int maxStrings, int maxChars) {
            this.part = part;
            this.maxStrings = maxStrings;
            this.maxChars = maxChars;
        }

        @Override public void startElement(String uri, String local, String qName, Attributes atts) {
            if (uri != null && !uri.isEmpty() && !uri.equals(NS)) return;
            switch (local) {
                case "si" -> {
                    inString = true;
                    text.setLength(0);
                }
                case "t" -> inText = inString && phonetic == 0;
                case "rPh" -> phonetic++;
                default -> { }
            }
        }

        @Override public void endElement(String uri, String local, String qName) {
            if (uri != null && !uri.isEmpty() && !uri.equals(NS)) return;
            switch (local) {
                case "si" -> {
                    if (!inString) return;
                    inString = false;
                    if (count >= maxStrings) {
                        throw new Stop(new XlsxLimitException(XlsxLimitException.Limit.SHARED_STRINGS, part, maxStrings));
                    }
                    // block addresses are ints: a shared strings part cannot hold more than 2 GiB of text
                    if (blockCount >= (1 << (31 - BLOCK_BITS)) - 1) {
                        throw new Stop(new XlsxLimitException(XlsxLimitException.Limit.SHARED_STRINGS_BYTES, part,
                                (long) blockCount << BLOCK_BITS));
                    }
                    add(text);
                }
                case "t" -> inText = false;
                case "rPh" -> phonetic = Math.max(0, phonetic - 1);
                default -> { }
            }
        }

        @Override public void characters(char[] ch, int start, int length) {
            if (!inText) return;
            if (text.length() + length > maxChars) {
                throw new Stop(new XlsxLimitException(XlsxLimitException.Limit.CELL_CHARS, part, maxChars));
            }
            text.append(ch, start, length);
        }
    }
}
