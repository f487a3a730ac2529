package cn.shouwang.core.population;

import cn.shouwang.core.household.MonitoringCategory;
import cn.shouwang.core.household.RiskType;
import java.time.YearMonth;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A generated household's monitoring history: identified in a month, possibly eliminated later. */
public record MonitoringRecord(MonitoringCategory category, List<RiskType> riskTypes, YearMonth identifiedMonth,
                               @Nullable YearMonth eliminatedMonth) {
    public boolean eliminated() {
        return eliminatedMonth != null;
    }
}
