package cn.shouwang.server.household;

import cn.shouwang.server.access.AreaScope;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the household page shows about the household's casework: whether it is a monitored household and which of
 * its leads are still open. Casework depends on the registry, so the registry only defines this question and the
 * casework module answers it (a bean implementing this interface); without casework the page shows nothing.
 */
public interface HouseholdCasesApi {

    /** An open lead: its id, and its state as the casework labels it. */
    record OpenLead(long id, String stateLabel) {}

    /**
     * {@code monitoringLabel} (监测中 / 风险已消除) and {@code categoryLabel} when the household is a monitored
     * household, null otherwise; labels in the current locale.
     */
    record Cases(@Nullable String monitoringLabel, @Nullable String categoryLabel, List<OpenLead> openLeads) {
        public boolean monitored() {
            return monitoringLabel != null;
        }

        public boolean empty() {
            return monitoringLabel == null && openLeads.isEmpty();
        }
    }

    /** The household's casework within {@code scope} (the household page has already checked the household). */
    Cases casesOf(long householdId, AreaScope scope);

    /**
     * The monitoring income line (yuan per person and year) in force at a village, per year, as casework's settings
     * set it (the most specific region's figure); years without a line are absent. The household page compares a
     * year's per-capita income with it and keeps no copy of the lines.
     */
    Map<Integer, BigDecimal> incomeLines(String villageCode);

    /**
     * The local asset limits (yuan) in force at a village per kind, as casework's comparison settings set them; the
     * household page marks the assets above them (issue 17 point 3). Without casework: none.
     */
    default Map<cn.shouwang.core.household.AssetKind, BigDecimal> assetLimits(String villageCode) {
        return Map.of();
    }

    /**
     * A monitored household as the national person list writes it (national-export.md): codes of casework's lists
     * (category, risk types in order, the natural-disaster sub-type), identification day, status and elimination
     * month, the current assistance officer (phone in full or masked, as asked) and the descriptions of the plan's
     * measures that are not stopped, by measure group code ({@link cn.shouwang.core.casework.MeasureGroup} names).
     */
    record Monitoring(String categoryCode, List<String> riskTypes, @Nullable String disasterSubtype,
                      java.time.LocalDate identifiedOn, boolean eliminated, java.time.@Nullable YearMonth eliminatedMonth,
                      @Nullable String officerName, @Nullable String officerUnit, @Nullable String officerPhone,
                      Map<String, List<String>> measures) {}

    /**
     * The monitored households among these households (others absent), read in a fixed number of queries for the
     * whole batch; for the registry's export in national layout, which has checked the households' scope.
     *
     * @param fullPhones the officers' phones in full (an export whose reader may see them), else masked
     */
    Map<Long, Monitoring> monitoringOf(java.util.Collection<Long> householdIds, boolean fullPhones);
}
