package cn.shouwang.screening.rules;

import java.io.Serializable;
import java.math.BigDecimal;

/** An exact fraction (e.g. 0.5) kept as numerator/denominator so comparisons stay in whole fen. */
public record Share(long numerator, long denominator) implements Serializable {
    public static Share of(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        if (s.scale() < 0) s = s.setScale(0);
        return new Share(s.unscaledValue().longValueExact(), BigDecimal.TEN.pow(s.scale()).longValueExact());
    }

    public static Share of(String decimal) { return of(new BigDecimal(decimal)); }

    /** {@code a > share × b}, exactly. */
    public boolean exceededBy(long a, long b) { return a * denominator > numerator * b; }

    /** {@code a ≥ share × b}, exactly. */
    public boolean reachedBy(long a, long b) { return a * denominator >= numerator * b; }

    @Override public String toString() {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator)).toPlainString();
    }
}
