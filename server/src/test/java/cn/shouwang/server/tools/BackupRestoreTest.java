package cn.shouwang.server.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.ShouwangApplication;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.DataDirectory;
import cn.shouwang.server.platform.DatabaseBackup;
import cn.shouwang.server.platform.ModuleSchemas;
import cn.shouwang.server.platform.OwnerDatabase;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code ./shouwang backup} of the demo server (every module's demo data, a sealed stored file) and {@code ./shouwang
 * restore} into a new embedded database made by a second server: every table's checksum is equal, the sequences go
 * on after the restored rows, the file is back and opens, and the restored server reads households and finds a
 * member by id number (sealed values and keyed hashes intact). A restore into a database that was not made for it,
 * and a backup of another release, are refused with one line.
 */
class BackupRestoreTest extends ServerTest {
    @Autowired PersonalDataApi personalData;
    @Autowired DataDirectory dataDirectory;
    @Autowired HouseholdApi households;

    static ConfigurableApplicationContext fresh(String dir) {
        return new SpringApplicationBuilder(ShouwangApplication.class).web(WebApplicationType.SERVLET)
                .run("--server.port=-1", "--spring.main.banner-mode=off", "--shouwang.data-dir=" + dir + "/data",
                        "--shouwang.db.embedded-dir=" + dir + "/pg", "--shouwang.db.embedded-durable=false",
                        "--shouwang.personal-data.key-file=target/test-keys/personal-data.key");
    }

    /** Every module table's row count and the md5 of its rows in a fixed order, by schema.table. */
    static Map<String, String> checksums(JdbcClient jdbc) {
        Map<String, String> out = new TreeMap<>();
        List<String> tables = jdbc.sql("""
                select quote_ident(n.nspname) || '.' || quote_ident(c.relname) from pg_class c
                  join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and n.nspname in (:s)""")
                .param("s", ModuleSchemas.MODULES).query(String.class).list();
        for (String t : tables) {
            out.put(t, jdbc.sql("select count(*) || ' ' || coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from "
                    + t + " x").query(String.class).single());
        }
        return out;
    }

    @Test
    void aBackupOfTheDemoRestoresIntoANewEmbeddedDatabaseWithEveryTableEqual() throws Exception {
        // a sealed stored file, as an upload leaves one
        Path upload = dataDirectory.root().resolve("screening/uploads/backup-test.sealed");
        Files.createDirectories(upload.getParent());
        try (OutputStream out = personalData.sealing(Files.newOutputStream(upload))) {
            out.write("民政 低保 220322199001011234".getBytes(StandardCharsets.UTF_8));
        }
        String dir = "target/test-backup/" + UUID.randomUUID();
        Files.createDirectories(Path.of(dir));
        Path file = Path.of(dir, "shouwang.backup");
        assertThat(Commands.Backup.backup(applicationContext, file)).isZero();
        Map<String, String> before = checksums(owner.jdbc());
        assertThat(before.keySet()).as("tables of many modules").anyMatch(t -> t.startsWith("casework."))
                .anyMatch(t -> t.startsWith("household.")).anyMatch(t -> t.startsWith("screening."))
                .anyMatch(t -> t.startsWith("audit.")).anyMatch(t -> t.startsWith("socialassistance."));
        long householdsBefore = jdbc.sql("select count(*) from household.household").query(Long.class).single();
        assertThat(householdsBefore).isPositive();
        // the backup is sealed: no id number, no name in clear
        byte[] raw = Files.readAllBytes(file);
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).startsWith("SWSEALF1").doesNotContain("flyway_schema_history");

        try (ConfigurableApplicationContext restored = fresh(dir + "/restored")) {
            assertThat(Commands.Restore.restore(restored, file, false)).isZero();
            JdbcClient r = restored.getBean(OwnerDatabase.class).jdbc();
            Map<String, String> after = checksums(r);
            assertThat(after).isEqualTo(before);
            // the sequences go on after the restored rows
            long maxId = r.sql("select max(id) from household.household").query(Long.class).single();
            assertThat(r.sql("select nextval('household.household_id_seq')").query(Long.class).single()).isGreaterThan(maxId);
            // the restored server reads its households: sealed values open, the id-number hashes find the member
            HouseholdApi api = restored.getBean(HouseholdApi.class);
            AreaScope county = new AreaScope("220322000000");
            long hid = r.sql("select min(id) from household.household where village_code like '220322%'")
                    .query(Long.class).single();
            var h = api.findHousehold(hid, county).orElseThrow();
            assertThat(h).isEqualTo(households.findHousehold(hid, county).orElseThrow());
            byte[] sealedId = r.sql("select id_number_enc from household.member where household_id = :h limit 1")
                    .param("h", hid).query(byte[].class).single();
            String id = restored.getBean(PersonalDataApi.class).open(sealedId);
            assertThat(api.findMember(IdNumber.of(id), county)).isPresent();
            Path back = restored.getBean(DataDirectory.class).root().resolve("screening/uploads/backup-test.sealed");
            try (var in = restored.getBean(PersonalDataApi.class).opening(Files.newInputStream(back))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("民政 低保 220322199001011234");
            }

            // a second restore into the same (no longer new) database: refused without --replace, nothing changed
            assertThat(Commands.Restore.restore(restored, file, false)).isEqualTo(1);
            try (var in = Files.newInputStream(file)) {
                PersonalDataApi pd = restored.getBean(PersonalDataApi.class);
                assertThatThrownBy(() -> restored.getBean(DatabaseBackup.class).restore(in, Path.of(dir, "elsewhere"), pd::opening, false))
                        .isInstanceOf(DatabaseBackup.Refused.class).hasMessageContaining("new embedded database");
            }
            assertThat(checksums(r)).isEqualTo(before);
            // under another personal-data key the backup does not open: refused before any table is touched
            byte[] otherKey = new byte[32];
            new java.security.SecureRandom().nextBytes(otherKey);
            var other = new cn.shouwang.server.personaldata.FieldCrypto(otherKey, "SM4");
            try (var in = Files.newInputStream(file)) {
                assertThatThrownBy(() -> restored.getBean(DatabaseBackup.class).restore(in, Path.of(dir, "elsewhere"), other::opening, true))
                        .isInstanceOf(java.io.IOException.class);
            }
            assertThat(checksums(r)).isEqualTo(before);
            // with --replace it goes in again, the files replaced
            assertThat(Commands.Restore.restore(restored, file, true)).isZero();
            assertThat(checksums(r)).isEqualTo(before);
        }
    }

    @Test
    void aBackupOfAnotherReleaseIsRefusedWithOneLine() {
        Properties manifest = new Properties();
        manifest.setProperty("migrations.household", "1,2,3");
        assertThatThrownBy(() -> DatabaseBackup.refuseOtherRelease(manifest, Map.of("household", "1,2,3,4")))
                .isInstanceOf(DatabaseBackup.Refused.class).hasMessageContaining("older release").hasMessageContaining("household");
        assertThatThrownBy(() -> DatabaseBackup.refuseOtherRelease(manifest, Map.of("household", "1,2")))
                .isInstanceOf(DatabaseBackup.Refused.class).hasMessageContaining("newer release");
    }

    @Autowired org.springframework.context.ApplicationContext applicationContext;
    @Autowired OwnerDatabase owner;
}
