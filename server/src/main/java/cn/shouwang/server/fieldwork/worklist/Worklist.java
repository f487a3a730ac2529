package cn.shouwang.server.fieldwork.worklist;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.fieldwork.rhythm.Rhythm;
import cn.shouwang.server.fieldwork.rhythm.RhythmStore;
import cn.shouwang.server.fieldwork.visits.Visits;
import cn.shouwang.server.household.HouseholdApi;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The monitor's worklist: every household of an area with its rhythm (monitored / formerly poor / other, from
 * casework and the registry), its last visit and where it stands today. Four queries whatever the area's size: the
 * registry's roster, casework's monitored ids, the last visit per household and the village names; the standing is
 * computed here (a county of 100,000 households is a few MB for the length of a request).
 */
@Component
public class Worklist {
    /** Which households a list shows: the work to do (overdue, due this week, never visited) or one of them, or all. */
    public enum Show { TODO, OVERDUE, DUE, NEVER, ALL, SWEEP;

        public static Show of(@Nullable String s) {
            if (s == null || s.isBlank()) return TODO;
            for (Show x : values()) if (x.name().equalsIgnoreCase(s.strip())) return x;
            return TODO;
        }

        boolean shows(Rhythm.Standing st) {
            return switch (this) {
                case TODO -> st != Rhythm.Standing.LATER;
                case OVERDUE -> st == Rhythm.Standing.OVERDUE;
                case DUE -> st == Rhythm.Standing.DUE;
                case NEVER -> st == Rhythm.Standing.NEVER;
                case ALL, SWEEP -> true; // SWEEP: the households an open sweep still lacks, whatever their rhythm
            };
        }
    }

    /** One household on the list. */
    public record Row(long householdId, String householdNo, String villageCode, String villageName,
                      @Nullable String villageGroup, String headName, int members, Rhythm.Kind kind,
                      @Nullable LocalDate lastVisit, @Nullable LocalDate dueOn, Rhythm.Standing standing) {}

    /** The list and the counts of the tiles (of the whole area, whatever is shown). */
    public record Result(List<Row> rows, Map<Rhythm.Standing, Long> counts, long households) {}

    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final Visits visits;
    private final RhythmStore rhythm;
    private final AreaApi areas;
    private final Clock clock;
    private final cn.shouwang.server.fieldwork.sweeps.Sweeps sweeps;

    Worklist(HouseholdApi households, CaseworkApi casework, Visits visits, RhythmStore rhythm, AreaApi areas,
             Clock clock, cn.shouwang.server.fieldwork.sweeps.Sweeps sweeps) {
        this.sweeps = sweeps;
        this.households = households;
        this.casework = casework;
        this.visits = visits;
        this.rhythm = rhythm;
        this.areas = areas;
        this.clock = clock;
    }

    public Result of(AreaScope area, Show show, @Nullable String q) {
        return of(area, show, q, null);
    }

    /** The same, only for the households in {@code only} (a grid's or group's, a grid worker's own) when given. */
    public Result of(AreaScope area, Show show, @Nullable String q, @Nullable Set<Long> only) {
        LocalDate today = LocalDate.now(clock);
        Rhythm r = rhythm.current();
        Set<Long> monitored = casework.monitoredIn(area);
        Map<Long, LocalDate> last = visits.lastVisits(area);
        List<HouseholdApi.RosterRow> roster = new ArrayList<>();
        households.roster(area, h -> { if (only == null || only.contains(h.id())) roster.add(h); });
        Set<String> villages = new HashSet<>();
        roster.forEach(h -> villages.add(h.villageCode()));
        Map<String, String> names = areas.currentEdition()
                .map(e -> areas.names(e.id(), villages)).orElse(Map.of());
        String term = q == null ? "" : q.strip();
        Set<Long> sweepLacks = show == Show.SWEEP ? sweeps.lackingHouseholds(area) : Set.of();
        Map<Rhythm.Standing, Long> counts = new EnumMap<>(Rhythm.Standing.class);
        for (Rhythm.Standing s : Rhythm.Standing.values()) counts.put(s, 0L);
        List<Row> rows = new ArrayList<>();
        for (HouseholdApi.RosterRow h : roster) {
            Rhythm.Kind kind = Rhythm.Kind.of(monitored.contains(h.id()), h.formerlyPoor());
            LocalDate lastOn = last.get(h.id());
            LocalDate due = r.dueOn(kind, lastOn);
            Rhythm.Standing st = Rhythm.standing(due, today);
            counts.merge(st, 1L, Long::sum);
            if (!show.shows(st)) continue;
            if (show == Show.SWEEP && !sweepLacks.contains(h.id())) continue;
            if (!term.isEmpty() && !h.headName().contains(term) && !h.householdNo().startsWith(term)) continue;
            rows.add(new Row(h.id(), h.householdNo(), h.villageCode(), names.getOrDefault(h.villageCode(), h.villageCode()),
                    h.villageGroup(), h.headName(), h.members(), kind, lastOn, due, st));
        }
        // the most urgent first: overdue by due day, then due this week, never visited, later; then village and number
        rows.sort(Comparator.comparing((Row x) -> order(x.standing()))
                .thenComparing(Row::dueOn, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Row::villageCode).thenComparing(Row::householdNo));
        return new Result(rows, counts, roster.size());
    }

    private static int order(Rhythm.Standing s) {
        return switch (s) {
            case OVERDUE -> 0;
            case DUE -> 1;
            case NEVER -> 2;
            case LATER -> 3;
        };
    }
}
