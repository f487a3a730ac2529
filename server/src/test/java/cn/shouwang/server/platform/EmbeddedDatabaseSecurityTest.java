package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.server.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The embedded PostgreSQL is no longer open to every local user: password (SCRAM) for every connection, TCP and
 * socket alike; the socket in a 0700 directory; the passwords in 0600 files; and the server connects as a role that
 * is not a superuser and can only append to the audit log.
 */
class EmbeddedDatabaseSecurityTest extends ServerTest {
    @Autowired EmbeddedDatabase db;
    @Autowired OwnerDatabase owner;

    @Test
    void theApplicationRoleIsNoSuperuserAndCanOnlyAppendToTheAuditLog() {
        assertThat(jdbc.sql("select rolsuper from pg_roles where rolname = current_user").query(Boolean.class).single())
                .isFalse();
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isNotEqualTo("postgres");
        assertThat(jdbc.sql("select count(*) from audit_event").query(Long.class).single()).isNotNegative();

        refused(() -> jdbc.sql("delete from audit_event").update(), "permission denied");
        refused(() -> jdbc.sql("update audit_event set username = 'x'").update(), "permission denied");
        refused(() -> jdbc.sql("truncate audit_event").update(), "permission denied");
        refused(() -> jdbc.sql("alter table audit_event disable trigger audit_event_no_update_delete").update(), "must be owner");
        refused(() -> jdbc.sql("alter table audit_event disable trigger all").update(), "must be owner");
        // PostgreSQL 14 said "must be superuser or a member of …", 17 says "permission denied to COPY to or from …"
        refused(() -> jdbc.sql("copy (select 1) to program 'true'").update(), "COPY to or from an external program");
        refused(() -> jdbc.sql("select pg_read_file('postmaster.pid')").query(String.class).single(), "permission denied");
        refused(() -> jdbc.sql("create table intruder (a int)").update(), "permission denied");
        // the owner (migrations, loads) is no superuser either, and the log's triggers still stop it
        jdbc.sql("insert into audit_event (at, username, action) values (now(), 'test', 'SECURITY_TEST')").update();
        assertThat(owner.jdbc().sql("select rolsuper from pg_roles where rolname = current_user").query(Boolean.class)
                .single()).isFalse();
        refused(() -> owner.jdbc().sql("delete from audit_event where action = 'SECURITY_TEST'").update(), "append-only");
        refused(() -> owner.jdbc().sql("copy (select 1) to program 'true'").update(), "COPY to or from an external program");
        // the casework logs are append-only too
        for (String log : new String[] {"lead_step", "lead_verification", "monitoring_history", "home_check"}) {
            refused(() -> jdbc.sql("delete from " + log).update(), "permission denied");
        }
    }

    @Test
    void everyConnectionNeedsThePassword() throws Exception {
        int port = jdbc.sql("show port").query(Integer.class).single();
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        for (String user : new String[] {"postgres", "shouwang_app", "shouwang_owner"}) {
            assertThatThrownBy(() -> DriverManager.getConnection(url, user, "")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(url, user, "postgres"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        }
        String listen = jdbc.sql("show listen_addresses").query(String.class).single();
        assertThat(listen).isIn("localhost", "127.0.0.1");
    }

    @Test
    void theSocketIsInAPrivateDirectoryAndAsksForThePasswordToo() throws Exception {
        int port = jdbc.sql("show port").query(Integer.class).single();
        Path dir = db.socketDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        Path socket = dir.resolve(".s.PGSQL." + port);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rwx------");
        // this JVM runs as the directory's owner, so it reaches the socket: the server must ask for a password
        // (AuthenticationSASL, 10) instead of letting the superuser in (AuthenticationOk, 0)
        assertThat(authenticationRequestOverSocket(socket, "postgres")).isEqualTo(10);
    }

    @Test
    void thePasswordsAreInFilesOnlyTheirOwnerReads() throws Exception {
        try (var files = Files.list(db.settings().keysDir())) {
            var passwords = files.filter(f -> f.getFileName().toString().matches("db-.*\\.password")).toList();
            assertThat(passwords).hasSize(3);
            for (Path f : passwords) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                        .isEqualTo("rw-------");
            }
        }
    }

    /** The statement fails, and PostgreSQL's own message says why. */
    static void refused(ThrowingCallable statement, String why) {
        assertThatThrownBy(statement).rootCause().hasMessageContaining(why);
    }

    /** Sends a protocol 3.0 StartupMessage over the Unix socket and returns the code of the server's first answer. */
    static int authenticationRequestOverSocket(Path socket, String user) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(body);
            out.writeInt(196608); // protocol 3.0
            for (String s : new String[] {"user", user, "database", "postgres"}) {
                out.write(s.getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
            out.write(0);
            ByteBuffer msg = ByteBuffer.allocate(4 + body.size()).putInt(4 + body.size()).put(body.toByteArray()).flip();
            while (msg.hasRemaining()) ch.write(msg);
            DataInputStream in = new DataInputStream(Channels.newInputStream(ch));
            byte type = in.readByte();
            assertThat((char) type).as("an authentication request").isEqualTo('R');
            in.readInt(); // length
            return in.readInt();
        }
    }
}
