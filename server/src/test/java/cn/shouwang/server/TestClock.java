package cn.shouwang.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The server's clock in tests: the system clock, moved forward by an offset a test sets. Casework needs months to
 * pass (six months from identification to elimination, five days of public notice, a 15-day deadline); a test
 * moves the business day with {@link #advance} and must {@link #reset} it in a {@code finally}, because every
 * test of the one shared context sees it. Time still runs while moved, so sessions and timestamps behave.
 */
public final class TestClock extends Clock {
    private final ZoneId zone;
    private final AtomicReference<Duration> offset;

    private TestClock(ZoneId zone, AtomicReference<Duration> offset) {
        this.zone = zone;
        this.offset = offset;
    }

    TestClock() {
        this(ZoneId.systemDefault(), new AtomicReference<>(Duration.ZERO));
    }

    /** Moves the business day forward by a calendar period (months and days as a person counts them). */
    public void advance(Period p) {
        Instant now = instant();
        Instant later = now.atZone(zone).plus(p).toInstant();
        offset.updateAndGet(d -> d.plus(Duration.between(now, later)));
    }

    public void advanceDays(int days) {
        advance(Period.ofDays(days));
    }

    /** Back to the real time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return z.equals(zone) ? this : new TestClock(z, offset);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** Registered for every {@link ServerTest} (one shared context); replaces the server's system clock. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
