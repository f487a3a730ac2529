package cn.shouwang.server.screening;

import cn.shouwang.server.access.AreaScope;
import org.springframework.stereotype.Component;

/** What the command-line tools may ask of the comparison: timing the registry read and a whole run (benchmarks only). */
@Component
public class ScreeningToolsApi {
    private final RegistryRowsFromDatabase registry;
    private final WhatIf whatIf;
    private final RunBench runBench;

    ScreeningToolsApi(RegistryRowsFromDatabase registry, WhatIf whatIf, RunBench runBench) {
        this.registry = registry;
        this.whatIf = whatIf;
        this.runBench = runBench;
    }

    /**
     * {@code bench-run}: department files for the registry of {@code scope} written (unless in {@code filesDir}) and
     * uploaded (unless the period has uploads), then {@code times} runs timed phase by phase to the warnings shown.
     */
    public void benchRun(AreaScope scope, String period, java.nio.file.Path filesDir, int times, java.io.PrintStream out)
            throws java.io.IOException {
        runBench.run(scope, period, filesDir, times, out);
    }

    /** One what-if as the page computes it: the area's totals and the time taken. */
    public record WhatIfTiming(long householdsToday, long personsToday, java.math.BigDecimal gapToday,
                               long householdsProposed, long personsProposed, java.math.BigDecimal gapProposed,
                               long householdsNewly, long personsNewly, java.math.BigDecimal gapNewly, int villages,
                               long millis) {}

    /** The income years with per-capita values in {@code scope}, newest first. */
    public java.util.List<Integer> incomeYears(AreaScope scope) {
        return whatIf.years(scope);
    }

    /**
     * Computes the what-if of {@code proposed} for {@code scope} as the page does, with today's line {@code today}
     * at every county (the bench database has no 监测标准).
     */
    public WhatIfTiming timeWhatIf(AreaScope scope, int year, java.math.BigDecimal proposed, java.math.BigDecimal today) {
        java.util.Map<String, java.math.BigDecimal> lines = new java.util.HashMap<>();
        for (String c : whatIf.countyCodes(scope)) lines.put(c.substring(0, 6), today);
        long t0 = System.nanoTime();
        WhatIf.Result r = whatIf.compute(scope, year, proposed, lines);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        WhatIf.Figures f = r.total();
        int villages = r.townships().stream().mapToInt(t -> t.villages().size()).sum();
        return new WhatIfTiming(f.householdsToday(), f.personsToday(), f.gapToday(), f.householdsProposed(),
                f.personsProposed(), f.gapProposed(), f.householdsNewly(), f.personsNewly(), f.gapNewly(), villages, ms);
    }

    /** Rows handed over and time taken by one read of {@code scope}'s registry. */
    public record ReadTiming(long rows, long millis) {}

    /** Reads the registry of {@code scope} as a comparison run does (in memory, id numbers decrypted), counting rows. */
    public ReadTiming timeRegistryRead(AreaScope scope) {
        long t0 = System.nanoTime();
        long rows = registry.count(scope);
        return new ReadTiming(rows, (System.nanoTime() - t0) / 1_000_000);
    }
}
