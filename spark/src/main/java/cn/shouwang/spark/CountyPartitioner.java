package cn.shouwang.spark;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import org.apache.spark.Partitioner;

/**
 * Places households by county: small counties are packed together into one partition, a county larger than
 * the target partition size gets several partitions of its own and its households are spread over them by a
 * hash of the household number. So a partition holds whole counties (or a share of one big county) and no
 * partition holds much more than {@code total / partitions} households, whatever the skew between counties.
 */
public final class CountyPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;

    private final Map<Integer, int[]> placement; // county -> {first partition, number of partitions}
    private final int partitions;

    /**
     * @param householdsPerCounty households of each county, in county order
     * @param wanted              about how many partitions to make
     */
    public CountyPartitioner(SortedMap<Integer, Long> householdsPerCounty, int wanted) {
        long total = householdsPerCounty.values().stream().mapToLong(Long::longValue).sum();
        long target = Math.max(1, (total + Math.max(1, wanted) - 1) / Math.max(1, wanted));
        placement = new HashMap<>();
        int next = 0;        // the partition being filled
        long fill = 0;       // households already in it
        for (var e : householdsPerCounty.entrySet()) {
            long c = e.getValue();
            if (c > target) {
                if (fill > 0) {
                    next++;
                    fill = 0;
                }
                int shares = (int) Math.min(Integer.MAX_VALUE / 2, (c + target - 1) / target);
                placement.put(e.getKey(), new int[] {next, shares});
                next += shares;
            } else {
                if (fill > 0 && fill + c > target) {
                    next++;
                    fill = 0;
                }
                placement.put(e.getKey(), new int[] {next, 1});
                fill += c;
            }
        }
        partitions = Math.max(1, fill > 0 ? next + 1 : next);
    }

    @Override
    public int numPartitions() {
        return partitions;
    }

    /** How many partitions a county was given (for the docs' skew figures and the tests). */
    public int sharesOf(int county) {
        int[] p = placement.get(county);
        return p == null ? 0 : p[1];
    }

    @Override
    public int getPartition(Object key) {
        if (!(key instanceof HouseholdKey k)) return Math.floorMod(key.hashCode(), partitions); // rejects, tallies
        int[] p = placement.get(k.county());
        int h = k.householdId().hashCode();
        if (p == null) return Math.floorMod(h, partitions); // a county not counted beforehand: still placed
        return p[1] == 1 ? p[0] : p[0] + Math.floorMod(h, p[1]);
    }
}
