package cn.shouwang.server.personaldata;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Sealed files: a stream of any length encrypted and authenticated in segments, so that a department file of
 * hundreds of MB is sealed and opened in constant memory and any change, reordering, splice or truncation is
 * detected.
 *
 * <pre>
 * header   "SWSEALF1" | algorithm (1 = SM4-GCM, 2 = AES-128-GCM) | log2 of the segment size (16) | salt (16 random bytes)
 * segments ciphertext of up to 64 KiB of plain bytes + 16-byte tag; every segment but the last holds a full 64 KiB,
 *          the last one may be shorter (or empty)
 * key      first 16 bytes of HMAC-SM3(file key, salt): a key of its own per file;
 *          file key = HMAC-SM3(master key, "shouwang-file-v1")
 * nonce    the segment's index, as a 12-byte big-endian number (unique under the file's own key)
 * AAD      header | index (8 bytes) | 1 for the last segment, else 0
 * </pre>
 *
 * A segment therefore opens only in its own place of its own file, and a file cut at a segment boundary fails:
 * its new last segment was not sealed as the last. The reader hands out a segment's bytes only after its tag was
 * checked. Messages never carry a byte of the content.
 */
final class SealedStreams {
    static final byte[] MAGIC = "SWSEALF1".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = MAGIC.length + 1 + 1 + 16;
    private static final int SEGMENT_LOG2 = 16;
    private static final int SEGMENT = 1 << SEGMENT_LOG2;
    private static final int TAG = 16;
    private static final int TAG_BITS = TAG * 8;

    private final byte[] fileKey;
    private final byte algorithm;
    private final SecureRandom random;

    SealedStreams(byte[] fileKey, byte algorithm, SecureRandom random) {
        this.fileKey = fileKey.clone();
        this.algorithm = algorithm;
        this.random = random;
    }

