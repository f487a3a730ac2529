package cn.shouwang.server.insurance.claim;

import cn.shouwang.server.insurance.policy.CostType;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/** The claim forms; every step carries the claim's version (a step on a claim changed meanwhile is refused). */
public final class ClaimCmd {
    private ClaimCmd() {}

    public record Open(
            @NotBlank(message = "{insurance.claim.householdNo.required}") @Size(max = 40, message = "{insurance.text.size}")
            String householdNo,
            @Nullable Long memberId,
            @NotNull(message = "{insurance.claim.costType.required}") CostType costType,
            @NotNull(message = "{insurance.policy.year.required}") @Min(value = 2000, message = "{insurance.policy.year.required}")
            @Max(value = 2100, message = "{insurance.policy.year.required}") Integer year,
            @NotNull(message = "{insurance.amount.required}") @DecimalMin(value = "0", message = "{insurance.amount.invalid}")
            @Digits(integer = 12, fraction = 2, message = "{insurance.amount.invalid}") BigDecimal totalCost,
            @NotNull(message = "{insurance.amount.required}") @DecimalMin(value = "0", message = "{insurance.amount.invalid}")
            @Digits(integer = 12, fraction = 2, message = "{insurance.amount.invalid}") BigDecimal reimbursed,
            @NotNull(message = "{insurance.amount.required}") @DecimalMin(value = "0", message = "{insurance.amount.invalid}")
            @Digits(integer = 12, fraction = 2, message = "{insurance.amount.invalid}") BigDecimal outOfPocket,
            @NotBlank(message = "{insurance.claim.evidence.required}") @Size(max = 2000, message = "{insurance.text.size}")
            String evidence,
            @Nullable Long warningId) {}

    public record Investigate(
            @NotNull(message = "{insurance.conflict}") Integer version,
            @NotNull(message = "{insurance.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            @NotBlank(message = "{insurance.claim.findings.required}") @Size(max = 2000, message = "{insurance.text.size}")
            String findings,
            @NotNull(message = "{insurance.amount.required}") @DecimalMin(value = "0", message = "{insurance.amount.invalid}")
            @Digits(integer = 12, fraction = 2, message = "{insurance.amount.invalid}") BigDecimal outOfPocket) {}

    public record Approve(@NotNull(message = "{insurance.conflict}") Integer version) {}

    public record Pay(
            @NotNull(message = "{insurance.conflict}") Integer version,
            @NotNull(message = "{insurance.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate paidOn) {}

    public record Reject(
            @NotNull(message = "{insurance.conflict}") Integer version,
            @NotBlank(message = "{insurance.claim.reason.required}") @Size(max = 1000, message = "{insurance.text.size}")
            String reason) {}
}
