package cn.shouwang.server.casework;

import cn.shouwang.server.household.HouseholdToolsApi.BenchHousehold;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the command-line tools may ask of casework: the figures benchmark's cases (bench-figures). Generated in the
 * database by set-based SQL over the given households (one statement per table), deterministic by seed.
 */
@Component
public class CaseworkToolsApi {
    private final JdbcClient jdbc;
    private final Clock clock;

    CaseworkToolsApi(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Monitored households so far (the benchmark loads once). */
    public long monitoredHouseholds() {
        return jdbc.sql("select count(*) from monitored_household").query(Long.class).single();
    }

    /**
     * Makes every given household monitored, identified over the last two years (a fifth of those identified more than
     * seven months ago eliminated), each with its confirmed identification lead and verification (income), two plan
     * measures for most; plus open leads (some overdue) and rejected ones for a tenth as many other households.
     */
    @Transactional
    public String loadFiguresBenchmark(List<BenchHousehold> monitored, List<BenchHousehold> others, long seed) {
        LocalDate today = LocalDate.now(clock);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("select 1 from (select setseed(:s)) x").param("s", (seed % 1000) / 1000.0).query(Integer.class).single();
        Long[] ids = monitored.stream().map(BenchHousehold::id).toArray(Long[]::new);
        String[] villages = monitored.stream().map(BenchHousehold::villageCode).toArray(String[]::new);
        Integer[] members = monitored.stream().map(BenchHousehold::members).toArray(Integer[]::new);
        // the monitored households first (the random draws live in their rows), then what hangs on them
        jdbc.sql("""
                insert into monitored_household (household_id, village_code, head_name, category, risk_types,
                  identified_on, status, elimination_method, eliminated_month, persons, updated_at)
                select h, v, 'bench', cat, array[risk], identified,
                       case when r < 0.2 and identified < :today::date - 210 then 'RISK_ELIMINATED' else 'MONITORED' end,
                       case when r < 0.2 and identified < :today::date - 210 then 'ASSISTANCE' end,
                       case when r < 0.2 and identified < :today::date - 210
                            then date_trunc('month', identified + 190)::date end,
                       n, :now
                  from (select h, v, n, (:today::date - (random() * 730)::int) as identified,
                               (array['UNSTABLE_FORMERLY_POOR','MARGINAL_AT_RISK','SUDDEN_HARDSHIP'])[1 + floor(random() * 3)::int] as cat,
                               (array['ILLNESS','DISABILITY','SCHOOLING','NATURAL_DISASTER','ACCIDENT','INDUSTRY_FAILURE',
                                      'UNSTABLE_EMPLOYMENT','LACK_OF_LABOUR'])[1 + floor(random() * 8)::int] as risk,
                               random() as r
                          from unnest(:ids, :villages, :members) as x(h, v, n)) x""")
                .param("today", today).param("ids", ids).param("villages", villages).param("members", members)
                .param("now", now).update();
        int leads = jdbc.sql("""
                insert into lead (workflow, channel, village_code, household_id, head_name, description, opened_on,
                  state, due_on, closed_on, created_at, updated_at)
                select 'IDENTIFICATION', 'FIELD_SCREENING', village_code, household_id, 'bench', 'bench',
                       identified_on - 20, :confirmed, identified_on - 5, identified_on, :now, :now
                  from monitored_household where household_id = any(:ids)""")
                .param("now", now).param("ids", ids)
                .param("confirmed", cn.shouwang.core.casework.CaseState.CONFIRMED.name()).update();
        jdbc.sql("""
                update monitored_household m set lead_id = l.id from lead l
                 where l.household_id = m.household_id and l.workflow = 'IDENTIFICATION' and m.household_id = any(:ids)""")
                .param("ids", ids).update();
        jdbc.sql("""
                insert into lead_verification (lead_id, household_id, village_code, visited_on, findings, wages, business,
                  property, transfers, production_costs, eligible_out_of_pocket, household_size, per_capita,
                  comparison_value, income_line, housing_unsafe, child_out_of_school, water_unsafe, member_uninsured,
                  risk_types, category, rigid_costs_resolved, consent_signed, actor_id, actor_name, recorded_at)
                select lead_id, household_id, village_code, identified_on - 10, 'bench', pc * greatest(persons, 1), 0, 0,
                       0, 0, 0, greatest(persons, 1), pc, pc, 7000, false, false, false, false, risk_types, category,
                       true, true, 'bench', 'bench', :now
                  from (select *, round((4000 + random() * 12000)::numeric, 2) as pc from monitored_household
                         where household_id = any(:ids)) m""").param("now", now).param("ids", ids).update();
        int measures = jdbc.sql("""
                insert into plan_measure (household_id, village_code, measure_group, description, responsible_person,
                  start_date, end_date, cost, funding_source, state, created_at, updated_at)
                select m.household_id, m.village_code,
                       (array['INDUSTRY','EMPLOYMENT','HEALTH','COMPULSORY_EDUCATION','HOUSING_SAFETY',
                              'SOCIAL_ASSISTANCE_FLOOR','PUBLIC_WELFARE_JOB','OTHER'])[1 + floor(random() * 8)::int],
                       'bench', 'bench', m.identified_on + 20, m.identified_on + 385, 1000, 'bench',
                       (array['PLANNED','IN_PROGRESS','DELIVERED','STOPPED'])[1 + floor(random() * 4)::int], :now, :now
                  from (select * from monitored_household where household_id = any(:ids) and random() >= 0.05) m,
                       generate_series(1, 2) g""").param("now", now).param("ids", ids).update();
        // other households: open leads (a third of them overdue) and rejected ones
        Long[] oids = others.stream().map(BenchHousehold::id).toArray(Long[]::new);
        String[] ovs = others.stream().map(BenchHousehold::villageCode).toArray(String[]::new);
        leads += jdbc.sql("""
                insert into lead (workflow, channel, village_code, household_id, head_name, description, opened_on,
                  state, due_on, closed_on, rejection_reason, created_at, updated_at)
                select 'IDENTIFICATION', 'DEPARTMENT_SCREENING', v, h, 'bench', 'bench', o,
                       case when r < 0.5 then :open else :rejected end, o + 15,
                       case when r < 0.5 then null else o + 10 end, case when r < 0.5 then null else 'bench' end, :now, :now
                  from (select h, v, random() as r, :today::date - (random() * 45)::int as o
                          from unnest(:ids, :villages) as x(h, v)) x""")
                .param("ids", oids).param("villages", ovs).param("today", today).param("now", now)
                .param("open", cn.shouwang.core.casework.CaseState.AWAITING_VERIFICATION.name())
                .param("rejected", cn.shouwang.core.casework.CaseState.REJECTED.name()).update();
        jdbc.sql("analyze monitored_household").update();
        jdbc.sql("analyze lead").update();
        jdbc.sql("analyze plan_measure").update();
        jdbc.sql("analyze lead_verification").update();
        return "%,d monitored households, %,d leads, %,d measures".formatted(ids.length, leads, measures);
    }
}
