package cn.shouwang.server.employment.jobs;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A public-welfare job as typed: post, funding level, monthly pay, the person (a registry member), term, measure. */
public record JobCmd(
        @NotBlank(message = "{employment.job.post.required}") @Size(max = 60, message = "{employment.text.size}") String post,
        @NotNull(message = "{employment.job.fundingLevel.required}") FundingLevel fundingLevel,
        @NotNull(message = "{employment.job.pay.required}") @DecimalMin(value = "0.01", message = "{employment.amount.positive}")
        @Digits(integer = 10, fraction = 2, message = "{employment.amount.digits}") BigDecimal monthlyPay,
        @NotNull(message = "{employment.job.person.required}") Long memberId,
        @NotNull(message = "{employment.job.start.required}") LocalDate startOn,
        @Nullable LocalDate endOn,
        @Nullable Long measureId) {

    /** Who pays the post. */
    public enum FundingLevel { DEPARTMENT, TOWNSHIP, VILLAGE }
}
