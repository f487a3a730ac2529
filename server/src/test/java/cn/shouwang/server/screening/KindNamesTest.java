package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.screening.feed.FeedKind;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The department kinds' names come from the bundle only: every kind is named in both languages. */
class KindNamesTest {

    private static Properties bundle(String file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/i18n", file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void everyKindIsNamedInTheBundleAndCodeUsesThatName() throws IOException {
        Properties zh = bundle("screening.properties");
        Properties en = bundle("screening_en.properties");
        for (FeedKind k : FeedKind.values()) {
            assertThat(zh.getProperty(KindNames.key(k))).as("zh " + k).isNotBlank();
            assertThat(en.getProperty(KindNames.key(k))).as("en " + k).isNotBlank();
        }
        assertThat(zh.getProperty(KindNames.key(FeedKind.HOUSING_APPRAISALS))).isEqualTo("住房安全鉴定");
    }
}
