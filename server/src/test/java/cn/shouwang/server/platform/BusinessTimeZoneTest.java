package cn.shouwang.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.shouwang.server.ServerTest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Business dates in Asia/Shanghai whatever the JVM was started with (the test JVM starts in UTC: surefire's
 * user.timezone): 16:30 UTC is already the next day's 00:30 in the clock, in PostgreSQL's date of a moment, and on the
 * pages (#temporals of a timestamptz, which the driver hands over at UTC).
 */
class BusinessTimeZoneTest extends ServerTest {
    static final Instant LATE_UTC = Instant.parse("2026-06-30T16:30:00Z");

    @Autowired Clock serverClock;

    @Test
    void theJvmStartedInUtcRunsInShanghai() {
        assertThat(TimeZone.getDefault().getID()).isEqualTo("Asia/Shanghai");
        assertThat(serverClock.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(LocalDate.ofInstant(LATE_UTC, serverClock.getZone())).isEqualTo(LocalDate.of(2026, 7, 1));
        // the database sessions announce the same zone: a moment's date is the Chinese one
        assertThat(jdbc.sql("select (:t::timestamptz)::date").param("t", Timestamp.from(LATE_UTC))
                .query(LocalDate.class).single()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(jdbc.sql("show timezone").query(String.class).single()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void applyingTheSettingInAUtcJvmMakesShanghaiTheDefault() {
        TimeZone before = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone(ZoneOffset.UTC));
            assertThat(BusinessTimeZone.apply(null)).isEqualTo(ZoneId.of("Asia/Shanghai"));
            assertThat(LocalDate.now(Clock.fixed(LATE_UTC, ZoneId.systemDefault()))).isEqualTo(LocalDate.of(2026, 7, 1));
            assertThat(BusinessTimeZone.apply("Asia/Urumqi")).isEqualTo(ZoneId.of("Asia/Urumqi"));
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void theAuditPageShowsAMomentAfter1600UtcAsTheNextDay() throws Exception {
        jdbc.sql("insert into audit_event (at, username, action, area_code, ip) values (:at, 'tz-probe', 'SIGN_IN', "
                        + "'220322103205', '127.0.0.1')")
                .param("at", Timestamp.from(LATE_UTC)).update();
        MvcResult in = mvc.perform(formLogin().user("provadmin").password(DEMO_PASSWORD)).andReturn();
        String page = mvc.perform(get("/audit").param("username", "tz-probe")
                        .session((MockHttpSession) in.getRequest().getSession(false)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("2026-07-01 00:30:00").doesNotContain("2026-06-30 16:30");
    }
}
