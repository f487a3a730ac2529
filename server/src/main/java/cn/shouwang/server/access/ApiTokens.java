package cn.shouwang.server.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Personal API tokens: {@code sw_} + 32 random bytes (base64url, 43 characters), stored only as their SHA-256. A
 * request's token is found by its hash through the unique index: no slow hash per request (the token is random and
 * long, so a fast hash suffices), and no comparison of secret bytes in Java whose timing could leak them (what an
 * attacker can time is the lookup of a hash they cannot aim).
 */
@Repository
class ApiTokens {
    static final String PREFIX = "sw_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A token as its owner sees it in the list (never the token itself). */
    public record TokenInfo(long id, String name, String tokenPrefix, OffsetDateTime createdAt,
                            @Nullable OffsetDateTime lastUsedAt, @Nullable OffsetDateTime revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Makes a token for the account and returns it; this is the only time it exists in clear. */
    String create(long accountId, String name) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = PREFIX + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        jdbc.sql("insert into api_token (account_id, name, token_hash, token_prefix, created_at) values (:a, :n, :h, :p, :t)")
                .param("a", accountId).param("n", name).param("h", hash(token)).param("p", token.substring(0, 10))
                .param("t", OffsetDateTime.now(clock)).update();
        return token;
    }

    List<TokenInfo> of(long accountId) {
        return jdbc.sql("select id, name, token_prefix, created_at, last_used_at, revoked_at from api_token "
                        + "where account_id = :a order by created_at desc")
                .param("a", accountId)
                .query((rs, i) -> new TokenInfo(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class),
                        rs.getObject(6, OffsetDateTime.class)))
                .list();
    }

    boolean revoke(long accountId, long tokenId) {
        return jdbc.sql("update api_token set revoked_at = :t where id = :id and account_id = :a and revoked_at is null")
                .param("t", OffsetDateTime.now(clock)).param("id", tokenId).param("a", accountId).update() == 1;
    }

    /** Revokes every live token of the account (its password was reset, its role or area changed); how many. */
    int revokeAll(long accountId) {
        return jdbc.sql("update api_token set revoked_at = :t where account_id = :a and revoked_at is null")
                .param("t", OffsetDateTime.now(clock)).param("a", accountId).update();
    }

    /** The account name behind a live token, noting the use (at most once a minute, to spare the database). */
    Optional<String> usernameFor(String token) {
        if (!token.startsWith(PREFIX)) return Optional.empty();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Optional<String> user = jdbc.sql("""
                select a.username from api_token t join account a on a.id = t.account_id
                 where t.token_hash = :h and t.revoked_at is null""")
                .param("h", hash(token)).query(String.class).optional();
        if (user.isPresent()) {
            jdbc.sql("update api_token set last_used_at = :t where token_hash = :h "
                            + "and (last_used_at is null or last_used_at < :t - interval '1 minute')")
                    .param("t", now).param("h", hash(token)).update();
        }
        return user;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
