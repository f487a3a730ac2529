package cn.shouwang.server.casework.identification;

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

    static final String VILLAGE = "220322100201";

    /** Stands for the keyed hash of an id number (the limiter never sees the number itself). */
    static byte[] hash(int n) {
        byte[] h = new byte[16];
        h[0] = (byte) n;
        h[15] = (byte) (n >> 8);
        return h;
    }

    @Test
    void anAddressMaySendAFewReportsAnHourThenWaits() {
        MovingClock clock = new MovingClock();
        SelfReportLimiter l = new SelfReportLimiter(clock, new SelfReportLimiter.Limits(3, 100, 100));
        assertThat(l.allow("10.0.0.1", VILLAGE, hash(1))).isTrue();
        assertThat(l.allow("10.0.0.1", VILLAGE, hash(2))).isTrue();
        assertThat(l.allow("10.0.0.1", VILLAGE, hash(3))).isTrue();
        assertThat(l.allow("10.0.0.1", VILLAGE, hash(4))).isFalse();
        assertThat(l.allow("10.0.0.2", VILLAGE, hash(5))).as("another address").isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(61));
        assertThat(l.allow("10.0.0.1", VILLAGE, hash(6))).isTrue();
    }

    @Test
    void aVillageTakesOnlySoManyReportsAnHourFromAllAddressesTogether() {
        MovingClock clock = new MovingClock();
        SelfReportLimiter l = new SelfReportLimiter(clock, new SelfReportLimiter.Limits(100, 4, 100));
        for (int i = 0; i < 4; i++) assertThat(l.allow("10.1.0." + i, VILLAGE, hash(i))).isTrue();
        assertThat(l.allow("10.1.0.99", VILLAGE, hash(99))).as("a fifth, from a new address and id number").isFalse();
        assertThat(l.allow("10.1.0.99", "220322100202", hash(99))).as("another village").isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(61));
        assertThat(l.allow("10.1.0.98", VILLAGE, hash(98))).isTrue();
    }

    @Test
    void anIdNumberIsReportedOnlySoOftenADayFromAnyAddressOrVillage() {
        MovingClock clock = new MovingClock();
        SelfReportLimiter l = new SelfReportLimiter(clock, new SelfReportLimiter.Limits(100, 100, 2));
        assertThat(l.allow("10.2.0.1", VILLAGE, hash(7))).isTrue();
        assertThat(l.allow("10.2.0.2", "220322100202", hash(7))).isTrue();
        assertThat(l.allow("10.2.0.3", "220322100203", hash(7))).isFalse();
        assertThat(l.allow("10.2.0.3", "220322100203", hash(8))).as("another id number").isTrue();
        clock.now = clock.now.plus(Duration.ofHours(23));
        assertThat(l.allow("10.2.0.4", VILLAGE, hash(7))).as("still the same day's window").isFalse();
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertThat(l.allow("10.2.0.4", VILLAGE, hash(7))).isTrue();
    }

    @Test
    void aRefusedReportUsesUpNoOtherWindow() {
        MovingClock clock = new MovingClock();
        SelfReportLimiter l = new SelfReportLimiter(clock, new SelfReportLimiter.Limits(100, 2, 1));
        assertThat(l.allow("10.3.0.1", VILLAGE, hash(1))).isTrue();
        // the id number's window is full: refused, and the village's second place stays free
        assertThat(l.allow("10.3.0.2", VILLAGE, hash(1))).isFalse();
        assertThat(l.allow("10.3.0.3", VILLAGE, hash(2))).isTrue();
        assertThat(l.allow("10.3.0.4", VILLAGE, hash(3))).isFalse();
    }
}
