package cn.shouwang.server.projects;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/** The module's figures: yuan with two decimals, 万元 with two decimals, and the share spent. */
public final class Money {
    private static final BigDecimal TEN_THOUSAND = new BigDecimal("10000");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private Money() {}

    /**
     * The share of the budget spent, in percent with two decimals (85.65); null for a budget of zero (no share: nothing
     * was to be spent). Spending never exceeds the budget (refused when recorded), so the share is at most 100.00.
     */
    public static @Nullable BigDecimal share(BigDecimal spent, BigDecimal budget) {
        if (budget.signum() == 0) return null;
        return spent.multiply(HUNDRED).divide(budget, 2, RoundingMode.HALF_UP);
    }

    /** Yuan as 万元 with two decimals (1,234,500.00 → 123.45). */
    public static BigDecimal wan(BigDecimal yuan) {
        return yuan.divide(TEN_THOUSAND, 2, RoundingMode.HALF_UP);
    }

    public static BigDecimal zeroIfNull(@Nullable BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v.setScale(2, RoundingMode.HALF_UP);
    }
}
