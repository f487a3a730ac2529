package cn.shouwang.server.fieldwork.offline;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.fieldwork.FieldRoles;
import cn.shouwang.server.fieldwork.visits.Visits;
import cn.shouwang.server.fieldwork.worklist.Worklist;
import cn.shouwang.server.household.HouseholdApi;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The monitor's pages without signal (issue 13 point 4). The service worker ({@code /sw.js}) keeps:
 * <ul>
 *   <li>{@code /visits/offline}: one page that draws the worklist, a household card, the visit form and the new-lead
 *       form from the cached households when there is no network (the risk list of the monitor's village in it);</li>
 *   <li>{@code /visits/offline/households}: the households of the signed-in monitor's village, the minimum a visit
 *       needs (head's name, 村民小组, active members, kind, last visit and its answers to prefill, due day) and what
 *       the sync checks against (registry version, open lead) — no id numbers, phones or household numbers. Only a
 *       village account gets households: a township's or county's would be thousands of people on a phone.</li>
 * </ul>
 * {@code POST /visits/sync} takes the queue ({@link OfflineSync}); {@code GET /visits/sync} is the page that lists
 * what waits and the conflicts, drawn from the phone's queue.
 */
@Controller
class OfflineController {
    /** How long the phone keeps the households without refreshing them (offline.js forgets older data). */
    static final int MAX_AGE_DAYS = 7;

    private final Worklist worklist;
    private final Visits visits;
    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final AreaApi areas;
    private final OfflineSync sync;
    private final AuditApi audit;
    private final MessageSource messages;
    private final Clock clock;

    OfflineController(Worklist worklist, Visits visits, HouseholdApi households, CaseworkApi casework, AreaApi areas,
                      OfflineSync sync, AuditApi audit, MessageSource messages, Clock clock) {
        this.worklist = worklist;
        this.visits = visits;
        this.households = households;
        this.casework = casework;
        this.areas = areas;
        this.sync = sync;
        this.audit = audit;
        this.messages = messages;
        this.clock = clock;
    }

    record Option(String code, String name) {}

    @GetMapping("/visits/offline")
    String page(Model model) {
        CurrentUser me = FieldRoles.recorder();
        boolean zh = !"en".equals(LocaleContextHolder.getLocale().getLanguage());
        model.addAttribute("risks", visits.riskOptions(me.scope().areaCode()).values().stream()
                .map(o -> new Option(o.code(), zh ? o.nameZh() : o.nameEn())).toList());
        return "fieldwork/offline";
    }

    @GetMapping("/visits/sync")
    String queuePage() {
        FieldRoles.recorder();
        return "fieldwork/sync";
    }

    /** A household as the phone keeps it. */
    record Household(long id, String head, @Nullable String group, int members, String kind, String standing,
                     String standingClass, @Nullable String lastVisit, @Nullable String dueOn, @Nullable Integer version,
                     @Nullable Long openLead, @Nullable Prefill prefill) {}

    /** The last visit's answers the next visit starts from. */
    record Prefill(boolean edu, boolean med, boolean house, boolean water, String trend, @Nullable String companions) {}

    record Data(long account, @Nullable String village, @Nullable String villageName, String fetchedAt, int maxAgeDays,
                List<Household> households) {}

    @GetMapping("/visits/offline/households")
    ResponseEntity<Data> households() {
        CurrentUser me = FieldRoles.recorder();
        String now = OffsetDateTime.now(clock).toString();
        AreaScope scope = me.scope();
        if (scope.level() != 5) {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                    .body(new Data(me.accountId(), null, null, now, MAX_AGE_DAYS, List.of()));
        }
        Worklist.Result r = worklist.of(scope, Worklist.Show.ALL, null);
        Map<Long, Integer> versions = households.versions(scope);
        Map<Long, Long> leads = casework.openLeadsIn(scope);
        Map<Long, Visits.Visit> last = visits.lastVisitDetails(scope);
        List<Household> list = r.rows().stream().map(x -> {
            Visits.Visit v = last.get(x.householdId());
            return new Household(x.householdId(), x.headName().isEmpty() ? x.householdNo() : x.headName(), x.villageGroup(),
                    x.members(), msg("fieldwork.kind." + x.kind().name()), x.standing() == cn.shouwang.server.fieldwork.rhythm.Rhythm.Standing.OVERDUE
                            ? msg("fieldwork.overdueDays", java.time.temporal.ChronoUnit.DAYS.between(x.dueOn(), java.time.LocalDate.now(clock)))
                            : msg("fieldwork.standing." + x.standing().name()),
                    switch (x.standing()) {
                        case OVERDUE -> "status-red";
                        case DUE -> "status-orange";
                        case NEVER -> "status-blue";
                        case LATER -> "status-grey";
                    },
                    x.lastVisit() == null ? null : x.lastVisit().toString(), x.dueOn() == null ? null : x.dueOn().toString(),
                    versions.get(x.householdId()), leads.get(x.householdId()),
                    v == null ? null : new Prefill(v.educationSecured(), v.medicalSecured(), v.housingSecured(),
                            v.waterSecured(), v.incomeTrend(), v.companions()));
        }).toList();
        String name = areas.find(scope.areaCode()).map(AreaInfo::name).orElse(scope.areaCode());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new Data(me.accountId(), scope.areaCode(), name, now, MAX_AGE_DAYS, list));
    }

    record Answer(List<OfflineSync.Result> results) {}

    @PostMapping("/visits/sync")
    ResponseEntity<Answer> sync(@RequestBody OfflineSync.Request body) {
        CurrentUser me = FieldRoles.recorder();
        List<OfflineSync.Item> items = body.items() == null ? List.of() : body.items();
        // the phone sends at most this many at once; more is not the phone
        if (items.size() > OfflineSync.MAX_ITEMS) return ResponseEntity.badRequest().build();
        List<OfflineSync.Result> results = sync.sync(items, me);
        long stored = results.stream().filter(x -> x.status() == OfflineSync.Status.STORED).count();
        if (!items.isEmpty()) {
            audit.record(AuditAction.FIELD_OFFLINE_SYNC, null, null, me.scope().areaCode(), List.of(),
                    items.size() + " items, " + stored + " stored");
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Answer(results));
    }

    private String msg(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
