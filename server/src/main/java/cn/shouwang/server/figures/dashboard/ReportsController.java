package cn.shouwang.server.figures.dashboard;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.figures.snapshot.Snapshots;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 统计调度 (issue 14 points 1 and 2): the figures of the area in view (or a child area, {@code area=}) for today or a
 * past month's snapshot ({@code month=2026-11}), the large screen for the city's analysts, and the administrator's
 * button that takes a missing past month. Roles as the menu: administrators, city and county analysts, township staff.
 */
@Controller
class ReportsController {
    static final Set<Role> ROLES = EnumSet.of(Role.ADMIN, Role.CITY_ANALYST, Role.COUNTY_ANALYST, Role.TOWNSHIP_STAFF);
    /** How far back the administrator may take a missing month. */
    static final int MISSING_MONTHS = 24;

    private final Dashboard dashboard;
    private final Snapshots snapshots;
    private final Clock clock;

    ReportsController(Dashboard dashboard, Snapshots snapshots, Clock clock) {
        this.dashboard = dashboard;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    static CurrentUser reader() {
        CurrentUser u = CurrentUsers.require();
        if (!ROLES.contains(u.role())) throw new AccessDeniedException("figures by " + u.role());
        return u;
    }

    /**
     * The area asked for ({@code area=}, a drill-down or the way back up) inside the account's scope, else the area in
     * view; outside is not found (404), never widened.
     */
    static AreaScope scopeOf(CurrentUser user, @Nullable String area) {
        if (area == null || area.isBlank()) return CurrentUsers.viewScope();
        if (!AreaScope.isAreaCode(area) || !user.scope().covers(area)) throw new OutOfScopeException("area");
        return new AreaScope(area);
    }

    /** The month asked for: null for live; a month without a snapshot is not found (404). */
    private @Nullable YearMonth month(@Nullable String month) {
        if (month == null || month.isBlank()) return null;
        YearMonth m;
        try {
            m = YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            throw new OutOfScopeException("month");
        }
        if (snapshots.find(m).isEmpty()) throw new OutOfScopeException("no snapshot of " + m);
        return m;
    }

    @GetMapping("/reports")
    String reports(@RequestParam(required = false) String area, @RequestParam(required = false) String month,
                   Model model) {
        CurrentUser user = reader();
        AreaScope scope = scopeOf(user, area);
        YearMonth m = month(month);
        model.addAttribute("v", dashboard.view(scope, m, LocaleContextHolder.getLocale()))
                .addAttribute("scope", scope)
                .addAttribute("month", m)
                .addAttribute("snapshots", snapshots.list())
                .addAttribute("isAdmin", user.role() == Role.ADMIN)
                .addAttribute("missing", user.role() == Role.ADMIN ? missingMonths() : List.of())
                .addAttribute("up", up(scope, m));
        return "figures/reports";
    }

    @GetMapping("/reports/screen")
    String screen(@RequestParam(required = false) String area, Model model) {
        AreaScope scope = scopeOf(reader(), area);
        model.addAttribute("v", dashboard.view(scope, null, LocaleContextHolder.getLocale()))
                .addAttribute("scope", scope);
        return "figures/screen";
    }

    /** The administrator takes the snapshot of a past month that has none (as of its last day, from dated records). */
    @PostMapping("/reports/snapshots")
    String take(@RequestParam String month, RedirectAttributes ra) {
        CurrentUser user = reader();
        if (user.role() != Role.ADMIN) throw new AccessDeniedException("snapshot by " + user.role());
        YearMonth m;
        try {
            m = YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            ra.addFlashAttribute("snapshotProblem", "figures.snapshot.badMonth");
            return "redirect:/reports";
        }
        if (!missingMonths().contains(m)) {
            ra.addFlashAttribute("snapshotProblem", "figures.snapshot.notMissing");
            return "redirect:/reports";
        }
        boolean taken = snapshots.take(m, m.atEndOfMonth(), Snapshots.How.MANUAL, user.username());
        ra.addFlashAttribute(taken ? "snapshotTaken" : "snapshotProblem", taken ? m.toString() : "figures.snapshot.notMissing");
        return taken ? "redirect:/reports?month=" + m : "redirect:/reports";
    }

    /** Past months (the last {@link #MISSING_MONTHS}, the current one excluded) without a snapshot, newest first. */
    List<YearMonth> missingMonths() {
        YearMonth now = YearMonth.now(clock);
        Set<YearMonth> have = new java.util.HashSet<>();
        snapshots.list().forEach(s -> have.add(s.month()));
        List<YearMonth> out = new ArrayList<>();
        for (int i = 1; i <= MISSING_MONTHS; i++) {
            YearMonth m = now.minusMonths(i);
            if (!have.contains(m)) out.add(m);
        }
        return out;
    }

    /** The parent area's page (one level up) while it is inside the account's scope, else null. */
    private static @Nullable String up(AreaScope scope, @Nullable YearMonth month) {
        AreaScope own = CurrentUsers.require().scope();
        if (scope.level() <= own.level() || scope.level() <= 1) return null;
        List<String> path = scope.pathFrom(own);
        if (path.size() < 2) return null;
        return Dashboard.reportHref(path.get(path.size() - 2), month == null ? null : month.toString());
    }
}
