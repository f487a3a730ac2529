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
 * uses a #{key} missing from a bundle, when the Chinese (base) and English files of a bundle differ in keys, or
 * when a bundle has a second Chinese file (_zh_CN) beside its base.
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
     * Keys a locale can resolve. One file per language: the base file is Chinese (the default locale, zh-CN,
     * finds no messages_zh_CN and falls back to it, fallback-to-system-locale being off) and "_en" is English.
     */
    private static Set<String> keys(String locale) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String b : basenames()) {
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
        Set<String> zh = keys("");
        Set<String> en = keys("_en");
        List<String> missing = new ArrayList<>();
        for (Path t : templates()) {
            Matcher m = MESSAGE_KEY.matcher(Files.readString(t));
            while (m.find()) {
                String key = m.group(1);
                for (var bundle : List.of(java.util.Map.entry("", zh), java.util.Map.entry("_en", en))) {
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
        Set<String> zh = keys("");
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
            Set<String> zh = load(RESOURCES.resolve(b + ".properties")).stringPropertyNames();
            Path p = RESOURCES.resolve(b + "_en.properties");
            if (!Files.exists(p)) {
                problems.add(b + "_en.properties is missing");
                continue;
            }
            Set<String> en = load(p).stringPropertyNames();
            for (String k : zh) if (!en.contains(k)) problems.add(b + "_en: missing " + k);
            for (String k : en) if (!zh.contains(k)) problems.add(b + "_en: extra " + k);
        }
        assertThat(problems).isEmpty();
    }

    /** One file per language: the base file is the Chinese one, so a _zh_CN (or _zh) copy would only drift. */
    @Test
    void oneFilePerLanguage() throws IOException {
        List<String> copies = new ArrayList<>();
        for (String b : basenames()) {
            for (String locale : List.of("_zh_CN", "_zh", "_zh_Hans", "_zh_Hans_CN")) {
                if (Files.exists(RESOURCES.resolve(b + locale + ".properties"))) copies.add(b + locale + ".properties");
            }
        }
        assertThat(copies).as("Chinese lives in the base file only").isEmpty();
    }

    @Test
    void everyRoleHasAName() throws IOException {
        Set<String> zh = keys("");
        Set<String> en = keys("_en");
        for (var r : cn.shouwang.server.access.Role.values()) {
            assertThat(zh).contains(r.messageKey());
            assertThat(en).contains(r.messageKey());
        }
    }
}
