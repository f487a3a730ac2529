package cn.shouwang.server.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upgrade of a database made by a single-schema release (everything in {@code public}, one
 * {@code public.flyway_schema_history} with versions 1, 2, 10–14, 30, 31, 40–47, 53, 60–63) to one schema per
 * module. In one transaction, before the module Flyways run: creates the module schemas, moves every table (its
 * indexes, constraints, triggers and owned sequences go with it) and the trigger functions into the schema of their
 * module, copies each applied migration into the history of its module under the module's new version (same
 * description, type and checksum, so Flyway validates them as the files they were), and renames the old history to
 * {@code public.flyway_history_before_schemas} (kept for the record). Then each module's Flyway applies only what is
 * newer. Nothing happens on a database without {@code public.flyway_schema_history} (new, or already upgraded), so
 * every later start is a no-op. A failed or unknown migration in the old history stops the start with a message;
 * nothing is changed then.
 */
final class PublicSchemaUpgrade {
    private static final Logger log = LoggerFactory.getLogger(PublicSchemaUpgrade.class);
    static final String OLD_HISTORY_KEPT = "flyway_history_before_schemas";

    /** Old version → module and its file there (the same file, renumbered). */
    record Target(String module, String version, String script) {
    }

    static final Map<String, Target> VERSIONS = Map.ofEntries(
            Map.entry("1", new Target("area", "1", "V1__areas.sql")),
            Map.entry("2", new Target("access", "1", "V1__accounts.sql")),
            Map.entry("30", new Target("access", "2", "V2__account_admin.sql")),
            Map.entry("31", new Target("access", "3", "V3__api_tokens.sql")),
            Map.entry("11", new Target("audit", "1", "V1__audit.sql")),
            Map.entry("10", new Target("household", "1", "V1__registry.sql")),
            Map.entry("12", new Target("household", "2", "V2__household_income.sql")),
            Map.entry("13", new Target("household", "3", "cn.shouwang.server.household.V3__Encrypt_health_details")),
            Map.entry("14", new Target("household", "4", "V4__registry_counts.sql")),
            Map.entry("40", new Target("casework", "1", "V1__casework.sql")),
            Map.entry("41", new Target("casework", "2", "V2__auto_intake_setting.sql")),
            Map.entry("42", new Target("casework", "3", "V3__casework_admin.sql")),
            Map.entry("45", new Target("casework", "4", "V4__home_check.sql")),
            Map.entry("46", new Target("casework", "5", "V5__area_contact.sql")),
            Map.entry("47", new Target("casework", "6", "V6__casework_area_setting.sql")),
            Map.entry("53", new Target("casework", "7", "V7__self_report_reference.sql")),
            Map.entry("60", new Target("screening", "1", "V1__screening.sql")),
            Map.entry("61", new Target("screening", "2", "V2__warning_intake.sql")),
            Map.entry("62", new Target("screening", "3", "V3__auto_intake_counts.sql")),
            Map.entry("63", new Target("screening", "4", "V4__upload_confirmation.sql")));

    /** Every table of the single-schema releases and its module. */
    static final Map<String, String> TABLES = Map.ofEntries(
            Map.entry("area_edition", "area"), Map.entry("area", "area"),
            Map.entry("account", "access"), Map.entry("api_token", "access"),
            Map.entry("audit_event", "audit"),
            Map.entry("household", "household"), Map.entry("member", "household"),
            Map.entry("household_income", "household"), Map.entry("registry_village_count", "household"),
            Map.entry("casework_setting", "casework"), Map.entry("income_line", "casework"),
            Map.entry("casework_code", "casework"), Map.entry("lead", "casework"), Map.entry("lead_step", "casework"),
            Map.entry("lead_verification", "casework"), Map.entry("lead_report", "casework"),
            Map.entry("monitored_household", "casework"), Map.entry("monitoring_history", "casework"),
            Map.entry("assistance_officer", "casework"), Map.entry("plan_measure", "casework"),
            Map.entry("home_check", "casework"), Map.entry("area_contact", "casework"),
            Map.entry("casework_area_setting", "casework"),
            Map.entry("screening_upload", "screening"), Map.entry("screening_run", "screening"),
            Map.entry("screening_run_file", "screening"), Map.entry("screening_run_rule", "screening"),
            Map.entry("screening_warning", "screening"), Map.entry("screening_reject", "screening"));

