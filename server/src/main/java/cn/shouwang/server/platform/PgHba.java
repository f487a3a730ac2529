package cn.shouwang.server.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes the embedded database's pg_hba.conf — a SCRAM-SHA-256 password for every connection, over the socket and
 * over TCP from localhost, nothing from elsewhere — before each start, after first giving the bootstrap superuser its
 * password in single-user mode when it may not have it yet: on a new data directory (zonky's initdb trusts everyone
 * and sets none), on one made by an earlier release (trust), or when the password file is new. Which of these is the
 * case is read from the first line of pg_hba.conf, which carries a fingerprint of the superuser password it was
 * written for. The database never listens while the superuser has no password.
 */
final class PgHba {
    static final String FILE = "pg_hba.conf";
    private static final String MARK = "# shouwang scram ";

    private PgHba() {}

    static void secure(Path dataDir, String superuserPassword) {
        secure(dataDir, superuserPassword, io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver.INSTANCE);
    }

    /** @param binaries the PostgreSQL the data directory is started with (single-user mode must be the same major) */
    static void secure(Path dataDir, String superuserPassword, io.zonky.test.db.postgres.embedded.PgBinaryResolver binaries) {
        Path hba = dataDir.resolve(FILE);
        String mark = MARK + fingerprint(superuserPassword);
        try {
            String current = Files.exists(hba) ? Files.readString(hba, StandardCharsets.UTF_8) : "";
            if (!current.startsWith(mark + "\n")) {
                SingleUser.run(binaries, dataDir, "alter role " + EmbeddedDatabase.SUPERUSER + " with password '"
                        + org.postgresql.util.PasswordUtil.encodeScramSha256(superuserPassword.toCharArray()) + "'");
            }
            String content = mark + "\n"
                    + "# Written by the Shouwang server at every start of its embedded database (docs/operations.md);\n"
                    + "# changes here are overwritten. Every connection needs its role's password (SCRAM-SHA-256).\n"
                    + "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
                    + "local   all       all                 scram-sha-256\n"
                    + "host    all       all   127.0.0.1/32  scram-sha-256\n"
                    + "host    all       all   ::1/128       scram-sha-256\n";
            if (content.equals(current)) return;
            Path tmp = dataDir.resolve(FILE + ".new");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + hba, e);
        }
    }

    /** 64 bits of SHA-256 over the password: tells whether pg_hba.conf was written for this password, reveals nothing. */
    private static String fingerprint(String password) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("shouwang-superuser:" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
