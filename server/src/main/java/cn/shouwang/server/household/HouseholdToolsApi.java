package cn.shouwang.server.household;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** What the command-line tools may ask of the registry: the demo population and the benchmark. */
@Component
public class HouseholdToolsApi {
    private final DemoData demo;
    private final Bench bench;
    private final cn.shouwang.server.household.imports.ImportBench importBench;

    HouseholdToolsApi(DemoData demo, Bench bench, cn.shouwang.server.household.imports.ImportBench importBench) {
        this.demo = demo;
        this.bench = bench;
        this.importBench = importBench;
    }

    /**
     * The import benchmark: loads the areas (if none), writes a person list CSV of {@code persons} and a workbook of
     * {@code workbookRows} into {@code dir}, previews and applies each, printing rows/s, wall time and peak heap.
     */
    public void importBenchmark(java.nio.file.Path dir, long persons, int workbookRows, long seed) throws java.io.IOException {
        demo.ensureAreas();
        importBench.run(dir, persons, workbookRows, seed);
    }

    /** Loads areas (if none) and about {@code persons} generated people (if no household yet); a summary line. */
    public Optional<String> loadDemo(long persons, long seed) {
        return demo.ensurePopulation(persons, seed, persons > 200_000)
                .map(l -> l.households() + " households, " + l.persons() + " persons in " + l.millis() + " ms");
    }

    /** Loads N persons if the database is empty, then prints lookup and search percentiles to stdout. */
    public void benchmark(long persons, long seed, int queries) {
        bench.run(persons, seed, queries);
    }
}
