package cn.shouwang.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.Partitioner;

/**
 * Where each shuffled item goes. The shuffles carry the items themselves as keys (no value, no aggregation), so
 * each partitioner reads the group key from the item; items without one (rejects, tallies) are spread by hash.
 */
final class Partitioners {
    private Partitioners() {
    }

    /** Stage 1: by household number. */
    static final class ByHouseholdNumber extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int n;

        ByHouseholdNumber(int n) {
            this.n = n;
        }

        @Override public int numPartitions() {
            return n;
        }

        @Override public int getPartition(Object key) {
            String k = Stages.registryKey(key);
            return Math.floorMod(k != null ? mix(k.hashCode()) : key.hashCode(), n);
        }

        @Override public boolean equals(Object o) {
            return o instanceof ByHouseholdNumber p && p.n == n;
        }

        @Override public int hashCode() {
            return n;
        }
    }

    /** Stage 2: by id number. */
    static final class ById extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int n;

        ById(int n) {
            this.n = n;
        }

        @Override public int numPartitions() {
            return n;
        }

        @Override public int getPartition(Object key) {
            long id = Stages.personKey(key);
            return Math.floorMod(id != Stages.NO_ID ? mix(Long.hashCode(id * 0x9E3779B97F4A7C15L)) : key.hashCode(), n);
        }

        @Override public boolean equals(Object o) {
            return o instanceof ById p && p.n == n;
        }

        @Override public int hashCode() {
            return 31 * n + 1;
        }
    }

    /**
     * Stage 3: by ranges of household numbers (text order, the order of warnings.csv), cut from a sample so that
     * each range holds about as many households. Partition {@code p} holds the numbers above {@code bounds[p-1]}
     * up to {@code bounds[p]}: the partitions' warnings, each sorted, concatenate into the sorted file without a
     * global sort.
     */
    static final class HouseholdRanges extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final String[] bounds;

        HouseholdRanges(String[] bounds) {
            this.bounds = bounds;
        }

        /** {@code wanted} ranges (fewer if the sample has fewer distinct numbers) from a sample of numbers. */
        static HouseholdRanges of(List<String> sample, int wanted) {
            String[] s = sample.toArray(new String[0]);
            Arrays.sort(s);
            List<String> b = new ArrayList<>();
            for (int p = 1; p < wanted; p++) {
                String cut = s.length == 0 ? null : s[(int) ((long) p * s.length / wanted)];
                if (cut != null && (b.isEmpty() || cut.compareTo(b.get(b.size() - 1)) > 0)) b.add(cut);
            }
            return new HouseholdRanges(b.toArray(new String[0]));
        }

        @Override public int numPartitions() {
            return bounds.length + 1;
        }

        @Override public int getPartition(Object key) {
            String k = Stages.householdKey(key);
            if (k == null) return Math.floorMod(key.hashCode(), bounds.length + 1);
            int i = Arrays.binarySearch(bounds, k);
            return i >= 0 ? i : -i - 1;
        }

        String[] bounds() {
            return bounds.clone();
        }
    }

    /** Spreads hash codes with nearby values (numbered household numbers) over all partitions. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }
}
