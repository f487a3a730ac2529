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

    @Test
    void aFileWithStrayQuotesIsReadAgainWholeAndStillAgrees() throws Exception {
        // the example's feeds, with a major_diagnoses.csv whose unquoted fields hold quotes and whose quoted
        // fields hold line breaks: the split planner is misled, the readers notice, the job reads it whole
        Path feeds = out.resolve("feeds");
        Files.createDirectories(feeds);
        try (var files = Files.list(EXAMPLE.resolve("feeds"))) {
            for (Path f : files.toList()) Files.copy(f, feeds.resolve(f.getFileName()));
        }
        List<String> ids = Files.readAllLines(EXAMPLE.resolve("registry/members.csv")).stream().skip(1)
                .map(l -> l.split(",")[1]).limit(60).toList();
        StringBuilder sb = new StringBuilder("id_number,diagnosed_on,disease\n");
        for (int i = 0; i < ids.size(); i++) {
            sb.append(ids.get(i)).append(",2024-06-").append(String.format("%02d", i % 28 + 1))
                    .append(i % 2 == 0 ? ",ab\"c\n" : ",\"x\ny\"\n");
        }
        Files.writeString(feeds.resolve("major_diagnoses.csv"), sb.toString());
        Path spark = out.resolve("spark2"), plain = out.resolve("plain2");
        List<String> progress = new java.util.ArrayList<>();
        SparkScreening.run(SharedSpark.get(), new SparkScreening.Options(EXAMPLE.resolve("registry").toString(),
                feeds.toString(), Period.parse("2024-06"), RulesConfig.defaults(), spark.toString(), 1024, 2,
                progress::add));
        Screening.run(new Screening.Options(EXAMPLE.resolve("registry"), feeds, Period.parse("2024-06"),
                RulesConfig.defaults(), plain, 1, null));
        assertThat(progress).anyMatch(m -> m.contains("reading it in one piece"));
        for (String f : new String[] {"warnings.csv", "rejects.csv"}) {
            assertThat(Files.readAllBytes(spark.resolve(f))).as(f).isEqualTo(Files.readAllBytes(plain.resolve(f)));
        }
        assertThat(Files.readString(spark.resolve("warnings.csv"))).contains("MAJOR_DIAGNOSIS");
    }
}
