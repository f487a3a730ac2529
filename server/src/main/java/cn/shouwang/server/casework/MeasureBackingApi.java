package cn.shouwang.server.casework;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What backs a household's plan measures in the registers beside the core (issues 18 and 19): a social-assistance
 * grant behind a 综合保障 floor measure, a public-welfare job behind a 公益岗位 measure, a loan behind a 金融帮扶 measure.
 * The link is kept by the higher module (it chose the measure from {@link CaseworkApi#measuresOf}); casework asks every
 * implementation when it shows the plan, so the monitored household's page says what each measure rests on without
 * casework depending on those modules.
 */
public interface MeasureBackingApi {

    /**
     * This module's records behind the household's measures, by measure id (measures with nothing behind them absent).
     * The caller has checked the household's scope.
     */
    Map<Long, List<Backing>> backings(long householdId);

    /**
     * One line under a measure.
     *
     * @param labelKey message key naming the kind of record (e.g. {@code nav.employment})
     * @param text     what it is, as shown (e.g. "保洁员 800.00 元/月")
     * @param link     the record's page, or null
     */
    record Backing(String labelKey, String text, @Nullable String link) {}
}
