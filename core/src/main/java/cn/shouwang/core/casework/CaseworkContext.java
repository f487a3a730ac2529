package cn.shouwang.core.casework;

import java.time.Clock;
import java.time.LocalDate;

/** What a casework rule needs besides the command: the clock, the settings, the code lists and the income lines. */
public record CaseworkContext(Clock clock, CaseworkSettings settings, CodeList categories, CodeList riskTypes,
                              IncomeLines incomeLines) {

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
