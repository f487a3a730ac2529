package cn.shouwang.server.villagearchive.documents;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * What a file is, read from its bytes (magic numbers), never from its name: a renamed file is caught, and a file
 * that is none of the kinds the archive keeps is unknown. XLSX and DOCX are ZIP files told apart by their entries;
 * plain text is UTF-8 without control characters (a UTF-8 byte order mark is allowed).
 */
public final class ContentSniffer {
    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    /** How many entries of a ZIP are looked at before it is called unknown (an OOXML file names its parts early). */
    private static final int MAX_ENTRIES = 2000;

    private ContentSniffer() {}

    /** The kind of the content, or null when it is none the archive keeps (or empty). Reads the stream to its end at most. */
    public static @Nullable ContentKind sniff(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(16);
        byte[] head = in.readNBytes(8);
        in.reset();
        if (head.length == 0) return null;
        if (startsWith(head, PDF)) return ContentKind.PDF;
        if (startsWith(head, PNG)) return ContentKind.PNG;
        if (startsWith(head, JPEG)) return ContentKind.JPEG;
        if (startsWith(head, ZIP)) return officeKind(in);
        return isText(in) ? ContentKind.TEXT : null;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if (head[i] != magic[i]) return false;
        return true;
    }

    private static @Nullable ContentKind officeKind(InputStream in) throws IOException {
        Set<String> names = new HashSet<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            int n = 0;
            while ((e = zip.getNextEntry()) != null && n++ < MAX_ENTRIES) names.add(e.getName());
        } catch (IOException | IllegalArgumentException broken) {
            return null; // a damaged archive is no document
        }
        if (!names.contains("[Content_Types].xml")) return null;
        if (names.contains("xl/workbook.xml")) return ContentKind.XLSX;
        if (names.contains("word/document.xml")) return ContentKind.DOCX;
        return null;
    }

    private static boolean isText(InputStream in) throws IOException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] all = in.readAllBytes(); // size-limited by the caller before it gets here
        try {
            String s = utf8.decode(ByteBuffer.wrap(all)).toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') return false;
                if (c == 0x7f) return false;
            }
            return !s.isBlank();
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
