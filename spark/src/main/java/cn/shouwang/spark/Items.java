package cn.shouwang.spark;

import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.FeedRow;
import cn.shouwang.screening.feed.Household;
import cn.shouwang.screening.feed.Income;
import cn.shouwang.screening.feed.Member;
import cn.shouwang.screening.feed.MonitoredRow;
import cn.shouwang.screening.output.Reject;
import cn.shouwang.screening.output.Warning;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/** The small messages that travel between the job's stages besides the engine's own row types. */
final class Items {
    private Items() {
    }

    /** A member row whose household exists, with that household's key. */
    record MemberAt(HouseholdKey household, Member member) implements Serializable {
    }

    /** "This household says its head is {@code headId}": checked where the head's member rows meet. */
    record HeadClaim(HouseholdKey household, long headId, int line) implements Serializable {
    }

    /** A household's own registry rows: its households.csv row, incomes and monitoring rows. */
    record Bundle(HouseholdKey key, Household household, List<Income> incomes, List<MonitoredRow> monitored)
            implements Serializable {
    }

    /** A department row matched to its household. */
    record RowAt(HouseholdKey household, FeedRow row) implements Serializable {
    }

    /** A counted fact for the summary; summed by (what, kind) on the driver. */
    record Tally(What what, FeedKind kind, long n) implements Serializable {
        enum What { READ, ACCEPTED, UNMATCHED, HOUSEHOLDS }
    }

    /**
     * The order of the job's final stream: all warnings (warnings.csv order), then all rejects (rejects.csv
     * order), then the tallies. Serializable because Spark ships it to the sort.
     */
    static final Comparator<Object> OUTPUT_ORDER = (Comparator<Object> & Serializable) Items::compareOutput;

    private static int rank(Object o) {
        if (o instanceof Warning) return 0;
        if (o instanceof Reject) return 1;
        return 2;
    }

    private static int compareOutput(Object a, Object b) {
        int ra = rank(a), rb = rank(b);
        if (ra != rb) return Integer.compare(ra, rb);
        if (ra == 0) return Warning.ORDER.compare((Warning) a, (Warning) b);
        if (ra == 1) return Reject.ORDER.compare((Reject) a, (Reject) b);
        Tally x = (Tally) a, y = (Tally) b;
        int c = x.what().compareTo(y.what());
        return c != 0 ? c : Integer.compare(x.kind() == null ? -1 : x.kind().ordinal(), y.kind() == null ? -1 : y.kind().ordinal());
    }
}
