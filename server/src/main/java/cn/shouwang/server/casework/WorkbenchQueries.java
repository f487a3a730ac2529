package cn.shouwang.server.casework;

import cn.shouwang.core.casework.CaseRole;
import cn.shouwang.core.casework.CaseState;
import cn.shouwang.core.casework.LeadDeadline;
import cn.shouwang.core.casework.Workflow;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.casework.CaseworkApi.AreaLeads;
import cn.shouwang.server.casework.CaseworkApi.Count;
import cn.shouwang.server.casework.CaseworkApi.Todo;
import cn.shouwang.server.casework.CaseworkApi.Workbench;
import cn.shouwang.server.casework.identification.LeadStore;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.CodeKind;
import cn.shouwang.server.casework.shared.LeadStates;
import cn.shouwang.server.casework.shared.Scopes;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The figures and to-dos of the workbench ({@link CaseworkApi#workbench}). Every query is a range on an indexed
 * village code (lead_open_due, lead_village_state, monitored_village), so a city-wide view stays cheap.
 */
@Component
class WorkbenchQueries {
    private final JdbcClient jdbc;
    private final LeadStore leads;
    private final CaseworkSettingsStore config;

    WorkbenchQueries(JdbcClient jdbc, LeadStore leads, CaseworkSettingsStore config) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.config = config;
    }

    /** Monitored households per village of a page of villages (the village list of 一村一档), one query. */
    java.util.Map<String, Long> monitoredByVillage(java.util.Collection<String> villageCodes, AreaScope scope) {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        if (villageCodes.isEmpty()) return out;
        Scopes s = Scopes.of(scope);
        jdbc.sql("""
                select village_code, count(*) from monitored_household
                 where village_code between :lo and :hi and village_code in (:codes) and status = 'MONITORED'
                 group by village_code""")
                .param("lo", s.lo()).param("hi", s.hi()).param("codes", villageCodes)
                .query((rs, i) -> out.put(rs.getString(1).strip(), rs.getLong(2))).list();
        return out;
    }

    Workbench workbench(AreaScope area, CaseRole role, int todoLimit) {
        Scopes s = Scopes.of(area);
        LocalDate today = config.today();
        List<AreaLeads> byChild = new ArrayList<>();
        long open = 0;
        long overdue = 0;
        for (LeadStore.AreaCount c : leads.countsByChild(area, today)) {
            byChild.add(new AreaLeads(c.areaCode(), c.open(), c.overdue()));
            open += c.open();
            overdue += c.overdue();
        }
        List<Count> byStatus = jdbc.sql("""
                select status, count(*) from monitored_household where village_code between :lo and :hi
                 group by status order by status""")
                .param("lo", s.lo()).param("hi", s.hi())
                .query((rs, i) -> new Count(rs.getString(1), rs.getString(1), rs.getString(1), rs.getLong(2))).list();
        List<Count> byCategory = jdbc.sql("""
                select m.category, coalesce(c.name_zh, m.category), coalesce(c.name_en, m.category), count(*)
                  from monitored_household m
                  left join casework_code c on c.kind = :kind and c.code = m.category
                 where m.village_code between :lo and :hi and m.status = 'MONITORED'
                 group by 1, 2, 3, c.sort order by c.sort nulls last, 1""")
                .param("kind", CodeKind.CATEGORY.name()).param("lo", s.lo()).param("hi", s.hi())
                .query((rs, i) -> new Count(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();

        // the states whose next step is this role's, per workflow (the state machine decides, not a list here)
        List<String> waiting = new ArrayList<>();
        for (Workflow w : Workflow.values()) {
            for (CaseState st : CaseState.values()) {
                if (st.nextStep(w).filter(a -> a.allows(role, st)).isPresent()) waiting.add(w.name() + ":" + st.name());
            }
        }
        List<Todo> todos = new ArrayList<>();
        long todosTotal = 0;
        if (!waiting.isEmpty()) {
            LeadDeadline rule = config.settings().deadline();
            String where = " from lead where village_code between :lo and :hi and " + LeadStates.OPEN
                    + " and (workflow || ':' || state) in (:waiting)";
            todosTotal = jdbc.sql("select count(*)" + where).param("lo", s.lo()).param("hi", s.hi())
                    .param("waiting", waiting).query(Long.class).single();
            todos = jdbc.sql("select id, workflow, head_name, village_code, state, due_on" + where
                            + " order by due_on, id limit :limit")
                    .param("lo", s.lo()).param("hi", s.hi()).param("waiting", waiting).param("limit", todoLimit)
                    .query((rs, i) -> new Todo(rs.getLong(1), Workflow.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getString(4), CaseState.valueOf(rs.getString(5)),
                            rule.statusForDue(rs.getObject(6, LocalDate.class), today)))
                    .list();
        }
        return new Workbench(open, overdue, byChild, byStatus, byCategory, todos, todosTotal);
    }

    /** Of these leads, the identification leads that ended confirmed (the household became monitored). */
    java.util.Set<Long> confirmed(java.util.Collection<Long> leadIds) {
        java.util.Set<Long> out = new java.util.HashSet<>();
        if (leadIds.isEmpty()) return out;
        jdbc.sql("select id from lead where id = any(:ids) and workflow = 'IDENTIFICATION' and state = :confirmed")
                .param("ids", leadIds.toArray(Long[]::new))
                .param("confirmed", cn.shouwang.core.casework.CaseState.CONFIRMED.name())
                .query(Long.class).list().forEach(out::add);
        return out;
    }
}
