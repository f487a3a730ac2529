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
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import scala.Tuple2;

/**
 * What each shuffle stage does with one group. The registry checks follow the single-machine engine's
 * {@code Screening.indexRegistry} rule for rule (same reasons, same lines), but on groups instead of indexes:
 * a household number's rows meet in stage 1, an id number's rows in stage 2.
 */
final class Stages {
    private Stages() {
    }

    static final String NOT_IN_HOUSEHOLDS = "household_id not in households";
    static final String NO_ACTIVE_HEAD = "no ACTIVE head (head_id_number is not an ACTIVE member of the household)";

    /** Stage 1: the registry rows of one household number (other items pass through). */
    static List<Object> registry(Object key, Iterable<Object> values) {
        List<Object> out = new ArrayList<>();
        if (!(key instanceof String hid)) {
            for (Object v : values) out.add(v);
            return out;
        }
        List<Household> hs = new ArrayList<>(1);
        List<Member> ms = new ArrayList<>();
        List<Income> is = new ArrayList<>();
        List<MonitoredRow> mon = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof Household h) hs.add(h);
            else if (v instanceof Member m) ms.add(m);
            else if (v instanceof Income i) is.add(i);
            else if (v instanceof MonitoredRow r) mon.add(r);
        }
        if (hs.isEmpty()) {
            for (Member m : ms) out.add(new Reject(FeedKind.MEMBERS.fileName(), m.line(), NOT_IN_HOUSEHOLDS));
            for (Income i : is) out.add(new Reject(FeedKind.INCOMES.fileName(), i.line(), NOT_IN_HOUSEHOLDS));
            for (MonitoredRow r : mon) out.add(new Reject(FeedKind.MONITORED.fileName(), r.line(), NOT_IN_HOUSEHOLDS));
            return out;
        }
        // a repeated number: the first row stands, later rows are refused
        hs.sort(Comparator.comparingInt(Household::line));
        Household first = hs.get(0);
        for (int i = 1; i < hs.size(); i++) {
            out.add(new Reject(FeedKind.HOUSEHOLDS.fileName(), hs.get(i).line(),
                    "household_id repeated (first at line " + first.line() + ")"));
        }
        HouseholdKey key2 = new HouseholdKey(HouseholdKey.countyOf(first.areaCode()), hid);
        out.add(new Items.Bundle(key2, first, is, mon));
        if (first.headId() < 0) { // not a valid id number: reported here, the household is still compared
            out.add(new Reject(FeedKind.HOUSEHOLDS.fileName(), first.line(),
                    "head_" + Values.idProblem(first.headId()) + " (no ACTIVE head; household still compared)"));
        } else {
            out.add(new Items.HeadClaim(key2, first.headId(), first.line()));
        }
        for (Member m : ms) out.add(new Items.MemberAt(key2, m));
        return out;
    }

    /** Stage 2: for each id number, its member rows, the households naming it head, and its department rows. */
    static Iterator<Object> persons(Iterator<Tuple2<Object, Iterable<Object>>> groups) {
        List<Object> out = new ArrayList<>();
        Map<FeedKind, Long> unmatched = new EnumMap<>(FeedKind.class);
        List<Items.MemberAt> ms = new ArrayList<>();
        List<Items.HeadClaim> heads = new ArrayList<>();
        List<FeedRow> rows = new ArrayList<>();
        while (groups.hasNext()) {
            Tuple2<Object, Iterable<Object>> g = groups.next();
            if (!(g._1() instanceof Long)) {
                for (Object v : g._2()) out.add(v);
                continue;
            }
            ms.clear();
            heads.clear();
            rows.clear();
            for (Object v : g._2()) {
                if (v instanceof Items.MemberAt m) ms.add(m);
                else if (v instanceof Items.HeadClaim h) heads.add(h);
                else if (v instanceof FeedRow r) rows.add(r);
            }
            Items.MemberAt owner = resolve(ms, out);
            for (Items.HeadClaim h : heads) {
                if (owner == null || !owner.household().equals(h.household()) || !owner.member().active()) {
                    out.add(new Reject(FeedKind.HOUSEHOLDS.fileName(), h.line(), NO_ACTIVE_HEAD));
                }
            }
            for (FeedRow r : rows) {
                if (owner == null) unmatched.merge(r.kind(), 1L, Long::sum);
                else out.add(new Items.RowAt(owner.household(), r));
            }
        }
        for (var e : unmatched.entrySet()) out.add(new Items.Tally(Items.Tally.What.UNMATCHED, e.getKey(), e.getValue()));
        return out.iterator();
    }

    /**
     * One id number's member rows in file order, as the engine indexes them: the first row stands; a later
     * row in a household that already holds the person is a repeat; rows in other households make the id "in
     * two households", and then all those rows are refused and the id matches nobody. Emits the rejects and the
     * kept member; returns it (null when the id matches nobody).
     */
    private static Items.MemberAt resolve(List<Items.MemberAt> ms, List<Object> out) {
        if (ms.isEmpty()) return null;
        ms.sort(Comparator.comparingInt(m -> m.member().line()));
        Items.MemberAt first = ms.get(0);
        List<Items.MemberAt> dups = null;
        for (int i = 1; i < ms.size(); i++) {
            Items.MemberAt m = ms.get(i);
            boolean repeat = first.household().equals(m.household());
            if (!repeat && dups != null) {
                for (Items.MemberAt d : dups) if (d.household().equals(m.household())) repeat = true;
            }
            if (repeat) {
                out.add(new Reject(FeedKind.MEMBERS.fileName(), m.member().line(),
                        "id_number repeated in household (first at line " + first.member().line() + ")"));
            } else {
                if (dups == null) dups = new ArrayList<>();
                dups.add(m);
            }
        }
        if (dups == null) {
            out.add(first);
            return first;
        }
        List<Items.MemberAt> all = new ArrayList<>(dups.size() + 1);
        all.add(first);
        all.addAll(dups);
        StringBuilder names = new StringBuilder();
        for (Items.MemberAt m : all) {
            if (!names.isEmpty()) names.append(' ');
            names.append(m.household().householdId());
        }
        for (Items.MemberAt m : all) {
            out.add(new Reject(FeedKind.MEMBERS.fileName(), m.member().line(), "id_number in two households: " + names));
        }
        return null;
    }

    /** Stage 3: each household's warnings from the engine's evaluator. */
    static Iterator<Object> evaluate(Iterator<Tuple2<Object, Iterable<Object>>> groups, EvaluationContext ctx,
                                     Map<Long, List<FeedRow>> water) {
        List<Object> out = new ArrayList<>();
        long households = 0;
        while (groups.hasNext()) {
            Tuple2<Object, Iterable<Object>> g = groups.next();
            if (!(g._1() instanceof HouseholdKey)) {
                for (Object v : g._2()) out.add(v);
                continue;
            }
            Items.Bundle b = null;
            List<Member> ms = new ArrayList<>();
            List<FeedRow> rows = new ArrayList<>();
            for (Object v : g._2()) {
                if (v instanceof Items.Bundle x) b = x;
                else if (v instanceof Items.MemberAt m) ms.add(m.member());
                else if (v instanceof Items.RowAt r) rows.add(r.row());
            }
            if (b == null) continue; // cannot happen: every key comes from a household's bundle
            households++;
            List<FeedRow> checks = water.getOrDefault(b.household().areaCode(), List.of());
            List<Warning> ws = HouseholdEvaluator.evaluate(ctx,
                    new HouseholdInput(b.household(), ms, b.incomes(), b.monitored(), rows, checks));
            out.addAll(ws);
        }
        out.add(new Items.Tally(Items.Tally.What.HOUSEHOLDS, null, households));
        return out.iterator();
    }
}
