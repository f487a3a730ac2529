package cn.shouwang.server.household;

import cn.shouwang.server.access.AreaScope;
import java.math.BigDecimal;
import java.util.List;

/**
 * Income paid to a household by another module (issues 18 and 19: insurance payouts, social assistance, dividends,
 * public-welfare jobs' wages), added to the household's income of a year (table {@code household_income_credit},
 * household V16). The paying module calls {@link #credit} inside its own transaction, so the payment and the income are
 * committed together or not at all.
 */
public interface HouseholdIncomeApi {

    /** Which item of the year's income a payment adds to (feeds.md's incomes.csv columns). */
    enum Item { WAGES, BUSINESS, PROPERTY, TRANSFERS }

    /**
     * One payment into a household's income.
     *
     * @param householdId the household
     * @param year        the income year it counts in (the year it was paid)
     * @param item        the item it adds to (an insurance payout or assistance: TRANSFERS; a dividend: PROPERTY; a
     *                    job's wages: WAGES)
     * @param amount      yuan, two decimals; negative to reverse an earlier credit (never below zero in total)
     * @param source      the kind of payment, upper-case (e.g. INSURANCE_PAYOUT); its name is the bundle key
     *                    {@code registry.income.credit.source.<source>}, which the paying module adds
     * @param sourceRef   the paying module's own id of this payment (e.g. {@code claim-17}); with {@code source}, unique:
     *                    a second call with the same pair changes nothing
     * @param note        a short text shown on the household page (e.g. the claim's number), may be empty
     */
    record IncomeCredit(long householdId, int year, Item item, BigDecimal amount, String source, String sourceRef,
                        String note) {}

    /**
     * Adds the payment to the household's income of its year (creating the year with zeros if none is recorded), bumps
     * the household's version (a household form opened before it must be reloaded: no silent overwrite), and appends an
     * audit row {@code INCOME_CREDIT} to the household's history. Joins the caller's transaction.
     *
     * @return false when this {@code source}/{@code sourceRef} was credited before (nothing written)
     * @throws IllegalArgumentException when the household is not inside {@code scope}, or a reversal would take the
     *                                  item below zero
     */
    boolean credit(IncomeCredit credit, AreaScope scope);

    /** A line of the household page's income table: what reached the household from elsewhere. */
    record CreditLine(int year, Item item, BigDecimal amount, String source, String note) {}

    /** The household's credited payments, newest year first (the caller has checked the household's scope). */
    List<CreditLine> credits(long householdId);
}
