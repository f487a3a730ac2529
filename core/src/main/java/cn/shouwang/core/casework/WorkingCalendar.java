package cn.shouwang.core.casework;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * Which days are working days: Monday to Friday, minus the configured public holidays, plus the configured
 * make-up working days (调休: a Saturday or Sunday worked in exchange for a holiday). The State Council publishes
 * both lists each year; the server keeps them as a setting, so nothing here knows a particular year.
 */
public record WorkingCalendar(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkingDays) {

    public static final WorkingCalendar WEEKENDS_ONLY = new WorkingCalendar(Set.of(), Set.of());

    public WorkingCalendar {
        holidays = Set.copyOf(holidays);
        makeUpWorkingDays = Set.copyOf(makeUpWorkingDays);
    }

    public boolean isWorkingDay(LocalDate day) {
        if (makeUpWorkingDays.contains(day)) return true;
        if (holidays.contains(day)) return false;
        DayOfWeek d = day.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }
}
