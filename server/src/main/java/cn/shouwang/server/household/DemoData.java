package cn.shouwang.server.household;

import cn.shouwang.core.area.AreaLevel;
import cn.shouwang.core.area.Division;
import cn.shouwang.core.area.DivisionFile;
import cn.shouwang.core.population.PopulationGenerator;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaImportApi;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Areas and a generated population for demos and benchmarks: the real Jilin division list when
 * ../shared/data is beside the repository, else the built-in Siping list; households over Siping's rural villages.
 */
@Service
class DemoData {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    public static final String SIPING = "2203";

    private final AreaApi areas;
    private final AreaImportApi importer;
    private final PopulationLoader loader;
    private final JdbcClient jdbc;
    private final AuditApi audit;
    private final Clock clock;

    DemoData(AreaApi areas, AreaImportApi importer, PopulationLoader loader, JdbcClient jdbc, AuditApi audit, Clock clock) {
        this.areas = areas;
        this.importer = importer;
        this.loader = loader;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Loads the division list as edition "2023" unless an edition is loaded; returns the current edition id. */
    public int ensureAreas() {
        Optional<Integer> current = areas.currentEdition().map(e -> e.id());
        if (current.isPresent()) return current.get();
        DivisionFile.Result file;
        try {
            Optional<Path> shared = DivisionFile.findShared(Path.of(""), "jilin-divisions.csv");
            file = shared.isPresent() ? DivisionFile.read(shared.get()) : DivisionFile.builtInSiping();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AreaImportApi.Outcome o = importer.importEdition("2023", file, true, "demo");
        if (!o.ok()) throw new IllegalStateException("division list refused: " + o.problems().get(0));
        log.info("Loaded {} areas from {}", o.areas(), file.source());
        return o.editionId();
    }

    /** Generates and loads about {@code persons} people over Siping's rural villages, unless households exist. */
    public Optional<PopulationLoader.Loaded> ensurePopulation(long persons, long seed, boolean bulk) {
        int edition = ensureAreas();
        long existing = jdbc.sql("select count(*) from household").query(Long.class).single();
        if (existing > 0) return Optional.empty();
        List<Division> villages = areas.villages(edition, SIPING, 1_000_000).stream()
                .map(a -> new Division(a.code(), a.name(), AreaLevel.VILLAGE, a.parentCode(), null))
                .filter(Division::isRuralVillage).toList();
        if (villages.isEmpty()) throw new IllegalStateException("no rural villages of Siping in the division list");
        long households = PopulationGenerator.householdsForPersons(persons);
        PopulationGenerator gen = new PopulationGenerator(seed, villages, LocalDate.now(clock));
        PopulationLoader.Loaded l = loader.load(gen.households(households), edition, bulk);
        DemoAssets.insert(jdbc);
        audit.record(AuditAction.DEMO_LOAD, null, null, null, List.of(), l.households() + " households, " + l.persons()
                + " persons, seed " + seed);
        log.info("Loaded {} households, {} persons in {} ms", l.households(), l.persons(), l.millis());
        return Optional.of(l);
    }
}
