package cn.shouwang.server.socialassistance;

import cn.shouwang.server.socialassistance.Kinds.Frequency;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When a grant pays and how much. Whole months count: a grant running in a month pays that month (the start and end
 * days do not prorate, as civil affairs pays by month).
 * <ul>
 *   <li>MONTHLY: every month from the start's to the end's, the monthly amount;</li>
 *   <li>QUARTERLY: in March, June, September and December, the monthly amount times the months of that quarter the
 *       grant runs in (article 003: 1,250 yuan a month pays 3,750 each quarter; a grant from February pays 2,500 in
 *       March);</li>
 *   <li>ONE_OFF: once, in the start's month, the amount.</li>
 * </ul>
 */
public final class Schedule {
    private Schedule() {}

    /** A payment due: the month it is paid in, how many months it covers, the amount. */
    public record Due(YearMonth period, int months, BigDecimal amount) {}

    public static Optional<Due> dueIn(Frequency frequency, BigDecimal amount, LocalDate start, @Nullable LocalDate end,
                                      YearMonth period) {
        YearMonth first = YearMonth.from(start);
        YearMonth last = end == null ? null : YearMonth.from(end);
        return switch (frequency) {
            case ONE_OFF -> period.equals(first) ? Optional.of(new Due(period, 1, Sa.yuan(amount))) : Optional.empty();
            case MONTHLY -> runs(period, first, last) ? Optional.of(new Due(period, 1, Sa.yuan(amount))) : Optional.empty();
            case QUARTERLY -> {
                if (period.getMonthValue() % 3 != 0) yield Optional.empty();
                int months = 0;
                for (int i = 2; i >= 0; i--) if (runs(period.minusMonths(i), first, last)) months++;
                yield months == 0 ? Optional.empty()
                        : Optional.of(new Due(period, months, Sa.yuan(amount.multiply(BigDecimal.valueOf(months)))));
            }
        };
    }

    /** The payments due from {@code from} to {@code to}, both months included, in order. */
    public static List<Due> dues(Frequency frequency, BigDecimal amount, LocalDate start, @Nullable LocalDate end,
                                 YearMonth from, YearMonth to) {
        List<Due> out = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            dueIn(frequency, amount, start, end, m).ifPresent(out::add);
        }
        return out;
    }

    private static boolean runs(YearMonth m, YearMonth first, @Nullable YearMonth last) {
        return !m.isBefore(first) && (last == null || !m.isAfter(last));
    }
}
