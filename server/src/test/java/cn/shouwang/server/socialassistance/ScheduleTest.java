package cn.shouwang.server.socialassistance;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.socialassistance.Kinds.Frequency;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When grants pay and how much: quarterly at the quarter's end for its months, monthly, once. */
class ScheduleTest {
    static final BigDecimal ORPHAN = new BigDecimal("1250");

    @Test
    void aQuarterlyGrantPaysThreeMonthsInMarchJuneSeptemberAndDecember() {
        List<Schedule.Due> dues = Schedule.dues(Frequency.QUARTERLY, ORPHAN, LocalDate.of(2026, 1, 1), null,
                YearMonth.of(2026, 1), YearMonth.of(2026, 12));
        assertThat(dues).extracting(Schedule.Due::period).containsExactly(YearMonth.of(2026, 3), YearMonth.of(2026, 6),
                YearMonth.of(2026, 9), YearMonth.of(2026, 12));
        assertThat(dues).allSatisfy(d -> {
            assertThat(d.months()).isEqualTo(3);
            assertThat(d.amount()).isEqualByComparingTo("3750.00");
        });
        // no payment in the other months
        assertThat(Schedule.dueIn(Frequency.QUARTERLY, ORPHAN, LocalDate.of(2026, 1, 1), null, YearMonth.of(2026, 4))).isEmpty();
    }

    @Test
    void aQuarterlyGrantStartingOrEndingInsideAQuarterPaysOnlyItsMonths() {
        // from 15 February: March pays February and March
        assertThat(Schedule.dueIn(Frequency.QUARTERLY, ORPHAN, LocalDate.of(2026, 2, 15), null, YearMonth.of(2026, 3)))
                .hasValueSatisfying(d -> {
                    assertThat(d.months()).isEqualTo(2);
                    assertThat(d.amount()).isEqualByComparingTo("2500.00");
                });
        // ended in July: September pays July only, December nothing
        LocalDate start = LocalDate.of(2025, 10, 1);
        LocalDate end = LocalDate.of(2026, 7, 20);
        assertThat(Schedule.dueIn(Frequency.QUARTERLY, ORPHAN, start, end, YearMonth.of(2026, 9)))
                .hasValueSatisfying(d -> assertThat(d.amount()).isEqualByComparingTo("1250.00"));
        assertThat(Schedule.dueIn(Frequency.QUARTERLY, ORPHAN, start, end, YearMonth.of(2026, 12))).isEmpty();
        // starting in the quarter's last month: one month
        assertThat(Schedule.dueIn(Frequency.QUARTERLY, ORPHAN, LocalDate.of(2026, 12, 31), null, YearMonth.of(2026, 12)))
                .hasValueSatisfying(d -> assertThat(d.months()).isEqualTo(1));
    }

    @Test
    void aMonthlyGrantPaysEveryMonthFromItsStartToItsEnd() {
        List<Schedule.Due> dues = Schedule.dues(Frequency.MONTHLY, new BigDecimal("420.5"), LocalDate.of(2026, 3, 20),
                LocalDate.of(2026, 6, 1), YearMonth.of(2026, 1), YearMonth.of(2026, 12));
        assertThat(dues).extracting(Schedule.Due::period).containsExactly(YearMonth.of(2026, 3), YearMonth.of(2026, 4),
                YearMonth.of(2026, 5), YearMonth.of(2026, 6));
        assertThat(dues).allSatisfy(d -> assertThat(d.amount()).isEqualByComparingTo("420.50"));
        assertThat(dues.get(0).amount().scale()).isEqualTo(2);
    }

    @Test
    void aOneOffGrantPaysOnceInItsStartMonth() {
        List<Schedule.Due> dues = Schedule.dues(Frequency.ONE_OFF, new BigDecimal("3000"), LocalDate.of(2026, 5, 9), null,
                YearMonth.of(2026, 1), YearMonth.of(2027, 12));
        assertThat(dues).hasSize(1);
        assertThat(dues.get(0).period()).isEqualTo(YearMonth.of(2026, 5));
        assertThat(dues.get(0).amount()).isEqualByComparingTo("3000.00");
    }
}
