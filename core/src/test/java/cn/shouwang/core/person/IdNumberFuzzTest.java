package cn.shouwang.core.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.time.LocalDate;

/**
 * The id-number parser on any text: the only rejection is {@link InvalidIdNumberException} with one of the
 * {@link IdNumber.Problem}s, {@code problem}, {@code parse} and {@code of} agree, and a valid number gives its birth
 * date, sex, area and masked form without failing. Seeds in {@code IdNumberFuzzTestInputs/}; the normal test run
 * replays them, {@code JAZZER_FUZZ=1} fuzzes (see docs/operations.md).
 */
class IdNumberFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void anyText(@NotNull String text) {
        String normalized = IdNumber.normalize(text);
        IdNumber.Problem p = IdNumber.problem(text);
        assertThat(IdNumber.parse(text).isPresent()).isEqualTo(p == null);
        assertThat(IdNumber.mask(text)).isNotNull();
        if (p != null) {
            assertThatThrownBy(() -> IdNumber.of(text)).isInstanceOf(InvalidIdNumberException.class);
            return;
        }
        IdNumber id = IdNumber.of(text);
        assertThat(id.value()).isEqualTo(normalized).hasSize(18);
        assertThat(IdNumber.checkCharacter(id.value())).isEqualTo(id.value().charAt(17));
        LocalDate born = id.birthDate();
        assertThat(born.getYear()).isGreaterThanOrEqualTo(1850);
        assertThat(id.sex()).isNotNull();
        assertThat(id.areaPrefix()).hasSize(6);
        assertThat(id.masked()).hasSize(18).doesNotContain(id.value().substring(6, 14));
        assertThat(id.ageOn(born.plusYears(30))).isEqualTo(30);
        assertThat(IdNumber.of(id.value())).isEqualTo(id);
    }

    /** The 17 digits a generator would pick, with the right check character: most of these must be valid. */
    @FuzzTest(maxDuration = "10s")
    void digits(long seed, int day) {
        String body = String.format("%06d", Math.floorMod(seed, 1_000_000))
                + LocalDate.ofEpochDay(Math.floorMod(day, 60_000) - 40_000).toString().replace("-", "")
                + String.format("%03d", Math.floorMod(seed >>> 20, 1000));
        if (body.length() != 17) return; // a year before 1000 or after 9999 cannot be written in 8 digits
        String full = body + IdNumber.checkCharacter(body);
        IdNumber.Problem p = IdNumber.problem(full);
        int year = Integer.parseInt(body.substring(6, 10));
        assertThat(p).isEqualTo(year < 1850 ? IdNumber.Problem.BIRTH_DATE : null);
        if (p == null) assertThat(IdNumber.of(full.toLowerCase()).value()).isEqualTo(full);
    }
}
