package cn.shouwang.server.insurance.policy;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;

/** The policy forms: a policy (new or changed, with its version) and a premium payment. Messages: i18n/insurance. */
public final class PolicyCmd {
    private PolicyCmd() {}

    /** Suggested figures of a new policy (policy.md §9, the Hunchun pilot: 50 yuan premium, cap 5,000 yuan). */
    public static Save suggested(String areaCode, int year) {
        return new Save(areaCode, year, "", new BigDecimal("50.00"), Coverage.MONITORED, new BigDecimal("10000.00"),
                new BigDecimal("5000.00"), new BigDecimal("10000.00"), new BigDecimal("60"), new BigDecimal("5000.00"), 0);
    }

    public record Save(
            @NotBlank(message = "{insurance.policy.area.required}") @Pattern(regexp = "\\d{12}", message = "{insurance.policy.area.required}")
            String areaCode,
            @NotNull(message = "{insurance.policy.year.required}") @Min(value = 2000, message = "{insurance.policy.year.required}")
            @Max(value = 2100, message = "{insurance.policy.year.required}") Integer year,
            @NotBlank(message = "{insurance.policy.name.required}") @Size(max = 100, message = "{insurance.text.size}") String name,
            @NotNull(message = "{insurance.amount.required}") @DecimalMin(value = "0", message = "{insurance.amount.invalid}")
            @Digits(integer = 12, fraction = 2, message = "{insurance.amount.invalid}") BigDecimal premiumPerPerson,
            @NotNull(message = "{insurance.policy.coverage.required}") Coverage coverage,
            @NotNull(message = "{insurance.amount.required}") @DecimalMin(value = "0", message = "{insurance.amount.invalid}")
            @Digits(integer = 12, fraction = 2, message = "{insurance.amount.invalid}") BigDecimal lineIllness,
            @NotNull(message = "{insurance.amount.required}") @DecimalMin(value = "0", message = "{insurance.amount.invalid}")
            @Digits(integer = 12, fraction = 2, message = "{insurance.amount.invalid}") BigDecimal lineSchooling,
            @NotNull(message = "{insurance.amount.required}") @DecimalMin(value = "0", message = "{insurance.amount.invalid}")
            @Digits(integer = 12, fraction = 2, message = "{insurance.amount.invalid}") BigDecimal lineDisaster,
            @NotNull(message = "{insurance.policy.ratio.invalid}") @DecimalMin(value = "0.01", message = "{insurance.policy.ratio.invalid}")
            @DecimalMax(value = "100", message = "{insurance.policy.ratio.invalid}")
            @Digits(integer = 3, fraction = 2, message = "{insurance.policy.ratio.invalid}") BigDecimal ratioPercent,
            @NotNull(message = "{insurance.amount.required}") @DecimalMin(value = "0.01", message = "{insurance.amount.invalid}")
            @Digits(integer = 12, fraction = 2, message = "{insurance.amount.invalid}") BigDecimal capPerPerson,
            @Nullable Integer version) {

        public Save {
            name = name == null ? "" : name.strip();
        }

        public static Save of(Policy p) {
            return new Save(p.areaCode(), p.year(), p.name(), p.premiumPerPerson(), p.coverage(), p.lineIllness(),
                    p.lineSchooling(), p.lineDisaster(), p.ratioPercent(), p.capPerPerson(), p.version());
        }
    }

    public record Premium(
            @NotNull(message = "{insurance.amount.required}") @DecimalMin(value = "0.01", message = "{insurance.amount.invalid}")
            @Digits(integer = 12, fraction = 2, message = "{insurance.amount.invalid}") BigDecimal amount,
            @NotNull(message = "{insurance.date.required}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate paidOn,
            @NotBlank(message = "{insurance.premium.paidBy.required}") @Size(max = 100, message = "{insurance.text.size}") String paidBy,
            @Nullable @Min(value = 0, message = "{insurance.premium.persons.invalid}") Integer persons,
            @Nullable @Size(max = 500, message = "{insurance.text.size}") String note) {

        public static Premium empty(LocalDate today) {
            return new Premium(null, today, "", null, "");
        }
    }
}
