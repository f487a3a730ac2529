package cn.shouwang.server.household;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** What the command-line tools may ask of the registry: the demo population and the benchmark. */
@Component
public class HouseholdToolsApi {
    private final DemoData demo;
    private final Bench bench;

    HouseholdToolsApi(DemoData demo, Bench bench) {
        this.demo = demo;
        this.bench = bench;
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
