package cn.shouwang.server.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data lives. Without a URL the server starts an embedded PostgreSQL whose data
 * directory survives restarts; with one it connects to an external PostgreSQL.
 *
 * @param url             JDBC URL of an external PostgreSQL (env SHOUWANG_DB_URL); empty means embedded
 * @param username        external database user (env SHOUWANG_DB_USERNAME)
 * @param password        external database password (env SHOUWANG_DB_PASSWORD)
 * @param embeddedDir     data directory of the embedded PostgreSQL
 * @param embeddedPort    port of the embedded PostgreSQL (0 picks a free one)
 * @param embeddedDurable fsync, synchronous commit and full-page writes on (PostgreSQL's defaults); only the test
 *                        suite turns this off, for speed
 */
@ConfigurationProperties(prefix = "shouwang.db")
public record DatabaseProperties(
        @Nullable String url,
        @Nullable String username,
        @Nullable String password,
        @Nullable String embeddedDir,
        int embeddedPort,
        @DefaultValue("true") boolean embeddedDurable) {

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
