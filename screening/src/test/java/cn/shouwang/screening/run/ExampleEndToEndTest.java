package cn.shouwang.screening.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.RulesConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of feeds.md (../shared/domain/examples/june-2024, written by others): warnings (all columns
 * but the free-worded detail) and the (source, line) of rejects must equal expected/, with 1 and 3 threads.
 */
class ExampleEndToEndTest {
    @TempDir Path out;

    static Path example() {
        // the module runs from screening/; the repository sits beside shared/
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path c = p.resolve("shared").resolve("domain").resolve("examples").resolve("june-2024");
            if (Files.isDirectory(c)) return c;
            Path s = p.resolveSibling("shared").resolve("domain").resolve("examples").resolve("june-2024");
            if (Files.isDirectory(s)) return s;
        }
        return null;
    }

    static List<String> columns(Path csv, int n) throws Exception {
        return Files.readAllLines(csv, StandardCharsets.UTF_8).stream().map(l -> {
            String[] f = l.split(",", -1);
            return String.join(",", java.util.Arrays.copyOf(f, n));
        }).toList();
    }

    @Test void reproducesTheExampleWhateverTheThreadCount() throws Exception {
        Path ex = example();
        assumeTrue(ex != null, "../shared/domain/examples/june-2024 is absent: example test skipped");
        Summary one = Screening.run(new Screening.Options(ex.resolve("registry"), ex.resolve("feeds"), Period.parse("2024-06"),
                RulesConfig.defaults(), out.resolve("t1"), 1, null));
        Screening.run(new Screening.Options(ex.resolve("registry"), ex.resolve("feeds"), Period.parse("2024-06"),
                RulesConfig.defaults(), out.resolve("t3"), 3, null));

        assertThat(columns(out.resolve("t1/warnings.csv"), 7)).containsExactlyElementsOf(columns(ex.resolve("expected/warnings.csv"), 7));
        assertThat(columns(out.resolve("t1/rejects.csv"), 2)).containsExactlyElementsOf(columns(ex.resolve("expected/rejects.csv"), 2));
        for (String f : new String[]{"warnings.csv", "rejects.csv"}) {
            assertThat(Files.readAllBytes(out.resolve("t3").resolve(f))).as(f).isEqualTo(Files.readAllBytes(out.resolve("t1").resolve(f)));
        }
        assertThat(one.warnings()).isEqualTo(Files.readAllLines(ex.resolve("expected/warnings.csv")).size() - 1);
        Summary.FileStats medical = one.files().stream().filter(f -> f.kind().fileName().equals("medical_claims")).findFirst().orElseThrow();
        assertThat(medical.read()).isEqualTo(146);
        assertThat(medical.rejected()).isEqualTo(1);
        assertThat(medical.unmatched()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("t1/summary.txt"))).contains("MEDICAL_PERSON").contains("medical_claims");
        // the output holds id numbers: readable by its owner only
        for (String f : new String[]{"warnings.csv", "rejects.csv", "summary.txt"}) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("t1").resolve(f))))
                    .as(f).isEqualTo("rw-------");
        }
    }
}
