package cn.shouwang.server.household;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** What the command-line tools may ask of the registry: the demo population and the benchmark. */
@Component
public class HouseholdToolsApi {
    private final DemoData demo;
    private final Bench bench;
    private final cn.shouwang.server.household.imports.ImportBench importBench;

    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    HouseholdToolsApi(DemoData demo, Bench bench, cn.shouwang.server.household.imports.ImportBench importBench,
                      org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /** A household for the figures benchmark: its id, village and ACTIVE members. */
    public record BenchHousehold(long id, String villageCode, int members) {}

    /**
     * Every {@code every}-th household (by id) of the scope with an active member, at most {@code limit}: the
     * households the figures benchmark (bench-figures) makes monitored, spread over the whole scope.
     */
    public java.util.List<BenchHousehold> sample(cn.shouwang.server.access.AreaScope scope, int every, int limit) {
        return jdbc.sql("""
                select h.id, h.village_code, count(m.id) filter (where m.status = 'ACTIVE')
                  from household h join member m on m.household_id = h.id
                 where h.village_code between :lo and :hi and h.id % :every = 0
                 group by h.id, h.village_code having count(m.id) filter (where m.status = 'ACTIVE') > 0
                 order by h.id limit :limit""")
                .param("lo", scope.lowestCode()).param("hi", scope.highestCode()).param("every", every)
                .param("limit", limit)
                .query((rs, i) -> new BenchHousehold(rs.getLong(1), rs.getString(2), rs.getInt(3))).list();
    }

    /** Loads N persons if the database is empty, then prints lookup and search percentiles to stdout. */
    public void benchmark(long persons, long seed, int queries) {
        bench.run(persons, seed, queries);
    }
}
