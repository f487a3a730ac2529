package cn.shouwang.server.credit.loans;

import jakarta.validation.constraints.DecimalMax;
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

/** A micro-credit loan as typed: household (by number), bank, amount, rate, term, purpose, guarantee, dates, measure. */
public record LoanCmd(
        @NotBlank(message = "{credit.loan.household.required}") String householdNo,
        @NotBlank(message = "{credit.loan.bank.required}") @Size(max = 60, message = "{credit.text.size}") String bank,
        @NotNull(message = "{credit.loan.amount.required}") @DecimalMin(value = "0.01", message = "{credit.amount.positive}")
        @Digits(integer = 10, fraction = 2, message = "{credit.amount.digits}") BigDecimal amount,
        @NotNull(message = "{credit.loan.rate.required}") @DecimalMin(value = "0", message = "{credit.loan.rate.range}")
        @DecimalMax(value = "99.999", message = "{credit.loan.rate.range}") @Digits(integer = 2, fraction = 3, message = "{credit.loan.rate.range}") BigDecimal rate,
        @NotNull(message = "{credit.loan.term.required}") @Min(value = 1, message = "{credit.loan.term.range}") @Max(value = 120, message = "{credit.loan.term.range}") Integer termMonths,
        @NotBlank(message = "{credit.loan.purpose.required}") @Size(max = 100, message = "{credit.text.size}") String purpose,
        @Nullable @Size(max = 100, message = "{credit.text.size}") String guarantee,
        @NotNull(message = "{credit.loan.disbursed.required}") LocalDate disbursedOn,
        @Nullable LocalDate dueOn,
        @Nullable Long measureId) {}
