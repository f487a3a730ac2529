package cn.shouwang.server.household.imports;

import cn.shouwang.core.area.AreaLevel;
import cn.shouwang.core.area.Division;
import cn.shouwang.core.population.GeneratedHousehold;
import cn.shouwang.core.population.GeneratedMember;
import cn.shouwang.core.population.PopulationGenerator;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.household.HouseholdFilter;
import cn.shouwang.server.household.PersonListColumn;
import cn.shouwang.server.household.Registry;
import cn.shouwang.server.platform.XlsxWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The import benchmark ({@code ./shouwang bench-import}): writes a synthetic national person list of N persons (CSV,
 * real Jilin villages of Siping from the division list) and a workbook of 100,000 rows, then previews and applies each
 * through the same code as the pages (stream, COPY into staging, set-based classification, one-transaction apply),
 * printing rows per second, wall time and the peak heap of each phase.
 */
@Component
public class ImportBench {
    static final List<PersonListColumn> COLUMNS = List.of(PersonListColumn.ROW_NO, PersonListColumn.COUNTY,
            PersonListColumn.TOWNSHIP, PersonListColumn.VILLAGE, PersonListColumn.VILLAGE_GROUP, PersonListColumn.HOUSEHOLD_NO,
            PersonListColumn.PERSON_NO, PersonListColumn.NAME, PersonListColumn.ID_NUMBER, PersonListColumn.HOUSEHOLD_SIZE,
            PersonListColumn.RELATION, PersonListColumn.HEALTH, PersonListColumn.LABOUR, PersonListColumn.SCHOOLING,
            PersonListColumn.HOUSEHOLD_TYPE, PersonListColumn.INCOME_PER_CAPITA);

    private final RegistryImports imports;
    private final ImportStore store;
    private final AreaApi areas;
    private final Registry registry;

    ImportBench(RegistryImports imports, ImportStore store, AreaApi areas, Registry registry) {
        this.imports = imports;
        this.store = store;
        this.areas = areas;
        this.registry = registry;
    }

