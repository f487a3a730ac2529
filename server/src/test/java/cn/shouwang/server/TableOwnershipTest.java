package cn.shouwang.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data boundaries (ModuleBoundaryTest checks the code's): every table belongs to the one module whose migrations
 * create it ({@code db/migration/<module>/}, schema {@code <module>}), and no other module's SQL names it.
 * <ul>
 *   <li>Java: every string literal and text block under {@code src/main/java/cn/shouwang/server/<module>/} is read;
 *       a table name after {@code from}, {@code join}, {@code into}, {@code update}, {@code table} or
 *       {@code references} (case-insensitive, whole word, optionally schema-qualified) must be one of the module's
 *       own. Another module's data is asked for through that module's API.</li>
 *   <li>Migrations: a module's SQL may name another module's table only in a foreign key
 *       ({@code references t (…)}), and only one listed in {@link #FOREIGN_KEYS}: ids and area codes held as
 *       references to the owner's rows (the owner's migrations run first, {@code ModuleSchemas.MODULES}).</li>
 * </ul>
 */
class TableOwnershipTest {
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final Path JAVA = Path.of("src/main/java/cn/shouwang/server");
    private static final Pattern CREATE = Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?(?:\\w+\\.)?(\\w+)");
    private static final Pattern NAMED =
            Pattern.compile("(?i)\\b(from|join|into|update|table|references)\\s+(?:only\\s+)?(?:(\\w+)\\.)?(\\w+)\\b");
    private static final Pattern STRINGS = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:\\\\.|[^\"\\\\\\n])*)\"", Pattern.DOTALL);

    /** module → other modules' tables its migrations may name in a foreign key. */
    private static final Map<String, Set<String>> FOREIGN_KEYS = Map.ofEntries(
            Map.entry("household", Set.of("area", "account")),    // household's village (edition, code); income recorded_by
            Map.entry("casework", Set.of("household")),              // lead, monitored_household, plan_measure → household id
            Map.entry("screening", Set.of("household")),             // screening_warning → household id
            // layers, grants, payments and the civil-affairs list → household and member ids; who recorded them
            Map.entry("socialassistance", Set.of("household", "member", "account")),
            Map.entry("employment", Set.of("household", "member", "account")), // a job's or workshop's worker; who recorded
            Map.entry("credit", Set.of("household", "account")),    // a loan's household; who recorded
            Map.entry("eldervisits", Set.of("household", "member", "account")), // the older person's member and household, a visitor's account
            Map.entry("moralbank", Set.of("household")),            // moral_account → household id
            Map.entry("insurance", Set.of("household", "member")),   // insurance_claim → the household and the person it pays for
            Map.entry("fieldwork", Set.of("household", "account")), // field_visit → household id, visitor account
            Map.entry("projects", Set.of("household", "account")));  // linked households and dividends → household id; recorded_by

    /**
     * Java files allowed to name another module's table, each with the reason. Empty: every module's SQL names only
     * its own tables (screening keeps its own copy of the household number on each warning). An entry is a debt that
     * another change removes.
     */
    private static final Map<String, String> ALLOWED_JAVA = Map.of();

    static Map<String, String> owners() throws IOException {
        Map<String, String> owner = new TreeMap<>();
        try (Stream<Path> modules = Files.list(MIGRATIONS)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(module)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                        Matcher m = CREATE.matcher(withoutComments(Files.readString(f)));
                        while (m.find()) {
                            String previous = owner.put(m.group(1).toLowerCase(), module.getFileName().toString());
                            assertThat(previous).as("table " + m.group(1) + " created by two modules")
                                    .isIn(null, module.getFileName().toString());
                        }
                    }
                }
            }
        }
        return owner;
    }

    @Test
    void everyTableHasOneOwnerAndItsModuleFolderIsItsSchema() throws IOException {
        Map<String, String> owner = owners();
        assertThat(owner).containsEntry("area", "area").containsEntry("account", "access")
                .containsEntry("audit_event", "audit").containsEntry("household", "household")
                .containsEntry("lead", "casework").containsEntry("screening_run", "screening");
    }

    @Test
    void noModulesSqlNamesAnotherModulesTable() throws IOException {
        Map<String, String> owner = owners();
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(JAVA)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = JAVA.relativize(f).toString().replace('\\', '/');
                if (!rel.contains("/")) continue; // the application class
                String module = rel.substring(0, rel.indexOf('/'));
                if (ALLOWED_JAVA.containsKey(rel)) continue;
                Matcher s = STRINGS.matcher(Files.readString(f));
                while (s.find()) {
                    String literal = s.group(1) != null ? s.group(1) : s.group(2);
                    Matcher m = NAMED.matcher(literal);
                    while (m.find()) {
                        String table = m.group(3).toLowerCase();
                        String tableOwner = owner.get(table);
                        if (tableOwner != null && !tableOwner.equals(module)) {
                            violations.add(rel + ": " + m.group(1) + " " + table + " (" + tableOwner + ")");
                        }
                    }
                }
            }
        }
        try (Stream<Path> modules = Files.list(MIGRATIONS)) {
            for (Path dir : modules.filter(Files::isDirectory).sorted().toList()) {
                String module = dir.getFileName().toString();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                        Matcher m = NAMED.matcher(withoutComments(Files.readString(f)));
                        while (m.find()) {
                            String table = m.group(3).toLowerCase();
                            String tableOwner = owner.get(table);
                            if (tableOwner == null || tableOwner.equals(module)) continue;
                            boolean foreignKey = m.group(1).equalsIgnoreCase("references")
                                    && FOREIGN_KEYS.getOrDefault(module, Set.of()).contains(table);
                            if (!foreignKey) violations.add("db/migration/" + module + "/" + f.getFileName() + ": "
                                    + m.group(1) + " " + table + " (" + tableOwner + ")");
                        }
                    }
                }
            }
        }
        assertThat(violations).as("SQL naming another module's table; ask its owner's API instead").isEmpty();
    }

    @Test
    void theAllowListNamesFilesThatExist() {
        ALLOWED_JAVA.keySet().forEach(f -> assertThat(JAVA.resolve(f)).as("stale entry " + f).exists());
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("--[^\\n]*", "");
    }
}
