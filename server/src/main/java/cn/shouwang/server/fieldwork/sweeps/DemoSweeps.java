package cn.shouwang.server.fieldwork.sweeps;

import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.area.AreaApi;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo profile only, when there is no sweep yet: two sweeps over 孤家子镇 (220322103000). The summer's, opened by the
 * county analyst for June and July, closed the day after its end with about nine households in ten visited (its
 * figures frozen); this winter's, opened by the township staff ten days ago for a month, about half done. The visits
 * are deterministic from the household id (a few not found at home), by the demo village monitor in 团山子村 and by the
 * township staff elsewhere; written in one statement each over the sweep's own household set.
 */
@Component
@Profile("demo")
@Order(42)
class DemoSweeps implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoSweeps.class);
    static final String TOWNSHIP = "220322103000";
    static final String VILLAGE = "220322103205";

    private final JdbcClient jdbc;
    private final AreaApi areas;
    private final Sweeps sweeps;
    private final UserDetailsService users;
    private final MessageSource messages;
    private final Clock clock;
    private final TransactionTemplate tx;

    DemoSweeps(JdbcClient jdbc, AreaApi areas, Sweeps sweeps, UserDetailsService users, MessageSource messages,
               Clock clock, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.areas = areas;
        this.sweeps = sweeps;
        this.users = users;
        this.messages = messages;
        this.clock = clock;
        this.tx = new TransactionTemplate(txManager);
    }

    private Optional<CurrentUser> account(String username) {
        try {
            return users.loadUserByUsername(username) instanceof AccountPrincipal p ? Optional.of(p.currentUser())
                    : Optional.empty();
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        if (areas.find(TOWNSHIP).isEmpty()) return;
        if (jdbc.sql("select exists (select 1 from field_sweep)").query(Boolean.class).single()) return;
        Optional<CurrentUser> county = account("county");
        Optional<CurrentUser> township = account("township");
        Optional<CurrentUser> monitor = account("village");
        if (county.isEmpty() || township.isEmpty() || monitor.isEmpty()) return;
        if (!county.get().scope().covers(TOWNSHIP) || !township.get().scope().covers(TOWNSHIP)) return;
        LocalDate today = LocalDate.now(clock);
        AreaScope area = new AreaScope(TOWNSHIP);
        // the summer before today (this year's, or last year's early in the year)
        int summerYear = today.isAfter(LocalDate.of(today.getYear(), 8, 15)) ? today.getYear() : today.getYear() - 1;
        LocalDate summerFrom = LocalDate.of(summerYear, 6, 1);
        LocalDate summerTo = LocalDate.of(summerYear, 7, 31);
        long summer = tx.execute(s -> {
            long id = sweeps.insertWithSet(new SweepCmd(msg("fieldwork.demo.sweep.summer", String.valueOf(summerYear)),
                    TOWNSHIP, summerFrom, summerTo), area, county.get());
            jdbc.sql("update field_sweep set opened_at = :at where id = :id")
                    .param("at", summerFrom.minusDays(3).atStartOfDay(clock.getZone()).toOffsetDateTime()).param("id", id).update();
            visits(id, summerFrom, summerTo, 91, township.get(), monitor.get());
            return id;
        });
        sweeps.closeExpired();
        jdbc.sql("update field_sweep set closed_at = :at where id = :id")
                .param("at", summerTo.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime()).param("id", summer).update();
        LocalDate winterFrom = today.minusDays(10);
        LocalDate winterTo = winterFrom.plusMonths(1);
        long winter = tx.execute(s -> {
            long id = sweeps.insertWithSet(new SweepCmd(msg("fieldwork.demo.sweep.winter", String.valueOf(winterTo.getYear())),
                    TOWNSHIP, winterFrom, winterTo), area, township.get());
            jdbc.sql("update field_sweep set opened_at = :at where id = :id")
                    .param("at", winterFrom.atStartOfDay(clock.getZone()).toOffsetDateTime()).param("id", id).update();
            visits(id, winterFrom, today, 50, township.get(), monitor.get());
            return id;
        });
        log.info("demo: sweeps {} (closed) and {} (open) over {}", summer, winter, TOWNSHIP);
    }

    /**
     * About {@code percent} of the sweep's households visited between the two days (deterministic from the id): one
     * in eleven not found at home, one in twenty-three without safe housing; 团山子村 by its monitor, others by the
     * township staff.
     */
    private void visits(long sweepId, LocalDate from, LocalDate to, int percent, CurrentUser township, CurrentUser monitor) {
        int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
        jdbc.sql("""
                insert into field_visit (idempotency_key, household_id, village_code, visited_on, visitor_id, visitor_name,
                       found_at_home, education_secured, medical_secured, housing_secured, water_secured, income_trend,
                       note, sweep_id)
                select md5('demo-sweep-' || :s || '-' || sh.household_id)::uuid, sh.household_id, sh.village_code,
                       cast(:from as date) + ((sh.household_id * 37) % :days)::int,
                       case when sh.village_code = :v then :monitor else :township end,
                       case when sh.village_code = :v then :monitorName else :townshipName end,
                       sh.household_id % 11 <> 0, true, true, sh.household_id % 23 <> 0, true, 'NONE', :note, :s
                  from field_sweep_household sh
                 where sh.sweep_id = :s and (sh.household_id * 7919) % 100 < :pct""")
                .param("s", sweepId).param("from", from).param("days", days).param("v", VILLAGE)
                .param("monitor", monitor.accountId()).param("township", township.accountId())
                .param("monitorName", monitor.displayName()).param("townshipName", township.displayName())
                .param("note", msg("fieldwork.demo.sweep.note")).param("pct", percent).update();
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE);
    }
}
