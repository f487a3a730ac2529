package cn.shouwang.server.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.ShouwangApplication;
import cn.shouwang.server.household.HouseholdToolsApi;
import cn.shouwang.server.platform.DataDirectory;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A small registry (generated households: id numbers, phones, health sealed; id-number hashes) and a sealed file,
 * rotated to a new key with an interruption between batches: the server refuses to start while the rotation is
 * unfinished, a rerun goes on, and afterwards only the new key starts it and every value reads back as before (and
 * every id number is found by its new hash).
 */
class KeyRotationTest {

    static ConfigurableApplicationContext server(String dir, String key, boolean rotating) {
        return new SpringApplicationBuilder(ShouwangApplication.class).web(WebApplicationType.SERVLET)
                .run("--server.port=-1", "--spring.main.banner-mode=off", "--shouwang.data-dir=" + dir + "/data",
                        "--shouwang.db.embedded-dir=" + dir + "/pg", "--shouwang.personal-data.key=" + key,
                        "--shouwang.personal-data.rotating=" + rotating);
    }

    /** Every sealed value of the registry, opened: member id numbers and health, household phones. */
    static Map<String, String> opened(ConfigurableApplicationContext ctx) {
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        PersonalDataApi pd = ctx.getBean(PersonalDataApi.class);
        Map<String, String> values = new HashMap<>();
        jdbc.sql("select id, id_number_enc, id_number_hash, health_enc from household.member").query(rs -> {
            String id = pd.open(rs.getBytes(2));
            values.put("m" + rs.getLong(1), id + "|" + pd.open(rs.getBytes(4)));
            // the lookup hash is the new key's hash of the same id number
            assertThat(rs.getBytes(3)).isEqualTo(pd.idNumberHash(IdNumber.of(id)));
        });
        jdbc.sql("select id, phone_enc from household.household where phone_enc is not null")
                .query(rs -> { values.put("h" + rs.getLong(1), pd.open(rs.getBytes(2))); });
        return values;
    }

    @Test
    void aRotationInterruptedBetweenBatchesGoesOnAndEveryValueReadsBackUnderTheNewKey() throws Exception {
        String dir = "target/test-rotation/" + UUID.randomUUID();
        String oldKey = KeyCheckTest.newKey();
        String newKey = KeyCheckTest.newKey();
        Map<String, String> before;
        long stoppedRows;
        String fileContent = "身份证号 220322199001011234\n".repeat(10_000); // more than one 64 KiB segment
        Path file;
        Path unnamed; // a sealed file not named *.sealed: found by its header
        try (ConfigurableApplicationContext ctx = server(dir, oldKey, false)) {
            ctx.getBean(HouseholdToolsApi.class).loadDemo(300, 7);
            before = opened(ctx);
            assertThat(before.keySet().stream().filter(k -> k.startsWith("m")).count()).isGreaterThan(200);
            Path dataDir = ctx.getBean(DataDirectory.class).root();
            file = dataDir.resolve("screening/uploads/test.sealed");
            Files.createDirectories(file.getParent());
            try (OutputStream out = ctx.getBean(PersonalDataApi.class).sealing(Files.newOutputStream(file))) {
                out.write(fileContent.getBytes(StandardCharsets.UTF_8));
            }
            unnamed = dataDir.resolve("villagearchive/220322103205/document-1");
            Files.createDirectories(unnamed.getParent());
            try (OutputStream out = ctx.getBean(PersonalDataApi.class).sealing(Files.newOutputStream(unnamed))) {
                out.write("一村一档".getBytes(StandardCharsets.UTF_8));
            }
            // a file that is not sealed is left as it is
            Files.writeString(dataDir.resolve("villagearchive/220322103205/readme.txt"), "plain");
            KeyRotationApi.Outcome stopped = ctx.getBean(KeyRotationApi.class)
                    .rotate(Base64.getDecoder().decode(newKey), dataDir, 50, 3);
            assertThat(stopped.finished()).isFalse();
            stoppedRows = stopped.rows();
            assertThat(stoppedRows).as("three batches of at most 50 rows").isBetween(3L, 150L);
        }
        // half rotated: a server must not start on it, with either key
        assertThat(KeyCheckTest.startFails(dir, oldKey)).hasRootCauseMessage(KeyCheck.ROTATING);
        assertThat(KeyCheckTest.startFails(dir, newKey)).hasRootCauseInstanceOf(DataKeyMismatchException.class);

        try (ConfigurableApplicationContext ctx = server(dir, oldKey, true)) {
            Path dataDir = ctx.getBean(DataDirectory.class).root();
            KeyRotationApi.Outcome rest = ctx.getBean(KeyRotationApi.class)
                    .rotate(Base64.getDecoder().decode(newKey), dataDir, 50, -1);
            assertThat(rest.finished()).isTrue();
            assertThat(rest.files()).isEqualTo(2);
            long sealedRows = 0; // every row of every table with a sealed column
            StringBuilder counts = new StringBuilder();
            for (var t : ctx.getBean(cn.shouwang.server.platform.DataKeyCheckStore.class).sealedTables()) {
                long n = ctx.getBean(JdbcClient.class).sql("select count(*) from \"" + t.schema() + "\".\"" + t.table() + "\"")
                        .query(Long.class).single();
                sealedRows += n;
                counts.append(t.table()).append('=').append(n).append(' ');
            }
            // each row once: the stopped run's and the rest's together (a walk ordered by the key's text once skipped rows)
            assertThat(rest.rows() + stoppedRows).as(counts.toString()).isEqualTo(sealedRows);
        }

        assertThat(KeyCheckTest.startFails(dir, oldKey)).hasRootCauseInstanceOf(DataKeyMismatchException.class);
        try (ConfigurableApplicationContext ctx = server(dir, newKey, false)) {
            assertThat(opened(ctx)).isEqualTo(before);
            try (var in = ctx.getBean(PersonalDataApi.class).opening(Files.newInputStream(file))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(fileContent);
            }
            try (var in = ctx.getBean(PersonalDataApi.class).opening(Files.newInputStream(unnamed))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("一村一档");
            }
            assertThat(Files.readString(unnamed.resolveSibling("readme.txt"))).isEqualTo("plain");
            // nothing opens with the old key any more: not a value, not a file
            FieldCrypto old = new FieldCrypto(Base64.getDecoder().decode(oldKey), "SM4");
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            for (var t : ctx.getBean(cn.shouwang.server.platform.DataKeyCheckStore.class).sealedTables()) {
                for (String c : t.sealed()) {
                    jdbc.sql("select \"" + c + "\" from \"" + t.schema() + "\".\"" + t.table() + "\" where \"" + c + "\" is not null")
                            .query(rs -> {
                                byte[] v = rs.getBytes(1);
                                assertThat(v).as("%s.%s under the old key", t.table(), c)
                                        .satisfies(x -> org.assertj.core.api.Assertions.assertThatThrownBy(() -> old.open(x)));
                            });
                }
            }
            for (Path f : List.of(file, unnamed)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                    try (var in = old.opening(Files.newInputStream(f))) {
                        in.readAllBytes();
                    }
                }).isInstanceOf(java.io.IOException.class);
            }
            List<String> progress = ctx.getBean(JdbcClient.class).sql("select table_name from platform.key_rotation_table")
                    .query(String.class).list();
            assertThat(progress).isEmpty();
        }
    }
}
