package cn.shouwang.server.household;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * One year of a household's income as typed (yuan, policy.md §2): the six items of household.household_income.
 * A year after this one is refused by the registry, which knows today.
 * {@code householdVersion} is the household's version when the form was read (optimistic locking).
 */
public record IncomeCmd(
        @NotNull(message = "{registry.income.year.required}")
        @Min(value = Registry.FIRST_INCOME_YEAR, message = "{registry.income.year.min}") Integer year,
        @NotNull(message = "{registry.income.amount.required}") @DecimalMin(value = "0", message = "{registry.income.amount.negative}")
        @Digits(integer = 10, fraction = 2, message = "{registry.income.amount.digits}") BigDecimal wages,
        @NotNull(message = "{registry.income.amount.required}") @DecimalMin(value = "0", message = "{registry.income.amount.negative}")
        @Digits(integer = 10, fraction = 2, message = "{registry.income.amount.digits}") BigDecimal business,
        @NotNull(message = "{registry.income.amount.required}") @DecimalMin(value = "0", message = "{registry.income.amount.negative}")
        @Digits(integer = 10, fraction = 2, message = "{registry.income.amount.digits}") BigDecimal property,
        @NotNull(message = "{registry.income.amount.required}") @DecimalMin(value = "0", message = "{registry.income.amount.negative}")
        @Digits(integer = 10, fraction = 2, message = "{registry.income.amount.digits}") BigDecimal transfers,
        @NotNull(message = "{registry.income.amount.required}") @DecimalMin(value = "0", message = "{registry.income.amount.negative}")
        @Digits(integer = 10, fraction = 2, message = "{registry.income.amount.digits}") BigDecimal productionCosts,
        @NotNull(message = "{registry.income.amount.required}") @DecimalMin(value = "0", message = "{registry.income.amount.negative}")
        @Digits(integer = 10, fraction = 2, message = "{registry.income.amount.digits}") BigDecimal eligibleOutOfPocket,
        @Nullable Integer householdVersion) {

    /** A blank form for a new year. */
    static IncomeCmd blank(@Nullable Integer year, @Nullable Integer householdVersion) {
        return new IncomeCmd(year, null, null, null, null, null, null, householdVersion);
    }

    /** The stored year, to be corrected. */
    static IncomeCmd of(Views.Income i, int householdVersion) {
        return new IncomeCmd(i.year(), i.wages(), i.business(), i.property(), i.transfers(), i.productionCosts(),
                i.eligibleOutOfPocket(), householdVersion);
    }

    /** The same values for another year (a correction keeps the year of its address). */
    IncomeCmd withYear(int y) {
        return new IncomeCmd(y, wages, business, property, transfers, productionCosts, eligibleOutOfPocket, householdVersion);
    }
}
