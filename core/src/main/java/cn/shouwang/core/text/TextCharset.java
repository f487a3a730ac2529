package cn.shouwang.core.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one decision of which charset a text file (a department CSV, a division-code list) is written in: UTF-8, with
 * or without a byte-order mark, unless its bytes are not valid UTF-8 — then GB18030, what Excel and WPS on Chinese
 * Windows write ("CSV (逗号分隔)"), of which GBK and GB2312 are subsets. Every reader of text files uses this, so a
 * file reads the same wherever it is uploaded.
 */
public final class TextCharset {
    public static final Charset GB18030 = Charset.forName("GB18030");
    /** How much of a file is looked at (the whole file when it is smaller). */
    public static final int SAMPLE_BYTES = 1 << 20;

    private TextCharset() {}

    /** The charset and the length of a byte-order mark to skip (3 for UTF-8's, else 0). */
    public record Detected(Charset charset, int bom) {}

    /** Whether {@code b} starts with UTF-8's byte-order mark. */
    public static boolean hasUtf8Bom(byte[] b, int from, int to) {
        return to - from >= 3 && (b[from] & 0xFF) == 0xEF && (b[from + 1] & 0xFF) == 0xBB && (b[from + 2] & 0xFF) == 0xBF;
    }

    /** The charset of a file's first bytes ({@code wholeFile}: they are the whole file). */
    public static Detected of(byte[] b, int from, int to, boolean wholeFile) {
        if (hasUtf8Bom(b, from, to)) return new Detected(StandardCharsets.UTF_8, 3);
        return new Detected(detect(b, from, to, wholeFile), 0);
    }

    /** The charset of a file, from its first {@link #SAMPLE_BYTES}. */
    public static Detected of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(SAMPLE_BYTES);
            boolean whole = b.length < SAMPLE_BYTES || in.read() < 0;
            return of(b, 0, b.length, whole);
        }
    }

    /**
     * UTF-8 unless the bytes are not valid UTF-8 (then GB18030). A sequence cut by the end of the sample is not held
     * against UTF-8. No byte-order mark is looked for here.
     */
    public static Charset detect(byte[] b, int from, int to, boolean wholeFile) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) { i++; continue; }
            int n;
            if (c >= 0xC2 && c <= 0xDF) n = 1;
            else if (c >= 0xE0 && c <= 0xEF) n = 2;
            else if (c >= 0xF0 && c <= 0xF4) n = 3;
            else return GB18030;
            if (i + n >= to) return wholeFile ? GB18030 : StandardCharsets.UTF_8; // cut at the end of the sample
            for (int k = 1; k <= n; k++) if ((b[i + k] & 0xC0) != 0x80) return GB18030;
            i += n + 1;
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * Whether the bytes read as text in {@code charset}: they decode without a malformed or unmappable sequence (a
     * sequence cut by the end of a sample that is not the whole file is allowed) and hold no NUL and no other control
     * character than tab, line feed, carriage return and form feed. A workbook, a picture or a UTF-16 file is not text.
     */
    public static boolean isText(byte[] b, int from, int to, Charset charset, boolean wholeFile) {
        CharsetDecoder d = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, from, to - from);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            var r = d.decode(in, out, wholeFile);
            if (r.isError()) return false;
            out.flip();
            while (out.hasRemaining()) {
                char c = out.get();
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') return false;
                if (c == '\uFFFD') return false;
            }
            out.clear();
            if (r.isUnderflow()) break;
        }
        if (wholeFile) {
            var r = d.flush(out);
            return !r.isError();
        }
        return true;
    }

    /** The text of {@code bytes} in {@code charset}, refusing what does not decode. */
    public static String decodeStrict(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

}
