package cn.shouwang.screening.feed;

import cn.shouwang.core.household.RiskType;
import java.io.Serializable;

/** A row of monitored.csv. {@code riskTypes} is a bit set over {@link RiskType#ordinal()}. */
public record MonitoredRow(String householdId, int riskTypes, boolean monitored, int line) implements Serializable {
    public boolean has(RiskType t) { return (riskTypes & (1 << t.ordinal())) != 0; }
}
