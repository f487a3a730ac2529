package cn.shouwang.screening.run;

import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.household.Relation;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.FeedRow;
import cn.shouwang.screening.feed.Income;
import cn.shouwang.screening.feed.Member;
import cn.shouwang.screening.output.Reject;
import cn.shouwang.screening.rules.HouseholdEvaluator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Column arrays holding parsed rows without an object per row: ten million persons and tens of millions of
 * department rows fit a 4 GB heap this way. Each row is exactly what {@code RowParser} returned; the engine
 * rebuilds the records when it evaluates a household.
 */
final class Stores {
    private Stores() {}

    private static final Relation[] RELATIONS = Relation.values();
    private static final LabourCapacity[] LABOUR = LabourCapacity.values();
    private static final MemberStatus[] STATUS = MemberStatus.values();

    /** Grows by half: less memory held twice while copying than doubling. */
    static int grow(int n) {
        return (int) Math.min(Integer.MAX_VALUE - 8, n + (n >> 1) + 16);
    }

    /** Per-file bookkeeping common to all stores. */
    abstract static class Base {
        final FeedKind kind;
        String file;
        String status = "absent";
        long read;
        final List<Reject> rejects = new ArrayList<>();
        long unmatched;

        Base(FeedKind kind) { this.kind = kind; }

        void reject(int line, String reason) { rejects.add(new Reject(kind.fileName(), line, reason)); }
    }

    static final class Dept extends Base {
        int n;
        int[] person; // member index (rows of persons not in the registry are counted, not kept)
        int[] line;
        int[] date;
        long[] amount; // null for kinds without amounts
        long[] amount2;
        String[] code;
        private final Map<String, String> codes = new HashMap<>();
        final List<FeedRow> water = new ArrayList<>(); // WATER_SUPPLY rows are few: kept as they are

        Dept(FeedKind kind, int capacity) {
            super(kind);
            int cap = Math.max(16, capacity);
            person = new int[cap];
            line = new int[cap];
            date = new int[cap];
            switch (kind) {
                case MEDICAL_CLAIMS, ENTERPRISE_PAYMENTS, VEHICLE_REGISTRATIONS, PROPERTY_REGISTRATIONS, MARKET_ENTITIES -> {
                    amount = new long[cap];
                    amount2 = new long[cap];
                }
                case DISASTER_LOSSES, SCHOOL_COSTS, EMPLOYMENT_STATUS, SOCIAL_ASSISTANCE -> amount = new long[cap];
                default -> { }
            }
            switch (kind) {
                case HOUSING_APPRAISALS, SCHOOL_ENROLLMENT, SCHOOL_COSTS, DISABILITY_CERTIFICATES, CIVIL_REGISTRY_EVENTS,
                     EMPLOYMENT_STATUS, SOCIAL_ASSISTANCE, VEHICLE_REGISTRATIONS, PROPERTY_REGISTRATIONS, MARKET_ENTITIES ->
                        code = new String[cap];
                default -> { }
            }
        }

        void add(FeedRow r, int p) {
            if (n == person.length) {
                int cap = grow(n);
                person = Arrays.copyOf(person, cap);
                line = Arrays.copyOf(line, cap);
                date = Arrays.copyOf(date, cap);
                if (amount != null) amount = Arrays.copyOf(amount, cap);
                if (amount2 != null) amount2 = Arrays.copyOf(amount2, cap);
                if (code != null) code = Arrays.copyOf(code, cap);
            }
            person[n] = p;
            line[n] = r.line();
            date[n] = r.date();
            if (amount != null) amount[n] = r.amount();
            if (amount2 != null) amount2[n] = r.amount2();
            if (code != null && r.code() != null) code[n] = codes.computeIfAbsent(r.code(), c -> c);
            n++;
        }

        long[] key; // after sort(): the person's packed id number, rows in household order

        /**
         * Puts the rows in household order (the order of {@code g}) and replaces person indexes by the id numbers,
         * so that evaluation, which walks households in order, reads the arrays sequentially.
         */
        void sort(Groups g, long[] ids) {
            int[] order = g.order;
            int m = order.length;
            key = new long[m];
            for (int j = 0; j < m; j++) key[j] = ids[person[order[j]]];
            person = null;
            line = permute(line, order);
            date = permute(date, order);
            if (amount != null) amount = permute(amount, order);
            if (amount2 != null) amount2 = permute(amount2, order);
            if (code != null) {
                String[] c = new String[m];
                for (int j = 0; j < m; j++) c[j] = code[order[j]];
                code = c;
            }
            n = m;
        }

        /** Row {@code j} in household order (after {@link #sort}). */
        FeedRow sorted(int j) {
            return new FeedRow(kind, line[j], key[j], date[j], amount == null ? 0 : amount[j],
                    amount2 == null ? 0 : amount2[j], code == null ? null : code[j]);
        }

        /** The row exactly as the parser returned it (the key is the person's packed id number). */
        FeedRow row(int i, long[] ids) {
            return new FeedRow(kind, line[i], ids[person[i]], date[i], amount == null ? 0 : amount[i],
                    amount2 == null ? 0 : amount2[i], code == null ? null : code[i]);
        }
    }

