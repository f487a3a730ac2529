package cn.shouwang.core.casework;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One income check of a household: the day and the per-capita comparison value (after eligible out-of-pocket). */
public record IncomeCheck(LocalDate on, BigDecimal comparisonValue) {}
