package cn.shouwang.server.household;

import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.access.AreaScope;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What other modules may ask the registry (the comparison looks people up by id number). It answers area's
 * {@link cn.shouwang.server.area.EditionUseApi} too: whether a household is registered under an edition.
 */
public interface HouseholdApi extends cn.shouwang.server.area.EditionUseApi {

    /** Whether any household is registered under an area of edition {@code editionId} (one indexed query). */
    @Override
    boolean anyInEdition(int editionId);

    /** The member with this id number, if registered in a household within {@code scope}. */
    Optional<Views.Member> findMember(IdNumber id, AreaScope scope);

    /** The household, if within {@code scope}. */
    Optional<Views.Household> findHousehold(long id, AreaScope scope);

    /** Households in the registry and their ACTIVE members within {@code scope}. */
    record Counts(long households, long persons) {}

    /** The registry's size within {@code scope}, from the per-village counts (V14): cheap for a whole city. */
    Counts counts(AreaScope scope);

    /**
     * The registry's size of each of these villages inside {@code scope} (one query on the per-village counts): a page
     * of the village list (一村一档). Villages outside the scope or without households are absent.
     */
    java.util.Map<String, Counts> countsByVillage(java.util.Collection<String> villageCodes, AreaScope scope);

    /** A household as a pick list shows it: never id numbers or phones. */
    record Pick(String householdNo, @Nullable String villageName, @Nullable String villageGroup,
                @Nullable String headName) {}

    /**
     * Up to {@code limit} households within {@code scope} whose household number starts with {@code q} or one of
     * whose members' names contains it, by household number; nothing for fewer than 2 characters or for anything
     * that looks like an id number (pick lists are asked by GET, and id numbers stay out of URLs).
     */
    List<Pick> pick(String q, AreaScope scope, int limit);

    /**
     * The registry of one county as the comparison reads it (feeds.md's registry files), handed over row by row:
     * every household (with its household number), then every member, then every income year. Id numbers come
     * decrypted, in memory only; no health, name or phone. household id = the database id. Streamed with a cursor inside the caller's
     * transaction (call it within one, or PostgreSQL sends all rows at once).
     */
    void streamForScreening(AreaScope county, ScreeningRows rows);

    /** Receives {@link #streamForScreening}'s rows, on the caller's thread. */
    interface ScreeningRows {
        /** {@code headIdNumber}: the ACTIVE head's id number, null when the household has none. */
        void household(long householdId, String householdNo, String villageCode, @Nullable String headIdNumber,
                       boolean formerlyPoor);

        /** relation, labour capacity and status as the enum names of core's household package. */
        void member(long householdId, String idNumber, String relation, String labourCapacity, String status);

        /** The six amounts of household_income in yuan. */
        void income(long householdId, int year, java.math.BigDecimal wages, java.math.BigDecimal business,
                    java.math.BigDecimal property, java.math.BigDecimal transfers, java.math.BigDecimal productionCosts,
                    java.math.BigDecimal eligibleOutOfPocket);
    }

    /** A household as casework refers to it: head's name ('' without an active head) and active members. */
    record Ref(long id, String householdNo, String villageCode, String headName, int members) {}

    /** The household, if within {@code scope}. */
    Optional<Ref> ref(long id, AreaScope scope);

    /** The household with this number, if within {@code scope}. */
    Optional<Ref> refByNo(String householdNo, AreaScope scope);

    /** The households of these ids within {@code scope}, by id (one query; ids outside or unknown are absent). */
    java.util.Map<Long, Ref> refs(java.util.Collection<Long> ids, AreaScope scope);

    /**
     * The ACTIVE head's id number of each of these households within {@code scope}, decrypted (one query; households
     * outside, unknown or without an active head are absent). For a file the caller hands only to a reader who may see
     * id numbers in full (projects: the comparison's enterprise_payments file), audited by the caller.
     */
    java.util.Map<Long, String> headIdNumbers(java.util.Collection<Long> ids, AreaScope scope);

    /**
     * A member as a ledger lists them: name, relation (the code, HEAD first), id number masked or, when the caller
     * asked for it (and answers for the audit), in full; the household number.
     */
    record LedgerMember(long householdId, String householdNo, String name, String relation, String idNumber) {}

    /**
     * The ACTIVE members of each of these households within {@code scope} (one query; households outside or unknown
     * are absent), the head first, then by id. {@code fullIdNumbers}: decrypted id numbers, for a reader who may see
     * them and chose to, audited by the caller; otherwise masked.
     */
    java.util.Map<Long, List<LedgerMember>> ledgerMembers(java.util.Collection<Long> householdIds, AreaScope scope,
                                                          boolean fullIdNumbers);

    /** The household of the member with this id-number hash ({@code PersonalDataApi.idNumberHash}), in one village. */
    Optional<Long> householdOfIdNumberHash(byte[] idNumberHash, String villageCode);

    /** What casework's checks need of a member; the disability certificate is opened from the sealed health. */
    record MemberFacts(MemberStatus status, LabourCapacity labourCapacity, boolean disabilityCertificate,
                       boolean medicalInsurance) {}

    /** Every member of the household (any status), for the elimination checks. */
    List<MemberFacts> memberFacts(long householdId);

    /** The members of each of these households (one query, by id array), for checks over many households. */
    java.util.Map<Long, List<MemberFacts>> memberFacts(java.util.Collection<Long> householdIds);

