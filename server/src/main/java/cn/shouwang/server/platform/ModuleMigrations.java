package cn.shouwang.server.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces Spring Boot's single Flyway run (a {@code FlywayMigrationStrategy}, so everything that needs the database
 * still waits for it): first {@link PublicSchemaUpgrade} moves a database of the single-schema releases into the
 * module schemas, then one Flyway per module ({@link ModuleSchemas#MODULES}, in order) migrates
 * {@code classpath:db/migration/<module>} into schema {@code <module>} with its own history table and versions
 * from 1, never out of order; the Java migrations (Spring beans) go to the module of their package. Finally the
 * application role gets its privileges in every module schema ({@link AppPrivileges}). All as the migration role.
 */
final class ModuleMigrations {
    private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);
    static final String LOCATION = "db/migration/";

    private ModuleMigrations() {
    }

    static void migrate(Configuration base, String appRole) {
        DataSource ds = base.getDataSource();
        try (Connection c = ds.getConnection()) {
            PublicSchemaUpgrade.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot move the tables of an earlier release into the module schemas", e);
        }
        for (String module : ModuleSchemas.MODULES) {
            JavaMigration[] java = Arrays.stream(base.getJavaMigrations())
                    .filter(m -> module.equals(moduleOf(m.getClass())))
                    .toArray(JavaMigration[]::new);
            boolean hasSql = base.getClassLoader().getResource(LOCATION + module) != null;
            if (!hasSql && java.length == 0) continue; // a module without tables (platform so far)
            Flyway flyway = Flyway.configure(base.getClassLoader()).configuration(base)
                    .schemas(module).defaultSchema(module).table("flyway_schema_history")
                    .locations("classpath:" + LOCATION + module)
                    .javaMigrations(java)
                    .outOfOrder(false)
                    .load();
            var result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                log.info("module {}: {} migration(s) applied, now at version {}", module, result.migrationsExecuted,
                        result.targetSchemaVersion);
            }
        }
        try (Connection c = ds.getConnection()) {
            AppPrivileges.grant(c, appRole, ModuleSchemas.MODULES);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant the application role " + appRole + " its privileges", e);
        }
    }

    /** {@code cn.shouwang.server.household.V3__…} → household. */
    static String moduleOf(Class<?> migration) {
        String p = migration.getPackageName();
        String base = "cn.shouwang.server.";
        if (!p.startsWith(base)) return null;
        String rest = p.substring(base.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
