package cn.shouwang.core.casework;

/**
 * The casework figures that policy.md makes settings; {@link #DEFAULTS} holds the defaults of policy.md §5-7.
 *
 * @param leadDeadlineDays days from a lead to its county confirmation, the notice included (15)
 * @param dayCounting calendar days (default) or working days
 * @param calendar weekends, public holidays and make-up working days for {@link DayCounting#WORKING_DAYS}
 * @param dueSoonDays a lead with this many days left or fewer is "due soon" (orange) (3)
 * @param minNoticeDays the public notice runs at least this many days, first and last day included (5)
 * @param eliminationMinMonths months from identification before a risk may be eliminated (6)
 * @param stableIncomeMonths the window in which income checks must all be above the line (6)
 * @param minIncomeChecksForStability how many income checks that window must hold (2)
 * @param showMainRiskOnNotice whether the printed notice shows the main risk type (off: it can reveal health)
 */
public record CaseworkSettings(int leadDeadlineDays, DayCounting dayCounting, WorkingCalendar calendar,
                               int dueSoonDays, int minNoticeDays, int eliminationMinMonths,
                               int stableIncomeMonths, int minIncomeChecksForStability,
                               boolean showMainRiskOnNotice) {

    public static final CaseworkSettings DEFAULTS = new CaseworkSettings(
            15, DayCounting.CALENDAR, WorkingCalendar.WEEKENDS_ONLY, 3, 5, 6, 6, 2, false);

    public CaseworkSettings {
        if (leadDeadlineDays < 1) throw new IllegalArgumentException("leadDeadlineDays must be at least 1");
        if (dueSoonDays < 0) throw new IllegalArgumentException("dueSoonDays must be 0 or more");
        if (minNoticeDays < 1) throw new IllegalArgumentException("minNoticeDays must be at least 1");
        if (eliminationMinMonths < 0) throw new IllegalArgumentException("eliminationMinMonths must be 0 or more");
        if (stableIncomeMonths < 1) throw new IllegalArgumentException("stableIncomeMonths must be at least 1");
        if (minIncomeChecksForStability < 1) throw new IllegalArgumentException("minIncomeChecks must be at least 1");
    }

    public CaseworkSettings withDeadline(int days, DayCounting counting) {
        return new CaseworkSettings(days, counting, calendar, dueSoonDays, minNoticeDays, eliminationMinMonths,
                stableIncomeMonths, minIncomeChecksForStability, showMainRiskOnNotice);
    }

    public CaseworkSettings withCalendar(WorkingCalendar c) {
        return new CaseworkSettings(leadDeadlineDays, dayCounting, c, dueSoonDays, minNoticeDays, eliminationMinMonths,
                stableIncomeMonths, minIncomeChecksForStability, showMainRiskOnNotice);
    }

    public LeadDeadline deadline() {
        return new LeadDeadline(leadDeadlineDays, dayCounting, calendar, dueSoonDays);
    }
}
