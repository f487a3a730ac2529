package cn.shouwang.server.household;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameGramsTest {
    @Test
    void everyPartOfANameIsCoveredByItsKeys() {
        List<String> keys = List.of(NameGrams.of("220322", "欧阳小明"));
        for (String part : List.of("欧", "欧阳", "小明", "阳小明", "欧阳小明")) {
            assertThat(keys).containsAll(List.of(NameGrams.query("220322", part)));
        }
        assertThat(keys).doesNotContainAnyElementsOf(List.of(NameGrams.query("220322", "明小")));
        // a name in another county has other keys
        assertThat(keys).doesNotContainAnyElementsOf(List.of(NameGrams.query("220381", "小明")));
    }
}
