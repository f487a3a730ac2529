package cn.shouwang.core.casework;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A further report about a household that already has an open case or is monitored: kept with that case instead
 * of opening another (policy: one household, one case). {@code sourceRef} names the warning or self-report.
 */
public record JoinedReport(LeadChannel channel, LocalDate reportedOn, String description, List<String> riskCodes,
                           @Nullable String sourceRef, @Nullable String reportedBy) {
    public JoinedReport {
        riskCodes = List.copyOf(riskCodes);
    }
}
