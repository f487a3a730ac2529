package cn.shouwang.core.casework;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/** Yuan amounts: exact decimals, never negative, at most two decimals (fen). */
final class Money {
    private Money() {}

    static BigDecimal check(@Nullable BigDecimal v, String field) {
        CaseworkException.require(v != null && v.signum() >= 0 && v.stripTrailingZeros().scale() <= 2,
                CaseworkProblem.MONEY_INVALID, field);
        return v.setScale(2, RoundingMode.UNNECESSARY);
    }

    static BigDecimal divide(BigDecimal amount, int by) {
        return amount.divide(BigDecimal.valueOf(by), 2, RoundingMode.HALF_UP);
    }
}
