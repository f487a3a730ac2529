package cn.shouwang.server.household;

import cn.shouwang.server.access.AreaScope;
import java.util.List;
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
}
