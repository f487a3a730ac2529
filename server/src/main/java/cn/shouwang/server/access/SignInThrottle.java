package cn.shouwang.server.access;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Back-off for sign-in failures, kept in the database (so it holds across restarts and several servers).
 * <ul>
 *   <li>Per client address: the first {@value #FREE} failures from an address cost nothing; each further one makes
 *       the address wait 2, 4, 8 … seconds (at most {@link #ADDRESS_CAP}) before its next attempt of any account.</li>
 *   <li>Per account: after {@value #FREE} failures for one account name (from anywhere) each further one makes the
 *       account wait likewise (at most {@link #ACCOUNT_CAP}), but only for addresses its owner has not signed in
 *       from within {@link #KNOWN_FOR}. So an attack from many addresses slows the guessing to a crawl, yet never
 *       keeps the owner out of their own office.</li>
 *   <li>A count is forgotten {@link #FORGET_AFTER} after its last failure; a successful sign-in clears the account's
 *       count (not the address's: a guesser with an account of their own must not wipe their address's record).</li>
 * </ul>
 * While an address or an account waits, an attempt is refused before its password is checked.
 */
@Repository
class SignInThrottle {
    static final int FREE = 5;
    static final Duration ADDRESS_CAP = Duration.ofMinutes(15);
    static final Duration ACCOUNT_CAP = Duration.ofMinutes(5);
    static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final Duration KNOWN_FOR = Duration.ofDays(90);

    private final JdbcClient jdbc;
    private final Clock clock;

    SignInThrottle(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long this attempt must still wait (zero: it may go ahead). */
    Duration waitFor(String address, String username) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Duration wait = remaining("address", address, now);
        Duration account = remaining("account", key(username), now);
        if (!account.isZero() && !known(address, username, now)) wait = wait.compareTo(account) >= 0 ? wait : account;
        return wait;
    }

    private Duration remaining(String kind, String key, OffsetDateTime now) {
        return jdbc.sql("select blocked_until from sign_in_failure where kind = :k and key = :key and blocked_until > :now")
                .param("k", kind).param("key", key).param("now", now).query(OffsetDateTime.class).optional()
                .map(until -> Duration.between(now, until)).orElse(Duration.ZERO);
    }

    private boolean known(String address, String username, OffsetDateTime now) {
        return jdbc.sql("""
                select exists (select 1 from sign_in_known_address k join account a on a.id = k.account_id
                                where a.username = :u and k.address = :addr and k.last_at > :since)""")
                .param("u", username).param("addr", address).param("since", now.minus(KNOWN_FOR))
                .query(Boolean.class).single();
    }

    /** A wrong password (or an unknown account name): both counts go up. */
    void failed(String address, String username) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        count("address", address, ADDRESS_CAP, now);
        count("account", key(username), ACCOUNT_CAP, now);
    }

    private void count(String kind, String key, Duration cap, OffsetDateTime now) {
        int failures = jdbc.sql("""
                insert into sign_in_failure (kind, key, failures, last_at) values (:k, :key, 1, :now)
                on conflict (kind, key) do update set
                   failures = case when sign_in_failure.last_at < :forget then 1 else sign_in_failure.failures + 1 end,
                   last_at = :now
                returning failures""")
                .param("k", kind).param("key", key).param("now", now).param("forget", now.minus(FORGET_AFTER))
                .query(Integer.class).single();
        if (failures > FREE) {
            Duration wait = backOff(failures, cap);
            jdbc.sql("update sign_in_failure set blocked_until = :until where kind = :k and key = :key")
                    .param("until", now.plus(wait)).param("k", kind).param("key", key).update();
        }
    }

    /** 2 s after the sixth failure, doubling each time, at most {@code cap}. */
    static Duration backOff(int failures, Duration cap) {
        int over = Math.min(failures - FREE, 20);
        Duration wait = Duration.ofSeconds(1L << over);
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    /** A successful sign-in: the account's count is cleared and the address becomes one of its known ones. */
    void succeeded(String address, long accountId, String username) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("delete from sign_in_failure where kind = 'account' and key = :key").param("key", key(username)).update();
        jdbc.sql("""
                insert into sign_in_known_address (account_id, address, last_at) values (:a, :addr, :now)
                on conflict (account_id, address) do update set last_at = excluded.last_at""")
                .param("a", accountId).param("addr", address).param("now", now).update();
    }

    /** An administrator's unlock or reset: the account's count is cleared. */
    void clearAccount(String username) {
        jdbc.sql("delete from sign_in_failure where kind = 'account' and key = :key").param("key", key(username)).update();
    }

    /** Counts nobody needs any more (an hour without failure), so the table stays small. */
    int forgetOld() {
        return jdbc.sql("delete from sign_in_failure where last_at < :t and (blocked_until is null or blocked_until < :now)")
                .param("t", OffsetDateTime.now(clock).minus(FORGET_AFTER)).param("now", OffsetDateTime.now(clock)).update();
    }

    private static String key(@Nullable String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}
