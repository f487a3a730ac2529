package cn.shouwang.server.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * The connection pool, telling a busy pool from a database that is down. Both end in Hikari's time-out after
 * {@code shouwang.db.connection-timeout} (3 s); with the database down that is right: the user gets the "service
 * unavailable" page within seconds ({@link DatabaseUnavailableFilter}). But under a burst of users every connection can
 * simply be in use for longer than that, and answering 503 "database unavailable" then is wrong (seen under 200
 * concurrent users): so when the time-out carries no connection failure (Hikari attaches the last failure to open a
 * connection, and clears it once one opens), the request waits again, up to {@code shouwang.db.busy-wait} in all.
 */
public class PatientPool extends HikariDataSource {
    private volatile long busyWaitMillis = 30_000;

    public void setBusyWaitMillis(long millis) {
        this.busyWaitMillis = Math.max(0, millis);
    }

    @Override
    public Connection getConnection() throws SQLException {
        long deadline = System.nanoTime() + busyWaitMillis * 1_000_000L;
        while (true) {
            try {
                return super.getConnection();
            } catch (SQLTransientConnectionException e) {
                if (!busyNotDown(e) || System.nanoTime() - deadline >= 0 || isClosed()) throw e;
            }
        }
    }

    /** A time-out with no failure to connect behind it: every connection was in use, the database answers. */
    static boolean busyNotDown(SQLTransientConnectionException e) {
        return e.getCause() == null && e.getNextException() == null;
    }
}
