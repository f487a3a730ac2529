package cn.shouwang.core.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeadDeadlineTest {

    static final LeadDeadline CALENDAR_15 = new LeadDeadline(15, DayCounting.CALENDAR, WorkingCalendar.WEEKENDS_ONLY, 3);
    static final LeadDeadline WORKING_15 = new LeadDeadline(15, DayCounting.WORKING_DAYS, WorkingCalendar.WEEKENDS_ONLY, 3);

    @ParameterizedTest(name = "{0} + 15 calendar days = {1}")
    @CsvSource({
            "2024-01-20, 2024-02-04",  // across a month end
            "2024-02-20, 2024-03-06",  // leap February (29 days)
            "2023-02-20, 2023-03-07",  // ordinary February (28 days)
            "2024-01-31, 2024-02-15",
            "2024-12-25, 2025-01-09"}) // across a year end
    void calendarDaysCountEveryDay(LocalDate lead, LocalDate due) {
        assertThat(CALENDAR_15.dueDate(lead)).isEqualTo(due);
    }

    @Test
    void daysLeftAndOverdueAreLabelledAsListsShowThem() {
        LocalDate lead = LocalDate.of(2024, 6, 1); // due 2024-06-16
        DeadlineStatus early = CALENDAR_15.status(lead, LocalDate.of(2024, 6, 12));
        assertThat(early.daysLeft()).isEqualTo(4);
        assertThat(early.urgency()).isEqualTo(DeadlineStatus.Urgency.ON_TRACK);
        assertThat(early.label()).isEqualTo("剩4天");

        DeadlineStatus soon = CALENDAR_15.status(lead, LocalDate.of(2024, 6, 13));
        assertThat(soon.label()).isEqualTo("剩3天");
        assertThat(soon.dueSoon()).isTrue();
        assertThat(soon.englishLabel()).isEqualTo("3 days left");

        DeadlineStatus dueToday = CALENDAR_15.status(lead, LocalDate.of(2024, 6, 16));
        assertThat(dueToday.daysLeft()).isZero();
        assertThat(dueToday.dueSoon()).isTrue();
        assertThat(dueToday.overdue()).isFalse();

        DeadlineStatus late = CALENDAR_15.status(lead, LocalDate.of(2024, 6, 18));
        assertThat(late.overdue()).isTrue();
        assertThat(late.daysLeft()).isEqualTo(-2);
        assertThat(late.label()).isEqualTo("超期2天");
        assertThat(late.englishLabel()).isEqualTo("2 days overdue");
        assertThat(CALENDAR_15.status(lead, LocalDate.of(2024, 6, 17)).englishLabel()).isEqualTo("1 day overdue");
    }

    @Test
    void workingDaysSkipWeekendsAndTheLeadDayItself() {
        // Friday 7 June 2024: 15 working days are the three following weeks, Monday 10 to Friday 28 June.
        assertThat(WORKING_15.dueDate(LocalDate.of(2024, 6, 7))).isEqualTo(LocalDate.of(2024, 6, 28));
        // A lead on a Saturday counts from Monday, too.
        assertThat(WORKING_15.dueDate(LocalDate.of(2024, 6, 8))).isEqualTo(LocalDate.of(2024, 6, 28));
        // across a month end: Wednesday 24 January 2024 -> Wednesday 14 February
        assertThat(WORKING_15.dueDate(LocalDate.of(2024, 1, 24))).isEqualTo(LocalDate.of(2024, 2, 14));
    }

    @Test
    void configuredHolidaysAndMakeUpWorkingDaysCount() {
        // 2024 National Day: 1-7 October off; Sunday 29 September and Saturday 12 October worked instead.
        WorkingCalendar cal = new WorkingCalendar(
                Set.of(LocalDate.of(2024, 10, 1), LocalDate.of(2024, 10, 2), LocalDate.of(2024, 10, 3),
                        LocalDate.of(2024, 10, 4), LocalDate.of(2024, 10, 7)),
                Set.of(LocalDate.of(2024, 9, 29), LocalDate.of(2024, 10, 12)));
        LeadDeadline twenty = new LeadDeadline(20, DayCounting.WORKING_DAYS, cal, 3);
        // Monday 30 Sept: 8-11 Oct (4), Sat 12 (5), 14-18 (10), 21-25 (15), 28 Oct-1 Nov (20)
        assertThat(twenty.dueDate(LocalDate.of(2024, 9, 30))).isEqualTo(LocalDate.of(2024, 11, 1));
        assertThat(new LeadDeadline(20, DayCounting.WORKING_DAYS, WorkingCalendar.WEEKENDS_ONLY, 3)
                .dueDate(LocalDate.of(2024, 9, 30))).isEqualTo(LocalDate.of(2024, 10, 28));
        assertThat(cal.isWorkingDay(LocalDate.of(2024, 9, 29))).isTrue();
        assertThat(cal.isWorkingDay(LocalDate.of(2024, 10, 3))).isFalse();
        // Within the holiday nothing counts down: the same days are left on 1 and 7 October.
        assertThat(twenty.status(LocalDate.of(2024, 9, 30), LocalDate.of(2024, 10, 1)).daysLeft())
                .isEqualTo(twenty.status(LocalDate.of(2024, 9, 30), LocalDate.of(2024, 10, 7)).daysLeft())
                .isEqualTo(20);
    }

    @Test
    void workingDaysLeftAndOverdueCountWorkingDays() {
        LocalDate lead = LocalDate.of(2024, 6, 7); // due Friday 28 June
        assertThat(WORKING_15.status(lead, LocalDate.of(2024, 6, 26)).daysLeft()).isEqualTo(2);
        // Friday 21 June: Mon 24 - Fri 28 are 5 working days; the weekend between counts nothing
        assertThat(WORKING_15.status(lead, LocalDate.of(2024, 6, 21)).daysLeft()).isEqualTo(5);
        assertThat(WORKING_15.status(lead, LocalDate.of(2024, 6, 22)).daysLeft()).isEqualTo(5);
        assertThat(WORKING_15.status(lead, LocalDate.of(2024, 6, 28)).daysLeft()).isZero();
        // past the due date over a weekend it is already overdue, by one day
        DeadlineStatus saturday = WORKING_15.status(lead, LocalDate.of(2024, 6, 29));
        assertThat(saturday.overdue()).isTrue();
        assertThat(saturday.label()).isEqualTo("超期1天");
        assertThat(WORKING_15.status(lead, LocalDate.of(2024, 7, 2)).label()).isEqualTo("超期2天");
    }

    @Test
    void theSettingsMakeTheDeadline() {
        CaseworkSettings s = CaseworkSettings.DEFAULTS;
        assertThat(s.leadDeadlineDays()).isEqualTo(15);
        assertThat(s.minNoticeDays()).isEqualTo(5);
        assertThat(s.showMainRiskOnNotice()).isFalse();
        LeadDeadline working20 = s.withDeadline(20, DayCounting.WORKING_DAYS).deadline();
        assertThat(working20.dueDate(LocalDate.of(2024, 6, 7))).isEqualTo(LocalDate.of(2024, 7, 5));
        Lead l = Fixtures.newLead();
        assertThat(l.deadline(s.deadline(), Fixtures.TODAY).label()).isEqualTo("超期4天"); // opened 1 June, due 16 June
    }

    /** "Due soon" is selected in SQL as due dates from today to lastDueSoonDay: exactly the leads the lists colour orange. */
    @Test
    void theDueSoonRangeHoldsExactlyTheLeadsDueSoon() {
        WorkingCalendar holidays = new WorkingCalendar(Set.of(LocalDate.of(2024, 10, 1), LocalDate.of(2024, 10, 2),
                LocalDate.of(2024, 10, 3), LocalDate.of(2024, 10, 4), LocalDate.of(2024, 10, 7)),
                Set.of(LocalDate.of(2024, 9, 29), LocalDate.of(2024, 10, 12)));
        for (LeadDeadline rule : new LeadDeadline[] {CALENDAR_15, WORKING_15,
                new LeadDeadline(20, DayCounting.WORKING_DAYS, holidays, 3)}) {
            for (LocalDate today = LocalDate.of(2024, 9, 20); today.isBefore(LocalDate.of(2024, 10, 20)); today = today.plusDays(1)) {
                LocalDate last = rule.lastDueSoonDay(today);
                for (LocalDate due = today; !due.isAfter(today.plusDays(20)); due = due.plusDays(1)) {
                    assertThat(!due.isAfter(last)).as("%s today %s due %s", rule.counting(), today, due)
                            .isEqualTo(rule.statusForDue(due, today).dueSoon());
                }
            }
        }
    }
}
