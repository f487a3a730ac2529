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

    /**
     * A comparison setting in force at an area: its value as stored ({@link ComparisonSetting#normalise}), the area
     * that sets it (null: the province-wide value), since when (null: set before changes were recorded, or the
     * default), or {@code isDefault} when nobody set it (feeds.md's value).
     */
    record SettingInForce(ComparisonSetting setting, String value, @Nullable String areaCode, boolean isDefault,
                          @Nullable LocalDate effectiveFrom) {}

    /**
     * The comparison's thresholds and the rules switched off, in force at an area (a county for a run) on a day (a
     * run's: the day its period is judged by, as for the income lines), one per {@link ComparisonSetting}, in its
     * order: the nearest of the area and its ancestors whose latest change effective by then sets it, else the
     * province-wide value, else feeds.md's (标准调整, casework V11). Nothing else in the server judges by them
     * (verification, home checks and elimination share only the income line with the comparison).
     */
    List<SettingInForce> comparisonSettings(String areaCode, LocalDate asOf);
}
