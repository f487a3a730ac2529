package cn.shouwang.server;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.casework.wording.Term;
import cn.shouwang.server.platform.WordedMessageSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The names of the monitored object, the mechanism and the categories are settings (issue 17): a text of the
 * message bundles names them by tokens ({@code {{object.short}}}, {@code {{category.MARGINAL_AT_RISK}}}), never
 * literally, so that a province's own words reach every text, those added later included. Only the defaults
 * ({@code term.*}) say the words themselves. Fails on a text that says them, and on a token no term answers.
 */
class WordsInBundlesTest {
    static final Path RESOURCES = Path.of("src/main/resources");

    /**
     * What a text may not say in Chinese: the object's names (old and 2026), the mechanism's, the national system's,
     * the categories'. (村防返贫监测员, the village monitor, is a person's title, not one of these words.)
     */
    static final List<String> CHINESE = List.of("监测对象", "致贫对象", "防止返贫", "防返贫监测信息系统", "监测户",
            "脱贫不稳定户", "边缘易致贫户", "突发严重困难户", "三类户");
    /** … and in English. */
    static final List<String> ENGLISH = List.of("monitored household", "national monitoring system",
            "unstable formerly-poor", "marginal at-risk", "sudden severe hardship");

    static List<Path> bundles() throws IOException {
        try (Stream<Path> s = Files.walk(RESOURCES, 2)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".properties"))
                    .filter(p -> p.getFileName().toString().startsWith("messages") || p.getParent().endsWith("i18n"))
                    .sorted().toList();
        }
    }

    static Properties load(Path p) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
        }
        return props;
    }

    @Test
    void noTextSaysTheWordsItself() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files = bundles();
        assertThat(files).hasSizeGreaterThan(10);
        for (Path f : files) {
            boolean english = f.getFileName().toString().endsWith("_en.properties");
            Properties p = load(f);
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("term.")) continue;
                String text = WordedMessageSource.TOKEN.matcher(p.getProperty(key)).replaceAll("");
                for (String word : english ? ENGLISH : CHINESE) {
                    if (text.toLowerCase(Locale.ROOT).contains(word)) {
                        found.add(RESOURCES.relativize(f) + ": " + key + " says \"" + word + "\"");
                    }
                }
            }
        }
        assertThat(found).as("texts naming the object, mechanism or categories literally: use {{object}}, "
                + "{{object.short}}, {{mechanism}}, {{category.<code>}} …").isEmpty();
    }

    @Test
    void everyTokenHasATerm() throws IOException {
        List<String> unknown = new ArrayList<>();
        List<String> categories = List.of("UNSTABLE_FORMERLY_POOR", "MARGINAL_AT_RISK", "SUDDEN_HARDSHIP");
        int tokens = 0;
        for (Path f : bundles()) {
            Properties p = load(f);
            for (String key : p.stringPropertyNames()) {
                Matcher m = WordedMessageSource.TOKEN.matcher(p.getProperty(key));
                while (m.find()) {
                    tokens++;
                    String name = Character.toLowerCase(m.group(1).charAt(0)) + m.group(1).substring(1);
                    boolean known = Term.ofToken(name).filter(t -> m.group(2) == null || t.counted()).isPresent()
                            || name.startsWith("category.") && categories.contains(name.substring(9));
                    if (!known || key.startsWith("term.")) unknown.add(RESOURCES.relativize(f) + ": " + key + " " + m.group());
                }
            }
        }
        assertThat(tokens).isGreaterThan(40);
        assertThat(unknown).as("tokens no term answers (or in a term's own text)").isEmpty();
    }

    @Test
    void everyTermHasItsDefaultsInBothLanguages() throws IOException {
        Properties zh = load(RESOURCES.resolve("messages.properties"));
        Properties en = load(RESOURCES.resolve("messages_en.properties"));
        for (Term t : Term.values()) {
            for (String prefix : List.of("term.", "term.before2026.")) {
                for (Properties p : List.of(zh, en)) {
                    assertThat(p.getProperty(prefix + t.token())).as(prefix + t.token()).isNotBlank();
                    if (t.counted()) assertThat(p.getProperty(prefix + t.token() + ".plural")).isNotBlank();
                }
            }
        }
        assertThat(zh.getProperty("term.object")).isEqualTo("防止返贫致贫对象");
        assertThat(zh.getProperty("term.before2026.object")).isEqualTo("防止返贫监测对象");
    }
}
