package cn.shouwang.server.fieldwork.rhythm;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.jspecify.annotations.Nullable;

/**
 * How often a household is visited, in months, by kind: monitored households monthly, formerly-poor quarterly, the
 * others yearly (the defaults; the administrator sets them). A household is due {@code months} after its last visit;
 * the worklist's week ends on Sunday.
 */
public record Rhythm(int monitoredMonths, int formerlyPoorMonths, int otherMonths, int version) {

    /** Which rhythm a household follows: monitored before formerly poor. */
    public enum Kind { MONITORED, FORMERLY_POOR, OTHER;

        public static Kind of(boolean monitored, boolean formerlyPoor) {
            return monitored ? MONITORED : formerlyPoor ? FORMERLY_POOR : OTHER;
        }
    }

    /** Where a household stands today: overdue, due this week, never visited, or later. */
    public enum Standing { OVERDUE, DUE, NEVER, LATER }

    public int months(Kind k) {
        return switch (k) {
            case MONITORED -> monitoredMonths;
            case FORMERLY_POOR -> formerlyPoorMonths;
            case OTHER -> otherMonths;
        };
    }

    /** The day the next visit is due: {@code months} after the last one; none for a household never visited. */
    public @Nullable LocalDate dueOn(Kind k, @Nullable LocalDate lastVisit) {
        return lastVisit == null ? null : lastVisit.plusMonths(months(k));
    }

    /** The last day of {@code today}'s week (Sunday). */
    public static LocalDate weekEnd(LocalDate today) {
        return today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
    }

    /**
     * Overdue when the due day is before today; due when it falls between today and the week's Sunday; never visited
     * when there is no visit; else later.
     */
    public static Standing standing(@Nullable LocalDate dueOn, LocalDate today) {
        if (dueOn == null) return Standing.NEVER;
        if (dueOn.isBefore(today)) return Standing.OVERDUE;
        if (!dueOn.isAfter(weekEnd(today))) return Standing.DUE;
        return Standing.LATER;
    }
}
