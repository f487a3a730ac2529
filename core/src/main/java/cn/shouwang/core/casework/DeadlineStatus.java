package cn.shouwang.core.casework;

import java.time.LocalDate;

/**
 * A lead's standing against its deadline on a given day. {@code daysLeft} counts in the deadline's unit
 * (calendar or working days) and is negative when overdue. {@link #label()} is what lists show.
 */
public record DeadlineStatus(LocalDate dueDate, int daysLeft, Urgency urgency) {

    /** The colours of ui.md: overdue red, due soon orange, in progress blue. */
    public enum Urgency { OVERDUE, DUE_SOON, ON_TRACK }

    public boolean overdue() { return urgency == Urgency.OVERDUE; }

    public boolean dueSoon() { return urgency == Urgency.DUE_SOON; }

    /** "剩3天" or "超期2天". */
    public String label() {
        return daysLeft < 0 ? "超期" + (-daysLeft) + "天" : "剩" + daysLeft + "天";
    }

    /** "3 days left" or "2 days overdue". */
    public String englishLabel() {
        int n = Math.abs(daysLeft);
        String days = n == 1 ? " day" : " days";
        return daysLeft < 0 ? n + days + " overdue" : n + days + " left";
    }
}
