package cn.shouwang.server.projects.dividend;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** A further payment of a dividend paid short (补发): the amount, the day, the dividend's version when read. */
public record PayCmd(
        @NotNull(message = "{projects.amount.required}") @DecimalMin(value = "0.01", message = "{projects.amount.positive}") @Digits(integer = 12, fraction = 2, message = "{projects.amount.digits}") BigDecimal amount,
        @NotNull(message = "{projects.dividend.paidOn.required}") @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate paidOn,
        @Nullable Integer version) {}
