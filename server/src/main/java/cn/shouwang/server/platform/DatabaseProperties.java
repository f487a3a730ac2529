package cn.shouwang.server.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data lives. Without a URL the server starts an embedded PostgreSQL whose data
 * directory survives restarts; with one it connects to an external PostgreSQL.
 *
 * @param url               JDBC URL of an external PostgreSQL (env SHOUWANG_DB_URL); empty means embedded
 * @param username          external database: the server's role (env SHOUWANG_DB_USERNAME)
 * @param password          external database: its password (env SHOUWANG_DB_PASSWORD)
 * @param migrationUsername external database: the schema owner's role, which runs the migrations
 *                          (env SHOUWANG_DB_MIGRATION_USERNAME); empty means {@code username}
 * @param migrationPassword its password (env SHOUWANG_DB_MIGRATION_PASSWORD); empty with an empty migrationUsername
 *                          means {@code password}
 * @param embeddedDir       data directory of the embedded PostgreSQL
 * @param embeddedKeysDir   where the embedded PostgreSQL's generated passwords are kept (db-*.password)
 * @param embeddedPort      port of the embedded PostgreSQL (0 picks a free one)
 * @param embeddedDurable   fsync, synchronous commit and full-page writes on (PostgreSQL's defaults); only the test
 *                          suite turns this off, for speed
 * @param connectionTimeout how long a request waits for a connection of the pool (env SHOUWANG_DB_CONNECTION_TIMEOUT):
 *                          with the database down, the user gets the "service unavailable" page after this long
 * @param busyWait          how long in all a request waits when every connection is in use but the database answers
 *                          (env SHOUWANG_DB_BUSY_WAIT; {@link PatientPool}): a burst of users is not a database down
 */
@ConfigurationProperties(prefix = "shouwang.db")
public record DatabaseProperties(
        @Nullable String url,
        @Nullable String username,
        @Nullable String password,
        @Nullable String migrationUsername,
        @Nullable String migrationPassword,
        @Nullable String embeddedDir,
        @Nullable String embeddedKeysDir,
        int embeddedPort,
        @DefaultValue("true") boolean embeddedDurable,
        @DefaultValue("3s") java.time.Duration connectionTimeout,
        @DefaultValue("30s") java.time.Duration busyWait) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }

    /** External database: the role the migrations run as (the schema's owner). */
    public @Nullable String migrationUser() {
        return migrationUsername == null || migrationUsername.isBlank() ? username : migrationUsername;
    }

    /** External database: its password. */
    public @Nullable String migrationUserPassword() {
        return migrationUsername == null || migrationUsername.isBlank() ? password : migrationPassword;
    }
}
