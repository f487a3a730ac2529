package cn.shouwang.core.casework;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a casework rule needs besides the command: the clock, the settings, the code lists, the income lines and which
 * monitoring categories a new identification may record ({@code openCategories}: the codes the region leaves open on
 * the day judged, null: every active one). The server builds it for the day of the decision (标准调整).
 */
public record CaseworkContext(Clock clock, CaseworkSettings settings, CodeList categories, CodeList riskTypes,
                              IncomeLines incomeLines, @Nullable Set<String> openCategories) {

    public CaseworkContext(Clock clock, CaseworkSettings settings, CodeList categories, CodeList riskTypes,
                           IncomeLines incomeLines) {
        this(clock, settings, categories, riskTypes, incomeLines, null);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * The categories a new identification may record, in the code list's order: the active ones the region leaves
     * open. Empty: the region identifies without categories (a province may switch them off; households identified
     * before keep theirs).
     */
    public List<String> categoriesForNew() {
        return categories.codes().stream().filter(CodeList.Code::active)
                .filter(c -> openCategories == null || openCategories.contains(c.code())).map(CodeList.Code::code).toList();
    }
}
