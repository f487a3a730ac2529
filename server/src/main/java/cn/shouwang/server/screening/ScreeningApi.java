package cn.shouwang.server.screening;

import cn.shouwang.server.access.AreaScope;
import org.jspecify.annotations.Nullable;

/** What other modules may ask of the comparison: the figures the workbench shows. */
public interface ScreeningApi {

    /** The latest compared period within an area, its warnings and how many of them became or joined a lead. */
    record PeriodWarnings(@Nullable String period, long warnings, long takenIn) {}

    /** Warnings of the latest period with a finished run of a county within {@code scope} (period null: none yet). */
    PeriodWarnings latestWarnings(AreaScope scope);
}
