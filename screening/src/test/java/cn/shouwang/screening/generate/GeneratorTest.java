package cn.shouwang.screening.generate;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.screening.feed.FeedKind;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.Rule;
import cn.shouwang.screening.rules.RulesConfig;
import cn.shouwang.screening.run.Screening;
import cn.shouwang.screening.run.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated data: every file, deterministic, dirty enough to exercise rejects, and byte-identical output at any thread count. */
class GeneratorTest {
    @TempDir Path dir;

    @Test void generatesEveryFileDeterministicallyAndTheComparisonIsThreadIndependent() throws Exception {
        Period june = Period.parse("2024-06");
        Generator.Result r = new Generator(42, june, true, null).write(3000, dir.resolve("a"));
        new Generator(42, june, true, null).write(3000, dir.resolve("b"));
        for (FeedKind k : FeedKind.values()) {
            Path sub = Path.of(k.isRegistry() ? "registry" : "feeds", k.fileName() + ".csv");
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(sub))).as(k.fileName())
                    .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(sub)));
        }
        assertThat(r.persons()).isBetween(8000L, 10500L);
        assertThat(r.rows().get(FeedKind.MEDICAL_CLAIMS)).isGreaterThan(1000);

        Summary one = Screening.run(new Screening.Options(dir.resolve("a/registry"), dir.resolve("a/feeds"), june,
                RulesConfig.defaults(), dir.resolve("o1"), 1, null));
        Summary four = Screening.run(new Screening.Options(dir.resolve("a/registry"), dir.resolve("a/feeds"), june,
                RulesConfig.defaults(), dir.resolve("o4"), 4, null));
        for (String f : new String[]{"warnings.csv", "rejects.csv"}) {
            assertThat(Files.readAllBytes(dir.resolve("o4").resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("o1").resolve(f)));
        }
        assertThat(four.warnings()).isEqualTo(one.warnings());
        // the dirt shows up as rejects and unmatched rows; each department file was read
        assertThat(one.rejects()).isGreaterThan(0);
        assertThat(one.files()).allSatisfy(f -> assertThat(f.status()).isEqualTo("compared"));
        long unmatched = one.files().stream().mapToLong(Summary.FileStats::unmatched).sum();
        assertThat(unmatched).isGreaterThan(0);
        assertThat(one.warningsPerRule().get(Rule.NOT_INSURED)).isGreaterThan(0);
        assertThat(one.warningsPerRule().get(Rule.INCOME_BELOW_LINE)).isGreaterThan(0);
        assertThat(one.warningsPerRule().get(Rule.MEDICAL_PERSON)).isGreaterThan(0);
    }
}
