package cn.shouwang.core.casework;

import java.time.LocalDate;
import java.util.Objects;

/**
 * 调整监测类别和风险类型: the new category and risk types of a monitored household, from {@code on}, and why.
 * The township or the county decides it ({@link CaseRole#mayReclassify()}).
 */
public record Reclassify(Actor by, LocalDate on, String category, RiskTypes riskTypes, String reason) {
    public Reclassify {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(on, "on");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(riskTypes, "riskTypes");
        Objects.requireNonNull(reason, "reason");
    }
}
