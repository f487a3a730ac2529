package cn.shouwang.server.platform;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.boot.context.event.ApplicationReadyEvent;

/**
 * The server's data directory ({@code shouwang.data-dir}, env {@code SHOUWANG_DATA_DIR}): embedded database
 * ({@code pg/}), key file ({@code keys/}), the comparison's files ({@code screening/}) and the container's temporary
 * files ({@code tmp/}: Tomcat's base directory and the multipart spool). Made the server's own at start (root,
 * {@code keys/} and {@code tmp/} 0700 / 0600 — PostgreSQL keeps {@code pg/} 0700 itself) and Tomcat's multipart temp
 * files of uploads a killed server left are deleted, before the port opens.
 *
 * <p>A server holds a lock on {@code .lock} for as long as it runs: only the holder sweeps, so a command-line tool
 * started beside a running server (same data directory) never deletes the running server's files.
 */
@Configuration(proxyBeanMethods = false)
public class DataDirectory {
    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    private final Path root;
    private final Path multipart;
    private final @Nullable FileChannel lockFile;
    private final @Nullable FileLock lock;

    DataDirectory(@Value("${shouwang.data-dir}") String root,
                  @Value("${spring.servlet.multipart.location:}") String multipart,
                  @Value("${server.tomcat.basedir:}") String tomcat) {
        this.root = Path.of(root).toAbsolutePath().normalize();
        this.multipart = multipart.isBlank() ? this.root.resolve("tmp").resolve("multipart")
                : Path.of(multipart).toAbsolutePath().normalize();
        FileChannel channel = null;
        FileLock held = null;
        try {
            PrivateFiles.createDirectories(this.root);
            if (PrivateFiles.posix(this.root)) Files.setPosixFilePermissions(this.root, PrivateFiles.DIRECTORY);
            // what an earlier release or Tomcat itself (it creates its base directory before any bean) made 0755/0644
            PrivateFiles.restrict(this.root.resolve("keys"));
            PrivateFiles.restrict(this.root.resolve("tmp"));
            PrivateFiles.createDirectories(this.multipart);
            if (!tomcat.isBlank()) PrivateFiles.createDirectories(Path.of(tomcat).toAbsolutePath());
            if (isInside(this.multipart)) PrivateFiles.restrict(this.multipart);
            Path lockPath = this.root.resolve(".lock");
            channel = PrivateFiles.posix(lockPath)
                    ? FileChannel.open(lockPath, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                            PosixFilePermissions.asFileAttribute(PrivateFiles.FILE))
                    : FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                held = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                held = null; // another application context in this JVM holds it
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the data directory " + this.root, e);
        }
        this.lockFile = channel;
        this.lock = held;
        if (held == null) {
            log.info("data directory {} is in use by another server: leaving its temporary files alone", this.root);
        } else {
            int swept = sweepMultipart();
            if (swept > 0) log.warn("deleted {} multipart temp file(s) of uploads cut off by a stopped server", swept);
        }
    }

    /**
     * Tomcat makes its work folders ({@code tmp/tomcat/work/...}) when it starts, after this bean: they hold nothing
     * of the users', but under the data directory everything is the server's own.
     */
    @EventListener(ApplicationReadyEvent.class)
    void restrictContainerFolders() {
        try {
            PrivateFiles.restrict(root.resolve("tmp"));
        } catch (IOException e) {
            log.warn("could not restrict {}: {}", root.resolve("tmp"), e.getClass().getSimpleName());
        }
    }

    /**
     * After the start-up tasks (migrations, recovery of what a stopped server left, the demo's data): the port was
     * open before them. An operator's script (and KillTest) waits for this line.
     */
    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        log.info("Shouwang is ready: start-up tasks done");
    }

    /** The data directory, absolute. */
    public Path root() {
        return root;
    }

    /** Whether this process is the server of the data directory (holds its lock), and so may sweep it. */
    public boolean owner() {
        return lock != null;
    }

    /** Where Tomcat spools uploaded files (0700). */
    public Path multipartDir() {
        return multipart;
    }

    /** Whether {@code p} lies under the data directory. */
    public boolean isInside(Path p) {
        return p.toAbsolutePath().normalize().startsWith(root);
    }

    /**
     * Deletes Tomcat's multipart temp files ({@code upload_*.tmp}, whole request bodies: department files with id
     * numbers) that a killed server left in the spool directory. Only at start, before the port opens; only files
     * of that name, so a spool directory set to a shared place loses nothing else. Returns how many.
     */
    public int sweepMultipart() {
        if (!Files.isDirectory(multipart, LinkOption.NOFOLLOW_LINKS)) return 0;
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(multipart, "upload_*.tmp")) {
            for (Path p : ds) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(p)) n++;
            }
        } catch (IOException e) {
            log.error("could not sweep {}: {}", multipart, e.getClass().getSimpleName());
        }
        return n;
    }

    /** The container spools uploads into {@link #multipartDir()}, an absolute path (a relative one would be Tomcat's). */
    @Bean
    MultipartConfigElement multipartConfigElement(MultipartProperties props) {
        MultipartConfigElement base = props.createMultipartConfig();
        return new MultipartConfigElement(multipart.toString(), base.getMaxFileSize(), base.getMaxRequestSize(),
                base.getFileSizeThreshold());
    }

    @PreDestroy
    void release() {
        try {
            if (lock != null) lock.release();
            if (lockFile != null) lockFile.close();
        } catch (IOException e) {
            log.debug("lock release: {}", e.getClass().getSimpleName());
        }
    }
}
