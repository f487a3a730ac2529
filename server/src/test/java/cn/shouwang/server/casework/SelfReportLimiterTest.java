package cn.shouwang.server.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SelfReportLimiterTest {

    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2024-06-20T02:00:00Z");
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void anAddressMaySendAFewReportsAnHourThenWaits() {
        MovingClock clock = new MovingClock();
        SelfReportLimiter l = new SelfReportLimiter(clock, 3);
        assertThat(l.allow("10.0.0.1")).isTrue();
        assertThat(l.allow("10.0.0.1")).isTrue();
        assertThat(l.allow("10.0.0.1")).isTrue();
        assertThat(l.allow("10.0.0.1")).isFalse();
        assertThat(l.allow("10.0.0.2")).as("another address").isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(61));
        assertThat(l.allow("10.0.0.1")).isTrue();
    }
}
