package cn.shouwang.server.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * After the migrations ({@link ModuleMigrations}, on the migration connection, i.e. as the schemas' owner), gives
 * the application role exactly what the server needs in every module schema, idempotently:
 * <ul>
 *   <li>USAGE on the schema; SELECT, INSERT, UPDATE, DELETE on its tables and USAGE, SELECT, UPDATE on its sequences —
 *       now and, by default privileges, for tables the owner creates later; no TRUNCATE, REFERENCES or TRIGGER;</li>
 *   <li>on the append-only logs only SELECT and INSERT: {@code audit_event} and every table with a trigger that calls
 *       a {@code *_append_only()} function (lead_step, lead_verification, monitoring_history, home_check), so the
 *       server can neither change nor delete a row there even with its triggers out of the way;</li>
 *   <li>only SELECT on each module's Flyway history table.</li>
 * </ul>
 * Nothing happens when the server and the migrations use the same role (an external database set up with one user).
 */
final class AppPrivileges {
    private AppPrivileges() {
    }

    static void grant(Connection c, String appRole, List<String> schemas) throws SQLException {
        if (appRole == null || appRole.isBlank()) return; // no separate server role configured
        try (Statement st = c.createStatement()) {
            if (appRole.equals(currentUser(st))) return; // one role for everything: nothing to separate
            for (String schema : schemas) {
                if (single(st, "select to_regnamespace(" + literal(ident(schema)) + ")::text") != null) {
                    grant(st, appRole, schema);
                }
            }
        }
    }

    private static void grant(Statement st, String appRole, String schemaName) throws SQLException {
        String app = ident(appRole);
        {
            String schema = ident(schemaName);
            st.execute("grant usage on schema " + schema + " to " + app);
            st.execute("grant select, insert, update, delete on all tables in schema " + schema + " to " + app);
            st.execute("revoke truncate, references, trigger on all tables in schema " + schema + " from " + app);
            st.execute("grant usage, select, update on all sequences in schema " + schema + " to " + app);
            st.execute("alter default privileges in schema " + schema
                    + " grant select, insert, update, delete on tables to " + app);
            st.execute("alter default privileges in schema " + schema + " grant usage, select, update on sequences to " + app);
            for (String table : appendOnly(st, schemaName)) {
                st.execute("revoke all on table " + table + " from " + app);
                st.execute("grant select, insert on table " + table + " to " + app);
            }
            String history = single(st, "select to_regclass(" + literal(schema + ".flyway_schema_history") + ")::text");
            if (history != null) {
                st.execute("revoke all on table " + history + " from " + app);
                st.execute("grant select on table " + history + " to " + app);
            }
        }
    }

    /** audit_event and the tables whose triggers refuse changes through a *_append_only() function. */
    static List<String> appendOnly(Statement st, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("""
                select distinct c.oid::regclass::text from pg_trigger t
                  join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
                  join pg_proc p on p.oid = t.tgfoid
                 where n.nspname = %1$s and not t.tgisinternal and p.proname like '%%\\_append\\_only'
                union select c.oid::regclass::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname = %1$s and c.relname = 'audit_event'
                 order by 1""".formatted(literal(schema)))) {
            while (rs.next()) tables.add(rs.getString(1));
        }
        return tables;
    }

    private static String currentUser(Statement st) throws SQLException {
        return single(st, "select current_user");
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
