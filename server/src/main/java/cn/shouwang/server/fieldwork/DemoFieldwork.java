package cn.shouwang.server.fieldwork;

import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.fieldwork.visits.VisitCmd;
import cn.shouwang.server.fieldwork.visits.Visits;
import cn.shouwang.server.household.HouseholdApi;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Demo profile only, when there is no visit yet: the demo village monitor ({@code village}, 团山子村) has visited the
 * village's households over the last months, deterministically from their number: monitored households about monthly
 * (some overdue), formerly-poor ones about quarterly, others once in the year, every seventh never; one visit found a
 * risk sign and went to casework's intake (a lead, or joined to an open lead or a monitored household). Recorded
 * through {@link Visits#record} as the monitor, so the audit and the lead rules are the real ones.
 */
@Component
@Profile("demo")
@Order(40)
class DemoFieldwork implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoFieldwork.class);
    static final String VILLAGE = "220322103205";
    private static final int HOUSEHOLDS = 80;

    private final JdbcClient jdbc;
    private final AreaApi areas;
    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final Visits visits;
    private final UserDetailsService users;
    private final MessageSource messages;
    private final Clock clock;
    private final cn.shouwang.server.fieldwork.rhythm.RhythmStore rhythm;

    DemoFieldwork(JdbcClient jdbc, AreaApi areas, HouseholdApi households, CaseworkApi casework, Visits visits,
                  UserDetailsService users, MessageSource messages, Clock clock,
                  cn.shouwang.server.fieldwork.rhythm.RhythmStore rhythm) {
        this.rhythm = rhythm;
        this.jdbc = jdbc;
        this.areas = areas;
        this.households = households;
        this.casework = casework;
        this.visits = visits;
        this.users = users;
        this.messages = messages;
        this.clock = clock;
    }

    private String msg(String key) {
        return messages.getMessage(key, null, Locale.SIMPLIFIED_CHINESE);
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (areas.find(VILLAGE).isEmpty()) return;
        if (jdbc.sql("select exists (select 1 from field_visit)").query(Boolean.class).single()) return;
        AccountPrincipal monitor;
        try {
            if (!(users.loadUserByUsername("village") instanceof AccountPrincipal p)) return;
            monitor = p;
        } catch (UsernameNotFoundException e) {
            return; // no demo accounts: nobody to have visited
        }
        CurrentUser me = monitor.currentUser();
        if (!me.scope().covers(VILLAGE)) return;
        List<HouseholdApi.RosterRow> roster = new ArrayList<>();
        households.roster(new AreaScope(VILLAGE), roster::add);
        if (roster.isEmpty()) return;
        Set<Long> monitored = casework.monitoredIn(new AreaScope(VILLAGE));
        LocalDate today = LocalDate.now(clock);
        var previous = SecurityContextHolder.getContext().getAuthentication();
        // the intake of a risk sign reads the signed-in user: the monitor, for the length of the demo run
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(monitor, null, monitor.getAuthorities()));
        int stored = 0;
        boolean riskDone = false;
        try {
            for (int i = 0; i < Math.min(HOUSEHOLDS, roster.size()); i++) {
                HouseholdApi.RosterRow h = roster.get(i);
                if (i % 7 == 6) continue; // never visited
                boolean m = monitored.contains(h.id());
                int n = Math.floorMod(h.householdNo().hashCode(), 1000); // String.hashCode is fixed: deterministic
                int daysAgo = m ? 12 + n % 30 : h.formerlyPoor() ? 25 + n % 90 : 40 + n % 300;
                LocalDate last = today.minusDays(daysAgo);
                // every seventh from the second: due tomorrow by its rhythm (本周到期 on most days)
                if (i % 7 == 1) last = today.minusMonths(rhythm.current().months(
                        cn.shouwang.server.fieldwork.rhythm.Rhythm.Kind.of(m, h.formerlyPoor()))).plusDays(1);
                // an earlier visit of the same rhythm first, so the household's page has a history
                // (only within the year a visit may be recorded for: the form refuses older dates)
                LocalDate earlier = last.minusDays(m ? 30 : 90);
                if (!earlier.isBefore(today.minusYears(1))) {
                    stored += visit(h, earlier, i % 5 == 0, List.of(), msg("fieldwork.demo.note"), me);
                }
                boolean risk = !riskDone && !m && i >= 2;
                stored += visit(h, last, !risk && i % 4 == 3, risk ? List.of("ILLNESS") : List.of(),
                        risk ? msg("fieldwork.demo.riskNote") : msg("fieldwork.demo.note"), me);
                riskDone |= risk;
            }
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
        log.info("demo: {} visits in village {}", stored, VILLAGE);
    }

    private int visit(HouseholdApi.RosterRow h, LocalDate on, boolean housingMissing, List<String> risks, String note,
                      CurrentUser me) throws Exception {
        String key = UUID.nameUUIDFromBytes(("demo-visit-" + h.id() + "-" + on).getBytes(StandardCharsets.UTF_8)).toString();
        VisitCmd cmd = new VisitCmd(key, on, on.getDayOfMonth() % 3 == 0 ? msg("fieldwork.demo.companions") : null,
                on.getDayOfMonth() % 9 != 0, true, true, !housingMissing, true,
                risks.isEmpty() ? "NONE" : "DOWN", risks.isEmpty() ? null : new java.math.BigDecimal("3000.00"),
                risks, note);
        visits.record(h.id(), cmd, null, me);
        return 1;
    }
}
