package cn.shouwang.server.insurance.policy;

import java.math.BigDecimal;

/**
 * A 防贫保 policy of one area and year: the premium per covered person, who is covered, the warning line per cost type
 * (the household's rigid out-of-pocket cost of that type in the year above which the fund pays), the share paid above
 * the line ({@code ratio}, 0 &lt; ratio ≤ 1) and the cap per person per year.
 */
public record Policy(long id, String areaCode, int year, String name, BigDecimal premiumPerPerson, Coverage coverage,
                     BigDecimal lineIllness, BigDecimal lineSchooling, BigDecimal lineDisaster, BigDecimal ratio,
                     BigDecimal capPerPerson, int version) {

    public BigDecimal line(CostType type) {
        return switch (type) {
            case ILLNESS -> lineIllness;
            case SCHOOLING -> lineSchooling;
            case DISASTER -> lineDisaster;
        };
    }

    /** The ratio as a percentage for the forms and pages (0.7 → 70). */
    public BigDecimal ratioPercent() {
        return ratio.movePointRight(2).stripTrailingZeros();
    }
}
