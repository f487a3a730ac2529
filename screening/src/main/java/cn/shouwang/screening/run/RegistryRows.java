package cn.shouwang.screening.run;

/**
 * The registry handed to the engine in memory, by a caller that holds it elsewhere (the server's database): the
 * caller pushes every household, then every member, then the incomes, then the monitored households, in that
 * order, each value as text in the form of feeds.md's registry files. The engine parses each row exactly as a line
 * of those files ({@code RowParser}), numbering rows per kind from 2 as if after a header, so rejects name
 * {@code members} line N for the N-1th member pushed.
 */
@FunctionalInterface
public interface RegistryRows {

    /** Pushes the whole registry into {@code sink}; called once, on the thread that started the run. */
    void supply(Sink sink) throws Exception;

    /** Receives the rows; out-of-order kinds are refused with an {@link IllegalStateException}. */
    interface Sink {
        /** households.csv: household_id, area_code, head_id_number (may be empty), formerly_poor (Y/N). */
        void household(String householdId, String areaCode, String headIdNumber, String formerlyPoor);

        /** members.csv: household_id, id_number, relation, labour_capacity, status (name is not read). */
        void member(String householdId, String idNumber, String relation, String labourCapacity, String status);

        /** incomes.csv: household_id, year and the six amounts in yuan. */
        void income(String householdId, String year, String wages, String business, String property, String transfers,
                    String productionCosts, String eligibleOutOfPocket);

        /** monitored.csv: household_id, category, risk_types (;-separated), identified_month (YYYY-MM), status. */
        void monitored(String householdId, String category, String riskTypes, String identifiedMonth, String status);
    }
}
