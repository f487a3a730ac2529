package cn.shouwang.spark;

import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.FeedRow;
import cn.shouwang.screening.feed.Household;
import cn.shouwang.screening.feed.Income;
import cn.shouwang.screening.feed.Member;
import cn.shouwang.screening.feed.MonitoredRow;
import cn.shouwang.screening.output.Reject;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/** The small messages that travel between the job's stages besides the engine's own row types. */
final class Items {
    private Items() {
    }

    /**
     * A household's own registry rows: its households.csv row (the first of its number), incomes and monitoring
     * rows. It travels to its head's id number first (stage 2 checks the head there), then to its household.
     */
    record Bundle(Household household, List<Income> incomes, List<MonitoredRow> monitored) implements Serializable {
    }

    /**
     * A kept member (its household exists, its id number is in no other household) with the department rows of its
     * id number: one record per person instead of one per row, so stage 3 moves the household number once.
     */
    record Person(Member member, List<FeedRow> rows) implements Serializable {
    }

    /** A counted fact for the summary; summed by (what, kind) on the driver. */
    record Tally(What what, FeedKind kind, long n) implements Serializable {
        enum What { READ, ACCEPTED, UNMATCHED, HOUSEHOLDS }
    }

    /** rejects.csv order, serializable because Spark ships it to the rejects' sort. */
    static final Comparator<Reject> REJECT_ORDER = (Comparator<Reject> & Serializable) (a, b) -> Reject.ORDER.compare(a, b);
}
