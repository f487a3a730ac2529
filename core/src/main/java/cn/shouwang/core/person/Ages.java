package cn.shouwang.core.person;

import java.time.LocalDate;

/** Whole years between a birth date and a day, as people count them (a birthday on Feb 29 turns on Mar 1). */
public final class Ages {
    private Ages() {}

    public static int yearsBetween(LocalDate birth, LocalDate day) {
        int years = day.getYear() - birth.getYear();
        if (day.getMonthValue() < birth.getMonthValue()
                || (day.getMonthValue() == birth.getMonthValue() && day.getDayOfMonth() < birth.getDayOfMonth())) {
            years--;
        }
        return years;
    }
}
