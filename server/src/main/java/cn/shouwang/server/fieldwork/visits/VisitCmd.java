package cn.shouwang.server.fieldwork.visits;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A visit as the form sends it. {@code idempotencyKey} is made once per form (a UUID) and sent again by every retry,
 * so a POST repeated after a lost answer stores one visit.
 */
public record VisitCmd(
        @NotBlank(message = "{fieldwork.visit.error.key}")
        @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
                message = "{fieldwork.visit.error.key}") String idempotencyKey,
        @NotNull(message = "{fieldwork.visit.error.date}") LocalDate visitedOn,
        @Size(max = 100, message = "{fieldwork.visit.error.companions}") @Nullable String companions,
        @NotNull(message = "{fieldwork.visit.error.home}") Boolean foundAtHome,
        @Nullable Boolean educationSecured,
        @Nullable Boolean medicalSecured,
        @Nullable Boolean housingSecured,
        @Nullable Boolean waterSecured,
        @NotNull(message = "{fieldwork.visit.error.trend}") @Pattern(regexp = "NONE|UP|DOWN",
                message = "{fieldwork.visit.error.trend}") String incomeTrend,
        @Nullable @DecimalMin(value = "0", message = "{fieldwork.visit.error.amount}")
        @DecimalMax(value = "9999999", message = "{fieldwork.visit.error.amount}")
        @Digits(integer = 7, fraction = 2, message = "{fieldwork.visit.error.amount}") BigDecimal incomeChange,
        @Nullable List<String> risks,
        @Size(max = 1000, message = "{fieldwork.visit.error.note}") @Nullable String note) {

    public VisitCmd {
        // an unticked box sends nothing: not secured
        educationSecured = Boolean.TRUE.equals(educationSecured);
        medicalSecured = Boolean.TRUE.equals(medicalSecured);
        housingSecured = Boolean.TRUE.equals(housingSecured);
        waterSecured = Boolean.TRUE.equals(waterSecured);
        risks = risks == null ? new ArrayList<>() : new ArrayList<>(risks.stream().filter(r -> r != null && !r.isBlank()).distinct().toList());
    }

    /** The next visit's form, prefilled from the last one: its guarantees, income trend and companions. */
    public static VisitCmd after(Visits.Visit last, String key, LocalDate today) {
        return new VisitCmd(key, today, last.companions(), true, last.educationSecured(), last.medicalSecured(),
                last.housingSecured(), last.waterSecured(), last.incomeTrend(), null, List.of(), null);
    }

    /** The empty form of a first visit: everything secured, income unchanged, found at home. */
    public static VisitCmd blank(String key, LocalDate today) {
        return new VisitCmd(key, today, null, true, true, true, true, true, "NONE", null, List.of(), null);
    }
}
