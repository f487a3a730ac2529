package cn.shouwang.server.platform;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.charset.Charset;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only the server's own account may read: directories 0700, files 0600, given these modes
 * when they are created (the equivalent of a umask of 077), so there is no moment when another local user could
 * open them. On a file system without POSIX permissions the modes are left out.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {}

    static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] mode(Path p, Set<PosixFilePermission> perms) {
        return posix(p) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)} : new FileAttribute<?>[0];
    }

    /** {@code dir} and its missing parents, each created 0700 (existing ones are left as they are). */
    public static Path createDirectories(Path dir) throws IOException {
        return Files.createDirectories(dir, mode(dir, DIRECTORY));
    }

    /** A new directory, 0700; fails if it exists. */
    public static Path createDirectory(Path dir) throws IOException {
        return Files.createDirectory(dir, mode(dir, DIRECTORY));
    }

    /** A new, empty file, 0600; fails if it exists. */
    public static Path createFile(Path file) throws IOException {
        return Files.createFile(file, mode(file, FILE));
    }

    /** A new file, 0600, open for writing; fails if it exists. */
    public static OutputStream newOutputStream(Path file) throws IOException {
        return Channels.newOutputStream(Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), mode(file, FILE)));
    }

    /** A new text file, 0600, buffered; fails if it exists. */
    public static BufferedWriter newWriter(Path file, Charset charset) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(newOutputStream(file), charset.newEncoder()), 1 << 16);
    }

    /** Whether the file or directory is the server's own: 0600 / 0700 (always true without POSIX permissions). */
    public static boolean isPrivate(Path p) throws IOException {
        if (!posix(p)) return true;
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        return perms.equals(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? DIRECTORY : FILE);
    }

    /**
     * Gives {@code root} and everything under it the server's modes (directories 0700, files 0600), for what an
     * earlier release or another program created with looser ones. Symbolic links are not followed. Returns how
     * many were changed.
     */
    public static int restrict(Path root) throws IOException {
        if (!posix(root) || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return 0;
        int[] changed = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                set(d, DIRECTORY);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) set(f, FILE);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE; // deleted meanwhile
                throw e;
            }

            private void set(Path p, Set<PosixFilePermission> perms) throws IOException {
                try {
                    if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(perms)) {
                        Files.setPosixFilePermissions(p, perms);
                        changed[0]++;
                    }
                } catch (NoSuchFileException e) {
                    // deleted meanwhile
                }
            }
        });
        return changed[0];
    }

    /** Deletes {@code root} and everything under it (links are deleted, not followed); nothing if it is absent. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) throw e;
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
