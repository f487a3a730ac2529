package cn.shouwang.spark;

import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.FeedRow;
import cn.shouwang.screening.feed.Household;
import cn.shouwang.screening.feed.Income;
import cn.shouwang.screening.feed.Member;
import cn.shouwang.screening.feed.MonitoredRow;
import cn.shouwang.screening.feed.Values;
import cn.shouwang.screening.output.Reject;
import cn.shouwang.screening.output.Warning;
import cn.shouwang.screening.rules.EvaluationContext;
import cn.shouwang.screening.rules.HouseholdEvaluator;
import cn.shouwang.screening.rules.HouseholdInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What each shuffle stage does with one partition. The registry checks follow the single-machine engine's
 * {@code Screening.indexRegistry} rule for rule (same reasons, same lines), but on groups instead of indexes:
 * a household number's rows meet in stage 1, an id number's rows in stage 2, a household's persons in stage 3.
 *
 * <p>A partition arrives as plain rows (Spark's shuffle without aggregation: no hash map, no per-key buffers);
 * it is grouped here by sorting a primitive array of the keys' hashes, and the items without a key (rejects, tallies)
 * pass through unchanged.
 */
final class Stages {
    private Stages() {
    }

    static final String NOT_IN_HOUSEHOLDS = "household_id not in households";
    static final String NO_ACTIVE_HEAD = "no ACTIVE head (head_id_number is not an ACTIVE member of the household)";

    /** No id key: a reject, a tally, a household whose head is not a valid id number. */
    static final long NO_ID = Long.MIN_VALUE;

    // ------------------------------------------------------------------------------------------ keys

    /** Stage 1 key: the household number of a registry row, else null. */
    static String registryKey(Object x) {
        if (x instanceof Member m) return m.householdId();
        if (x instanceof Household h) return h.householdId();
        if (x instanceof Income i) return i.householdId();
        if (x instanceof MonitoredRow r) return r.householdId();
        return null;
    }

    /** Stage 2 key: the id number a member row, a household's head or a department row names, else NO_ID. */
    static long personKey(Object x) {
        if (x instanceof FeedRow r) return r.key();
        if (x instanceof Member m) return m.id();
        if (x instanceof Items.Bundle b && b.household().headId() >= 0) return b.household().headId();
        return NO_ID;
    }

    /** Stage 3 key: the household number of a bundle or a person, else null. */
    static String householdKey(Object x) {
        if (x instanceof Items.Person p) return p.member().householdId();
        if (x instanceof Items.Bundle b) return b.household().householdId();
        return null;
    }

    /** The partition's items with a text key, grouped by it (see {@link #group}); the rest go to {@code out}. */
    private static Object[] byText(Iterator<Object> in, Function<Object, String> key, List<Object> out) {
        List<Object> keyed = new ArrayList<>();
        while (in.hasNext()) {
            Object x = in.next();
            if (key.apply(x) != null) keyed.add(x);
            else out.add(x);
        }
        return group(keyed, x -> key.apply(x).hashCode(), Comparator.comparing(key));
    }

    /**
     * The items in an order where equal keys are adjacent. Sorting objects with a comparator that extracts keys
     * took a third of the job's CPU; this sorts one primitive array of (hash of the key, position) instead and
     * orders by the exact key only inside the rare runs where different keys share a hash.
     */
    static Object[] group(List<Object> items, ToIntFunction<Object> hash, Comparator<Object> exact) {
        int n = items.size();
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) packed[i] = (long) hash.applyAsInt(items.get(i)) << 32 | i;
        Arrays.sort(packed);
        Object[] a = new Object[n];
        for (int i = 0; i < n; i++) a[i] = items.get((int) packed[i]);
        for (int i = 0, j; i < n; i = j) {
            int h = (int) (packed[i] >> 32);
            boolean mixed = false;
            for (j = i + 1; j < n && (int) (packed[j] >> 32) == h; j++) {
                if (!mixed && exact.compare(a[i], a[j]) != 0) mixed = true;
            }
            if (mixed) Arrays.sort(a, i, j, exact); // stable: the run's items keep their order
        }
        return a;
    }

    // ------------------------------------------------------------------------------------------ stage 1

    /** Stage 1: the registry rows of each household number (other items pass through). */
    static Iterator<Object> registry(Iterator<Object> in) {
        List<Object> out = new ArrayList<>();
        Object[] a = byText(in, Stages::registryKey, out);
        List<Household> hs = new ArrayList<>(1);
        List<Member> ms = new ArrayList<>();
        List<Income> is = new ArrayList<>();
        List<MonitoredRow> mon = new ArrayList<>();
        for (int i = 0, j; i < a.length; i = j) {
            String hid = registryKey(a[i]);
            hs.clear();
            ms.clear();
            is.clear();
            mon.clear();
            for (j = i; j < a.length && hid.equals(registryKey(a[j])); j++) {
                Object v = a[j];
                if (v instanceof Household h) hs.add(h);
                else if (v instanceof Member m) ms.add(m);
                else if (v instanceof Income x) is.add(x);
                else if (v instanceof MonitoredRow r) mon.add(r);
            }
            household(hs, ms, is, mon, out);
        }
        return out.iterator();
    }

    private static void household(List<Household> hs, List<Member> ms, List<Income> is, List<MonitoredRow> mon,
                                  List<Object> out) {
        if (hs.isEmpty()) {
            for (Member m : ms) out.add(new Reject(FeedKind.MEMBERS.fileName(), m.line(), NOT_IN_HOUSEHOLDS));
            for (Income i : is) out.add(new Reject(FeedKind.INCOMES.fileName(), i.line(), NOT_IN_HOUSEHOLDS));
            for (MonitoredRow r : mon) out.add(new Reject(FeedKind.MONITORED.fileName(), r.line(), NOT_IN_HOUSEHOLDS));
            return;
        }
        // a repeated number: the first row stands, later rows are refused
        if (hs.size() > 1) hs.sort(Comparator.comparingInt(Household::line));
        Household first = hs.get(0);
        for (int i = 1; i < hs.size(); i++) {
            out.add(new Reject(FeedKind.HOUSEHOLDS.fileName(), hs.get(i).line(),
                    "household_id repeated (first at line " + first.line() + ")"));
        }
        if (first.headId() < 0) { // not a valid id number: reported here, the household is still compared
            out.add(new Reject(FeedKind.HOUSEHOLDS.fileName(), first.line(),
                    "head_" + Values.idProblem(first.headId()) + " (no ACTIVE head; household still compared)"));
        }
        out.add(new Items.Bundle(first, List.copyOf(is), List.copyOf(mon)));
        out.addAll(ms);
    }

    // ------------------------------------------------------------------------------------------ stage 2

    /**
     * Stage 2: for each id number, its member rows, the households naming it head, and its department rows. Out:
     * the kept member with its rows (a {@link Items.Person}), the households (checked head), rejects and the
     * count of rows that matched nobody.
     */
    static Iterator<Object> persons(Iterator<Object> in) {
        List<Object> out = new ArrayList<>();
        List<Object> keyed = new ArrayList<>();
        while (in.hasNext()) {
            Object x = in.next();
            if (personKey(x) != NO_ID) keyed.add(x);
            else out.add(x);
        }
        Object[] a = group(keyed, x -> Long.hashCode(personKey(x) * 0x9E3779B97F4A7C15L),
                Comparator.comparingLong(Stages::personKey));
        keyed = null;
        Map<FeedKind, Long> unmatched = new EnumMap<>(FeedKind.class);
        List<Member> ms = new ArrayList<>();
        List<Items.Bundle> heads = new ArrayList<>();
        List<FeedRow> rows = new ArrayList<>();
        for (int i = 0, j; i < a.length; i = j) {
            long id = personKey(a[i]);
            ms.clear();
            heads.clear();
            rows.clear();
            for (j = i; j < a.length && personKey(a[j]) == id; j++) {
                Object v = a[j];
                if (v instanceof FeedRow r) rows.add(r);
                else if (v instanceof Member m) ms.add(m);
                else if (v instanceof Items.Bundle b) heads.add(b);
            }
            Member owner = resolve(ms, out);
            for (Items.Bundle h : heads) {
                if (owner == null || !owner.householdId().equals(h.household().householdId()) || !owner.active()) {
                    out.add(new Reject(FeedKind.HOUSEHOLDS.fileName(), h.household().line(), NO_ACTIVE_HEAD));
                }
                out.add(h);
            }
            if (owner == null) {
                for (FeedRow r : rows) unmatched.merge(r.kind(), 1L, Long::sum);
            } else {
                out.add(new Items.Person(owner, rows.isEmpty() ? List.of() : List.copyOf(rows)));
            }
        }
        for (var e : unmatched.entrySet()) out.add(new Items.Tally(Items.Tally.What.UNMATCHED, e.getKey(), e.getValue()));
        return out.iterator();
    }

    /**
     * One id number's member rows in file order, as the engine indexes them: the first row stands; a later
     * row in a household that already holds the person is a repeat; rows in other households make the id "in
     * two households", and then all those rows are refused and the id matches nobody. Emits the rejects;
     * returns the kept member (null when the id matches nobody).
     */
    private static Member resolve(List<Member> ms, List<Object> out) {
        if (ms.isEmpty()) return null;
        if (ms.size() > 1) ms.sort(Comparator.comparingInt(Member::line));
        Member first = ms.get(0);
        List<Member> dups = null;
        for (int i = 1; i < ms.size(); i++) {
            Member m = ms.get(i);
            boolean repeat = first.householdId().equals(m.householdId());
            if (!repeat && dups != null) {
                for (Member d : dups) if (d.householdId().equals(m.householdId())) repeat = true;
            }
            if (repeat) {
                out.add(new Reject(FeedKind.MEMBERS.fileName(), m.line(),
                        "id_number repeated in household (first at line " + first.line() + ")"));
            } else {
                if (dups == null) dups = new ArrayList<>();
                dups.add(m);
            }
        }
        if (dups == null) return first;
        List<Member> all = new ArrayList<>(dups.size() + 1);
        all.add(first);
        all.addAll(dups);
        StringBuilder names = new StringBuilder();
        for (Member m : all) {
            if (!names.isEmpty()) names.append(' ');
            names.append(m.householdId());
        }
        for (Member m : all) {
            out.add(new Reject(FeedKind.MEMBERS.fileName(), m.line(), "id_number in two households: " + names));
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ stage 3

    /**
     * Stage 3: each household's warnings from the engine's evaluator. The partition holds one range of household
     * numbers ({@link HouseholdRanges}), so its warnings, sorted here, are a contiguous slice of warnings.csv.
     */
    static Iterator<Object> evaluate(Iterator<Object> in, EvaluationContext ctx,
                                     Map<Long, List<FeedRow>> water) {
        List<Object> out = new ArrayList<>();
        Object[] a = byText(in, Stages::householdKey, out);
        List<Warning> warnings = new ArrayList<>();
        long households = 0;
        for (int i = 0, j; i < a.length; i = j) {
            String hid = householdKey(a[i]);
            Items.Bundle b = null;
            List<Member> ms = new ArrayList<>();
            List<FeedRow> rows = new ArrayList<>();
            for (j = i; j < a.length && hid.equals(householdKey(a[j])); j++) {
                Object v = a[j];
                if (v instanceof Items.Person p) {
                    ms.add(p.member());
                    rows.addAll(p.rows());
                } else if (v instanceof Items.Bundle x) {
                    b = x;
                }
            }
            if (b == null) continue; // cannot happen: a person is kept only when its household exists
            households++;
            List<FeedRow> checks = water.getOrDefault(b.household().areaCode(), List.of());
            warnings.addAll(HouseholdEvaluator.evaluate(ctx,
                    new HouseholdInput(b.household(), ms, b.incomes(), b.monitored(), rows, checks)));
        }
        warnings.sort(Warning.ORDER);
        out.addAll(warnings);
        out.add(new Items.Tally(Items.Tally.What.HOUSEHOLDS, null, households));
        return out.iterator();
    }
}
