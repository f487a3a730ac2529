package cn.shouwang.server.casework;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The standards an administrator sets (系统管理 › 监测标准), for the modules that judge by them besides casework: the
 * comparison (screening) takes its income lines from here, so that it compares with the same figures as home
 * verification, home checks and elimination. A standard is versioned with the day it takes effect (标准调整), so the
 * answer depends on the day asked about.
 */
public interface StandardsApi {

    /** One year's income line in force at a place on a day: yuan per person and year, its region, since when. */
    record IncomeLineInForce(int year, BigDecimal line, String areaCode, @Nullable LocalDate effectiveFrom) {}

    /**
     * The income lines in force at an area (a county for a comparison run) on a day, one per year that has one, by
     * year: for each year the most specific region's latest change effective on or before {@code asOf}.
     */
    List<IncomeLineInForce> incomeLines(String areaCode, LocalDate asOf);
}