    /** The functions of the single-schema releases (trigger functions and the counts' repair) and their module. */
    static final Map<String, String> FUNCTIONS = Map.of(
            "audit_event_append_only()", "audit",
            "registry_count_households()", "household",
            "registry_count_persons()", "household",
            "registry_count_rebuild()", "household",
            "casework_append_only()", "casework");

    private PublicSchemaUpgrade() {
    }

    /** Returns whether a single-schema database was moved. */
    static boolean run(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            if (!exists(st, "select to_regclass('public.flyway_schema_history') is not null")) {
                c.rollback();
                return false;
            }
            record Row(String oldVersion, Target to, String description, String type, Integer checksum,
                       String installedBy, java.sql.Timestamp installedOn, int executionTime) {
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("""
                    select version, description, type, checksum, installed_by, installed_on, execution_time, success
                      from public.flyway_schema_history order by installed_rank""")) {
                while (rs.next()) {
                    String version = rs.getString(1);
                    if (version == null) continue; // a schema marker: nothing to carry over
                    if (!rs.getBoolean(8)) {
                        throw new IllegalStateException("public.flyway_schema_history records a failed migration (version "
                                + version + "): repair the database with the release that ran it before upgrading");
                    }
                    Target to = VERSIONS.get(version);
                    if (to == null) {
                        throw new IllegalStateException("public.flyway_schema_history holds version " + version
                                + ", which this release does not know: upgrade with the release that added it first");
                    }
                    rows.add(new Row(version, to, rs.getString(2), rs.getString(3), (Integer) rs.getObject(4),
                            rs.getString(5), rs.getTimestamp(6), rs.getInt(7)));
                }
            }
            Set<String> schemas = new LinkedHashSet<>();
            for (String module : ModuleSchemas.MODULES) {
                if (TABLES.containsValue(module) || FUNCTIONS.containsValue(module)) schemas.add(module);
            }
            for (String schema : schemas) st.execute("create schema if not exists " + schema);
            int moved = 0;
            for (var t : TABLES.entrySet()) {
                if (exists(st, "select to_regclass('public." + t.getKey() + "') is not null")) {
                    st.execute("alter table public." + t.getKey() + " set schema " + t.getValue());
                    moved++;
                }
            }
            for (var f : FUNCTIONS.entrySet()) {
                if (exists(st, "select to_regprocedure('public." + f.getKey() + "') is not null")) {
                    st.execute("alter function public." + f.getKey() + " set schema " + f.getValue());
                }
            }
            for (String schema : schemas) {
                List<Row> mine = rows.stream().filter(r -> r.to().module().equals(schema)).toList();
                if (mine.isEmpty()) continue; // its Flyway starts from version 1
                if (exists(st, "select to_regclass('" + schema + ".flyway_schema_history') is not null")) {
                    throw new IllegalStateException(schema + ".flyway_schema_history exists beside "
                            + "public.flyway_schema_history: which one is right must be decided by hand");
                }
                st.execute("create table " + schema + ".flyway_schema_history "
                        + "(like public.flyway_schema_history including all)");
                try (PreparedStatement insert = c.prepareStatement("insert into " + schema + """
                        .flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                installed_by, installed_on, execution_time, success)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, true)""")) {
                    int rank = 1;
                    for (Row r : mine) {
                        insert.setInt(1, rank++);
                        insert.setString(2, r.to().version());
                        insert.setString(3, r.description());
                        insert.setString(4, r.type());
                        insert.setString(5, r.to().script());
                        insert.setObject(6, r.checksum(), java.sql.Types.INTEGER);
                        insert.setString(7, r.installedBy());
                        insert.setTimestamp(8, r.installedOn());
                        insert.setInt(9, r.executionTime());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            st.execute("alter table public.flyway_schema_history rename to " + OLD_HISTORY_KEPT);
            c.commit();
            log.info("moved {} tables of a single-schema release into the module schemas {}; each module's history "
                    + "continues from the migrations it had run", moved, schemas);
            return true;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static boolean exists(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
