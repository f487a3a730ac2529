package cn.shouwang.server.fieldwork.grids;

import cn.shouwang.server.access.AccountsApi;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.household.HouseholdApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Demo profile only, when there is no grid yet: 团山子村 in three grids (the first worked by the demo account
 * {@code grid}, the others by named villagers without an account), up to ten ten-household groups (4 + 3 + 3; of
 * fewer households in a small demo village) headed by one of their household heads (the last still without a head),
 * most households placed and every twelfth (at least one) left unplaced, so the coverage tiles show something. Kept through {@link Grids} as the village monitor,
 * so the audit is the real one.
 */
@Component
@Profile("demo")
@Order(41)
class DemoGrids implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoGrids.class);
    static final String VILLAGE = "220322103205";
    private static final int GROUP_SIZE = 10;
    private static final int[] GROUPS_PER_GRID = {4, 3, 3};

    private final JdbcClient jdbc;
    private final AreaApi areas;
    private final HouseholdApi households;
    private final Grids grids;
    private final AccountsApi accounts;
    private final UserDetailsService users;
    private final MessageSource messages;

    DemoGrids(JdbcClient jdbc, AreaApi areas, HouseholdApi households, Grids grids, AccountsApi accounts,
              UserDetailsService users, MessageSource messages) {
        this.jdbc = jdbc;
        this.areas = areas;
        this.households = households;
        this.grids = grids;
        this.accounts = accounts;
        this.users = users;
        this.messages = messages;
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (areas.find(VILLAGE).isEmpty()) return;
        if (jdbc.sql("select exists (select 1 from field_grid)").query(Boolean.class).single()) return;
        AccountPrincipal monitor;
        try {
            if (!(users.loadUserByUsername("village") instanceof AccountPrincipal p)) return;
            monitor = p;
        } catch (UsernameNotFoundException e) {
            return;
        }
        CurrentUser me = monitor.currentUser();
        if (!me.scope().covers(VILLAGE)) return;
        List<HouseholdApi.RosterRow> roster = new ArrayList<>();
        households.roster(new AreaScope(VILLAGE), roster::add);
        if (roster.size() < 4) return;
        Long gridWorker = accounts.of(VILLAGE).stream().filter(p -> p.role() == Role.GRID_WORKER)
                .map(AccountsApi.Person::id).findFirst().orElse(null);
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(monitor, null, monitor.getAuthorities()));
        int placed = 0;
        int groups = 0;
        try {
            // households to place: every twelfth stays out (未入网格), at least one; the rest in three grids in order
            List<HouseholdApi.RosterRow> toPlace = new ArrayList<>();
            for (int i = 0; i < roster.size(); i++) {
                if (i % 12 != 11 && !(roster.size() < 12 && i == roster.size() - 1)) toPlace.add(roster.get(i));
            }
            int per = (toPlace.size() + 2) / 3;
            // ten households a group in a village of a few hundred; a small demo village gets smaller groups
            int size = Math.max(2, Math.min(GROUP_SIZE, per / 2));
            int[] feasible = new int[3];
            for (int g = 0; g < 3; g++) {
                int n = Math.max(0, Math.min((g + 1) * per, toPlace.size()) - Math.min(g * per, toPlace.size()));
                feasible[g] = Math.min(GROUPS_PER_GRID[g], n / size);
            }
            int lastGrid = feasible[2] > 0 ? 2 : feasible[1] > 0 ? 1 : 0;
            for (int g = 0; g < 3; g++) {
                List<HouseholdApi.RosterRow> mine = toPlace.subList(Math.min(g * per, toPlace.size()),
                        Math.min((g + 1) * per, toPlace.size()));
                if (mine.isEmpty()) continue;
                GridCmd cmd = new GridCmd(msg("fieldwork.demo.grid", g + 1), g == 0 ? gridWorker : null, null,
                        g == 0 ? null : msg("fieldwork.demo.worker." + (g + 1)), 0);
                long gridId = grids.createGrid(VILLAGE, cmd, me);
                placed += grids.place(VILLAGE, mine.stream().map(HouseholdApi.RosterRow::id).toList(), gridId, null, me);
                // the first households of the grid in groups, each headed by its first household's head but the
                // very last group (so the coverage shows a group without a head)
                for (int k = 0; k < feasible[g]; k++) {
                    List<HouseholdApi.RosterRow> members = mine.subList(k * size, (k + 1) * size);
                    HouseholdApi.RosterRow head = members.stream().filter(h -> !h.headName().isBlank()).findFirst()
                            .orElse(null);
                    boolean headless = g == lastGrid && k == feasible[g] - 1 && groups > 0;
                    long groupId = grids.createGroup(gridId, new GridCmd(msg("fieldwork.demo.group", groups + 1), null,
                            headless || head == null ? null : head.id(), null, 0), me);
                    grids.place(VILLAGE, members.stream().map(HouseholdApi.RosterRow::id).toList(), null, groupId, me);
                    groups++;
                }
            }
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
        log.info("demo: 3 grids, {} ten-household groups, {} households placed in village {}", groups, placed, VILLAGE);
    }
}
