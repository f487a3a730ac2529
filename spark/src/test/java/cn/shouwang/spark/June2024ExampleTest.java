package cn.shouwang.spark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.RulesConfig;
import cn.shouwang.screening.run.Screening;
import cn.shouwang.screening.run.Summary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of feeds.md (../shared/domain/examples/june-2024, written by others) through the Spark
 * job: warnings (all columns but the free-worded detail) and the (source, line) of rejects equal expected/, and
 * every byte equals the plain engine's output.
 */
class June2024ExampleTest {
    static final Path EXAMPLE = Path.of("../../shared/domain/examples/june-2024").toAbsolutePath().normalize();

    @TempDir
    Path out;

    static List<String> columns(Path csv, int n) throws Exception {
        return Files.readAllLines(csv, StandardCharsets.UTF_8).stream()
                .map(l -> String.join(",", Arrays.copyOf(l.split(",", -1), n))).toList();
    }

    @Test
    void sparkReproducesTheExampleAndAgreesWithThePlainEngine() throws Exception {
        Path spark = out.resolve("spark"), plain = out.resolve("plain");
        // 1 KiB splits: even these small files are read by several tasks each
        Summary s = SparkScreening.run(SharedSpark.get(), new SparkScreening.Options(
                EXAMPLE.resolve("registry").toString(), EXAMPLE.resolve("feeds").toString(), Period.parse("2024-06"),
                RulesConfig.defaults(), spark.toString(), 1024, 3, null));
        Screening.run(new Screening.Options(EXAMPLE.resolve("registry"), EXAMPLE.resolve("feeds"),
                Period.parse("2024-06"), RulesConfig.defaults(), plain, 1, null));

        assertThat(columns(spark.resolve("warnings.csv"), 7))
                .containsExactlyElementsOf(columns(EXAMPLE.resolve("expected/warnings.csv"), 7));
        assertThat(columns(spark.resolve("rejects.csv"), 2))
                .containsExactlyElementsOf(columns(EXAMPLE.resolve("expected/rejects.csv"), 2));
        for (String f : new String[] {"warnings.csv", "rejects.csv"}) {
            assertThat(Files.readAllBytes(spark.resolve(f))).as(f).isEqualTo(Files.readAllBytes(plain.resolve(f)));
        }
        Summary.FileStats medical = s.files().stream()
                .filter(f -> f.kind().fileName().equals("medical_claims")).findFirst().orElseThrow();
        assertThat(medical.read()).isEqualTo(146);
        assertThat(medical.rejected()).isEqualTo(1);
        assertThat(medical.unmatched()).isEqualTo(2);
        assertThat(s.warnings()).isEqualTo(Files.readAllLines(EXAMPLE.resolve("expected/warnings.csv")).size() - 1);
        assertThat(Files.readString(spark.resolve("summary.txt"))).contains("MEDICAL_PERSON");
    }
}
