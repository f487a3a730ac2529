package cn.shouwang.server.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SealedStreamsTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int SEGMENT = 1 << 16;
    private static final String ID = "11010519491231002X";

    static byte[] seal(FieldCrypto c, byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream s = c.sealing(out)) {
            // odd-sized writes, to cross segment boundaries in the middle of a write
            for (int i = 0; i < plain.length; i += 7777) s.write(plain, i, Math.min(7777, plain.length - i));
        }
        return out.toByteArray();
    }

    static byte[] open(FieldCrypto c, byte[] sealed) throws IOException {
        try (InputStream in = c.opening(new ByteArrayInputStream(sealed))) {
            return in.readAllBytes();
        }
    }

    static byte[] plain(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    @Test
    void everyLengthRoundTripsWithEitherAlgorithmAndStaysReadableAfterSwitching() throws IOException {
        for (String cipher : new String[] {"SM4", "AES"}) {
            FieldCrypto c = new FieldCrypto(KEY, cipher);
            for (int n : new int[] {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 5}) {
                byte[] p = plain(n);
                byte[] s = seal(c, p);
                assertThat(PersonalDataApi.isSealedFile(s, s.length)).isTrue();
                assertThat(open(c, s)).as(cipher + " " + n).isEqualTo(p);
                assertThat(open(new FieldCrypto(KEY, cipher.equals("SM4") ? "AES" : "SM4"), s)).isEqualTo(p);
                // header + one 16-byte tag per segment of up to 64 KiB (an empty file: one empty segment)
                assertThat(s.length).isEqualTo(26 + n + 16 * Math.max(1, (n + SEGMENT - 1) / SEGMENT));
            }
        }
    }

    @Test
    void theSameContentSealsDifferentlyAndShowsNothingInClear() throws IOException {
        FieldCrypto c = new FieldCrypto(KEY, "SM4");
        byte[] p = ("id_number\n" + ID + "\n").repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        byte[] a = seal(c, p);
        byte[] b = seal(c, p);
        assertThat(a).isNotEqualTo(b);
        assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("1949").doesNotContain("id_number");
        assertThat(PersonalDataApi.isSealedFile(p, p.length)).isFalse();
    }

    @Test
    void changedReorderedCutExtendedSplicedOrForeignFilesDoNotOpen() throws IOException {
        FieldCrypto c = new FieldCrypto(KEY, "SM4");
        byte[] p = plain(3 * SEGMENT + 100);
        byte[] s = seal(c, p);
        int seg = SEGMENT + 16;
        int header = 26;

        byte[] flipped = s.clone();
        flipped[header + seg + 5] ^= 1;
        assertDoesNotOpen(c, flipped);

        byte[] swapped = s.clone(); // segments 0 and 1 exchanged
        System.arraycopy(s, header + seg, swapped, header, seg);
        System.arraycopy(s, header, swapped, header + seg, seg);
        assertDoesNotOpen(c, swapped);

        assertDoesNotOpen(c, Arrays.copyOf(s, header + 2 * seg)); // cut at a segment boundary
        assertDoesNotOpen(c, Arrays.copyOf(s, s.length - 1));     // cut inside the last segment
        assertDoesNotOpen(c, Arrays.copyOf(s, header + 3));        // header and a stub
        assertDoesNotOpen(c, Arrays.copyOf(s, s.length + 16));     // something appended

        byte[] other = seal(c, p); // a segment from another file sealed with the same key
        byte[] spliced = s.clone();
        System.arraycopy(other, header + seg, spliced, header + seg, seg);
        assertDoesNotOpen(c, spliced);

        byte[] algorithm = s.clone(); // header says AES
        algorithm[8] = 2;
        assertDoesNotOpen(c, algorithm);

        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        assertDoesNotOpen(new FieldCrypto(otherKey, "SM4"), s);

        assertThatThrownBy(() -> open(c, p)).isInstanceOf(IOException.class).hasMessageContaining("not a sealed file");
    }

    @Test
    void aLargeFileStreamsThroughWithoutBeingHeldInMemory() throws IOException {
        FieldCrypto c = new FieldCrypto(KEY, "SM4");
        long size = 64L << 20; // 64 MiB through fixed 64 KiB buffers
        ByteArrayOutputStream counted = new ByteArrayOutputStream(0) {
            long n;
            @Override public void write(byte[] b, int off, int len) { n += len; }
            @Override public int size() { return (int) Math.min(Integer.MAX_VALUE, n); }
        };
        byte[] block = plain(1 << 20);
        long t0 = System.nanoTime();
        try (OutputStream s = c.sealing(counted)) {
            for (long i = 0; i < size; i += block.length) s.write(block);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(counted.size()).isEqualTo((int) (26 + size + 16 * (size / SEGMENT)));
        System.out.printf("sealed 64 MiB (SM4-GCM) in %d ms%n", millis);
    }

    static void assertDoesNotOpen(FieldCrypto c, byte[] sealed) {
        assertThatThrownBy(() -> open(c, sealed)).isInstanceOf(IOException.class)
                .hasMessageNotContaining(ID);
    }
}
