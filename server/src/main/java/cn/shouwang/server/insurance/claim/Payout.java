package cn.shouwang.server.insurance.claim;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The payout of a claim (policy.md §9), a pure function without Spring or a database: the part of the year's rigid
 * out-of-pocket cost above the policy's warning line, times the payout ratio, rounded to the fen, capped so that the
 * person's payouts of the year (earlier ones counted) stay within the cap; never more than the fund holds: a payout
 * the balance cannot cover is refused, not cut down (the county tops up the fund first).
 */
public final class Payout {
    private Payout() {}

    /**
     * @param aboveLine out of pocket − line (zero when at or below the line)
     * @param raw       {@code aboveLine × ratio}, before the cap
     * @param amount    what the fund pays
     * @param capped    the cap cut the payout
     */
    public record Result(BigDecimal aboveLine, BigDecimal raw, BigDecimal amount, boolean capped) {}

    /** The fund's balance cannot cover the payout. */
    public static final class BalanceTooLow extends RuntimeException {
        private final BigDecimal amount;
        private final BigDecimal balance;

        BalanceTooLow(BigDecimal amount, BigDecimal balance) {
            super("payout " + amount + " above balance " + balance);
            this.amount = amount;
            this.balance = balance;
        }

        public BigDecimal amount() {
            return amount;
        }

        public BigDecimal balance() {
            return balance;
        }
    }

    /**
     * @param outOfPocket          the household's rigid out-of-pocket cost of the claim's type in the year (verified)
     * @param line                 the policy's warning line for that type
     * @param ratio                the share paid above the line, 0 &lt; ratio ≤ 1
     * @param capPerPerson         the most one person receives in a year
     * @param paidToPersonThisYear what this person already received from the fund in the claim's year
     */
    public static Result of(BigDecimal outOfPocket, BigDecimal line, BigDecimal ratio, BigDecimal capPerPerson,
                            BigDecimal paidToPersonThisYear) {
        if (ratio.signum() <= 0 || ratio.compareTo(BigDecimal.ONE) > 0) throw new IllegalArgumentException("ratio " + ratio);
        BigDecimal above = outOfPocket.subtract(line).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
        BigDecimal raw = above.multiply(ratio).setScale(2, RoundingMode.HALF_UP);
        BigDecimal room = capPerPerson.subtract(paidToPersonThisYear).max(BigDecimal.ZERO).setScale(2, RoundingMode.HALF_UP);
        BigDecimal amount = raw.min(room);
        return new Result(above, raw, amount, amount.compareTo(raw) < 0);
    }

    /** The same result when the fund's {@code balance} covers it. */
    public static Result withinBalance(Result r, BigDecimal balance) {
        if (r.amount().compareTo(balance) > 0) throw new BalanceTooLow(r.amount(), balance.setScale(2, RoundingMode.HALF_UP));
        return r;
    }
}
