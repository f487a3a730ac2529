package cn.shouwang.core.casework;

import cn.shouwang.core.area.AreaCode;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A report that opens a lead, from one of the three channels. {@code householdId} is empty when a self-report
 * could not be matched to the registry yet (the verification finds the household). {@code by} is empty only for a
 * self-report, which nobody signs in for. {@code riskCodes} are suggestions; the verification decides.
 */
public record NewLead(LeadChannel channel, AreaCode village, @Nullable Long householdId, String headName,
                      String description, List<String> riskCodes, @Nullable String sourceRef, @Nullable Actor by,
                      LocalDate reportedOn) {
    public NewLead {
        riskCodes = List.copyOf(riskCodes);
    }

    public JoinedReport asJoinedReport() {
        return new JoinedReport(channel, reportedOn, description, riskCodes, sourceRef, by == null ? null : by.name());
    }
}