    /** Household numbers by id (one query); ids not in the registry are absent. */
    java.util.Map<Long, String> householdNumbers(java.util.Collection<Long> householdIds);

    /**
     * Up to {@code limit} households within {@code scope} that have an active head, those of {@code firstVillage}
     * first, then by village and id (demo data).
     */
    List<Long> withActiveHead(AreaScope scope, String firstVillage, int limit);

    /** The household's 村民小组, if any. */
    Optional<String> villageGroup(long householdId);

    /**
     * The household's village now (any scope): what a listener of {@link HouseholdMoved} writes, so that repeated
     * deliveries and two moves arriving in either order end in the same place.
     */
    Optional<String> villageOf(long householdId);

    // ---- per-capita comparison values (household V7), for the what-if of an income line ----------------------

    /**
     * One village's households below today's line and below a proposed one, for an income year: households,
     * ACTIVE persons and the gap (what it would cost to lift each to the line: line × members − (net income −
     * eligible out-of-pocket)), and of those below the proposed line the ones that are not below today's
     * ({@code newly…}). Yuan.
     */
    record BelowLine(String villageCode, long householdsToday, long personsToday, java.math.BigDecimal gapToday,
                     long householdsProposed, long personsProposed, java.math.BigDecimal gapProposed,
                     long householdsNewly, long personsNewly, java.math.BigDecimal gapNewly) {}

    /**
     * Per village of {@code scope} that has any, the households of an income year below the lines: today's line per
     * county ({@code todayByCounty}: 6-digit county code → yuan per person; a county without a line counts none
     * below today) and {@code proposed}. "Below" is the comparison's test (feeds.md INCOME_BELOW_LINE): the
     * household's (net income − eligible out-of-pocket) ÷ ACTIVE members is less than the line; households without an
     * ACTIVE member are left out. One range scan of the per-capita index, grouped by village.
     */
    List<BelowLine> belowLine(AreaScope scope, int year, java.util.Map<String, java.math.BigDecimal> todayByCounty,
                              java.math.BigDecimal proposed);

    /** A household that would newly fall below the proposed line: per-capita value (two decimals) and its gap. */
    record NewlyBelow(long householdId, String householdNo, String villageCode, int members,
                      java.math.BigDecimal perCapita, java.math.BigDecimal gap) {}

    /**
     * The households of {@link #belowLine}'s {@code householdsNewly}, by village and household number, handed over
     * one by one (streamed; at most {@code limit}).
     */
    void newlyBelow(AreaScope scope, int year, java.util.Map<String, java.math.BigDecimal> todayByCounty,
                    java.math.BigDecimal proposed, int limit, java.util.function.Consumer<NewlyBelow> rows);

    /**
     * A household's latest income year with a per-capita comparison value (household V7): the year and the value
     * (net income − eligible out-of-pocket) ÷ ACTIVE members, unrounded, as the comparison tests it against a line.
     */
    record LatestPerCapita(int year, java.math.BigDecimal value) {}

    /** {@link LatestPerCapita} of each of these households that has one (one query by id array). */
    java.util.Map<Long, LatestPerCapita> latestPerCapita(java.util.Collection<Long> householdIds);

    /**
     * 脱贫户分类 figures within {@code scope}: formerly-poor households per class code (key "" for those not
     * classified) and how many of the classified are due for their yearly review; the same counts as the worklist
     * {@code /households/classes} shows (household V13).
     */
    record ClassFigures(java.util.Map<String, Long> byClass, long due, java.util.Map<String, String> classNames) {}

    /** {@link ClassFigures} of an area, class names in the language of {@code locale}. */
    ClassFigures classFigures(AreaScope scope, java.util.Locale locale);

    /** The income years that have per-capita values within {@code scope}, newest first. */
    List<Integer> incomeYears(AreaScope scope);

    /**
     * The household's latest itemised income year inside the scope (empty when none, or outside the scope): what a
     * home verification starts from.
     */
    Optional<Views.Income> latestIncome(long householdId, AreaScope scope);

    /**
     * A member as the registers beside the core name a person they employ or pay (issue 19: a public-welfare job's
     * worker): household, village, name and status, never id numbers or phones.
     */
    record MemberRef(long id, long householdId, String householdNo, String villageCode, String name, String status) {}

    /** The members of these ids within {@code scope}, by id (one query; ids outside or unknown are absent). */
    java.util.Map<Long, MemberRef> memberRefs(java.util.Collection<Long> memberIds, AreaScope scope);

    /**
     * A household as a worklist shows it: the head's name ('' without an ACTIVE head), ACTIVE members, 村民小组 and
     * whether it is formerly poor; never id numbers or phones.
     */
    record RosterRow(long id, String householdNo, String villageCode, @Nullable String villageGroup, String headName,
                     int members, boolean formerlyPoor) {}

    /**
     * Every household within {@code scope}, by village and household number, handed over one by one (one query
     * grouped over the members): the field worklist of a village, a township or a county.
     */
    void roster(AreaScope scope, java.util.function.Consumer<RosterRow> rows);

    /**
     * The registry's version of every household within {@code scope} (one query): what a phone caches with the
     * household, so that an offline visit sent later can tell whether the household changed meanwhile (issue 13).
     */
    java.util.Map<Long, Integer> versions(AreaScope scope);
}
