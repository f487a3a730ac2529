package cn.shouwang.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every action the server writes to the audit log is an {@link AuditAction} with a label in both languages, or
 * the history shows ??keys??. (That the /audit filter offers each one: AuditWebTest.)
 */
class AuditLabelsTest {
    /** access cannot see audit: it publishes account changes with the action's name, which must be an AuditAction. */
    private static final Pattern PUBLISHED = Pattern.compile("(?:publish|tokenEvent)\\([^\"]*\"([A-Z][A-Z_]+[A-Z])\"");
    private static final Pattern ENABLED = Pattern.compile("\\? \"([A-Z][A-Z_]+[A-Z])\" : \"([A-Z][A-Z_]+[A-Z])\"");
    private static final Pattern RECORD_BY_STRING = Pattern.compile("audit\\.record\\(\\s*\"");

    @Test
    void everyActionHasAChineseAndAnEnglishLabel() throws IOException {
        for (String bundle : new String[] {"audit.properties", "audit_en.properties"}) {
            Properties p = load(bundle);
            for (AuditAction a : AuditAction.values()) {
                assertThat(p.getProperty(a.messageKey())).as(bundle + ": " + a.messageKey()).isNotBlank();
            }
            Set<String> labelled = p.stringPropertyNames().stream().filter(k -> k.startsWith("audit.action."))
                    .map(k -> k.substring("audit.action.".length())).collect(Collectors.toCollection(TreeSet::new));
            assertThat(labelled).as(bundle + ": labels of no action")
                    .isSubsetOf(Arrays.stream(AuditAction.values()).map(Enum::name).toList());
        }
        assertThat(load("audit.properties").getProperty(AuditAction.HOUSEHOLD_UPDATE.messageKey())).isEqualTo("修改农户");
        assertThat(load("audit_en.properties").getProperty(AuditAction.HOUSEHOLD_UPDATE.messageKey())).isEqualTo("Household changed");
    }

    @Test
    void everyActionIsAnEnumConstantNeverAString() throws IOException {
        Set<String> published = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                assertThat(RECORD_BY_STRING.matcher(src).find()).as(f + " records an action by a string").isFalse();
                Matcher m = PUBLISHED.matcher(src);
                while (m.find()) published.add(m.group(1));
                if (f.endsWith("AccountAdmin.java")) {
                    Matcher e = ENABLED.matcher(src);
                    while (e.find()) { published.add(e.group(1)); published.add(e.group(2)); }
                }
            }
        }
        assertThat(published).contains("ACCOUNT_CREATE", "ACCOUNT_ENABLE", "ACCOUNT_DISABLE", "API_TOKEN_REVOKE");
        for (String a : published) assertThat(AuditAction.valueOf(a)).as(a).isNotNull();
    }

    private static Properties load(String bundle) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/i18n", bundle), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
