package cn.shouwang.server.insurance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.server.insurance.claim.ClaimStatus;
import cn.shouwang.server.insurance.claim.Payout;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The payout rule at its boundaries, without Spring: line, ratio, cap per person per year, balance. */
class PayoutTest {
    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void exactlyAtTheLineNothingIsPaidAndOneFenAboveIsPaidAtTheRatio() {
        assertThat(Payout.of(d("10000.00"), d("10000"), d("0.6"), d("5000"), d("0")).amount()).isEqualByComparingTo("0");
        assertThat(Payout.of(d("9000.00"), d("10000"), d("0.6"), d("5000"), d("0")).amount()).isEqualByComparingTo("0");
        assertThat(Payout.of(d("10000.01"), d("10000"), d("0.6"), d("5000"), d("0")).amount()).isEqualByComparingTo("0.01");
        Payout.Result r = Payout.of(d("16000.00"), d("10000"), d("0.6"), d("5000"), d("0"));
        assertThat(r.aboveLine()).isEqualByComparingTo("6000");
        assertThat(r.amount()).isEqualByComparingTo("3600.00");
        assertThat(r.capped()).isFalse();
    }

    @Test
    void theCapPerPersonPerYearCountsEarlierPayouts() {
        // above the cap on its own
        Payout.Result alone = Payout.of(d("30000"), d("10000"), d("0.6"), d("5000"), d("0"));
        assertThat(alone.raw()).isEqualByComparingTo("12000");
        assertThat(alone.amount()).isEqualByComparingTo("5000");
        assertThat(alone.capped()).isTrue();
        // a second claim of the same person after 3,600 paid: 1,400 left
        assertThat(Payout.of(d("20000"), d("10000"), d("0.6"), d("5000"), d("3600")).amount()).isEqualByComparingTo("1400");
        // the cap reached: nothing more this year
        assertThat(Payout.of(d("20000"), d("10000"), d("0.6"), d("5000"), d("5000")).amount()).isEqualByComparingTo("0");
    }

    @Test
    void theFundsBalanceRefusesWhatItCannotCoverAndPaysWhatItCan() {
        Payout.Result r = Payout.of(d("16000"), d("10000"), d("0.6"), d("5000"), d("0"));
        assertThat(Payout.withinBalance(r, d("3600.00")).amount()).isEqualByComparingTo("3600");
        assertThatThrownBy(() -> Payout.withinBalance(r, d("3599.99"))).isInstanceOfSatisfying(Payout.BalanceTooLow.class,
                e -> {
                    assertThat(e.amount()).isEqualByComparingTo("3600");
                    assertThat(e.balance()).isEqualByComparingTo("3599.99");
                });
    }

    @Test
    void theWorkflowIsOwnedByTheEnum() {
        assertThat(ClaimStatus.OPEN.after(ClaimStatus.Step.INVESTIGATE)).isEqualTo(ClaimStatus.INVESTIGATED);
        assertThat(ClaimStatus.INVESTIGATED.after(ClaimStatus.Step.APPROVE)).isEqualTo(ClaimStatus.APPROVED);
        assertThat(ClaimStatus.APPROVED.after(ClaimStatus.Step.PAY)).isEqualTo(ClaimStatus.PAID);
        assertThat(ClaimStatus.OPEN.allows(ClaimStatus.Step.PAY)).isFalse();
        assertThat(ClaimStatus.PAID.allows(ClaimStatus.Step.REJECT)).isFalse();
        assertThat(ClaimStatus.APPROVED.allows(ClaimStatus.Step.REJECT)).isTrue();
        assertThatThrownBy(() -> ClaimStatus.PAID.after(ClaimStatus.Step.PAY)).isInstanceOf(IllegalStateException.class);
    }
}
