package cn.shouwang.server.screening;

import cn.shouwang.screening.run.RegistryRows;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.household.HouseholdApi;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registry of one county handed to the engine in memory ({@link RegistryRows}): households, members and incomes
 * from the household module ({@link HouseholdApi#streamForScreening}, id numbers decrypted row by row), monitored
 * households from casework ({@link CaseworkApi#monitoredForScreening}). household_id = the database id, so a
 * warning finds its household without a lookup table. Nothing is written to disk.
 */
@Component
class RegistryRowsFromDatabase {
    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final TransactionTemplate tx;

    RegistryRowsFromDatabase(HouseholdApi households, CaseworkApi casework, TransactionTemplate tx) {
        this.households = households;
        this.casework = casework;
        this.tx = tx;
    }

    /**
     * The county's rows for the engine; each household's village and number are put into {@code villages} (household
     * id → {@link RunResults.Household}) on the way, for storing the warnings. Read inside the caller's transaction
     * (the cursor streams).
     */
    RegistryRows rows(AreaScope county, Map<String, RunResults.Household> villages) {
        return sink -> {
            households.streamForScreening(county, new HouseholdApi.ScreeningRows() {
                @Override public void household(long id, String householdNo, String villageCode, String head,
                                                boolean formerlyPoor) {
                    String hid = Long.toString(id);
                    villages.put(hid, new RunResults.Household(villageCode, householdNo));
                    sink.household(hid, villageCode, head == null ? "" : head, formerlyPoor ? "Y" : "N");
                }

                @Override public void member(long householdId, String idNumber, String relation, String labourCapacity,
                                             String status) {
                    sink.member(Long.toString(householdId), idNumber, relation, labourCapacity, status);
                }

                @Override public void income(long householdId, int year, BigDecimal wages, BigDecimal business,
                                             BigDecimal property, BigDecimal transfers, BigDecimal productionCosts,
                                             BigDecimal eligibleOutOfPocket) {
                    sink.income(Long.toString(householdId), Integer.toString(year), wages.toPlainString(),
                            business.toPlainString(), property.toPlainString(), transfers.toPlainString(),
                            productionCosts.toPlainString(), eligibleOutOfPocket.toPlainString());
                }
            });
            casework.monitoredForScreening(county, (householdId, category, riskTypes, identifiedMonth, stillMonitored) ->
                    sink.monitored(Long.toString(householdId), category, String.join(";", riskTypes), identifiedMonth,
                            stillMonitored ? "MONITORED" : "ELIMINATED"));
        };
    }

    /** Rows of one read of {@code scope} (benchmark). */
    long count(AreaScope scope) {
        AtomicLong n = new AtomicLong();
        RegistryRows.Sink counting = new RegistryRows.Sink() {
            @Override public void household(String a, String b, String c, String d) { n.incrementAndGet(); }

            @Override public void member(String a, String b, String c, String d, String e) { n.incrementAndGet(); }

            @Override public void income(String a, String b, String c, String d, String e, String f, String g, String h) {
                n.incrementAndGet();
            }

            @Override public void monitored(String a, String b, String c, String d, String e) { n.incrementAndGet(); }
        };
        tx.executeWithoutResult(s -> {
            try {
                rows(scope, new java.util.HashMap<>()).supply(counting);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return n.get();
    }
}
