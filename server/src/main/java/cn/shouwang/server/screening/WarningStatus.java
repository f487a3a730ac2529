package cn.shouwang.server.screening;

import org.jspecify.annotations.Nullable;

/**
 * A warning's status on the list, and the list's status filter. A warning shows one status: turned into a lead,
 * else dismissed (by a person, or carried over from an earlier period), else assigned for checking, else how it
 * was seen (new, seen again, back after dismissal). ALL, ACTIVE (everything but dismissed: the default) and OPEN
 * (nobody has acted on it yet) are filters only.
 */
enum WarningStatus {
    ALL("true"),
    ACTIVE("(w.dismissed_at is null or w.intake_outcome is not null)"),
    OPEN("(w.dismissed_at is null and w.intake_outcome is null and w.assigned_area is null)"),
    NEW(open("NEW")),
    AGAIN(open("AGAIN")),
    RETURNED(open("RETURNED")),
    ASSIGNED("(w.dismissed_at is null and w.intake_outcome is null and w.assigned_area is not null)"),
    DISMISSED("(w.dismissed_at is not null and w.intake_outcome is null)"),
    LEAD("(w.intake_outcome is not null)");

    /** The condition on {@code screening_warning w}, constant text (never user input). */
    final String sql;

    WarningStatus(String sql) {
        this.sql = sql;
    }

    private static String open(String recurrence) {
        return "(w.dismissed_at is null and w.intake_outcome is null and w.assigned_area is null and w.recurrence = '"
                + recurrence + "')";
    }

    /** The filters offered, in the order of the list's menu. */
    static final WarningStatus[] FILTERS = {ACTIVE, OPEN, NEW, AGAIN, RETURNED, ASSIGNED, DISMISSED, LEAD, ALL};

    static WarningStatus filter(@Nullable String s) {
        for (WarningStatus x : FILTERS) if (x.name().equals(s)) return x;
        return ACTIVE;
    }

    /** The reasons a warning may be dismissed for (screening_warning.dismissed_reason). */
    static final String[] REASONS = {"HANDLED", "DATA_ERROR", "MOVED_AWAY", "OTHER"};
}
