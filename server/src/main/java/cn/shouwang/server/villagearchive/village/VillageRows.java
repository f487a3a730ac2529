package cn.shouwang.server.villagearchive.village;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.villagearchive.checklist.Checklist;
import cn.shouwang.server.villagearchive.documents.Documents;
import cn.shouwang.server.villagearchive.income.CollectiveIncomes;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The rows of the village list: the villages of the area in view (from the division list), filtered by name, and for
 * the villages shown their figures in one batch per source (registry, casework, this module), never one call per row.
 */
@Component
class VillageRows {
    /** Villages read from the division list for one area at most (a province has some 10,000). */
    static final int MAX_VILLAGES = 50_000;

    record Row(String code, String name, String townshipName, long households, long persons, long monitored,
               Checklist.Completeness checklist, long documents, @Nullable BigDecimal income) {}

    private final AreaApi areas;
    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final Documents documents;
    private final Checklist checklist;
    private final CollectiveIncomes incomes;

    VillageRows(AreaApi areas, HouseholdApi households, CaseworkApi casework, Documents documents, Checklist checklist,
                CollectiveIncomes incomes) {
        this.areas = areas;
        this.households = households;
        this.casework = casework;
        this.documents = documents;
        this.checklist = checklist;
        this.incomes = incomes;
    }

    /** The villages of the area whose name contains {@code q} (all for a blank one), by code. */
    List<AreaInfo> villages(AreaScope area, @Nullable String q) {
        String needle = q == null ? "" : q.strip();
        return areas.villages(area.prefix(), MAX_VILLAGES).stream()
                .filter(v -> needle.isEmpty() || v.name().contains(needle) || v.shortName().contains(needle))
                .toList();
    }

    /** The figures of these villages (a page, or every village for the export). */
    List<Row> rows(List<AreaInfo> villages, AreaScope scope, int year) {
        List<String> codes = villages.stream().map(AreaInfo::code).toList();
        Map<String, HouseholdApi.Counts> counts = households.countsByVillage(codes, scope);
        Map<String, Long> monitored = casework.monitoredByVillage(codes, scope);
        Map<String, Long> docs = documents.countsByVillage(codes, scope);
        Map<String, Checklist.Completeness> checks = checklist.completeness(codes, scope);
        Map<String, BigDecimal> income = incomes.totals(codes, year, scope);
        Map<String, String> townships = new HashMap<>();
        List<Row> out = new ArrayList<>();
        for (AreaInfo v : villages) {
            String t = v.parentCode() == null ? "" : townships.computeIfAbsent(v.parentCode(),
                    c -> areas.find(c).map(AreaInfo::name).orElse(c));
            HouseholdApi.Counts c = counts.getOrDefault(v.code(), new HouseholdApi.Counts(0, 0));
            out.add(new Row(v.code(), v.name(), t, c.households(), c.persons(), monitored.getOrDefault(v.code(), 0L),
                    checks.getOrDefault(v.code(), new Checklist.Completeness(0, 0)), docs.getOrDefault(v.code(), 0L),
                    income.get(v.code())));
        }
        return out;
    }

}