    /** Runs the benchmark in {@code dir} (files written there); areas must be loaded. */
    public void run(Path dir, long persons, int workbookRows, long seed) throws IOException {
        Files.createDirectories(dir);
        int edition = areas.currentEdition().orElseThrow().id();
        List<AreaInfo> all = areas.villages(edition, "2203", 1_000_000);
        Set<String> parents = new HashSet<>();
        for (AreaInfo v : all) {
            if (v.parentCode() != null) parents.add(v.parentCode());
            parents.add(v.code().substring(0, 6) + "000000");
        }
        Map<String, String> names = areas.names(edition, parents);
        List<Division> villages = all.stream().map(a -> new Division(a.code(), a.name(), AreaLevel.VILLAGE, a.parentCode(), null))
                .filter(Division::isRuralVillage).toList();
        Map<String, String> villageNames = new java.util.HashMap<>();
        all.forEach(a -> villageNames.put(a.code(), a.name()));

        Path xlsx = dir.resolve("person-list-" + workbookRows + ".xlsx");
        long t0 = System.nanoTime();
        long written = 0;
        try (XlsxWriter x = new XlsxWriter("person list", COLUMNS.stream().map(PersonListColumn::header).toList());
             OutputStream out = Files.newOutputStream(xlsx)) {
            Iterator<GeneratedHousehold> it = new PopulationGenerator(seed + 1, villages, LocalDate.now())
                    .households(PopulationGenerator.householdsForPersons(workbookRows));
            while (it.hasNext() && written < workbookRows) {
                for (List<String> row : rows(it.next(), names, villageNames)) {
                    // household numbers of their own ("W…"): the CSV's generator numbers households the same way
                    row = new java.util.ArrayList<>(row);
                    row.set(5, "W" + row.get(5));
                    row.set(6, "W" + row.get(6));
                    x.row(row);
                    written++;
                }
            }
            x.writeTo(out);
        }
        System.out.printf("wrote %s: %,d rows in %.1f s%n", xlsx.getFileName(), written, (System.nanoTime() - t0) / 1e9);
        Path csv = dir.resolve("person-list-" + persons + ".csv");
        t0 = System.nanoTime();
        written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write(String.join(",", COLUMNS.stream().map(PersonListColumn::header).toList()));
            w.write('\n');
            Iterator<GeneratedHousehold> it = new PopulationGenerator(seed, villages, LocalDate.now())
                    .households(PopulationGenerator.householdsForPersons(persons));
            while (it.hasNext()) {
                for (List<String> row : rows(it.next(), names, villageNames)) {
                    w.write(String.join(",", row));
                    w.write('\n');
                    written++;
                }
            }
        }
        System.out.printf("wrote %s: %,d rows in %.1f s (%,d MB)%n", csv.getFileName(), written,
                (System.nanoTime() - t0) / 1e9, Files.size(csv) >> 20);
        measure(xlsx, workbookRows);
        measure(csv, written);
    }

    private static long row;

    private static List<List<String>> rows(GeneratedHousehold h, Map<String, String> names, Map<String, String> villageNames) {
        String county = names.getOrDefault(h.villageCode().substring(0, 6) + "000000", "");
        String town = names.getOrDefault(h.villageCode().substring(0, 9) + "000", "");
        List<List<String>> out = new java.util.ArrayList<>();
        int n = 0;
        for (GeneratedMember m : h.members()) {
            n++;
            out.add(List.of(String.valueOf(++row), county, town, villageNames.getOrDefault(h.villageCode(), ""),
                    h.villageGroup() == null ? "" : h.villageGroup(), h.householdId(), h.householdId() + String.format("%02d", n),
                    m.name(), m.idNumber(), String.valueOf(h.members().size()), PersonListColumn.relationWord(m.relation()),
                    PersonListColumn.healthWord(m.health()), PersonListColumn.labourWord(m.labourCapacity()),
                    PersonListColumn.schoolingWord(m.schooling()), PersonListColumn.householdTypeWord(h.formerlyPoor()),
                    "9000"));
        }
        return out;
    }

    private void measure(Path file, long rows) throws IOException {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        long t0 = System.nanoTime();
        AreaScope scope = new AreaScope("220300000000");
        long id;
        try (InputStream in = Files.newInputStream(file)) {
            id = imports.store(in, file.getFileName().toString(), scope, null, "bench");
        }
        long t1 = System.nanoTime();
        imports.parse(id, scope);
        long t2 = System.nanoTime();
        ImportStore.Import imp = store.find(id).orElseThrow();
        if (imp.state() != ImportStore.State.PREVIEWED) {
            System.out.printf("%s: %s %s%n", file.getFileName(), imp.state(), imp.failureCode());
            return;
        }
        // the registry's pages while the apply runs: the household list of the city and a name search, as the
        // registry page runs them, timed before the apply (idle) and every half second during it
        Searches idle = new Searches();
        for (int k = 0; k < 4; k++) idle.once(scope, k);
        Searches during = new Searches();
        Thread probe = new Thread(() -> {
            for (int k = 0; !Thread.currentThread().isInterrupted(); k++) {
                during.once(scope, k);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-search-probe");
        probe.setDaemon(true);
        probe.start();
        imports.applyNow(id, true, null, "bench");
        long t3 = System.nanoTime();
        probe.interrupt();
        try {
            probe.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        imp = store.find(id).orElseThrow();
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        double total = (t3 - t0) / 1e9;
        System.out.printf("%s: %,d rows; store (seal + SHA-256) %.1f s, read + preview %.1f s, apply %.1f s; total %.1f s = %,.0f rows/s;"
                        + " peak heap %,d MB; state %s: %,d households and %,d persons new, %,d problem rows%n",
                file.getFileName(), rows, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, total, rows / total, peak >> 20,
                imp.state(), imp.count("appliedHouseholdsNew"), imp.count("appliedPersonsNew"), imp.count("problemRows"));
        System.out.printf("%s: registry searches (household list of the city, name search) before the apply %s; during the apply %s%n",
                file.getFileName(), idle, during);
    }

    /** Latencies of the registry page's searches (ms). */
    private final class Searches {
        private final List<Long> ms = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        void once(AreaScope scope, int k) {
            long t = System.nanoTime();
            // the list page (no query) and a name search by a common surname, in turn
            registry.search(new HouseholdFilter(k % 2 == 0 ? null : "\u5f20", null, null, null, null, 1, 20), scope);
            ms.add((System.nanoTime() - t) / 1_000_000);
        }

        @Override
        public String toString() {
            List<Long> sorted;
            synchronized (ms) {
                sorted = ms.stream().sorted().toList();
            }
            if (sorted.isEmpty()) return "none";
            return String.format("%d searches, median %d ms, max %d ms", sorted.size(), sorted.get(sorted.size() / 2),
                    sorted.get(sorted.size() - 1));
        }
    }
}
