package cn.shouwang.server.platform;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connections as the schema's owner, for the few jobs that change more than data: Flyway's migrations (including
 * the Java migration V13), the bulk loader of the demo and the benchmark (drops and builds indexes, ANALYZE), VACUUM
 * in the benchmark tool, and tests that build their own tables. Everything else — every page and API call — runs as
 * the application role through the primary {@link DataSource}. With an external database that is set up with one user
 * only, both are that user.
 *
 * <p>A small pool that keeps no idle connection: it is busy at start-up and during loads, not otherwise.
 */
public final class OwnerDatabase implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    OwnerDatabase(String url, String username, String password) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername(username);
        ds.setPassword(password);
        ds.setPoolName("shouwang-owner");
        ds.setMaximumPoolSize(4);
        ds.setMinimumIdle(0);
        ds.setIdleTimeout(10_000);
        ds.setConnectionInitSql(DatabaseConfig.CONNECTION_INIT);
        this.dataSource = ds;
        this.jdbc = JdbcClient.create(ds);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(ds));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** Transactions on {@link #dataSource()} (for {@link PgCopy} and {@link #jdbc()} inside them). */
    public TransactionTemplate transactions() {
        return transactions;
    }

    public String username() {
        return dataSource.getUsername();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
