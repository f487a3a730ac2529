package cn.shouwang.server.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * After every migration run (Flyway's afterMigrate, on the migration connection, i.e. as the schema's owner), gives
 * the application role exactly what the server needs, idempotently:
 * <ul>
 *   <li>SELECT, INSERT, UPDATE, DELETE on the tables and USAGE, SELECT, UPDATE on the sequences of the schema —
 *       now and, by default privileges, for tables the owner creates later; no TRUNCATE, REFERENCES or TRIGGER;</li>
 *   <li>on the append-only logs only SELECT and INSERT: {@code audit_event} and every table with a trigger that calls
 *       a {@code *_append_only()} function (lead_step, lead_verification, monitoring_history, home_check), so the
 *       server can neither change nor delete a row there even with its triggers out of the way;</li>
 *   <li>SELECT on Flyway's history table.</li>
 * </ul>
 * Nothing happens when the server and the migrations use the same role (an external database set up with one user).
 */
final class AppPrivileges implements Callback {
    private final String appRole;

    AppPrivileges(String appRole) {
        this.appRole = appRole;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public String getCallbackName() {
        return "shouwang-app-privileges";
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            grant(context.getConnection(), appRole, context.getConfiguration().getTable());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant the application role " + appRole + " its privileges", e);
        }
    }

    static void grant(Connection c, String appRole, String historyTable) throws SQLException {
        if (appRole == null || appRole.isBlank()) return; // no separate server role configured
        String app = ident(appRole);
        try (Statement st = c.createStatement()) {
            if (appRole.equals(currentUser(st))) return; // one role for everything: nothing to separate
            String schema = ident(single(st, "select current_schema()"));
            st.execute("grant usage on schema " + schema + " to " + app);
            st.execute("grant select, insert, update, delete on all tables in schema " + schema + " to " + app);
            st.execute("revoke truncate, references, trigger on all tables in schema " + schema + " from " + app);
            st.execute("grant usage, select, update on all sequences in schema " + schema + " to " + app);
            st.execute("alter default privileges in schema " + schema
                    + " grant select, insert, update, delete on tables to " + app);
            st.execute("alter default privileges in schema " + schema + " grant usage, select, update on sequences to " + app);
            for (String table : appendOnly(st)) {
                st.execute("revoke all on table " + table + " from " + app);
                st.execute("grant select, insert on table " + table + " to " + app);
            }
            String history = single(st, "select to_regclass(" + literal(ident(historyTable)) + ")::text");
            if (history != null) {
                st.execute("revoke all on table " + history + " from " + app);
                st.execute("grant select on table " + history + " to " + app);
            }
        }
    }

    /** audit_event and the tables whose triggers refuse changes through a *_append_only() function. */
    static List<String> appendOnly(Statement st) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("""
                select distinct c.oid::regclass::text from pg_trigger t
                  join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
                  join pg_proc p on p.oid = t.tgfoid
                 where n.nspname = current_schema() and not t.tgisinternal and p.proname like '%\\_append\\_only'
                union select to_regclass('audit_event')::text where to_regclass('audit_event') is not null
                 order by 1""")) {
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
