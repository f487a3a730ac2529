package cn.shouwang.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;

/**
 * What a first, cheap pass learns about one byte chunk of a CSV file so that the driver can place record
 * boundaries and line numbers without anyone reading the file from the start.
 *
 * <p>Bytes 0x0A (newline) and 0x22 (double quote) never occur inside a multi-byte character in UTF-8 or in
 * GB18030, so they can be counted on raw bytes before the encoding is known. A newline ends a record when the
 * quotes before it are balanced; the chunk does not know the balance it is entered with, so it counts for both.
 *
 * @param start        first byte of the chunk
 * @param end          one past its last byte
 * @param quoteParity  parity of the quote bytes in the chunk
 * @param afterNewline for a chunk entered with quote parity p (index 0 or 1): the offset just after the first
 *                     record-ending newline of the chunk, or -1 when it has none
 * @param recordEnds   for the same p: the record-ending newlines in the chunk
 */
public record ChunkStats(long start, long end, int quoteParity, long[] afterNewline, long[] recordEnds)
        implements Serializable {

    /** Scans {@code in}, positioned at {@code start}, up to {@code end}. */
    public static ChunkStats scan(InputStream in, long start, long end) throws IOException {
        byte[] buf = new byte[1 << 16];
        long pos = start;
        int parity = 0;
        long[] after = {-1, -1};
        long[] ends = {0, 0};
        while (pos < end) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, end - pos));
            if (n < 0) break;
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '"') {
                    parity ^= 1;
                } else if (b == '\n') {
                    // entered with parity p, the quotes are balanced here when the chunk's own parity equals p
                    ends[parity]++;
                    if (after[parity] < 0) after[parity] = pos + i + 1;
                }
            }
            pos += n;
        }
        return new ChunkStats(start, end, parity, after, ends);
    }
}
