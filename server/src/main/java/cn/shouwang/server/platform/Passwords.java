package cn.shouwang.server.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's three passwords, each generated on first start (256 random bits, base64url) into its own
 * file in the keys directory — {@code db-superuser.password}, {@code db-owner.password}, {@code db-app.password} —
 * readable by the server's OS user only (0600, in a 0700 directory when it creates it). Like the personal-data key
 * beside them, they belong in the backup of the data directory.
 */
final class Passwords {
    private static final Logger log = LoggerFactory.getLogger(Passwords.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final String superuser;
    private final String owner;
    private final String app;

    private Passwords(String superuser, String owner, String app) {
        this.superuser = superuser;
        this.owner = owner;
        this.app = app;
    }

    static Passwords in(Path keysDir) {
        try {
            if (!Files.isDirectory(keysDir)) {
                try {
                    Files.createDirectories(keysDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectories(keysDir);
                }
            }
            return new Passwords(readOrCreate(keysDir.resolve("db-superuser.password")),
                    readOrCreate(keysDir.resolve("db-owner.password")), readOrCreate(keysDir.resolve("db-app.password")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the database passwords in " + keysDir, e);
        }
    }

    String superuser() {
        return superuser;
    }

    String owner() {
        return owner;
    }

    String app() {
        return app;
    }

    private static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            try {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file); // not a POSIX file system: the directory's permissions must do
                }
                Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
                log.info("Generated the embedded database password {}", file);
                return password;
            } catch (FileAlreadyExistsException e) {
                // another start made it at the same moment: read theirs
            }
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(perms)) {
                log.warn("{} was readable by others ({}); set to 0600", file, PosixFilePermissions.toString(perms));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException e) {
            // not POSIX
        }
        String password = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (password.length() < 16 || !password.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalStateException(file + " does not hold a password made by Shouwang (16 or more of A-Z a-z 0-9 _ -)");
        }
        return password;
    }
}
