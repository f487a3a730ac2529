package cn.shouwang.server.household;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The registry benchmark: load N generated persons (COPY, encrypted), then time the same calls the pages make —
 * an id-number lookup (keyed hash, city scope) and a name search within one county (first page of 20 and the
 * total count) — and print percentiles. Not a test: run it with {@code ./shouwang bench --persons 1000000}.
 */
@Component
class Bench {
    private final DemoData demo;
    private final Registry registry;
    private final JdbcClient jdbc;
    private final PersonalDataApi pd;

    Bench(DemoData demo, Registry registry, JdbcClient jdbc, PersonalDataApi pd) {
        this.demo = demo;
        this.registry = registry;
        this.jdbc = jdbc;
        this.pd = pd;
    }

    void run(long persons, long seed, int queries) {
        long t0 = System.nanoTime();
        Optional<PopulationLoader.Loaded> loaded = demo.ensurePopulation(persons, seed, true);
        loaded.ifPresentOrElse(
                l -> System.out.printf("load: %,d households, %,d persons in %.1f s (generate + encrypt + COPY + indexes)%n",
                        l.households(), l.persons(), l.millis() / 1000.0),
                () -> System.out.printf("load: database already holds the population (%.1f s to open)%n", (System.nanoTime() - t0) / 1e9));
        // what the upgrades of this database cost (Flyway records each migration's time)
        jdbc.sql("select version, description, execution_time from household.flyway_schema_history where version in ('3', '4') "
                        + "order by installed_rank")
                .query(rs -> {
                    System.out.printf("migration household V%s %s: %.1f s%n", rs.getString(1), rs.getString(2), rs.getInt(3) / 1000.0);
                });
        long total = jdbc.sql("select count(*) from member").query(Long.class).single();
        String county = jdbc.sql("""
                select substr(area_code, 1, 6) from member tablesample system (1)
                 group by 1 order by count(*) desc limit 1""").query(String.class).single();
        long inCounty = jdbc.sql("select count(*) from member where area_code between :lo and :hi")
                .param("lo", county + "000000").param("hi", county + "999999").query(Long.class).single();
        System.out.printf("database: %,d persons; county %s holds %,d%n", total, county, inCounty);

        double pct = Math.min(100.0, Math.max(0.01, 100.0 * queries * 3 / total));
        List<String> ids = new ArrayList<>();
        jdbc.sql("select id_number_enc from member tablesample system (" + pct + ") limit " + queries)
                .query(rs -> { ids.add(pd.open(rs.getBytes(1))); });
        List<String> names = jdbc.sql("select name from member tablesample system (" + pct + ") where area_code between :lo and :hi limit "
                        + queries)
                .param("lo", county + "000000").param("hi", county + "999999").query(String.class).list();
        List<String> parts = names.stream().map(n -> n.codePoints().limit(2).collect(StringBuilder::new,
                StringBuilder::appendCodePoint, StringBuilder::append).toString()).toList();

        if (!names.isEmpty()) explain(county, names.get(0));
        AreaScope city = new AreaScope("220300000000");
        AreaScope countyScope = new AreaScope(county + "000000");
        long[] hits = {0};
        time("id-number lookup (city scope)", ids, () -> hits[0] = 0, id -> {
            if (registry.findMember(IdNumber.of(id), city).isPresent()) hits[0]++;
        });
        System.out.printf("  found %d of %d%n", hits[0], ids.size());
        long[] rows = {0};
        time("name search, full name, county scope (page 1 + count)", names, () -> rows[0] = 0, n -> {
            rows[0] += registry.search(new HouseholdFilter(n, null, null, null, null, 1, 20), countyScope).total();
        });
        System.out.printf("  average households per search: %.1f%n", rows[0] / (double) Math.max(1, names.size()));
        rows[0] = 0;
        time("name search, first two characters, county scope (page 1 + count)", parts, () -> rows[0] = 0, n -> {
            rows[0] += registry.search(new HouseholdFilter(n, null, null, null, null, 1, 20), countyScope).total();
        });
        System.out.printf("  average households per search: %.1f%n", rows[0] / (double) Math.max(1, parts.size()));

        // the workbench's figures: households and active persons of an area, from the per-village counts (V14)
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < queries; i++) scopes.add(i % 2 == 0 ? "220300000000" : county + "000000");
        HouseholdApi.Counts[] c = {null};
        time("registry counts for the workbench (city and county, alternating)", scopes, () -> {}, a -> {
            c[0] = registry.counts(new AreaScope(a));
        });
        HouseholdApi.Counts cityCounts = registry.counts(city);
        long t1 = System.nanoTime();
        long direct = jdbc.sql("select count(*) from member where area_code between '220300000000' and '220399999999' "
                + "and status = 'ACTIVE'").query(Long.class).single();
        System.out.printf("  city: %,d households, %,d active persons (a direct count(*) over member: %,d in %.0f ms)%n",
                cityCounts.households(), cityCounts.persons(), direct, (System.nanoTime() - t1) / 1e6);
    }

    /** Prints the plan of one name search so a slow figure can be explained. */
    private void explain(String county, String name) {
        String sql = "explain (analyze, buffers) select count(*) from household h where h.village_code between '" + county
                + "000000' and '" + county + "999999' and h.id in (select m.household_id from member m where m.name_grams @> "
                + "cast(? as text[]) and strpos(m.name, ?) > 0 and m.area_code between '" + county + "000000' and '"
                + county + "999999')";
        System.out.println("plan of a name search (count):");
        jdbc.sql(sql).param(cn.shouwang.server.household.NameGrams.query(county, name)).param(name)
                .query(String.class).list().forEach(l -> System.out.println("  " + l));
    }

    private static void time(String what, List<String> inputs, Runnable afterWarmUp, Consumer<String> call) {
        int warm = Math.min(50, inputs.size());
        for (int i = 0; i < warm; i++) call.accept(inputs.get(i));
        afterWarmUp.run();
        long[] ns = new long[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            long s = System.nanoTime();
            call.accept(inputs.get(i));
            ns[i] = System.nanoTime() - s;
        }
        Arrays.sort(ns);
        System.out.printf("%s: n=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms%n", what, ns.length,
                q(ns, 0.50), q(ns, 0.95), q(ns, 0.99), ns.length == 0 ? 0 : ns[ns.length - 1] / 1e6);
    }

    private static double q(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
