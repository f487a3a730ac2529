package cn.shouwang.server.casework.quality;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.personaldata.HealthDetails;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;

/**
 * Not a test (the name keeps it out of `mvn verify`): prints how long the data-quality list of a county takes for
 * N monitored households (default 5,000; -Dbench.households=N). Run:
 * {@code ./mvnw -B -o -q -pl server -am test -Dtest=DataQualityBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * Tagged {@code bench}: its name already keeps it out of surefire's default patterns, and the tag says what it is
 * to a run by tags ({@code -DexcludedGroups=bench}).
 */
@Tag("bench")
class DataQualityBench extends ServerTest {
    @Autowired DataQualityStore store;
    @Autowired Clock clock;
    @Autowired PersonalDataApi pd;
    @Autowired cn.shouwang.server.platform.OwnerDatabase owner;

    @Test
    void dataQualityOfACounty() throws Exception {
        int n = Integer.getInteger("bench.households", 5000);
        String county = jdbc.sql("select code from area a join area_edition e on e.id = a.edition_id and e.is_current "
                + "where level = 3 and code like '2203%' and code <> '220322000000' order by code desc limit 1")
                .query(String.class).single();
        String[] villages = jdbc.sql("select code from area a join area_edition e on e.id = a.edition_id and e.is_current "
                        + "where level = 5 and code like :c order by code").param("c", county.substring(0, 6) + "%")
                .query(String.class).list().toArray(String[]::new);
        long t0 = System.nanoTime();
        int edition = jdbc.sql("select id from area_edition where is_current").query(Integer.class).single();
        // households spread over the county's villages; three members each; risks, measures and verifications varied
        jdbc.sql("""
                insert into household (household_no, area_edition_id, village_code, village_group, created_at, updated_at)
                select 'BQ' || i, :e, (:v)[1 + i % cardinality(:v)], '一组', now(), now() from generate_series(1, :n) i""")
                .param("e", edition).param("v", villages).param("n", n).update();
        jdbc.sql("""
                insert into member (household_id, area_code, id_number_hash, id_number_enc, name, name_grams, sex, birth_date,
                  relation, labour_capacity, health_enc, schooling_stage, medical_insurance)
                select h.id, h.village_code, decode(md5('bq' || h.id || '-' || k), 'hex'), decode(md5('x' || h.id), 'hex'),
                  '户' || h.id || '-' || k, '{}', 'M', date '1970-01-01',
                  case k when 1 then 'HEAD' when 2 then 'SPOUSE' else 'CHILD' end,
                  case when k = 1 and h.id % 4 <> 0 then 'ORDINARY' when k = 2 then 'WEAK' else 'NONE' end,
                  case when k = 2 and h.id % 20 = 0 then :disabled else :healthy end, 'NONE', h.id % 10 <> 0
                from household h cross join generate_series(1, 3) k where h.household_no like 'BQ%'""")
                .param("healthy", pd.sealHealth(new HealthDetails(HealthStatus.HEALTHY, null)))
                .param("disabled", pd.sealHealth(new HealthDetails(HealthStatus.DISABLED, 2))).update();
        jdbc.sql("""
                insert into monitored_household (household_id, village_code, head_name, category, risk_types, identified_on,
                  status, updated_at)
                select h.id, h.village_code, '户' || h.id || '-1', 'MARGINAL_AT_RISK',
                  array[(array['ILLNESS', 'DISABILITY', 'UNSTABLE_EMPLOYMENT', 'NATURAL_DISASTER',
                         'UNSAFE_HOUSING'])[1 + h.id % 5]],
                  current_date - (h.id % 365)::int, 'MONITORED', now()
                from household h where h.household_no like 'BQ%'""").update();
        jdbc.sql("""
                insert into plan_measure (household_id, village_code, measure_group, description, responsible_person,
                  start_date, end_date, cost, funding_source, state, created_at, updated_at)
                select h.id, h.village_code, (array['INDUSTRY', 'EMPLOYMENT', 'SOCIAL_ASSISTANCE_FLOOR'])[1 + (h.id + k) % 3],
                  '措施', '王五', current_date - 30, current_date + 90, 1000, '衔接资金', 'IN_PROGRESS', now(), now()
                from household h cross join generate_series(1, 2) k where h.household_no like 'BQ%' and h.id % 10 < 7""")
                .update();
        long lead = jdbc.sql("""
                insert into lead (workflow, channel, village_code, head_name, description, opened_on, state, due_on,
                  closed_on, created_at, updated_at)
                values ('IDENTIFICATION', 'FIELD_SCREENING', :v, 'bench', 'bench', current_date - 60, 'CONFIRMED',
                  current_date - 45, current_date - 50, now(), now()) returning id""")
                .param("v", villages[0]).query(Long.class).single();
        jdbc.sql("""
                insert into lead_verification (lead_id, household_id, village_code, visited_on, findings, wages, business,
                  property, transfers, production_costs, eligible_out_of_pocket, household_size, per_capita, comparison_value,
                  income_line, housing_unsafe, child_out_of_school, water_unsafe, member_uninsured, risk_types, category,
                  rigid_costs_resolved, consent_signed, actor_id, actor_name, recorded_at)
                select :lead, h.id, h.village_code, current_date - 40, '核实', 10000, 0, 0, 0, 0, (h.id % 3) * 100, 3, 3333,
                  3333, 8700, false, false, h.id % 7 = 0, false, '{ILLNESS}', 'MARGINAL_AT_RISK', false, true, '1', 'x', now()
                from household h where h.household_no like 'BQ%' and h.id % 10 < 8""").param("lead", lead).update();
        owner.jdbc().sql("analyze").update(); // the tables' owner's job

        System.out.printf("data-quality bench: %d monitored households in %s (%d villages) loaded in %d ms%n", n, county,
                villages.length, (System.nanoTime() - t0) / 1_000_000);

        AreaScope scope = new AreaScope(county);
        LocalDate today = LocalDate.now(clock);
        long[] store = new long[7];
        int findings = 0;
        for (int i = 0; i < store.length; i++) {
            long s = System.nanoTime();
            findings = store(scope, today);
            store[i] = (System.nanoTime() - s) / 1_000_000;
        }
        var analyst = SecurityMockMvcRequestPostProcessors.user(new AccountPrincipal(new CurrentUser(1, "bench", "bench",
                Role.COUNTY_ANALYST, scope), "x", false, true));
        long[] page = new long[7];
        long[] export = new long[3];
        for (int i = 0; i < page.length; i++) {
            long s = System.nanoTime();
            mvc.perform(get("/quality").param("page", "3").with(analyst)).andExpect(status().isOk());
            page[i] = (System.nanoTime() - s) / 1_000_000;
        }
        long[] baseline = new long[5];
        for (int i = 0; i < baseline.length; i++) {
            long s = System.nanoTime();
            mvc.perform(get("/monitored").param("page", "3").with(analyst)).andExpect(status().isOk());
            baseline[i] = (System.nanoTime() - s) / 1_000_000;
        }
        for (int i = 0; i < export.length; i++) {
            long s = System.nanoTime();
            mvc.perform(get("/quality/export").with(analyst)).andExpect(status().isOk());
            export[i] = (System.nanoTime() - s) / 1_000_000;
        }
        System.out.printf("data-quality bench: %d findings; DataQualityStore.findings ms per run %s; GET /quality (page 3) "
                        + "ms %s; GET /quality/export ms %s; for comparison GET /monitored (page 3) ms %s (first runs "
                        + "include warm-up)%n", findings, Arrays.toString(store), Arrays.toString(page),
                Arrays.toString(export), Arrays.toString(baseline));
    }

    private int store(AreaScope scope, LocalDate today) {
        return store.findings(scope, today).size();
    }
}
