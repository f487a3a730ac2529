package cn.shouwang.server.platform;

import java.nio.file.Path;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Run in a child JVM by {@link EmbeddedCrashRestartTest}: starts only the embedded database on the given data
 * directory, writes one row, says READY and waits to be killed.
 */
public final class EmbeddedChild {
    private EmbeddedChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        EmbeddedDatabase db = EmbeddedCrashRestartTest.start(dir);
        JdbcClient jdbc = JdbcClient.create(EmbeddedCrashRestartTest.as(db, db.owner()));
        jdbc.sql("create table crash_probe (note text)").update();
        jdbc.sql("insert into crash_probe values ('written before the kill')").update();
        System.out.println("READY " + db.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
