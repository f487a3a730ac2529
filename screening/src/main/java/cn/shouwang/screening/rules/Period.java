package cn.shouwang.screening.rules;

import cn.shouwang.screening.feed.Values;
import java.io.Serializable;
import java.time.YearMonth;

/** The month being compared ({@code YYYY-MM}); "in the period" is a day of that month, "period end" its last day. */
public record Period(int year, int month) implements Serializable {
    public Period {
        if (year < 1900 || year > 2200 || month < 1 || month > 12) {
            throw new IllegalArgumentException("period must be YYYY-MM: " + year + "-" + month);
        }
    }

    /** Parses {@code YYYY-MM}; throws IllegalArgumentException otherwise. */
    public static Period parse(String text) {
        int m = text == null ? Values.INVALID : Values.month(text);
        if (m == Values.INVALID || text.strip().length() != 7) {
            throw new IllegalArgumentException("period must be YYYY-MM, got: " + text);
        }
        return new Period(m / 12, m % 12 + 1);
    }

    public static Period of(YearMonth ym) { return new Period(ym.getYear(), ym.getMonthValue()); }

    /** First day of the period as an epoch day. */
    public int startDay() { return Values.epochDay(year, month, 1); }

    /** Last day of the period as an epoch day. */
    public int endDay() { return Values.epochDay(year, month, Values.daysInMonth(year, month)); }

    /** 1 January of the period's year as an epoch day. */
    public int yearStartDay() { return Values.epochDay(year, 1, 1); }

    /** {@code year * 12 + month - 1}, the form months take in rows. */
    public int monthIndex() { return year * 12 + month - 1; }

    public boolean contains(int epochDay) { return epochDay >= startDay() && epochDay <= endDay(); }

    @Override public String toString() {
        // called per household: no String.format
        char[] c = {(char) ('0' + year / 1000), (char) ('0' + year / 100 % 10), (char) ('0' + year / 10 % 10),
                (char) ('0' + year % 10), '-', (char) ('0' + month / 10), (char) ('0' + month % 10)};
        return new String(c);
    }
}