    /** Whether {@code head} (the first bytes of a file) starts like a sealed file. */
    static boolean isSealed(byte[] head, int length) {
        return length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    OutputStream sealing(OutputStream sink) throws IOException {
        byte[] header = new byte[HEADER];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
        header[MAGIC.length] = algorithm;
        header[MAGIC.length + 1] = SEGMENT_LOG2;
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        System.arraycopy(salt, 0, header, MAGIC.length + 2, salt.length);
        sink.write(header);
        return new Sealer(sink, header, cipher(algorithm, salt));
    }

    InputStream opening(InputStream source) throws IOException {
        byte[] header = source.readNBytes(HEADER);
        if (header.length < HEADER || !isSealed(header, header.length)) throw new IOException("not a sealed file");
        byte alg = header[MAGIC.length];
        if (alg != FieldCrypto.SM4_GCM && alg != FieldCrypto.AES_GCM) throw new IOException("unknown sealed-file algorithm " + alg);
        if (header[MAGIC.length + 1] != SEGMENT_LOG2) throw new IOException("unknown sealed-file segment size");
        return new Opener(source, header, cipher(alg, Arrays.copyOfRange(header, MAGIC.length + 2, HEADER)));
    }

    private Keyed cipher(byte alg, byte[] salt) {
        byte[] key = Arrays.copyOf(FieldCrypto.hmac(fileKey, salt), 16);
        GCMModeCipher gcm = GCMBlockCipher.newInstance(alg == FieldCrypto.AES_GCM ? AESEngine.newInstance() : new SM4Engine());
        return new Keyed(gcm, new KeyParameter(key));
    }

    /** A GCM cipher and its file key: the key is given on the first init only, later inits keep its tables. */
    private static final class Keyed {
        final GCMModeCipher gcm;
        KeyParameter key;

        Keyed(GCMModeCipher gcm, KeyParameter key) {
            this.gcm = gcm;
            this.key = key;
        }

        void init(boolean encrypt, byte[] header, long index, boolean last) {
            byte[] nonce = new byte[12];
            for (int i = 0; i < 8; i++) nonce[11 - i] = (byte) (index >>> (8 * i));
            byte[] aad = Arrays.copyOf(header, header.length + 9);
            for (int i = 0; i < 8; i++) aad[header.length + 7 - i] = (byte) (index >>> (8 * i));
            aad[header.length + 8] = (byte) (last ? 1 : 0);
            gcm.init(encrypt, new AEADParameters(key, TAG_BITS, nonce, aad));
            key = null;
        }
    }

    private static final class Sealer extends OutputStream {
        private final OutputStream out;
        private final byte[] header;
        private final Keyed cipher;
        private final byte[] plain = new byte[SEGMENT];
        private final byte[] sealed = new byte[SEGMENT + TAG];
        private int n;
        private long index;
        private boolean closed;

        Sealer(OutputStream out, byte[] header, Keyed cipher) {
            this.out = out;
            this.header = header;
            this.cipher = cipher;
        }

        @Override public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override public void write(byte[] b, int off, int len) throws IOException {
            if (closed) throw new IOException("sealed file already closed");
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            while (len > 0) {
                // a full segment is written only once more bytes come: only then is it known not to be the last
                if (n == SEGMENT) segment(false);
                int k = Math.min(len, SEGMENT - n);
                System.arraycopy(b, off, plain, n, k);
                n += k;
                off += k;
                len -= k;
            }
        }

        private void segment(boolean last) throws IOException {
            cipher.init(true, header, index, last);
            int c = cipher.gcm.processBytes(plain, 0, n, sealed, 0);
            try {
                c += cipher.gcm.doFinal(sealed, c);
            } catch (InvalidCipherTextException e) {
                throw new IOException("sealing failed", e);
            }
            out.write(sealed, 0, c);
            index++;
            n = 0;
        }

        @Override public void flush() throws IOException {
            out.flush();
        }

        @Override public void close() throws IOException {
            if (closed) return;
            closed = true;
            try {
                segment(true);
            } finally {
                Arrays.fill(plain, (byte) 0);
                out.close();
            }
        }
    }

    private static final class Opener extends InputStream {
        private final InputStream in;
        private final byte[] header;
        private final Keyed cipher;
        private final byte[] sealed = new byte[SEGMENT + TAG];
        private final byte[] plain = new byte[SEGMENT];
        private int pos;
        private int lim;
        private long index;
        private boolean done;
        private int peeked = -1;
        private IOException failed;

        Opener(InputStream in, byte[] header, Keyed cipher) {
            this.in = in;
            this.header = header;
            this.cipher = cipher;
        }

        @Override public int read() throws IOException {
            byte[] one = new byte[1];
            int r = read(one, 0, 1);
            return r < 0 ? -1 : one[0] & 0xff;
        }

        @Override public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (failed != null) throw failed;
            if (len == 0) return 0;
            while (pos == lim) {
                if (done) return -1;
                next();
            }
            int k = Math.min(len, lim - pos);
            System.arraycopy(plain, pos, b, off, k);
            pos += k;
            return k;
        }

        private void next() throws IOException {
            int start = 0;
            if (peeked >= 0) {
                sealed[0] = (byte) peeked;
                peeked = -1;
                start = 1;
            }
            int n = start + in.readNBytes(sealed, start, sealed.length - start);
            if (n < TAG) throw failed = new EOFException("sealed file truncated");
            boolean last = n < sealed.length;
            if (!last) {
                int more = in.read();
                if (more < 0) last = true;
                else peeked = more;
            }
            cipher.init(false, header, index, last);
            int c = cipher.gcm.processBytes(sealed, 0, n, plain, 0);
            try {
                c += cipher.gcm.doFinal(plain, c);
            } catch (InvalidCipherTextException e) {
                // the message names neither content nor key; the unchecked bytes are dropped, and every later read fails
                Arrays.fill(plain, (byte) 0);
                failed = new IOException("sealed file damaged, truncated or sealed with another key (segment " + index + ")");
                throw failed;
            }
            pos = 0;
            lim = c;
            index++;
            done = last;
        }

        @Override public void close() throws IOException {
            Arrays.fill(plain, (byte) 0);
            in.close();
        }
    }
}
