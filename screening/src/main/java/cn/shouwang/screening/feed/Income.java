package cn.shouwang.screening.feed;

import java.io.Serializable;

/** A row of incomes.csv; amounts in fen. */
public record Income(String householdId, int year, long wages, long business, long property, long transfers,
                     long productionCosts, long eligibleOutOfPocket, int line) implements Serializable {
    /** wages + business + property + transfers − production_costs. */
    public long net() { return wages + business + property + transfers - productionCosts; }

    /** wages + business + property + transfers. */
    public long gross() { return wages + business + property + transfers; }
}
