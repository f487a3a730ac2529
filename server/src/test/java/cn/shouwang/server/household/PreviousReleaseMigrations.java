package cn.shouwang.server.household;

import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The Java migration of the health seal, for tests that build a database without the server's key: the same change
 * of the table (health_enc in, the clear columns out) on a registry without members yet.
 */
public final class PreviousReleaseMigrations {
    private PreviousReleaseMigrations() {
    }

    /** What the single-schema release ran as V13. */
    public static final class V13__Encrypt_health_details extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws SQLException {
            try (Statement st = context.getConnection().createStatement()) {
                st.execute("alter table member add column health_enc bytea not null");
                st.execute("alter table member drop column health, drop column disability_grade");
            }
        }
    }

    /** The same, under its name of now (household V3), so that Flyway finds the migration it sees applied. */
    public static final class V3__Encrypt_health_details extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws SQLException {
            new V13__Encrypt_health_details().migrate(context);
        }
    }
}
