package cn.shouwang.server.socialassistance.civillist;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.socialassistance.Kinds.Layer;
import cn.shouwang.server.socialassistance.MonitoredLayer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * 比对: the civil-affairs list against the registry and the monitoring, inside an area.
 * <ul>
 *   <li>NOT_REGISTERED: a person of the list not registered in the area (kept under the importing area);</li>
 *   <li>NOT_MONITORED: a registered household on the list that is not monitored now;</li>
 *   <li>MONITORED_MISSING: a household monitored now that the list does not carry as 防止返贫致贫对象.</li>
 * </ul>
 */
@Component
public class CivilListReconciliation {
    public enum Difference { NOT_REGISTERED, NOT_MONITORED, MONITORED_MISSING }

    private final CivilListStore store;
    private final MonitoredLayer monitoring;
    private final HouseholdApi households;
    private final PersonalDataApi personalData;

    CivilListReconciliation(CivilListStore store, MonitoredLayer monitoring, HouseholdApi households, PersonalDataApi personalData) {
        this.store = store;
        this.monitoring = monitoring;
        this.households = households;
        this.personalData = personalData;
    }

    /** One line of a difference: a household (with its id for the link) or a person of the list not registered. */
    public record Line(Difference difference, String areaCode, @Nullable Long householdId, @Nullable String householdNo,
                       String name, String idNumberMasked, @Nullable String layer) {}

    public record Counts(long notRegistered, long notMonitored, long monitoredMissing) {}

    public record Report(List<Line> lines, Map<String, Counts> byArea, Counts total, boolean listLoaded) {}

    public Report report(AreaScope scope) {
        List<CivilListStore.CivilRow> rows = store.inArea(scope);
        Map<Long, String> monitored = monitoring.monitored(scope);
        List<Line> lines = new ArrayList<>();
        Set<Long> onListAsMonitored = new HashSet<>();
        Set<Long> notMonitoredSeen = new HashSet<>();
        List<Long> listed = rows.stream().map(CivilListStore.CivilRow::householdId).filter(java.util.Objects::nonNull).distinct().toList();
        Map<Long, HouseholdApi.Ref> refs = households.refs(concat(listed, monitored.keySet()), scope);
        for (CivilListStore.CivilRow r : rows) {
            String masked = IdNumber.parse(personalData.open(r.idNumberEnc())).map(IdNumber::masked).orElse("");
            if (r.householdId() == null) {
                lines.add(new Line(Difference.NOT_REGISTERED, r.areaCode(), null, null, r.name(), masked, r.layer()));
                continue;
            }
            if (Layer.MONITORED.name().equals(r.layer())) onListAsMonitored.add(r.householdId());
            if (!monitored.containsKey(r.householdId()) && notMonitoredSeen.add(r.householdId())) {
                HouseholdApi.Ref ref = refs.get(r.householdId());
                lines.add(new Line(Difference.NOT_MONITORED, r.areaCode(), r.householdId(),
                        ref == null ? null : ref.householdNo(), r.name(), masked, r.layer()));
            }
        }
        for (Long h : monitored.keySet()) {
            if (onListAsMonitored.contains(h)) continue;
            HouseholdApi.Ref ref = refs.get(h);
            if (ref == null) continue;
            lines.add(new Line(Difference.MONITORED_MISSING, ref.villageCode(), h, ref.householdNo(), ref.headName(), "",
                    null));
        }
        lines.sort(java.util.Comparator.comparing(Line::areaCode).thenComparing(Line::difference)
                .thenComparing(l -> l.householdNo() == null ? "" : l.householdNo()));
        Map<String, long[]> counts = new TreeMap<>();
        long[] total = new long[3];
        for (Line l : lines) {
            counts.computeIfAbsent(l.areaCode(), k -> new long[3])[l.difference().ordinal()]++;
            total[l.difference().ordinal()]++;
        }
        Map<String, Counts> byArea = new java.util.LinkedHashMap<>();
        counts.forEach((k, v) -> byArea.put(k, new Counts(v[0], v[1], v[2])));
        return new Report(lines, byArea, new Counts(total[0], total[1], total[2]), !rows.isEmpty());
    }

    private static List<Long> concat(List<Long> a, Set<Long> b) {
        Set<Long> all = new HashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
