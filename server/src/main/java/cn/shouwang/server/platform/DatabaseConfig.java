package cn.shouwang.server.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import com.zaxxer.hikari.HikariDataSource;

/** Chooses the embedded or the external PostgreSQL; both are the same database to the rest. */
@Configuration(proxyBeanMethods = false)
class DatabaseConfig {
    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    @Bean(destroyMethod = "close")
    @org.springframework.context.annotation.Conditional(EmbeddedDatabaseCondition.class)
    EmbeddedPostgres embeddedPostgres(DatabaseProperties props) {
        String dir = props.embeddedDir() == null || props.embeddedDir().isBlank()
                ? "data/pg" : props.embeddedDir();
        Path dataDir = Path.of(dir).toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
            log.info("Starting embedded PostgreSQL, data directory {}", dataDir);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(props.embeddedPort())
                    .setServerConfig("max_connections", "100")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    @Bean
    DataSource dataSource(DatabaseProperties props,
                          org.springframework.beans.factory.ObjectProvider<EmbeddedPostgres> embedded) {
        HikariDataSource ds;
        if (props.embedded()) {
            EmbeddedPostgres pg = embedded.getObject();
            ds = DataSourceBuilder.create().type(HikariDataSource.class)
                    .url(pg.getJdbcUrl("postgres", "postgres"))
                    .username("postgres").password("postgres").build();
        } else {
            ds = DataSourceBuilder.create().type(HikariDataSource.class)
                    .url(props.url()).username(props.username()).password(props.password()).build();
        }
        ds.setPoolName("shouwang");
        // Plan every statement for its actual values: a generic plan cannot see that a name key or an id hash
        // matches a handful of rows and falls back to scanning a county (measured: 150 ms instead of 2 ms).
        ds.setConnectionInitSql("set plan_cache_mode = force_custom_plan");
        ds.setMaximumPoolSize(16);
        return ds;
    }
}
