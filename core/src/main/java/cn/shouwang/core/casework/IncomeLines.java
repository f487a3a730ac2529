package cn.shouwang.core.casework;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * The monitoring income line per year for one region (policy.md §2: e.g. 6,700 yuan in Siping 2022). A setting:
 * an administrator enters each year's figure; nothing here carries a default figure.
 */
public record IncomeLines(Map<Integer, BigDecimal> byYear) {
    public IncomeLines {
        byYear = Map.copyOf(new TreeMap<>(byYear));
    }

    public static IncomeLines of(int year, BigDecimal line) {
        return new IncomeLines(Map.of(year, line));
    }

    public BigDecimal line(int year) {
        BigDecimal l = byYear.get(year);
        if (l == null) throw new CaseworkException(CaseworkProblem.INCOME_LINE_MISSING, String.valueOf(year));
        return l;
    }
}