    static final class Members extends Base {
        int n;
        long[] id;
        int[] line;
        byte[] rel, lab, st;
        int[] household; // household index, or -1 when left out (registry error)

        Members(int capacity) {
            super(FeedKind.MEMBERS);
            int cap = Math.max(16, capacity);
            id = new long[cap];
            line = new int[cap];
            rel = new byte[cap];
            lab = new byte[cap];
            st = new byte[cap];
            household = new int[cap];
        }

        /** Adds the row; returns its index. */
        int add(Member m, int h) {
            if (n == id.length) {
                int cap = grow(n);
                id = Arrays.copyOf(id, cap);
                line = Arrays.copyOf(line, cap);
                rel = Arrays.copyOf(rel, cap);
                lab = Arrays.copyOf(lab, cap);
                st = Arrays.copyOf(st, cap);
                household = Arrays.copyOf(household, cap);
            }
            id[n] = m.id();
            line[n] = m.line();
            rel[n] = (byte) m.relation().ordinal();
            lab[n] = (byte) m.labourCapacity().ordinal();
            st[n] = (byte) m.status().ordinal();
            household[n] = h;
            return n++;
        }

        boolean active(int i) { return st[i] == MemberStatus.ACTIVE.ordinal(); }

        Member member(int i, String householdId) {
            return new Member(householdId, id[i], RELATIONS[rel[i]], LABOUR[lab[i]], STATUS[st[i]], line[i]);
        }
    }

    static final class Incomes extends Base {
        int n;
        int[] household, year, line;
        long[] w, b, p, t, c, o;

        Incomes(int capacity) {
            super(FeedKind.INCOMES);
            int cap = Math.max(16, capacity);
            household = new int[cap];
            year = new int[cap];
            line = new int[cap];
            w = new long[cap];
            b = new long[cap];
            p = new long[cap];
            t = new long[cap];
            c = new long[cap];
            o = new long[cap];
        }

        private int[] slot = new int[0]; // household -> its row, -1: none yet

        /** Sizes for {@code households} households (their indexes are known before the first income). */
        void households(int households) {
            slot = new int[households];
            Arrays.fill(slot, -1);
            if (household.length < households) resize(households);
        }

        /**
         * Keeps the row only while it is the household's latest income up to {@code year}: the rules read no other
         * ({@link HouseholdEvaluator#latestIncome}), so a household holds at most one row.
         */
        void offer(Income r, int h, int year) {
            int s = slot[h];
            if (s < 0) {
                if (!HouseholdEvaluator.laterIncome(r, null, year)) return;
                slot[h] = n;
                add(r, h);
            } else if (HouseholdEvaluator.laterIncome(r, income(s, r.householdId()), year)) {
                put(s, r, h);
            }
        }

        void add(Income r, int h) {
            if (n == household.length) resize(grow(n));
            put(n, r, h);
            n++;
        }

        private void resize(int cap) {
            household = Arrays.copyOf(household, cap);
            year = Arrays.copyOf(year, cap);
            line = Arrays.copyOf(line, cap);
            w = Arrays.copyOf(w, cap);
            b = Arrays.copyOf(b, cap);
            p = Arrays.copyOf(p, cap);
            t = Arrays.copyOf(t, cap);
            c = Arrays.copyOf(c, cap);
            o = Arrays.copyOf(o, cap);
        }

        private void put(int i, Income r, int h) {
            household[i] = h;
            year[i] = r.year();
            line[i] = r.line();
            w[i] = r.wages();
            b[i] = r.business();
            p[i] = r.property();
            t[i] = r.transfers();
            c[i] = r.productionCosts();
            o[i] = r.eligibleOutOfPocket();
        }

        /** Puts the rows in household order ({@code g}'s), for sequential reads during evaluation. */
        void sort(Groups g) {
            int[] order = g.order;
            household = permute(household, order);
            year = permute(year, order);
            line = permute(line, order);
            w = permute(w, order);
            b = permute(b, order);
            p = permute(p, order);
            t = permute(t, order);
            c = permute(c, order);
            o = permute(o, order);
            n = order.length;
            g.order = null;
        }

        Income income(int i, String householdId) {
            return new Income(householdId, year[i], w[i], b[i], p[i], t[i], c[i], o[i], line[i]);
        }
    }

    static int[] permute(int[] a, int[] order) {
        int[] out = new int[order.length];
        for (int j = 0; j < order.length; j++) out[j] = a[order[j]];
        return out;
    }

    static long[] permute(long[] a, int[] order) {
        long[] out = new long[order.length];
        for (int j = 0; j < order.length; j++) out[j] = a[order[j]];
        return out;
    }

    /** Compressed rows by group: rows of group g are order[start[g] .. start[g+1]). */
    static final class Groups {
        final int[] start;
        int[] order;

        Groups(int groups, int n, int[] groupOf) {
            start = new int[groups + 1];
            for (int i = 0; i < n; i++) if (groupOf[i] >= 0) start[groupOf[i] + 1]++;
            for (int g = 0; g < groups; g++) start[g + 1] += start[g];
            int[] fill = Arrays.copyOf(start, groups);
            order = new int[start[groups]];
            for (int i = 0; i < n; i++) if (groupOf[i] >= 0) order[fill[groupOf[i]]++] = i;
        }
    }
}
