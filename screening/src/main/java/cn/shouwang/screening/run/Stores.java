package cn.shouwang.screening.run;

import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.household.Relation;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.FeedRow;
import cn.shouwang.screening.feed.Income;
import cn.shouwang.screening.feed.Member;
import cn.shouwang.screening.output.Reject;
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
        long[] key = new long[1024];
        int[] line = new int[1024];
        int[] date = new int[1024];
        long[] amount; // null for kinds without amounts
        long[] amount2;
        String[] code;
        private final Map<String, String> codes = new HashMap<>();
        int[] person; // resolved after the registry: member index or -1

        Dept(FeedKind kind) {
            super(kind);
            switch (kind) {
                case MEDICAL_CLAIMS, ENTERPRISE_PAYMENTS -> { amount = new long[1024]; amount2 = new long[1024]; }
                case DISASTER_LOSSES, SCHOOL_COSTS, EMPLOYMENT_STATUS, SOCIAL_ASSISTANCE -> amount = new long[1024];
                default -> { }
            }
            switch (kind) {
                case HOUSING_APPRAISALS, SCHOOL_ENROLLMENT, SCHOOL_COSTS, DISABILITY_CERTIFICATES, CIVIL_REGISTRY_EVENTS,
                     EMPLOYMENT_STATUS, WATER_SUPPLY, SOCIAL_ASSISTANCE -> code = new String[1024];
                default -> { }
            }
        }

        void add(FeedRow r) {
            if (n == key.length) {
                int cap = n * 2;
                key = Arrays.copyOf(key, cap);
                line = Arrays.copyOf(line, cap);
                date = Arrays.copyOf(date, cap);
                if (amount != null) amount = Arrays.copyOf(amount, cap);
                if (amount2 != null) amount2 = Arrays.copyOf(amount2, cap);
                if (code != null) code = Arrays.copyOf(code, cap);
            }
            key[n] = r.key();
            line[n] = r.line();
            date[n] = r.date();
            if (amount != null) amount[n] = r.amount();
            if (amount2 != null) amount2[n] = r.amount2();
            if (code != null && r.code() != null) code[n] = codes.computeIfAbsent(r.code(), c -> c);
            n++;
        }

        /** The row as the parser returned it (fields the kind does not use are 0 / null, as the parser sets them). */
        FeedRow row(int i) {
            return new FeedRow(kind, line[i], key[i], date[i], amount == null ? 0 : amount[i],
                    amount2 == null ? 0 : amount2[i], code == null ? null : code[i]);
        }
    }

    static final class Members extends Base {
        int n;
        long[] id = new long[1024];
        int[] line = new int[1024];
        byte[] rel = new byte[1024], lab = new byte[1024], st = new byte[1024];
        String[] hid = new String[1024];
        int[] household; // resolved: household index, or -1 when left out

        Members() { super(FeedKind.MEMBERS); }

        void add(Member m) {
            if (n == id.length) {
                int cap = n * 2;
                id = Arrays.copyOf(id, cap);
                line = Arrays.copyOf(line, cap);
                rel = Arrays.copyOf(rel, cap);
                lab = Arrays.copyOf(lab, cap);
                st = Arrays.copyOf(st, cap);
                hid = Arrays.copyOf(hid, cap);
            }
            id[n] = m.id();
            line[n] = m.line();
            rel[n] = (byte) m.relation().ordinal();
            lab[n] = (byte) m.labourCapacity().ordinal();
            st[n] = (byte) m.status().ordinal();
            // members of a household usually follow one another: share one String
            String h = m.householdId();
            hid[n] = n > 0 && hid[n - 1].equals(h) ? hid[n - 1] : h;
            n++;
        }

        boolean active(int i) { return st[i] == MemberStatus.ACTIVE.ordinal(); }

        Member member(int i, String householdId) {
            return new Member(householdId, id[i], RELATIONS[rel[i]], LABOUR[lab[i]], STATUS[st[i]], line[i]);
        }
    }

    static final class Incomes extends Base {
        int n;
        String[] hid = new String[1024];
        int[] year = new int[1024], line = new int[1024];
        long[] w = new long[1024], b = new long[1024], p = new long[1024], t = new long[1024], c = new long[1024], o = new long[1024];
        int[] household;

        Incomes() { super(FeedKind.INCOMES); }

        void add(Income r) {
            if (n == hid.length) {
                int cap = n * 2;
                hid = Arrays.copyOf(hid, cap);
                year = Arrays.copyOf(year, cap);
                line = Arrays.copyOf(line, cap);
                w = Arrays.copyOf(w, cap);
                b = Arrays.copyOf(b, cap);
                p = Arrays.copyOf(p, cap);
                t = Arrays.copyOf(t, cap);
                c = Arrays.copyOf(c, cap);
                o = Arrays.copyOf(o, cap);
            }
            String h = r.householdId();
            hid[n] = n > 0 && hid[n - 1].equals(h) ? hid[n - 1] : h;
            year[n] = r.year();
            line[n] = r.line();
            w[n] = r.wages();
            b[n] = r.business();
            p[n] = r.property();
            t[n] = r.transfers();
            c[n] = r.productionCosts();
            o[n] = r.eligibleOutOfPocket();
            n++;
        }

        Income income(int i, String householdId) {
            return new Income(householdId, year[i], w[i], b[i], p[i], t[i], c[i], o[i], line[i]);
        }
    }

    /** Compressed rows by group: rows of group g are order[start[g] .. start[g+1]). */
    static final class Groups {
        final int[] start;
        final int[] order;

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
