package cn.shouwang.server.projects.dividend;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A dividend of an asset to one linked household for a period (a year YYYY or a month YYYY-MM): what is due and what
 * was paid (at most what is due) on which day.
 */
public record DividendCmd(
        @NotNull(message = "{projects.dividend.household.required}") Long householdId,
        @NotBlank(message = "{projects.dividend.period.required}") @Pattern(regexp = "\\d{4}(-(0[1-9]|1[0-2]))?", message = "{projects.dividend.period.required}") String period,
        @NotNull(message = "{projects.amount.required}") @DecimalMin(value = "0", message = "{projects.amount.negative}") @Digits(integer = 12, fraction = 2, message = "{projects.amount.digits}") BigDecimal due,
        @Nullable @DecimalMin(value = "0", message = "{projects.amount.negative}") @Digits(integer = 12, fraction = 2, message = "{projects.amount.digits}") BigDecimal paid,
        @Nullable @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate paidOn) {

    BigDecimal paidOrZero() {
        return paid == null ? BigDecimal.ZERO : paid.setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
