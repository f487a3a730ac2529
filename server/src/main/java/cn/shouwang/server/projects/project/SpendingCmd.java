package cn.shouwang.server.projects.project;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.YearMonth;
import org.jspecify.annotations.Nullable;

/**
 * Spending of one month (YYYY-MM, the month input) on a project: an amount in yuan (negative to correct an earlier line)
 * and a note; {@code version} is the project's when the form was read.
 */
public record SpendingCmd(
        @NotBlank(message = "{projects.month.required}") @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "{projects.month.required}") String month,
        @NotNull(message = "{projects.amount.required}") @Digits(integer = 12, fraction = 2, message = "{projects.amount.digits}") BigDecimal amount,
        @Nullable @Size(max = 200, message = "{projects.text.size}") String note,
        @Nullable Integer version) {

    public YearMonth yearMonth() {
        return YearMonth.parse(month);
    }
}
