package cn.shouwang.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * Every text a user reads comes from a message bundle, in Chinese and English (after spring-petclinic's test
 * of the same name). Fails when any template under templates/ shows literal text that no th:text replaces,
 * uses a #{key} missing from a bundle, or when the Chinese and English files of a bundle differ in keys.
 */
class I18nPropertiesSyncTest {
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path TEMPLATES = RESOURCES.resolve("templates");
    /** Attributes people read; a literal value must come as th:xxx instead. */
    private static final List<String> READABLE_ATTRIBUTES = List.of("title", "placeholder", "alt", "aria-label", "label");
    /** Attributes whose presence means the element's body is replaced when rendered. */
    private static final List<String> REPLACING = List.of("th:text", "th:utext", "th:replace", "th:insert",
            "sec:authentication", "th:errors", "th:field");
    private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.\\-]+)\\s*(\\(|})");
    private static final Pattern JAVA_KEY = Pattern.compile("\"\\{([a-z][A-Za-z0-9_.\\-]+)}\"");

    private static List<Path> templates() throws IOException {
        try (Stream<Path> s = Files.walk(TEMPLATES)) {
            return s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    /** The basenames of spring.messages.basename that have files. */
    private static List<String> basenames() throws IOException {
        String yml = Files.readString(RESOURCES.resolve("application.yml"));
        Matcher m = Pattern.compile("basename:\\s*(\\S+)").matcher(yml);
        assertThat(m.find()).as("spring.messages.basename in application.yml").isTrue();
        List<String> out = new ArrayList<>();
        for (String b : m.group(1).split(",")) {
            if (Files.exists(RESOURCES.resolve(b.trim() + ".properties"))) out.add(b.trim());
        }
        return out;
    }

    private static Properties load(Path p) throws IOException {
        Properties props = new Properties();
        if (Files.exists(p)) {
            try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                props.load(r);
            }
        }
        return props;
    }

    /**
     * Keys a locale can resolve. Chinese ("_zh_CN") is the base file (the default locale) plus an optional
     * _zh_CN file; with fallback-to-system-locale off, English falls back to the base file only for keys it
     * lacks — which the sync test below forbids.
     */
    private static Set<String> keys(String locale) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String b : basenames()) {
            if (locale.equals("_zh_CN")) keys.addAll(load(RESOURCES.resolve(b + ".properties")).stringPropertyNames());
            keys.addAll(load(RESOURCES.resolve(b + locale + ".properties")).stringPropertyNames());
        }
        return keys;
    }

    @Test
    void templatesHoldNoUntranslatedText() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path t : templates()) {
            Document doc = Jsoup.parse(Files.readString(t), "", Parser.xmlParser());
            for (Element e : doc.getAllElements()) {
                boolean replaced = REPLACING.stream().anyMatch(e::hasAttr);
                if (!replaced) {
                    for (TextNode n : e.textNodes()) {
                        String text = n.text().trim();
                        if (isReadable(text)) problems.add(TEMPLATES.relativize(t) + ": text \"" + text + "\" in <" + e.tagName() + ">");
                    }
                }
                for (String a : READABLE_ATTRIBUTES) {
                    if (e.hasAttr(a) && isReadable(e.attr(a)) && !e.hasAttr("th:" + a)) {
                        problems.add(TEMPLATES.relativize(t) + ": attribute " + a + "=\"" + e.attr(a) + "\"");
                    }
                }
                if (e.tagName().equals("input") && Set.of("submit", "button").contains(e.attr("type"))
                        && e.hasAttr("value") && !e.hasAttr("th:value")) {
                    problems.add(TEMPLATES.relativize(t) + ": button value \"" + e.attr("value") + "\"");
                }
            }
        }
        assertThat(problems).as("texts in templates without a message key").isEmpty();
    }

    /** Letters of any script; punctuation, numbers and symbols alone (☰, ›, *) are not text to translate. */
    private static boolean isReadable(String s) {
        return s.codePoints().anyMatch(Character::isLetter);
    }

    @Test
    void everyKeyUsedInATemplateExistsInChineseAndEnglish() throws IOException {
        Set<String> zh = keys("_zh_CN");
        Set<String> base = keys("");
        Set<String> en = keys("_en");
        List<String> missing = new ArrayList<>();
        for (Path t : templates()) {
            Matcher m = MESSAGE_KEY.matcher(Files.readString(t));
            while (m.find()) {
                String key = m.group(1);
                for (var bundle : List.of(java.util.Map.entry("", base), java.util.Map.entry("_zh_CN", zh),
                        java.util.Map.entry("_en", en))) {
                    if (!bundle.getValue().contains(key)) {
                        missing.add(TEMPLATES.relativize(t) + ": " + key + " missing in messages" + bundle.getKey());
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void validationMessagesInJavaExistInChineseAndEnglish() throws IOException {
        Set<String> zh = keys("_zh_CN");
        Set<String> en = keys("_en");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("src/main/java"))) {
            for (Path j : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = JAVA_KEY.matcher(Files.readString(j));
                while (m.find()) {
                    String key = m.group(1);
                    if (key.startsWith("jakarta.") || key.startsWith("org.")) continue;
                    if (!zh.contains(key) || !en.contains(key)) missing.add(j.getFileName() + ": " + key);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void chineseAndEnglishBundlesHaveTheSameKeys() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String b : basenames()) {
            Set<String> base = load(RESOURCES.resolve(b + ".properties")).stringPropertyNames();
            for (String locale : List.of("_zh_CN", "_en")) {
                Path p = RESOURCES.resolve(b + locale + ".properties");
                if (!Files.exists(p)) {
                    // the base file is Chinese; a _zh_CN copy is optional, English is not
                    if (locale.equals("_en")) problems.add(b + locale + ".properties is missing");
                    continue;
                }
                Set<String> other = load(p).stringPropertyNames();
                for (String k : base) if (!other.contains(k)) problems.add(b + locale + ": missing " + k);
                for (String k : other) if (!base.contains(k)) problems.add(b + locale + ": extra " + k);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRoleHasAName() throws IOException {
        Set<String> zh = keys("_zh_CN");
        Set<String> en = keys("_en");
        for (var r : cn.shouwang.server.access.Role.values()) {
            assertThat(zh).contains(r.messageKey());
            assertThat(en).contains(r.messageKey());
        }
    }
}
