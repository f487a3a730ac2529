package cn.shouwang.screening.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.screening.feed.Column;
import cn.shouwang.screening.feed.FeedFiles;
import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.feed.HeaderMap;
import cn.shouwang.screening.feed.RawRecord;
import cn.shouwang.screening.generate.Generator;
import cn.shouwang.screening.output.Reject;
import cn.shouwang.screening.output.Warning;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.RulesConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-memory entry point (registry pushed as rows, department files as streams, results to a sink) gives exactly
 * the warnings, rejects and counts of the file-based run on a generated county with dirt.
 */
class InMemoryRunTest {
    @TempDir Path dir;

    @Test void aGeneratedCountyGivesTheSameWarningsThroughFilesAndThroughRows() throws Exception {
        Period june = Period.parse("2024-06");
        new Generator(7, june, true, null).write(4000, dir.resolve("g"));
        Path registry = dir.resolve("g/registry"), feeds = dir.resolve("g/feeds");
        Summary fromFiles = Screening.run(new Screening.Options(registry, feeds, june, RulesConfig.defaults(),
                dir.resolve("out"), 2, null));

        Map<FeedKind, FeedSource> departments = new EnumMap<>(FeedKind.class);
        for (FeedKind k : FeedKind.departments()) {
            Path f = FeedFiles.find(feeds, k).orElseThrow();
            departments.put(k, FeedSource.csv(f.getFileName().toString(), Files.size(f), () -> Files.newInputStream(f)));
        }
        Collected sink = new Collected();
        Summary fromRows = Screening.run(new Screening.Input(rows -> push(registry, rows), departments, june,
                RulesConfig.defaults(), 3, null), sink);

        List<String> expected = Files.readAllLines(dir.resolve("out/warnings.csv"), StandardCharsets.UTF_8);
        assertThat(expected.size()).isGreaterThan(500);
        List<String> got = new ArrayList<>();
        got.add(Warning.HEADER);
        for (Warning w : sink.warnings) got.add(w.toCsvLine());
        assertThat(got).isEqualTo(expected);

        List<String> expectedRejects = Files.readAllLines(dir.resolve("out/rejects.csv"), StandardCharsets.UTF_8);
        assertThat(expectedRejects.size()).isGreaterThan(10);
        List<String> gotRejects = new ArrayList<>();
        gotRejects.add(Reject.HEADER);
        for (Reject r : sink.rejects) gotRejects.add(r.toCsvLine());
        assertThat(gotRejects).isEqualTo(expectedRejects);

        assertThat(sink.summary).isSameAs(fromRows);
        assertThat(fromRows.warningsPerRule()).isEqualTo(fromFiles.warningsPerRule());
        assertThat(fromRows.households()).isEqualTo(fromFiles.households());
        assertThat(fromRows.persons()).isEqualTo(fromFiles.persons());
        for (int i = 0; i < fromFiles.files().size(); i++) {
            Summary.FileStats a = fromFiles.files().get(i), b = fromRows.files().get(i);
            assertThat(List.of(b.kind(), b.status(), b.read(), b.rejected(), b.unmatched())).as(a.kind().name())
                    .isEqualTo(List.of(a.kind(), a.status(), a.read(), a.rejected(), a.unmatched()));
        }
        // nothing written but what the file run wrote
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("g", "out");
        }
    }

    /** The counts a progress bar shows: registry read, every department file read, every household compared. */
    @Test void progressCountsReachTheSummarysFigures() throws Exception {
        Period june = Period.parse("2024-06");
        new Generator(11, june, true, null).write(20_000, dir.resolve("p"));
        Path registry = dir.resolve("p/registry"), feeds = dir.resolve("p/feeds");
        Map<FeedKind, FeedSource> departments = new EnumMap<>(FeedKind.class);
        for (FeedKind k : List.of(FeedKind.MEDICAL_CLAIMS, FeedKind.MAJOR_DIAGNOSES, FeedKind.WATER_SUPPLY)) {
            Path f = FeedFiles.find(feeds, k).orElseThrow();
            departments.put(k, FeedSource.csv(f.getFileName().toString(), Files.size(f), () -> Files.newInputStream(f)));
        }
        java.util.concurrent.atomic.AtomicLong households = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong persons = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong registryCalls = new java.util.concurrent.atomic.AtomicLong();
        List<FeedKind> files = java.util.Collections.synchronizedList(new ArrayList<>());
        List<long[]> compared = java.util.Collections.synchronizedList(new ArrayList<>());
        Progress counts = new Progress() {
            @Override public void registryRead(long h, long p) {
                assertThat(h).isGreaterThanOrEqualTo(households.get());
                households.set(h);
                persons.set(p);
                registryCalls.incrementAndGet();
            }
            @Override public void fileRead(FeedKind kind, long rows) { files.add(kind); }
            @Override public void compared(long h, long total) { compared.add(new long[] {h, total}); }
        };
        Summary s = Screening.run(new Screening.Input(rows -> push(registry, rows), departments, june,
                RulesConfig.defaults(), 2, null, counts), new Collected());
        assertThat(registryCalls.get()).as("reported while the registry comes in").isGreaterThan(2);
        assertThat(households.get()).isEqualTo(s.files().get(FeedKind.HOUSEHOLDS.ordinal()).read());
        assertThat(persons.get()).isEqualTo(s.files().get(FeedKind.MEMBERS.ordinal()).read());
        assertThat(files).containsExactlyInAnyOrderElementsOf(departments.keySet());
        long[] last = compared.get(compared.size() - 1);
        assertThat(last).containsExactly(s.households(), s.households());
        assertThat(compared.size()).isGreaterThan(1);
    }

    @Test void registryRowsOutOfOrderAreRefused() {
        assertThatThrownBy(() -> Screening.run(new Screening.Input(sink -> {
            sink.member("1", "220322194607120016", "HEAD", "ORDINARY", "ACTIVE");
            sink.household("1", "220322100201", "220322194607120016", "N");
        }, Map.of(), Period.parse("2024-06"), RulesConfig.defaults(), 1, null), new Collected()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("out of order");
    }

    /** Reads a generated registry folder and pushes its rows, as the server pushes its tables. */
    static void push(Path registry, RegistryRows.Sink sink) throws IOException {
        each(registry, FeedKind.HOUSEHOLDS, (h, r) -> sink.household(f(h, r, Column.HOUSEHOLD_ID), f(h, r, Column.AREA_CODE),
                f(h, r, Column.HEAD_ID_NUMBER), f(h, r, Column.FORMERLY_POOR)));
        each(registry, FeedKind.MEMBERS, (h, r) -> sink.member(f(h, r, Column.HOUSEHOLD_ID), f(h, r, Column.ID_NUMBER),
                f(h, r, Column.RELATION), f(h, r, Column.LABOUR_CAPACITY), f(h, r, Column.STATUS)));
        each(registry, FeedKind.INCOMES, (h, r) -> sink.income(f(h, r, Column.HOUSEHOLD_ID), f(h, r, Column.YEAR),
                f(h, r, Column.WAGES), f(h, r, Column.BUSINESS), f(h, r, Column.PROPERTY), f(h, r, Column.TRANSFERS),
                f(h, r, Column.PRODUCTION_COSTS), f(h, r, Column.ELIGIBLE_OUT_OF_POCKET)));
        each(registry, FeedKind.MONITORED, (h, r) -> sink.monitored(f(h, r, Column.HOUSEHOLD_ID), f(h, r, Column.CATEGORY),
                f(h, r, Column.RISK_TYPES), f(h, r, Column.IDENTIFIED_MONTH), f(h, r, Column.STATUS)));
    }

    private interface Row {
        void accept(HeaderMap h, RawRecord r);
    }

    private static void each(Path dir, FeedKind kind, Row row) throws IOException {
        var file = FeedFiles.find(dir, kind);
        if (file.isEmpty()) return;
        HeaderMap[] header = {null};
        FeedFiles.readAll(file.get(), new FeedFiles.RecordHandler() {
            @Override public void header(List<String> cells, int line) { header[0] = HeaderMap.of(kind, cells); }

            @Override public void record(RawRecord r, int line) { row.accept(header[0], r); }
        });
    }

    private static String f(HeaderMap h, RawRecord r, Column c) {
        int i = h.indexOf(c);
        return i < 0 ? "" : r.field(i).toString();
    }

    static final class Collected implements ResultSink {
        final List<Warning> warnings = new ArrayList<>();
        List<Reject> rejects;
        Summary summary;

        @Override public void warnings(List<Warning> inOrder) { warnings.addAll(inOrder); }

        @Override public void rejects(List<Reject> inOrder) { rejects = List.copyOf(inOrder); }

        @Override public void summary(Summary s) { summary = s; }
    }
}
