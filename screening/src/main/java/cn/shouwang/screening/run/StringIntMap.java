package cn.shouwang.screening.run;

import java.util.Arrays;

/** Open-addressing map from strings (household numbers) to int values, without entry objects. */
final class StringIntMap {
    private String[] keys;
    private int[] values;
    private int mask, size;

    StringIntMap(int expected) {
        // load factor at most 0.7: 10 million persons fit 2^24 slots
        long want = Math.max(16, expected + expected / 2L);
        int cap = Integer.highestOneBit((int) Math.min(1 << 30, want - 1)) << 1;
        keys = new String[cap];
        values = new int[cap];
        mask = cap - 1;
    }

    private static int hash(String s) {
        int h = s.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    int get(String key) {
        int i = hash(key) & mask;
        while (true) {
            String k = keys[i];
            if (k == null) return -1;
            if (k.equals(key)) return values[i];
            i = (i + 1) & mask;
        }
    }

    /** Puts if absent; returns the existing value or -1 when it was put. */
    int putIfAbsent(String key, int value) {
        if (size * 10L >= keys.length * 7L) grow();
        int i = hash(key) & mask;
        while (true) {
            String k = keys[i];
            if (k == null) {
                keys[i] = key;
                values[i] = value;
                size++;
                return -1;
            }
            if (k.equals(key)) return values[i];
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        String[] ok = keys;
        int[] ov = values;
        keys = new String[ok.length * 2];
        values = new int[ok.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < ok.length; i++) if (ok[i] != null) putIfAbsent(ok[i], ov[i]);
    }

    @SuppressWarnings("unused")
    private void clear() { Arrays.fill(keys, null); size = 0; }
}
