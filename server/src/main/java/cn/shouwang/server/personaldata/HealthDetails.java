package cn.shouwang.server.personaldata;

import cn.shouwang.core.household.HealthStatus;
import org.jspecify.annotations.Nullable;

/**
 * A member's health status and disability grade: personal information, sealed together into one value
 * ({@code member.health_enc}) so that reading both costs one decryption. Plain form: "HEALTHY", "DISABLED:2".
 */
public record HealthDetails(HealthStatus status, @Nullable Integer disabilityGrade) {

    public HealthDetails {
        if (status == null) throw new IllegalArgumentException("health status missing");
        if (disabilityGrade != null && (disabilityGrade < 1 || disabilityGrade > 4)) {
            throw new IllegalArgumentException("disability grade must be 1-4");
        }
    }

    /** From the two plain columns the registry had before V13. */
    public static HealthDetails of(String status, @Nullable Integer disabilityGrade) {
        return new HealthDetails(HealthStatus.valueOf(status), disabilityGrade);
    }

    String plain() {
        return disabilityGrade == null ? status.name() : status.name() + ":" + disabilityGrade;
    }

    static HealthDetails parse(String plain) {
        int colon = plain.indexOf(':');
        if (colon < 0) return new HealthDetails(HealthStatus.valueOf(plain), null);
        return new HealthDetails(HealthStatus.valueOf(plain.substring(0, colon)), Integer.valueOf(plain.substring(colon + 1)));
    }
}
