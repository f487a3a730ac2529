package cn.shouwang.core.casework;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The lead deadline of policy.md §5: at most {@code days} from the lead to the county's decision, the public
 * notice included. With calendar days the due date is the lead date plus {@code days} (a lead of 20 January with
 * 15 days is due on 4 February). With working days the lead's own day does not count: the due date is the
 * {@code days}-th working day after it, per the {@link WorkingCalendar}.
 */
public record LeadDeadline(int days, DayCounting counting, WorkingCalendar calendar, int dueSoonDays) {

    public LeadDeadline {
        Objects.requireNonNull(counting, "counting");
        Objects.requireNonNull(calendar, "calendar");
        if (days < 1) throw new IllegalArgumentException("days must be at least 1");
    }

    public LocalDate dueDate(LocalDate leadDate) {
        if (counting == DayCounting.CALENDAR) return leadDate.plusDays(days);
        LocalDate d = leadDate;
        int counted = 0;
        while (counted < days) {
            d = d.plusDays(1);
            if (calendar.isWorkingDay(d)) counted++;
        }
        return d;
    }

    /** The standing on {@code today} of a lead that is still open. */
    public DeadlineStatus status(LocalDate leadDate, LocalDate today) {
        return statusForDue(dueDate(leadDate), today);
    }

    /** The standing against a due date fixed earlier (stored when the lead opened, under the settings of then). */
    public DeadlineStatus statusForDue(LocalDate due, LocalDate today) {
        int left = between(today, due);
        DeadlineStatus.Urgency u = left < 0 ? DeadlineStatus.Urgency.OVERDUE
                : left <= dueSoonDays ? DeadlineStatus.Urgency.DUE_SOON : DeadlineStatus.Urgency.ON_TRACK;
        return new DeadlineStatus(due, left, u);
    }

    /**
     * The latest due date that counts as due soon on {@code today} (days left at most {@link #dueSoonDays}), so a
     * list can select "due soon" by a date range in SQL: with working days, the day before the working day that
     * would make one day too many.
     */
    public LocalDate lastDueSoonDay(LocalDate today) {
        if (counting == DayCounting.CALENDAR) return today.plusDays(dueSoonDays);
        LocalDate d = today;
        int counted = 0;
        while (counted <= dueSoonDays) {
            d = d.plusDays(1);
            if (calendar.isWorkingDay(d)) counted++;
        }
        return d.minusDays(1);
    }

    /**
     * Days from {@code today} to {@code due} in this deadline's unit: positive before, 0 on the day, negative after.
     * Working days count the working days after the earlier date up to and including the later one; a lead past
     * its due date is at least one day overdue even when only weekend days have passed since.
     */
    int between(LocalDate today, LocalDate due) {
        if (counting == DayCounting.CALENDAR) return (int) ChronoUnit.DAYS.between(today, due);
        if (today.equals(due)) return 0;
        boolean before = today.isBefore(due);
        LocalDate from = before ? today : due;
        LocalDate to = before ? due : today;
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (calendar.isWorkingDay(d)) n++;
        }
        return before ? n : -Math.max(n, 1);
    }
}
