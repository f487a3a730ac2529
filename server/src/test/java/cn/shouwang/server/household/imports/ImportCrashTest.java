package cn.shouwang.server.household.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A server killed (SIGKILL) in the middle of an import's apply: after the restart the registry holds none of the
 * file's rows and the import is back at "previewed", saying it was interrupted; applied again it lands whole. The
 * killed server is a child JVM ({@link ImportCrashChild}) on a data directory of its own, stopped while its apply
 * has written the file's households and members and waits for a lock; the restart is a server on the same
 * directory (whose start stops the orphaned postmaster, as in EmbeddedCrashRestartTest).
 */
class ImportCrashTest extends ServerTest {
    @Autowired RegistryFixtures registry;

    @Test
    void aServerKilledDuringAnApplyLeavesNothingOfTheFileAndTheImportPreviewedAgain() throws Exception {
        // the file: a village of this server in national layout (as the round trip proves, it imports clean)
        String village = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220322%' order by code offset 41 limit 1""").query(String.class).single();
        String county = village.substring(0, 6) + "000000";
        for (int i = 0; i < 3; i++) {
            long h = registry.household(village).head("崩溃" + i).member("崩溃配偶" + i, "SPOUSE", "ORDINARY", null).insert();
            registry.income(h, 2025).wages("10000").insert();
        }
        CurrentUser analyst = new CurrentUser(95, "t-crash", "测试", Role.COUNTY_ANALYST, new AreaScope(county));
        byte[] bytes = mvc.perform(get("/households/export/national").param("area", village).param("year", "2025")
                        .with(user(new AccountPrincipal(analyst, "{noop}x", false, true))))
                .andReturn().getResponse().getContentAsByteArray();
        Path dir = Path.of("target/test-import-crash", UUID.randomUUID().toString()).toAbsolutePath();
        Files.createDirectories(dir);
        Path file = dir.resolve("crash.xlsx");
        Files.write(file, bytes);

        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-cp", classpath, ImportCrashChild.class.getName(), dir.toString(), file.toString(), county)
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<String> blocked = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) { output.append(line).append('\n'); }
                    if (line.startsWith("BLOCKED ")) blocked.complete(line);
                }
            } catch (Exception ignored) {
                // the child was killed
            }
            blocked.complete("");
        });
        reader.setDaemon(true);
        reader.start();
        long importId;
        try {
            String line = blocked.get(300, TimeUnit.SECONDS);
            assertThat(line).as("child output:\n%s", output).startsWith("BLOCKED ");
            String[] parts = line.split(" ");
            importId = Long.parseLong(parts[1]);
            // the apply had written households and members in its transaction when the server died
            assertThat(parts.length > 2 ? parts[2] : "").isEqualTo("household,member");
            child.destroyForcibly(); // SIGKILL: no shutdown hook, the apply's transaction never ends
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        try (ConfigurableApplicationContext restarted = NationalRoundTripTest.emptyServer(dir.toString())) {
            JdbcClient other = restarted.getBean(JdbcClient.class);
            ImportStore store = restarted.getBean(ImportStore.class);
            assertThat(other.sql("select count(*) from household").query(Long.class).single()).isZero();
            assertThat(other.sql("select count(*) from member").query(Long.class).single()).isZero();
            assertThat(other.sql("select count(*) from household_income").query(Long.class).single()).isZero();
            ImportStore.Import imp = store.find(importId).orElseThrow();
            assertThat(imp.state()).isEqualTo(ImportStore.State.PREVIEWED);
            assertThat(imp.failureCode()).isEqualTo("registry.import.failure.interrupted");

            // the interrupted import, applied again, lands whole
            long account = other.sql("select id from account where username = 'county-crash'").query(Long.class).single();
            RegistryImports imports = restarted.getBean(RegistryImports.class);
            imports.applyNow(importId, false, new CurrentUser(account, "county-crash", "县级分析员", Role.COUNTY_ANALYST,
                    new AreaScope(county)));
            assertThat(store.find(importId).orElseThrow().state()).isEqualTo(ImportStore.State.APPLIED);
            assertThat(other.sql("select count(*) from household where village_code = :v").param("v", village)
                    .query(Long.class).single()).isEqualTo(3);
            assertThat(other.sql("select count(*) from member").query(Long.class).single()).isEqualTo(6);
        }
    }
}
