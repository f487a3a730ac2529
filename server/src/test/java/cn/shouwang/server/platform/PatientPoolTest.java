package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.server.ServerTest;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A busy pool makes a request wait; a database that is down answers at once (issue 15.3 and the load run). */
class PatientPoolTest extends ServerTest {
    @Autowired DataSource server;

    @Test
    void aRequestWaitsForABusyPoolInsteadOfBeingToldTheDatabaseIsDown() throws Exception {
        PatientPool real = server.unwrap(PatientPool.class); // the server's own pool is patient
        try (PatientPool pool = pool(real.getJdbcUrl(), real.getUsername(), real.getPassword(), 5_000)) {
            Connection held = pool.getConnection();
            // the only connection is held three times as long as the pool's time-out
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(900);
                    held.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            try (Connection c = pool.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
            assertThat(System.nanoTime() - start).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(600));
            release.get();
        }
    }

    @Test
    void aBusyPoolGivesUpAfterItsBusyWait() throws Exception {
        PatientPool real = server.unwrap(PatientPool.class); // the server's own pool is patient
        try (PatientPool pool = pool(real.getJdbcUrl(), real.getUsername(), real.getPassword(), 800);
             Connection held = pool.getConnection()) {
            assertThat(held.isValid(1)).isTrue();
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class);
        }
    }

    @Test
    void aDatabaseThatIsDownIsNotWaitedFor() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (PatientPool pool = pool("jdbc:postgresql://127.0.0.1:" + closed + "/postgres", "nobody", "x", 30_000)) {
            long start = System.nanoTime();
            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLTransientConnectionException.class)
                    .satisfies(e -> assertThat(PatientPool.busyNotDown((SQLTransientConnectionException) e)).isFalse());
            // the pool's 300 ms time-out, not the 30 s busy wait
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(10));
        }
    }

    private static PatientPool pool(String url, String user, String password, long busyWait) {
        PatientPool p = new PatientPool();
        p.setJdbcUrl(url);
        p.setUsername(user);
        p.setPassword(password);
        p.setMaximumPoolSize(1);
        p.setMinimumIdle(0);
        p.setConnectionTimeout(300);
        p.setValidationTimeout(250);
        p.setInitializationFailTimeout(-1);
        p.setBusyWaitMillis(busyWait);
        return p;
    }
}
