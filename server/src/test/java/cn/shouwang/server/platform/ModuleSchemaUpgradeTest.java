package cn.shouwang.server.platform;

import static cn.shouwang.server.platform.EmbeddedCrashRestartTest.as;
import static cn.shouwang.server.platform.EmbeddedDatabaseSecurityTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.household.PreviousReleaseMigrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database built by the previous, single-schema release — its migration files as it shipped them
 * ({@code src/test/resources/previous-release}, run by a plain Flyway into {@code public}, out of order as that release
 * allowed) with a household, a lead and an audit row — is moved into the module schemas by the new migration path
 * ({@link ModuleMigrations}: {@link PublicSchemaUpgrade}, then one Flyway per module): the tables land in their
 * module's schema with their rows, triggers and sequences, each module's history stands at its latest version, the
 * application role has its privileges (audit append-only), and a second start changes nothing. The result has the
 * same tables and columns as a database built by the new path from nothing.
 */
class ModuleSchemaUpgradeTest {
    @Test
    void aSingleSchemaDatabaseMovesIntoTheModuleSchemasAndKeepsItsRows() throws Exception {
        Path dir = Path.of("target/test-pg-schemas", UUID.randomUUID().toString()).toAbsolutePath();
        try (EmbeddedDatabase db = EmbeddedCrashRestartTest.start(dir)) {
            // the previous release, as it ran: everything in public, one history
            Flyway.configure(getClass().getClassLoader()).dataSource(as(db, db.owner()))
                    .locations("classpath:previous-release/db/migration").outOfOrder(true)
                    .javaMigrations(new PreviousReleaseMigrations.V13__Encrypt_health_details())
                    .load().migrate();
            JdbcClient old = JdbcClient.create(as(db, db.owner()));
            old.sql("insert into area_edition (name, loaded_by, is_current) values ('2023', 'test', true)").update();
            old.sql("insert into area (edition_id, code, name, level) values (1, '220322103201', '村', 5)").update();
            old.sql("""
                    insert into household (household_no, area_edition_id, village_code, created_at, updated_at)
                    values ('220322103201001', 1, '220322103201', now(), now())""").update();
            old.sql("""
                    insert into lead (workflow, village_code, household_id, head_name, description, opened_on, state,
                                      due_on, created_at, updated_at)
                    values ('IDENTIFICATION', '220322103201', 1, '张三', 'x', current_date, 'OPEN', current_date,
                            now(), now())""").update();
            old.sql("insert into audit_event (at, username, action, household_id) values (now(), 'admin', 'HOUSEHOLD_CREATE', 1)")
                    .update();
            assertThat(old.sql("select count(*) from registry_village_count").query(Long.class).single()).isEqualTo(1);

            try (OwnerDatabase owner = new OwnerDatabase(db.jdbcUrl(), db.owner().username(), db.owner().password())) {
                Configuration config = newPath(owner);
                ModuleMigrations.migrate(config, EmbeddedDatabase.APP);
                JdbcClient jdbc = owner.jdbc();

                Map<String, String> schemaOf = new LinkedHashMap<>();
                jdbc.sql("select table_name, table_schema from information_schema.tables where table_schema not in "
                                + "('pg_catalog', 'information_schema') and table_name <> 'flyway_schema_history'")
                        .query(rs -> { schemaOf.put(rs.getString(1), rs.getString(2)); });
                assertThat(schemaOf).containsEntry("area", "area").containsEntry("account", "access")
                        .containsEntry("audit_event", "audit").containsEntry("household", "household")
                        .containsEntry("member", "household").containsEntry("registry_village_count", "household")
                        .containsEntry("lead", "casework").containsEntry("area_contact", "casework")
                        .containsEntry("screening_run", "screening")
                        .containsEntry(PublicSchemaUpgrade.OLD_HISTORY_KEPT, "public");
                // tables the previous release did not have are made by their module's newer migrations
                Map<String, String> newer = Map.ofEntries(Map.entry("event_publication", "platform"),
                        Map.entry("income_line_change", "casework"), Map.entry("standard_change", "casework"),
                        Map.entry("screening_run_line", "screening"), Map.entry("screening_run_stage", "screening"),
                        Map.entry("screening_run_new", "screening"),
                        Map.entry("screening_run_setting", "screening"), Map.entry("household_per_capita", "household"),
                        // the registry import (household V6)
                        Map.entry("registry_import", "household"), Map.entry("registry_import_mapping", "household"),
                        Map.entry("import_person", "household"), Map.entry("import_problem", "household"),
                        Map.entry("import_diff", "household"), Map.entry("import_new_household", "household"),
                        // the income import (household V9)
                        Map.entry("import_income", "household"),
                        // 名称与表述 (casework V13)
                        Map.entry("casework_term", "casework"),
                        // 脱贫户分类 (household V13) and 复核走访 (casework V12)
                        Map.entry("formerly_poor_class", "household"), Map.entry("household_class", "household"),
                        Map.entry("recheck", "casework"),
                        // household assets (household V12)
                        Map.entry("household_asset", "household"),
                        // the national export's jobs (household V14)
                        Map.entry("national_export_job", "household"),
                        // income credits from the registers beside the core (household V16)
                        Map.entry("household_income_credit", "household"),
                        // 一村一档 (villagearchive V1)
                        Map.entry("archive_code", "villagearchive"), Map.entry("village_document", "villagearchive"),
                        Map.entry("checklist_status", "villagearchive"), Map.entry("collective_income", "villagearchive"),
                        // social assistance and the low-income layers (socialassistance V1)
                        Map.entry("low_income_layer", "socialassistance"), Map.entry("assistance_grant", "socialassistance"),
                        Map.entry("assistance_payment", "socialassistance"), Map.entry("civil_list_import", "socialassistance"),
                        Map.entry("civil_list_problem", "socialassistance"), Map.entry("civil_list_row", "socialassistance"),
                        // public-welfare jobs, workshops and micro-credit (employment V1, credit V1)
                        Map.entry("welfare_job", "employment"), Map.entry("welfare_job_wage", "employment"),
                        Map.entry("workshop", "employment"), Map.entry("workshop_worker", "employment"),
                        Map.entry("workshop_wage", "employment"), Map.entry("employment_target", "employment"),
                        Map.entry("loan", "credit"), Map.entry("loan_repayment", "credit"),
                        Map.entry("credit_target", "credit"),
                        // 巡访关爱 (eldervisits V1) and 道德银行 (moralbank V1)
                        Map.entry("elder_class", "eldervisits"), Map.entry("elder_visitor", "eldervisits"),
                        Map.entry("elder_person", "eldervisits"), Map.entry("elder_visit", "eldervisits"),
                        Map.entry("moral_setting", "moralbank"), Map.entry("moral_category", "moralbank"),
                        Map.entry("moral_item", "moralbank"), Map.entry("moral_goods", "moralbank"),
                        Map.entry("moral_account", "moralbank"), Map.entry("moral_entry", "moralbank"),
                        // 防贫保 (insurance V1)
                        Map.entry("insurance_policy", "insurance"), Map.entry("insurance_premium", "insurance"),
                        Map.entry("insurance_claim", "insurance"),
                        // projects, assets and dividends (projects V1)
                        Map.entry("project", "projects"), Map.entry("project_fund", "projects"),
                        Map.entry("project_spending", "projects"), Map.entry("project_household", "projects"),
                        Map.entry("project_asset", "projects"), Map.entry("project_dividend", "projects"),
                        // 走访 (fieldwork V1)
                        Map.entry("field_visit", "fieldwork"), Map.entry("field_rhythm", "fieldwork"),
                        // 网格, 十户一组 (fieldwork V2)
                        Map.entry("field_grid", "fieldwork"), Map.entry("field_group", "fieldwork"),
                        Map.entry("field_household_place", "fieldwork"),
                        // 拉网式摸排 (fieldwork V4)
                        Map.entry("field_sweep", "fieldwork"), Map.entry("field_sweep_household", "fieldwork"),
                        Map.entry("field_sweep_figure", "fieldwork"),
                        // moves heard for the offline queue's conflicts (fieldwork V5)
                        Map.entry("field_household_move", "fieldwork"),
                        // issue 15 keys and sign-ins: the key's check value, sign-in throttling
                        Map.entry("data_key_check", "platform"), Map.entry("sign_in_failure", "access"),
                        Map.entry("sign_in_known_address", "access"), Map.entry("key_rotation", "platform"),
                        Map.entry("key_rotation_table", "platform"),
                        // sessions in PostgreSQL (Spring Session JDBC, platform V3)
                        Map.entry("spring_session", "platform"), Map.entry("spring_session_attributes", "platform"),
                        // 统计调度's month-end snapshots (figures V1)
                        Map.entry("figure_snapshot", "figures"), Map.entry("figure_snapshot_value", "figures"),
                        // 统计调度 at city scale: counts kept on write (casework V16), sums per area (figures V2)
                        Map.entry("monitored_village_figure", "casework"), Map.entry("figure_snapshot_area", "figures"));
                assertThat(schemaOf).allSatisfy((table, schema) -> assertThat(schema).as(table)
                        .isEqualTo(table.equals(PublicSchemaUpgrade.OLD_HISTORY_KEPT) ? "public"
                                : PublicSchemaUpgrade.TABLES.getOrDefault(table, newer.get(table))));
                assertThat(schemaOf.keySet()).containsAll(PublicSchemaUpgrade.TABLES.keySet());
                assertThat(jdbc.sql("select n.nspname from pg_proc p join pg_namespace n on n.oid = p.pronamespace "
                        + "where p.proname = 'registry_count_households'").query(String.class).single()).isEqualTo("household");
                assertThat(jdbc.sql("select pg_get_serial_sequence('household.household', 'id')").query(String.class).single())
                        .isEqualTo("household.household_id_seq");

                // every module's history stands at the latest version of its folder (household: the Java V3 too)
                assertThat(histories(jdbc)).isEqualTo(latestVersions());

                // the rows are kept and work on: the app role writes, the counts' triggers still fire, audit appends only
                assertThat(jdbc.sql("select household_no from household").query(String.class).list())
                        .containsExactly("220322103201001");
                assertThat(jdbc.sql("select head_name from lead where household_id = 1").query(String.class).single())
                        .isEqualTo("张三");
                assertThat(jdbc.sql("select action from audit_event").query(String.class).single())
                        .isEqualTo("HOUSEHOLD_CREATE");
                try (Connection c = as(db, db.app()).getConnection()) {
                    JdbcClient a = JdbcClient.create(new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true));
                    a.sql("set search_path = " + ModuleSchemas.SEARCH_PATH).update();
                    a.sql("""
                            insert into household (household_no, area_edition_id, village_code, created_at, updated_at)
                            values ('220322103201002', 1, '220322103201', now(), now())""").update();
                    a.sql("insert into audit_event (at, username, action) values (now(), 'admin', 'HOUSEHOLD_CREATE')").update();
                    refused(() -> a.sql("delete from audit_event").update(), "permission denied");
                    refused(() -> a.sql("delete from lead_step").update(), "permission denied");
                    refused(() -> a.sql("create table household.x (i int)").update(), "permission denied");
                    assertThat(a.sql("select households from registry_village_count").query(Long.class).single())
                            .isEqualTo(2L);
                }

                // a session with the default search_path (psql, a script) names tables with their schema; the counts'
                // trigger functions find their table all the same (household V5)
                JdbcClient plain = JdbcClient.create(as(db, db.owner()));
                plain.sql("""
                        insert into household.household (household_no, area_edition_id, village_code, created_at, updated_at)
                        values ('220322103201003', 1, '220322103201', now(), now())""").update();
                assertThat(plain.sql("select households from household.registry_village_count").query(Long.class).single())
                        .isEqualTo(3L);

                // a second start changes nothing
                Map<String, String> before = snapshot(jdbc);
                assertThat(PublicSchemaUpgrade.run(owner.dataSource().getConnection())).isFalse();
                ModuleMigrations.migrate(newPath(owner), EmbeddedDatabase.APP);
                assertThat(snapshot(jdbc)).isEqualTo(before);

                // the same tables and columns as a database the new path builds from nothing
                JdbcClient su = JdbcClient.create(db.superuser());
                su.sql("create database fresh owner " + EmbeddedDatabase.OWNER).update();
                String freshUrl = db.jdbcUrl().replaceFirst("/postgres(\\?|$)", "/fresh$1");
                try (OwnerDatabase fresh = new OwnerDatabase(freshUrl, db.owner().username(), db.owner().password())) {
                    ModuleMigrations.migrate(newPath(fresh), EmbeddedDatabase.APP);
                    assertThat(columns(fresh.jdbc())).isEqualTo(columns(jdbc));
                    assertThat(histories(fresh.jdbc())).isEqualTo(latestVersions());
                }
            }
        }
    }

    private static Configuration newPath(OwnerDatabase owner) {
        return Flyway.configure(ModuleSchemaUpgradeTest.class.getClassLoader()).dataSource(owner.dataSource())
                .javaMigrations(new PreviousReleaseMigrations.V3__Encrypt_health_details());
    }

    /** module → highest successful version in its history table. */
    private static Map<String, Integer> histories(JdbcClient jdbc) {
        Map<String, Integer> at = new LinkedHashMap<>();
        for (String module : ModuleSchemas.MODULES) {
            if (jdbc.sql("select to_regclass(:t) is not null").param("t", module + ".flyway_schema_history")
                    .query(Boolean.class).single()) {
                at.put(module, jdbc.sql("select max(version::int) from " + module + ".flyway_schema_history "
                        + "where success and version is not null").query(Integer.class).single());
            }
        }
        return at;
    }

    /** module → highest V<n> among its migration files in src/main. */
    private static Map<String, Integer> latestVersions() throws IOException {
        Map<String, Integer> latest = new LinkedHashMap<>();
        Pattern v = Pattern.compile("V(\\d+)__.*");
        for (String module : ModuleSchemas.MODULES) {
            Path folder = Path.of("src/main/resources/db/migration", module);
            if (!Files.isDirectory(folder)) continue;
            try (Stream<Path> files = Files.list(folder)) {
                latest.put(module, files.map(f -> v.matcher(f.getFileName().toString())).filter(Matcher::matches)
                        .mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow());
            }
        }
        return latest;
    }

    private static Map<String, String> snapshot(JdbcClient jdbc) {
        Map<String, String> s = new LinkedHashMap<>();
        for (String module : ModuleSchemas.MODULES) {
            if (jdbc.sql("select to_regclass(:t) is not null").param("t", module + ".flyway_schema_history")
                    .query(Boolean.class).single()) {
                s.put(module, jdbc.sql("select string_agg(installed_rank || ':' || coalesce(version, '-') || ':' "
                        + "|| installed_on, ',' order by installed_rank) from " + module + ".flyway_schema_history")
                        .query(String.class).single());
            }
        }
        s.put("tables", String.join(",", columns(jdbc)));
        return s;
    }

    private static List<String> columns(JdbcClient jdbc) {
        return jdbc.sql("""
                select table_schema || '.' || table_name || '.' || column_name || ':' || data_type || ':' || is_nullable
                  from information_schema.columns
                 where table_schema not in ('pg_catalog', 'information_schema', 'public')
                   and table_name <> 'flyway_schema_history'
                 order by 1""").query(String.class).list();
    }
}
