package cn.shouwang.server.platform;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the embedded or the external PostgreSQL; both are the same database to the rest. Two roles: the server's
 * pool connects as the application role (data only); migrations and the few DDL jobs go through {@link OwnerDatabase}
 * as the schema's owner.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {
    /**
     * Every connection (the server's pool and the owner's): tables are named without their module's schema
     * ({@link ModuleSchemas}). Plan every statement for its actual values: a generic plan cannot see that a name key
     * or an id hash matches a handful of rows and falls back to scanning a county (measured: 150 ms instead of 2 ms).
     */
    static final String CONNECTION_INIT =
            "set search_path = " + ModuleSchemas.SEARCH_PATH + "; set plan_cache_mode = force_custom_plan";

    @Bean(destroyMethod = "close")
    @Conditional(EmbeddedDatabaseCondition.class)
    EmbeddedDatabase embeddedDatabase(DatabaseProperties props,
            // 14 only for ./shouwang upgrade-db, which reads an earlier release's data directory with its own binaries
            @org.springframework.beans.factory.annotation.Value("${shouwang.db.embedded-major:" + EmbeddedDatabase.MAJOR + "}") int major) {
        EmbeddedDatabase.Settings s = settings(props);
        if (major == EmbeddedDatabase.OLD_MAJOR && EmbeddedDatabase.majorOf(s.dataDir()).isEmpty()) {
            // the old binaries read an earlier release's directory; they never make a new one
            throw new EmbeddedDatabase.OtherMajorVersionException("there is no PostgreSQL " + EmbeddedDatabase.OLD_MAJOR
                    + " data directory at " + s.dataDir() + ": nothing to upgrade (没有需要升级的数据目录)");
        }
        return EmbeddedDatabase.start(new EmbeddedDatabase.Settings(s.dataDir(), s.keysDir(), s.port(), s.durable(), major));
    }

    static EmbeddedDatabase.Settings settings(DatabaseProperties props) {
        String dir = props.embeddedDir() == null || props.embeddedDir().isBlank() ? "data/pg" : props.embeddedDir();
        Path dataDir = Path.of(dir);
        Path keys = props.embeddedKeysDir() == null || props.embeddedKeysDir().isBlank()
                ? dataDir.toAbsolutePath().resolveSibling("keys") : Path.of(props.embeddedKeysDir());
        return new EmbeddedDatabase.Settings(dataDir, keys, props.embeddedPort(), props.embeddedDurable());
    }

    @Bean
    DataSource dataSource(DatabaseProperties props, ObjectProvider<EmbeddedDatabase> embedded) {
        PatientPool ds = new PatientPool();
        if (props.embedded()) {
            EmbeddedDatabase pg = embedded.getObject();
            ds.setJdbcUrl(pg.jdbcUrl());
            ds.setUsername(pg.app().username());
            ds.setPassword(pg.app().password());
        } else {
            ds.setJdbcUrl(props.url());
            ds.setUsername(props.username());
            ds.setPassword(props.password());
        }
        ds.setBusyWaitMillis(props.busyWait().toMillis());
        ds.setPoolName("shouwang");
        ds.setConnectionInitSql(CONNECTION_INIT);
        ds.setMaximumPoolSize(16);
        // with PostgreSQL down a request gives up after a few seconds (the 503 page, DatabaseUnavailable) instead of
        // Hikari's 30; the pool keeps trying in the background and the server recovers by itself when it is back
        long timeout = Math.max(250, props.connectionTimeout().toMillis());
        ds.setConnectionTimeout(timeout);
        ds.setValidationTimeout(Math.max(250, Math.min(timeout - 100, 2_000)));
        return ds;
    }

    @Bean(destroyMethod = "close")
    OwnerDatabase ownerDatabase(DatabaseProperties props, ObjectProvider<EmbeddedDatabase> embedded) {
        if (props.embedded()) {
            EmbeddedDatabase pg = embedded.getObject();
            return new OwnerDatabase(pg.jdbcUrl(), pg.owner().username(), pg.owner().password());
        }
        return new OwnerDatabase(props.url(), props.migrationUser(), props.migrationUserPassword());
    }

    /** Flyway migrates as the owner. */
    @Bean
    FlywayConfigurationCustomizer migrateAsOwner(OwnerDatabase owner) {
        return configuration -> configuration.dataSource(owner.dataSource());
    }

    /**
     * Instead of one Flyway over everything: the upgrade of a single-schema database, one Flyway per module schema,
     * then the application role's grants ({@link ModuleMigrations}).
     */
    @Bean
    FlywayMigrationStrategy moduleMigrations(DatabaseProperties props) {
        String appRole = props.embedded() ? EmbeddedDatabase.APP : props.username();
        return flyway -> ModuleMigrations.migrate(flyway.getConfiguration(), appRole);
    }
}
