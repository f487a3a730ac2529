package cn.shouwang.screening.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;

/**
 * The rules file parser on any text (YAML or JSON, as an administrator uploads it): a {@link RulesConfig} or a
 * {@link RulesFile.RulesFileException} with a one-line message, never another exception (a stack overflow on a
 * self-referencing alias, a number that does not fit), and a file that parses keeps its invariants (ages in order,
 * amounts not negative). Seeds: rules-example.yaml and variants in {@code RulesFileFuzzTestInputs/}.
 */
class RulesFileFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyText(@NotNull String text) {
        RulesConfig c;
        try {
            c = RulesFile.parse(text);
        } catch (RulesFile.RulesFileException e) {
            assertThat(e.getMessage()).isNotBlank().startsWith("rules file");
            assertThat(e.getMessage().length()).isLessThan(4000);
            return;
        }
        assertThat(c.dropoutMinAge()).isLessThanOrEqualTo(c.dropoutMaxAge());
        assertThat(c.deathMinAge()).isLessThanOrEqualTo(c.deathMaxAge());
        assertThat(c.medicalPersonPriorityThreshold()).isNotNegative();
        assertThat(c.incomeLineDefault()).isNotNegative();
        assertThat(c.incomeLineByYear().values()).allMatch(v -> v >= 0);
    }
}
