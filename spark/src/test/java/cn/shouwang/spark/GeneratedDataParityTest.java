package cn.shouwang.spark;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.screening.generate.Generator;
import cn.shouwang.screening.output.Warning;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.Rule;
import cn.shouwang.screening.rules.RulesConfig;
import cn.shouwang.screening.run.Screening;
import cn.shouwang.screening.run.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The twin engines on the engine's generated data with its dirt (bad and lowercase id numbers, GB18030 and BOM
 * files, Chinese headers, other date forms, people in no household, bad amounts): warnings.csv and rejects.csv
 * byte for byte, and the same counts in the summary. Small splits make every file be read by many tasks.
 */
class GeneratedDataParityTest {
    static final Period PERIOD = Period.parse("2024-06");

    @TempDir
    Path dir;

    @Test
    void sparkAndPlainEngineWriteTheSameBytes() throws Exception {
        new Generator(20240601L, PERIOD, true, null).write(3_000, dir.resolve("data"));
        Path registry = dir.resolve("data/registry"), feeds = dir.resolve("data/feeds");
        Path plain = dir.resolve("plain"), spark = dir.resolve("spark");

        Summary p = Screening.run(new Screening.Options(registry, feeds, PERIOD, RulesConfig.defaults(), plain, 2, null));
        Summary s = SparkScreening.run(SharedSpark.get(), new SparkScreening.Options(registry.toString(),
                feeds.toString(), PERIOD, RulesConfig.defaults(), spark.toString(), 48 << 10, 5, null));

        assertThat(p.warnings()).as("the generated data warns").isGreaterThan(100);
        assertThat(p.rejects()).as("the generated data is dirty").isGreaterThan(10);
        for (String f : new String[] {"warnings.csv", "rejects.csv"}) {
            assertThat(Files.readAllBytes(spark.resolve(f))).as(f).isEqualTo(Files.readAllBytes(plain.resolve(f)));
        }
        assertThat(s.files()).isEqualTo(p.files());
        assertThat(s.warningsPerRule()).isEqualTo(p.warningsPerRule());
        assertThat(s.households()).isEqualTo(p.households());
        assertThat(s.persons()).isEqualTo(p.persons());
        // every rule the data can trigger did so: the comparison covered all of them
        for (Rule r : Rule.values()) {
            assertThat(s.warningsPerRule().get(r)).as(r.name()).isNotNull();
        }
        assertThat(Files.readAllLines(spark.resolve("warnings.csv")).get(0)).isEqualTo(Warning.HEADER);
    }
}
