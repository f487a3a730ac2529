package cn.shouwang.core.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdNumberTest {

    @Test
    void acceptsThePublishedExampleOfTheStandard() {
        IdNumber id = IdNumber.of("11010519491231002X");
        assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
        assertThat(id.sex()).isEqualTo(Sex.FEMALE);
        assertThat(id.areaPrefix()).isEqualTo("110105");
    }

    @Test
    void readsALowercaseXAndSurroundingSpaces() {
        assertThat(IdNumber.of(" 11010519491231002x ").value()).isEqualTo("11010519491231002X");
    }

    @Test
    void derivesSexFromTheSequenceDigit() {
        assertThat(IdNumber.of("440524188001010014").sex()).isEqualTo(Sex.MALE);
    }

    @ParameterizedTest
    @CsvSource({
            "'', EMPTY",
            "1101051949123100, FORMAT",
            "11010519491231002Y, FORMAT",
            "1101051949123100A2, FORMAT",
            "110105194902300021, BIRTH_DATE",
            "110105194912310021, CHECK_CHARACTER"})
    void namesWhatIsWrong(String text, IdNumber.Problem expected) {
        assertThat(IdNumber.problem(text)).isEqualTo(expected);
        assertThatThrownBy(() -> IdNumber.of(text)).isInstanceOf(InvalidIdNumberException.class);
    }

    @Test
    void masksForScreensAndNeverPrintsInFull() {
        IdNumber id = IdNumber.of("11010519491231002X");
        assertThat(id.masked()).isEqualTo("110105********002X");
        assertThat(id.toString()).doesNotContain("19491231");
    }

    @Test
    void countsAgeInWholeYears() {
        IdNumber id = IdNumber.of("11010519491231002X");
        assertThat(id.ageOn(LocalDate.of(2024, 12, 30))).isEqualTo(74);
        assertThat(id.ageOn(LocalDate.of(2024, 12, 31))).isEqualTo(75);
    }
}
