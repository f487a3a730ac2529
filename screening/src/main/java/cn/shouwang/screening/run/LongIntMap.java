package cn.shouwang.screening.run;

import java.util.Arrays;

/**
 * Open-addressing map from non-negative long keys (packed id numbers) to int values; no boxing. Key and value
 * share one array (key at 2i, value at 2i+1) so that a lookup touches one cache line.
 */
final class LongIntMap {
    private static final long EMPTY = -1L;
    private long[] table;
    private int mask, size; // mask over slots

    LongIntMap(int expected) {
        // load factor at most 0.7: 10 million persons fit 2^24 slots
        long want = Math.max(16, expected + expected / 2L);
        int cap = Integer.highestOneBit((int) Math.min(1 << 29, want - 1)) << 1;
        table = new long[cap * 2];
        Arrays.fill(table, EMPTY);
        mask = cap - 1;
    }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 43));
    }

    /** The value, or -1. */
    int get(long key) {
        long[] t = table;
        int i = hash(key) & mask;
        while (true) {
            long k = t[i << 1];
            if (k == key) return (int) t[(i << 1) + 1];
            if (k == EMPTY) return -1;
            i = (i + 1) & mask;
        }
    }

    /**
     * Loads the first slot of {@code key}'s probe and returns it (meaningless): called over a batch of keys before
     * looking them up, it lets the processor fetch the batch's cache lines side by side instead of one miss after
     * another (a table of ten million persons is 256 MB, so nearly every first probe misses the caches).
     */
    long touch(long key) {
        return table[(hash(key) & mask) << 1];
    }

    /** Puts {@code value} when {@code key} is absent and returns -1; else returns the present value (one probe). */
    int putIfAbsent(long key, int value) {
        if (size * 10L >= (mask + 1L) * 7L) grow();
        long[] t = table;
        int i = hash(key) & mask;
        while (true) {
            long k = t[i << 1];
            if (k == key) return (int) t[(i << 1) + 1];
            if (k == EMPTY) {
                size++;
                t[i << 1] = key;
                t[(i << 1) + 1] = value;
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    void put(long key, int value) {
        if (size * 10L >= (mask + 1L) * 7L) grow();
        long[] t = table;
        int i = hash(key) & mask;
        while (true) {
            long k = t[i << 1];
            if (k == key || k == EMPTY) {
                if (k == EMPTY) size++;
                t[i << 1] = key;
                t[(i << 1) + 1] = value;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        Arrays.fill(table, EMPTY);
        mask = (table.length >> 1) - 1;
        size = 0;
        for (int i = 0; i < old.length; i += 2) if (old[i] != EMPTY) put(old[i], (int) old[i + 1]);
    }
}
