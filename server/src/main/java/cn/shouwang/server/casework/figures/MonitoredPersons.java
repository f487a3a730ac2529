package cn.shouwang.server.casework.figures;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdMembersChanged;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The persons of each monitored household ({@code monitored_household.persons}), counted on write: the registry's
 * {@link HouseholdMembersChanged} (same transaction, so a figure read after the edit is right), rows without a count
 * (new monitored households, imports) filled through {@link HouseholdApi#refs} before figures are read, and a
 * nightly pass for what reached the registry without an event (its bulk imports).
 */
@Component
class MonitoredPersons {
    private static final int BATCH = 5_000;
    private final JdbcClient jdbc;
    private final HouseholdApi households;

    MonitoredPersons(JdbcClient jdbc, HouseholdApi households) {
        this.jdbc = jdbc;
        this.households = households;
    }

    @EventListener
    void on(HouseholdMembersChanged e) {
        jdbc.sql("update monitored_household set persons = :n where household_id = :h and persons is distinct from :n")
                .param("n", e.activeMembers()).param("h", e.householdId()).update();
    }

    /** Fills the rows without a count (one indexed query when there are none). */
    void fillMissing() {
        refresh("select household_id, village_code from monitored_household where persons is null");
    }

    @Scheduled(cron = "0 20 2 * * *", zone = "${shouwang.time-zone:Asia/Shanghai}")
    void refreshAll() {
        refresh("select household_id, village_code from monitored_household");
    }

    private void refresh(String select) {
        Map<String, List<Long>> byProvince = new HashMap<>();
        jdbc.sql(select).query(rs -> {
            byProvince.computeIfAbsent(rs.getString(2).substring(0, 2), k -> new ArrayList<>()).add(rs.getLong(1));
        });
        byProvince.forEach((province, ids) -> {
            AreaScope scope = new AreaScope(province + "0000000000");
            for (int i = 0; i < ids.size(); i += BATCH) {
                List<Long> batch = ids.subList(i, Math.min(ids.size(), i + BATCH));
                Map<Long, HouseholdApi.Ref> refs = households.refs(batch, scope);
                List<Object[]> rows = new ArrayList<>();
                // a household the registry no longer has counts none (and is not asked for again)
                for (Long id : batch) rows.add(new Object[] {id, refs.containsKey(id) ? refs.get(id).members() : 0});
                if (rows.isEmpty()) continue;
                Long[] hs = rows.stream().map(r -> (Long) r[0]).toArray(Long[]::new);
                Integer[] ns = rows.stream().map(r -> (Integer) r[1]).toArray(Integer[]::new);
                jdbc.sql("""
                        update monitored_household m set persons = x.n
                          from unnest(:hs, :ns) as x(h, n)
                         where m.household_id = x.h and m.persons is distinct from x.n""")
                        .param("hs", hs).param("ns", ns).update();
            }
        });
    }
}
