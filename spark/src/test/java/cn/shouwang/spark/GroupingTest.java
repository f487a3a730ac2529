package cn.shouwang.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two pieces that replace Spark's groupByKey and the global sort: grouping by sorting, household ranges. */
class GroupingTest {

    private static List<Object> keys(int n, int distinct, long seed) {
        Random r = new Random(seed);
        List<Object> xs = new ArrayList<>();
        for (int i = 0; i < n; i++) xs.add("H" + r.nextInt(distinct));
        return xs;
    }

    /** Equal keys end up adjacent, each key forms exactly one run, nothing is lost. */
    private static void assertGrouped(Object[] a, int n) {
        assertThat(a).hasSize(n);
        Set<Object> closed = new HashSet<>();
        for (int i = 0; i < a.length; i++) {
            if (i > 0 && !a[i].equals(a[i - 1])) {
                assertThat(closed.add(a[i - 1])).as("%s appears in two runs", a[i - 1]).isTrue();
            }
            assertThat(closed).doesNotContain(a[i]);
        }
    }

    @Test
    void groupsByKeyWhateverTheHashes() {
        List<Object> xs = keys(20_000, 3_000, 1);
        assertGrouped(Stages.group(xs, Object::hashCode, Comparator.comparing(Object::toString)), xs.size());
        // every key colliding with every other: the exact order has to do all the work
        assertGrouped(Stages.group(xs, x -> 7, Comparator.comparing(Object::toString)), xs.size());
        // a few buckets shared by many keys
        assertGrouped(Stages.group(xs, x -> x.hashCode() & 3, Comparator.comparing(Object::toString)), xs.size());
    }

    @Test
    void keepsArrivalOrderInsideAGroup() {
        List<Object> xs = List.of(new StringBuilder("a"), new StringBuilder("b"), new StringBuilder("a"));
        Object[] a = Stages.group(xs, x -> 0, Comparator.comparing(Object::toString));
        assertThat(a[0]).isSameAs(xs.get(0));
        assertThat(a[1]).isSameAs(xs.get(2));
        assertThat(a[2]).isSameAs(xs.get(1));
    }

    @Test
    void householdRangesFollowTextOrderAndBalance() {
        List<String> sample = new ArrayList<>();
        Random r = new Random(2);
        for (int i = 0; i < 5_000; i++) sample.add(String.format("2201%08d", r.nextInt(90_000_000)));
        Partitioners.HouseholdRanges p = Partitioners.HouseholdRanges.of(sample, 8);
        assertThat(p.numPartitions()).isEqualTo(8);
        List<String> all = new ArrayList<>(sample);
        all.sort(null);
        int last = 0;
        int[] sizes = new int[8];
        for (String hid : all) {
            int part = p.getPartition(new Items.Bundle(
                    new cn.shouwang.screening.feed.Household(hid, 220102001001L, -1, false, 2), List.of(), List.of()));
            assertThat(part).isGreaterThanOrEqualTo(last); // sorted numbers never go back to an earlier range
            last = part;
            sizes[part]++;
        }
        for (int s : sizes) assertThat(s).isBetween(5_000 / 8 - 100, 5_000 / 8 + 100);
        // few distinct numbers: fewer ranges (at most one more than the distinct numbers), bounds strictly rising
        assertThat(Partitioners.HouseholdRanges.of(List.of("b", "a", "b", "a"), 8).numPartitions()).isBetween(1, 3);
        assertThat(Partitioners.HouseholdRanges.of(List.of(), 8).numPartitions()).isEqualTo(1);
    }
}
