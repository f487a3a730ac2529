package cn.shouwang.server.casework.elimination;

import cn.shouwang.core.casework.CaseworkContext;
import cn.shouwang.core.casework.DataQuality;
import cn.shouwang.core.casework.DataQualityRule;
import cn.shouwang.core.casework.EliminationCheck;
import cn.shouwang.core.casework.HouseholdFacts;
import cn.shouwang.core.casework.MonitoredHousehold;
import cn.shouwang.core.casework.Plan;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.casework.monitoring.MonitoredStore;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The elimination list's households and what their checks say today, read for all of them at once: the households
 * with officers and history, their plans, their facts (members, visits) and the settings in force at their villages
 * each in a fixed number of queries, then the same {@link EliminationCheck#run} and {@link DataQuality#check} the
 * household's page runs — no query per household (CaseworkStatementsTest). Area names: one lookup per village.
 */
@Component
class EliminationCandidates {
    /** At most this many households are checked on one page view; the list says when there are more. */
    static final int CHECK_LIMIT = 200;

    private final MonitoredStore monitored;
    private final CaseworkSettingsStore config;
    private final AreaApi areas;

    EliminationCandidates(MonitoredStore monitored, CaseworkSettingsStore config, AreaApi areas) {
        this.monitored = monitored;
        this.config = config;
        this.areas = areas;
    }

    /** A candidate for elimination and what its check says today. */
    record Candidate(long householdId, String villageName, String headName, EliminationCheck check,
                     List<DataQualityRule> findings) {}

    /** The households that pass the check today, those that do not yet, and whether there were more than the limit. */
    record Candidates(List<Candidate> ready, List<Candidate> notYet, boolean truncated) {}

    Candidates of(AreaScope scope) {
        List<MonitoredStore.MonitoredRow> rows = monitored.monitoredIn(scope, CHECK_LIMIT + 1);
        List<MonitoredStore.MonitoredRow> listed = rows.subList(0, Math.min(rows.size(), CHECK_LIMIT));
        List<Long> ids = listed.stream().map(r -> r.household().householdId()).toList();
        Map<Long, Plan> plans = monitored.plans(ids);
        Map<Long, MonitoredStore.FactsAndIncome> facts = monitored.factsAndIncomes(ids);
        LinkedHashSet<String> villages = new LinkedHashSet<>();
        listed.forEach(r -> villages.add(r.household().village().value()));
        Map<String, CaseworkContext> contexts = config.contexts(villages);
        Map<String, String> names = new HashMap<>();
        List<Candidate> ready = new ArrayList<>();
        List<Candidate> notYet = new ArrayList<>();
        for (MonitoredStore.MonitoredRow r : listed) {
            MonitoredHousehold m = r.household();
            String village = m.village().value();
            CaseworkContext ctx = contexts.get(village);
            Plan plan = plans.get(m.householdId());
            MonitoredStore.FactsAndIncome fi = facts.get(m.householdId());
            HouseholdFacts f = fi.facts();
            Candidate c = new Candidate(m.householdId(),
                    names.computeIfAbsent(village, v -> areas.find(v).map(AreaInfo::name).orElse(v)), m.headName(),
                    EliminationCheck.run(m, plan, f, ctx.incomeLines(), ctx.settings(), ctx.today()),
                    DataQuality.check(m, plan, f, fi.income(), ctx.today()));
            (c.check().passes() ? ready : notYet).add(c);
        }
        return new Candidates(ready, notYet, rows.size() > CHECK_LIMIT);
    }
}
