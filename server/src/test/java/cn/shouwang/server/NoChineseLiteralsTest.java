package cn.shouwang.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a user reads comes from the message bundles (i18n/&lt;feature&gt;.properties in Chinese, _en in English), so
 * that it shows in the reader's language: no Chinese in a string or char literal of the server's Java code. Comments
 * may be Chinese. The few files below may keep Chinese literals, each for the reason given.
 */
class NoChineseLiteralsTest {

    /** Files (under server/src/main/java/cn/shouwang/server) whose Chinese literals are not texts of a page. */
    static final Map<String, String> ALLOWED = Map.ofEntries(
            // place-name suffixes of the official area names (村民委员会 → 村): data, not text of the application
            Map.entry("area/AreaNames.java", "place-name suffixes"),
            // the same suffixes, stripped to match the names a person list gives (四平市梨树县 / 团山子村委会)
            Map.entry("household/imports/AreaResolver.java", "place-name suffixes"),
            // the demo's colleagues, their notes and measures: sample data stored as a user would type it
            Map.entry("casework/DemoCasework.java", "demo data"),
            // issue 14.5: the demo's year of history (colleagues, findings, measures) and its department files
            Map.entry("casework/DemoHistory.java", "demo data"),
            Map.entry("screening/DemoFiles.java", "demo data"),
            Map.entry("eldervisits/DemoElderVisits.java", "demo data"),
            Map.entry("moralbank/DemoMoralBank.java", "demo data"),
            // the demo's classifications of formerly-poor households: their grounds, as a user would type them
            Map.entry("household/classes/DemoClasses.java", "demo data"),
            // the demo's household assets: plate numbers, housing and businesses as a user would type them
            Map.entry("household/DemoAssets.java", "demo data"),
            // the demo's public-welfare posts and workshop, its banks and loan purposes: sample data as a user would type it
            Map.entry("employment/DemoEmployment.java", "demo data"),
            Map.entry("credit/DemoCredit.java", "demo data"),
            // the demo's colleagues who took the insurance claims' earlier steps (names as stored by a user's account)
            Map.entry("insurance/claim/DemoInsurance.java", "demo data"),
            // the demo accounts' names and areas, and the console banner (both languages on one line)
            Map.entry("access/DemoAccounts.java", "demo data and console banner"),
            // the first administrator's account name (data) and the console banner (both languages on one line)
            Map.entry("access/FirstAdministrator.java", "account name and console banner"),
            // command-line tools: console output in both languages on one line, no request and no locale
            Map.entry("tools/Commands.java", "console output"),
            // the one line a server started with a wrong personal-data key stops with (console, both languages)
            Map.entry("personaldata/KeyCheck.java", "console output at start"),
            // issue 15.6/15.8: the one-line messages of backup, restore and upgrade-db, and the one line a server started
            // on a data directory of another PostgreSQL major stops with (console, both languages)
            Map.entry("platform/DatabaseBackup.java", "console output of backup and restore"),
            Map.entry("platform/EmbeddedDatabase.java", "console output at start"),
            Map.entry("platform/DatabaseConfig.java", "console output of upgrade-db"),
            // the national system's person-list headers and value words: the layout of its files (data), read and written
            Map.entry("household/PersonListColumn.java", "national file layout"),
            // the OpenAPI tag of the REST API (documentation for developers, in both languages)
            Map.entry("household/HouseholdRestController.java", "OpenAPI description"),
            // the API's title and description in its OpenAPI document (developers, both languages)
            Map.entry("platform/ApiDescription.java", "OpenAPI description"));

    static final Path ROOT = Path.of("src/main/java/cn/shouwang/server");

    @Test
    void noChineseInAJavaStringOutsideTheAllowList() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = ROOT.relativize(f).toString().replace('\\', '/');
                if (ALLOWED.containsKey(rel)) continue;
                for (String hit : chineseLiterals(Files.readString(f))) found.add(rel + ":" + hit);
            }
        }
        assertThat(found).as("Chinese literals in Java: move them to a message bundle").isEmpty();
    }

    @Test
    void theScanSeesLiteralsAndSkipsComments() {
        String code = """
                // 注释 "不算"
                /* 块注释 "也不算" */
                /** 文档 */
                String a = "ok"; // 行尾注释
                String b = "中文";
                char c = '字';
                String d = \"""
                    文本块
                    \""";
                String e = "escaped \\" 引号";
                """;
        assertThat(chineseLiterals(code)).containsExactly("5: \"中文\"", "6: '字'", "7: \"\"\"", "10: \"escaped \\\" 引号\"");
    }

    @Test
    void everyAllowedFileStillExistsAndHasChinese() throws IOException {
        for (String rel : ALLOWED.keySet()) {
            Path f = ROOT.resolve(rel);
            assertThat(f).as(rel).exists();
            assertThat(chineseLiterals(Files.readString(f))).as(rel + " needs no place on the allow-list").isNotEmpty();
        }
    }

    /** "line: literal" for each string, text block or char literal holding a CJK ideograph, comments skipped. */
    static List<String> chineseLiterals(String src) {
        List<String> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = src.length();
        while (i < n) {
            char ch = src.charAt(i);
            if (ch == '\n') {
                line++;
                i++;
            } else if (src.startsWith("//", i)) {
                while (i < n && src.charAt(i) != '\n') i++;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(src, i, end);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                while (end > 0 && src.charAt(end - 1) == '\\') end = src.indexOf("\"\"\"", end + 1);
                end = end < 0 ? n : end + 3;
                if (cjk(src, i, end)) out.add(line + ": \"\"\"");
                line += count(src, i, end);
                i = end;
            } else if (ch == '"' || ch == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != ch && src.charAt(j) != '\n') j += src.charAt(j) == '\\' ? 2 : 1;
                int end = Math.min(n, j + 1);
                if (cjk(src, i, end)) out.add(line + ": " + src.substring(i, end));
                i = end;
            } else {
                i++;
            }
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int c = 0;
        for (int k = from; k < to; k++) if (s.charAt(k) == '\n') c++;
        return c;
    }

    private static boolean cjk(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c >= '\u4e00' && c <= '\u9fff' || c >= '\u3400' && c <= '\u4dbf') return true;
        }
        return false;
    }
}
