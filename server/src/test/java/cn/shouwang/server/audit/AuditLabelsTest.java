package cn.shouwang.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.casework.CaseAction;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every action the server writes to the audit log has a label in both languages, or the history shows ??keys??. */
class AuditLabelsTest {
    private static final Pattern LITERAL = Pattern.compile("(?:record|publish|tokenEvent)\\([^\"]*\"([A-Z][A-Z_]+[A-Z])\"");

    @Test
    void everyRecordedActionHasAChineseAndAnEnglishLabel() throws IOException {
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).equals("LEAD_")) actions.add(m.group(1));
                }
            }
        }
        for (CaseAction a : CaseAction.values()) actions.add("LEAD_" + a.name());
        actions.add("ACCOUNT_ENABLE"); // published as enabled ? ENABLE : DISABLE
        actions.add("ACCOUNT_DISABLE");
        assertThat(actions).contains("HOUSEHOLD_CREATE", "ACCOUNT_UNLOCK", "LEAD_COUNTY_CONFIRM");
        for (String bundle : new String[] {"audit.properties", "audit_en.properties", "audit_zh_CN.properties"}) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/i18n", bundle), StandardCharsets.UTF_8)) {
                p.load(r);
            }
            for (String a : actions) {
                assertThat(p.getProperty("audit.action." + a)).as(bundle + ": audit.action." + a).isNotBlank();
            }
        }
    }
}
