package cn.shouwang.server.projects.asset;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * An asset a project built, as typed: name, kind, owner (type and name), where it is (within the project's area),
 * value and yearly income in yuan, the enterprise or cooperative that runs it and pays the dividends.
 */
public record AssetCmd(
        @NotBlank(message = "{projects.name.required}") @Size(max = 100, message = "{projects.text.size}") String name,
        @NotNull(message = "{projects.asset.kind.required}") AssetKind kind,
        @NotNull(message = "{projects.asset.owner.required}") OwnerType ownerType,
        @Nullable @Size(max = 100, message = "{projects.text.size}") String ownerName,
        @NotBlank(message = "{projects.area.required}") @Pattern(regexp = "\\d{12}", message = "{projects.area.required}") String areaCode,
        @NotNull(message = "{projects.amount.required}") @DecimalMin(value = "0", message = "{projects.amount.negative}") @Digits(integer = 12, fraction = 2, message = "{projects.amount.digits}") BigDecimal value,
        @Nullable @DecimalMin(value = "0", message = "{projects.amount.negative}") @Digits(integer = 12, fraction = 2, message = "{projects.amount.digits}") BigDecimal yearlyIncome,
        @Nullable @Size(max = 100, message = "{projects.text.size}") String managedBy,
        @Nullable Integer version) {

    String ownerNameOrEmpty() { return ownerName == null ? "" : ownerName.strip(); }

    String managedByOrEmpty() { return managedBy == null ? "" : managedBy.strip(); }

    BigDecimal incomeOrZero() { return yearlyIncome == null ? BigDecimal.ZERO : yearlyIncome; }
}
