package cn.shouwang.server.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.core.casework.CaseState;
import cn.shouwang.core.casework.MeasureState;
import cn.shouwang.screening.feed.CsvScanner;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.HouseholdApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 14.5: the demo with its year of history (DemoHistory) and this month's department files (DemoFiles), on a
 * demo server of its own with a small population (the shared test server runs the demo without the history). The
 * shape, not the exact figures: a seed change may move every number, never the mechanism.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = {"shouwang.data-dir=target/test-data/demo-history", "shouwang.db.embedded-dir=target/test-pg-demo-history/${random.uuid}",
                "shouwang.personal-data.key-file=target/test-keys/personal-data.key", "shouwang.demo.persons=4000",
                "shouwang.demo.history=true"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
class DemoHistoryTest {
    static {
        // files of an earlier run are kept by the demo (same seed: same rows); this test wants to see them written
        try {
            Path old = Path.of("target/test-data/demo-history/demo-files");
            if (Files.isDirectory(old)) cn.shouwang.server.platform.PrivateFiles.deleteTree(old);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired HouseholdApi households;
    @Autowired TransactionTemplate tx;

    private final LocalDate today = LocalDate.now();

    @Test
    void aboutTwoPointSixPercentOfPersonsAreMonitoredIdentifiedOverTheYear() {
        long persons = jdbc.sql("select count(*) from member where status = 'ACTIVE'").query(Long.class).single();
        long monitored = jdbc.sql("""
                select count(*) from member m join monitored_household h on h.household_id = m.household_id
                 where m.status = 'ACTIVE'""").query(Long.class).single();
        assertThat(persons).isGreaterThan(3000);
        assertThat(100.0 * monitored / persons).as("monitored share in %").isBetween(2.1, 3.1);
        // identified in (nearly) every one of the last twelve months, each through a confirmed lead of its day
        long months = jdbc.sql("""
                select count(distinct date_trunc('month', identified_on)) from monitored_household
                 where identified_on > :from""").param("from", today.minusMonths(12)).query(Long.class).single();
        assertThat(months).isGreaterThanOrEqualTo(9);
        long withoutLead = jdbc.sql("""
                select count(*) from monitored_household h where h.lead_id is not null and not exists (
                  select 1 from lead l where l.id = h.lead_id and l.state = 'CONFIRMED' and l.closed_on = h.identified_on)""")
                .query(Long.class).single();
        assertThat(withoutLead).isZero();
        // 因病 the most frequent main risk
        String top = jdbc.sql("select risk_types[1] from monitored_household group by 1 order by count(*) desc limit 1")
                .query(String.class).single();
        assertThat(top).isEqualTo("ILLNESS");
        assertThat(jdbc.sql("select count(distinct category) from monitored_household").query(Integer.class).single())
                .isEqualTo(3);
    }

    @Test
    void leadsAreInEveryStateOverdueAtEveryOpenStepRejectedAndFromEverySource() {
        Set<String> states = Set.copyOf(jdbc.sql("select distinct state from lead where workflow = 'IDENTIFICATION'")
                .query(String.class).list());
        assertThat(states).containsAll(Arrays.stream(CaseState.values()).map(Enum::name).toList());
        Set<String> overdue = Set.copyOf(jdbc.sql("""
                select distinct state from lead where workflow = 'IDENTIFICATION'
                   and state not in ('CONFIRMED', 'REJECTED') and due_on < :today""").param("today", today)
                .query(String.class).list());
        assertThat(overdue).containsAll(Arrays.stream(CaseState.values()).filter(s -> !s.terminal()).map(Enum::name).toList());
        Set<String> onTime = Set.copyOf(jdbc.sql("""
                select distinct state from lead where workflow = 'IDENTIFICATION'
                   and state not in ('CONFIRMED', 'REJECTED') and due_on >= :today""").param("today", today)
                .query(String.class).list());
        assertThat(onTime).hasSizeGreaterThanOrEqualTo(6);
        assertThat(jdbc.sql("select count(distinct channel) from lead where workflow = 'IDENTIFICATION'")
                .query(Integer.class).single()).isEqualTo(3);
        // the township's own check (乡镇排查) beside the village's visits
        assertThat(jdbc.sql("select count(*) from lead where channel = 'FIELD_SCREENING' and opened_by = 'demo-township'")
                .query(Long.class).single()).isPositive();
        // rejected over the months, by the village, the township and the county
        assertThat(jdbc.sql("select count(distinct s.actor_role) from lead_step s where s.action = 'REJECT'")
                .query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select count(distinct date_trunc('month', opened_on)) from lead where state = 'REJECTED'")
                .query(Integer.class).single()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void someHouseholdsWereEliminatedThroughTheProcedureInThePastYear() {
        long eliminated = jdbc.sql("select count(*) from monitored_household where status = 'RISK_ELIMINATED'")
                .query(Long.class).single();
        long total = jdbc.sql("select count(*) from monitored_household").query(Long.class).single();
        assertThat(eliminated).isPositive().isLessThan(total);
        long inYear = jdbc.sql("""
                select count(*) from monitored_household h join lead l on l.household_id = h.household_id
                 where h.status = 'RISK_ELIMINATED' and l.workflow = 'ELIMINATION' and l.state = 'CONFIRMED'
                   and l.closed_on > :from and h.eliminated_month = date_trunc('month', l.closed_on)""")
                .param("from", today.minusYears(1)).query(Long.class).single();
        assertThat(inYear).isPositive();
        // the procedure's dates: six months after identification at least, a delivered measure before the proposal,
        // two income checks above the line
        long tooSoon = jdbc.sql("""
                select count(*) from monitored_household h join lead l on l.household_id = h.household_id
                 where l.workflow = 'ELIMINATION' and l.state = 'CONFIRMED' and l.closed_on < h.identified_on + interval '6 months'""")
                .query(Long.class).single();
        assertThat(tooSoon).isZero();
        long withoutDelivery = jdbc.sql("""
                select count(*) from lead l where l.workflow = 'ELIMINATION' and l.state = 'CONFIRMED' and not exists (
                  select 1 from plan_measure m where m.household_id = l.household_id and m.state = 'DELIVERED'
                     and m.changed_on <= l.opened_on)""").query(Long.class).single();
        assertThat(withoutDelivery).isZero();
        assertThat(jdbc.sql("""
                select count(*) from monitoring_history where kind = 'RISK_ELIMINATED' and on_date > :from""")
                .param("from", today.minusYears(1)).query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select count(*) from home_check where comparison_value > income_line").query(Long.class).single())
                .isGreaterThanOrEqualTo(2 * inYear);
    }

    @Test
    void measuresAreInEveryStateAndTheQualityChecksFindSomething() throws Exception {
        Set<String> measureStates = Set.copyOf(jdbc.sql("select distinct state from plan_measure").query(String.class).list());
        assertThat(measureStates).containsAll(Arrays.stream(MeasureState.values()).map(Enum::name).toList());
        assertThat(jdbc.sql("select count(*) from plan_measure where start_date > :from and changed_on is not null")
                .param("from", today.minusYears(1)).query(Long.class).single()).isPositive();
        Object households = mvc.perform(get("/quality").with(as(Role.CITY_ANALYST, "220300000000", 900_001)))
                .andExpect(status().isOk()).andReturn().getModelAndView().getModel().get("households");
        assertThat(((Number) households).longValue()).isPositive();
    }

    @Test
    void theDepartmentFilesOfTheMonthNameRegistryPersons() throws IOException {
        Path dir = Path.of("target/test-data/demo-history/demo-files").resolve(YearMonth.from(today).toString());
        Set<String> registry = new HashSet<>();
        tx.executeWithoutResult(s -> households.streamForScreening(new AreaScope("220322000000"),
                new HouseholdApi.ScreeningRows() {
                    @Override public void household(long id, String no, String village, String head, boolean poor) { }

                    @Override public void member(long h, String idNumber, String relation, String labour, String status) {
                        registry.add(idNumber);
                    }

                    @Override public void income(long h, int y, java.math.BigDecimal a, java.math.BigDecimal b,
                                                 java.math.BigDecimal c, java.math.BigDecimal d, java.math.BigDecimal e,
                                                 java.math.BigDecimal f) { }
                }));
        for (String kind : List.of("medical_claims", "insurance_enrollment", "civil_registry_events",
                "disability_certificates", "school_enrollment", "accidents", "disaster_losses", "social_assistance")) {
            Path f = dir.resolve(kind + ".csv");
            assertThat(f).as(kind).isRegularFile();
            List<String> lines = Files.readAllLines(f, kind.equals("medical_claims") ? CsvScanner.GB18030
                    : StandardCharsets.UTF_8);
            if (kind.equals("medical_claims")) assertThat(lines.get(0)).startsWith("身份证号,");
            long matches = lines.stream().skip(1).map(l -> l.split(",")[0]).filter(registry::contains).count();
            assertThat(matches).as(kind + " rows of registry persons").isPositive();
        }
        List<String> insured = Files.readAllLines(dir.resolve("insurance_enrollment.csv")).stream().skip(1)
                .map(l -> l.split(",")[0]).collect(Collectors.toList());
        assertThat(insured.stream().filter(id -> !registry.contains(id)).count()).as("strangers").isEqualTo(2);
        assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("insurance_enrollment.csv")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void countCrossCheckedTheDepartmentLeadSoCountyTwoConfirmsIt() throws Exception {
        long county = accountId("county");
        long county2 = accountId("county2");
        long township = accountId("township");
        long lead = jdbc.sql("""
                select l.id from lead l join lead_step s on s.lead_id = l.id
                 where l.channel = 'DEPARTMENT_SCREENING' and l.state = 'AWAITING_TOWNSHIP_REVIEW'
                   and s.action = 'CROSS_CHECK' and s.actor_id = :county""").param("county", String.valueOf(county))
                .query(Long.class).single();
        mvc.perform(decision(lead, "township", as(Role.TOWNSHIP_STAFF, "220322103000", township)))
                .andExpect(status().is3xxRedirection());
        assertThat(state(lead)).isEqualTo("AWAITING_COUNTY_CONFIRMATION");
        // the analyst who cross-checked may not confirm (maker-checker): the form comes back, nothing changes
        String refused = mvc.perform(decision(lead, "county", as(Role.COUNTY_ANALYST, "220322000000", county)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("审核人或确认人不能是前序环节的经办人");
        assertThat(state(lead)).isEqualTo("AWAITING_COUNTY_CONFIRMATION");
        mvc.perform(decision(lead, "county", as(Role.COUNTY_ANALYST, "220322000000", county2)))
                .andExpect(status().is3xxRedirection());
        assertThat(state(lead)).isEqualTo("CONFIRMED");
        assertThat(jdbc.sql("select count(*) from monitored_household where lead_id = :l").param("l", lead)
                .query(Long.class).single()).isOne();
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder decision(long lead, String step,
                                                                                                 RequestPostProcessor by) {
        return post("/leads/" + lead + "/" + step).with(by).with(csrf()).param("on", today.toString())
                .param("decision", "APPROVE").param("reason", "同意").param("version", String.valueOf(
                        jdbc.sql("select version from lead where id = :id").param("id", lead).query(Integer.class).single()));
    }

    private String state(long lead) {
        return jdbc.sql("select state from lead where id = :id").param("id", lead).query(String.class).single();
    }

    private long accountId(String username) {
        return jdbc.sql("select id from account where username = :u").param("u", username).query(Long.class).single();
    }

    private static RequestPostProcessor as(Role role, String area, long id) {
        return user(new AccountPrincipal(new CurrentUser(id, "u" + id, role.name(), role, new AreaScope(area)), "x",
                false, true));
    }
}
