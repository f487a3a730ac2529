package cn.shouwang.server.household;

import cn.shouwang.core.household.AssetKind;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One household asset as typed on the household page or sent to the API: the kind (a code of {@link AssetKind}, shown
 * by its name), what it is, the value in yuan, the registration day if known. {@code householdVersion} is the
 * household's version when the form was read (optimistic locking, like every registry write).
 */
public record AssetCmd(
        @NotNull(message = "{registry.asset.kind.required}") AssetKind kind,
        @Nullable @Size(max = 100, message = "{text.size}") String description,
        @NotNull(message = "{registry.asset.value.required}") @DecimalMin(value = "0", message = "{registry.income.amount.negative}")
        @Digits(integer = 12, fraction = 2, message = "{registry.income.amount.digits}") BigDecimal value,
        @Nullable LocalDate registeredOn,
        @Nullable Integer householdVersion) {

    static AssetCmd blank(int householdVersion) {
        return new AssetCmd(null, "", null, null, householdVersion);
    }

    static AssetCmd of(HouseholdAssetsApi.Asset a, int householdVersion) {
        return new AssetCmd(a.kind(), a.description(), a.value(), a.registeredOn(), householdVersion);
    }

    String descriptionOrEmpty() { return description == null ? "" : description.strip(); }
}
