package cn.shouwang.server.household.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.household.RiskType;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.ShouwangApplication;
import cn.shouwang.server.access.AccessFixtures;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.ImportedMonitoring;
import cn.shouwang.server.household.RegistryFixtures;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The export in national layout read back by the registry import into an empty database: a village's households,
 * members (id numbers, names, relations, labour, health, schooling, and the person list's own columns the registry
 * keeps: 人编号, 民族, 文化程度, 务工时间, 大病保险, 致贫原因, 人联系电话, 识别时间; per household 危房户, 安全饮用水,
 * 首次识别时间), phones, the year's incomes (itemised or per-capita only, 理赔收入) and the monitoring
 * (category, risks, months, officer, measures) come out the same. The export runs on the shared test server, the
 * import on a second server with a database of its own (the same personal-data key), as a county would move to
 * Shouwang from a file of another installation.
 */
class NationalRoundTripTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired ImportedMonitoring monitoring;
    @Autowired PlatformTransactionManager tm;
    @Autowired PersonalDataApi pd;

    static ConfigurableApplicationContext emptyServer(String dir) {
        return new SpringApplicationBuilder(ShouwangApplication.class).web(WebApplicationType.SERVLET)
                .run("--server.port=-1", "--spring.main.banner-mode=off", "--shouwang.data-dir=" + dir + "/data",
                        "--shouwang.db.embedded-dir=" + dir + "/pg",
                        "--shouwang.personal-data.key-file=target/test-keys/personal-data.key");
    }

    /** What a village's registry and monitoring hold, in words that do not depend on the database's ids. */
    static List<String> snapshot(JdbcClient jdbc, PersonalDataApi pd, String village) {
        List<String> out = new ArrayList<>();
        jdbc.sql("""
                select household_no, village_code, coalesce(village_group, ''), formerly_poor, phone_enc,
                       unsafe_house, safe_water, registered_on from household
                 where village_code = :v order by household_no""").param("v", village)
                .query(rs -> {
                    byte[] phone = rs.getBytes(5);
                    out.add("household " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " poor="
                            + rs.getBoolean(4) + " phone=" + (phone == null ? "" : pd.open(phone))
                            + " unsafe=" + rs.getObject(6) + " water=" + rs.getObject(7) + " registered=" + rs.getObject(8));
                });
        jdbc.sql("""
                select h.household_no, m.id_number_enc, m.name, m.relation, m.labour_capacity, m.health_enc, m.schooling_stage,
                       m.sex, m.birth_date, m.status, m.person_no, m.ethnic_group, m.education, m.months_in_work,
                       m.serious_illness_insurance, m.main_cause, m.phone_enc, m.registered_on
                  from member m join household h on h.id = m.household_id where h.village_code = :v
                 order by h.household_no, m.name""").param("v", village)
                .query(rs -> {
                    out.add("member " + rs.getString(1) + " " + pd.open(rs.getBytes(2)) + " " + rs.getString(3) + " "
                            + rs.getString(4) + " " + rs.getString(5) + " " + pd.openHealth(rs.getBytes(6)).status() + " "
                            + rs.getString(7) + " " + rs.getString(8) + " " + rs.getString(9) + " " + rs.getString(10)
                            + " no=" + rs.getString(11) + " ethnic=" + rs.getString(12) + " education=" + rs.getString(13)
                            + " months=" + rs.getObject(14) + " insured=" + rs.getObject(15) + " cause=" + rs.getString(16)
                            + " phone=" + (rs.getBytes(17) == null ? "" : pd.open(rs.getBytes(17))) + " registered="
                            + rs.getObject(18));
                });
        jdbc.sql("""
                select h.household_no, i.year, i.wages, i.business, i.property, i.transfers, i.production_costs,
                       i.eligible_out_of_pocket, i.per_capita, i.itemised, i.claims
                  from household_income i join household h on h.id = i.household_id
                 where h.village_code = :v and i.year = 2025 order by h.household_no""").param("v", village)
                .query(rs -> {
                    StringBuilder b = new StringBuilder("income " + rs.getString(1) + " " + rs.getInt(2));
                    for (int c = 3; c <= 8; c++) b.append(' ').append(rs.getBigDecimal(c).stripTrailingZeros().toPlainString());
                    // the stated figure matters only for a year without items (the import also keeps the one a file
                    // gives beside its items, which the registry's own rows do not have)
                    b.append(" perCapita=").append(rs.getBoolean(10) || rs.getBigDecimal(9) == null ? ""
                                    : rs.getBigDecimal(9).stripTrailingZeros().toPlainString())
                            .append(" itemised=").append(rs.getBoolean(10))
                            .append(" claims=").append(rs.getBigDecimal(11) == null ? "" : rs.getBigDecimal(11).stripTrailingZeros().toPlainString());
                    out.add(b.toString());
                });
        jdbc.sql("""
                select h.household_no, m.category, m.risk_types::text, coalesce(m.disaster_subtype, ''),
                       to_char(m.identified_on, 'YYYY-MM'), m.status, coalesce(to_char(m.eliminated_month, 'YYYY-MM'), '')
                  from monitored_household m join household h on h.id = m.household_id
                 where h.village_code = :v order by h.household_no""").param("v", village)
                .query(rs -> {
                    out.add("monitored " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                            + rs.getString(4) + " " + rs.getString(5) + " " + rs.getString(6) + " " + rs.getString(7));
                });
        jdbc.sql("""
                select h.household_no, o.name, o.unit, o.phone_enc from assistance_officer o
                  join household h on h.id = o.household_id where h.village_code = :v and o.to_date is null
                 order by h.household_no, o.name""").param("v", village)
                .query(rs -> {
                    out.add("officer " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                            + pd.open(rs.getBytes(4)));
                });
        jdbc.sql("""
                select h.household_no, p.measure_group, p.description from plan_measure p
                  join household h on h.id = p.household_id where h.village_code = :v and p.state <> 'STOPPED'
                 order by h.household_no, p.measure_group, p.description""").param("v", village)
                .query(rs -> {
                    out.add("measure " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                });
        return out;
    }

    @Test
    void aVillageExportedInNationalLayoutImportsIntoAnEmptyDatabaseAsItWas() throws Exception {
        String village = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220322%' order by code offset 40 limit 1""").query(String.class).single();
        String county = village.substring(0, 6) + "000000";
        long a = registry.household(village).group("3组").head("甲往返").phone("13812340001")
                .member("乙往返", "SPOUSE", "WEAK", "CHRONIC_ILLNESS", null)
                .member("丙往返", "CHILD", "NONE", null).insert();
        long b = registry.household(village).group("5组").head("丁往返").labour("SKILLED").insert();
        registry.income(a, 2025).wages("12000").business("3000.50").property("10").transfers("2400")
                .productionCosts("1000").eligibleOutOfPocket("800").insert();
        registry.income(b, 2025).wages("30000").insert();
        // a household whose year came from a person list with only 人均纯收入
        long c = registry.household(village).group("5组").head("戊往返").insert();
        jdbc.sql("""
                insert into household_income (household_id, year, wages, business, property, transfers, production_costs,
                                              eligible_out_of_pocket, per_capita, itemised, recorded_at)
                values (:h, 2025, 0, 0, 0, 0, 0, 0, 6543.21, false, now())""").param("h", c).update();
        jdbc.sql("update household_income set claims = 320 where household_id = :h and year = 2025").param("h", a).update();
        // the person list's own columns (household V6)
        jdbc.sql("""
                update household set unsafe_house = false, safe_water = true, registered_on = date '2014-06-30'
                 where id = :h""").param("h", a).update();
        jdbc.sql("""
                update member set person_no = 'P' || id, ethnic_group = '汉族', education = '初中', months_in_work = 8,
                       serious_illness_insurance = true, main_cause = '因病', registered_on = date '2014-07-01',
                       phone_enc = :phone where household_id = :h and relation = 'HEAD'""")
                .param("h", a).param("phone", pd.seal("13700002222")).update();
        jdbc.sql("update member set ethnic_group = '满族', education = '小学', months_in_work = 0 where household_id = :h and relation = 'SPOUSE'")
                .param("h", a).update();
        new TransactionTemplate(tm).executeWithoutResult(s -> monitoring.apply(List.of(new ImportedMonitoring.Monitored(a,
                registry.householdNo(a), village, "甲往返", "MARGINAL_AT_RISK",
                List.of(RiskType.ILLNESS, RiskType.NATURAL_DISASTER), "冰雹", YearMonth.of(2024, 5), false, null,
                List.of(new ImportedMonitoring.Officer("王帮扶", "县农业农村局", "13900001111")),
                List.of(new ImportedMonitoring.Measure(MeasureGroup.INDUSTRY, "养牛"),
                        new ImportedMonitoring.Measure(MeasureGroup.HEALTH, "大病救助")))), "setup"));
        List<String> before = snapshot(jdbc, pd, village);
        assertThat(before).hasSizeGreaterThan(8);
        assertThat(String.join("\n", before)).contains("ethnic=汉族").contains("phone=13700002222").contains("perCapita=6543.21")
                .contains("claims=320").contains("unsafe=false");

        CurrentUser analyst = new CurrentUser(96, "t-roundtrip", "测试", Role.COUNTY_ANALYST, new AreaScope(county));
        byte[] file = mvc.perform(get("/households/export/national").param("area", village).param("year", "2025")
                        .with(user(new AccountPrincipal(analyst, "{noop}x", false, true))))
                .andReturn().getResponse().getContentAsByteArray();

        String dir = "target/test-roundtrip/" + UUID.randomUUID();
        try (ConfigurableApplicationContext empty = emptyServer(dir)) {
            JdbcClient other = empty.getBean(JdbcClient.class);
            ServerTest.ensureAreas(other);
            assertThat(other.sql("select count(*) from household").query(Long.class).single()).isZero();
            new AccessFixtures(other, empty.getBean(PasswordEncoder.class))
                    .account("county-rt", "县级分析员", Role.COUNTY_ANALYST, county, "x");
            long accountId = other.sql("select id from account where username = 'county-rt'").query(Long.class).single();
            CurrentUser importer = new CurrentUser(accountId, "county-rt", "县级分析员", Role.COUNTY_ANALYST, new AreaScope(county));
            RegistryImports imports = empty.getBean(RegistryImports.class);
            ImportStore store = empty.getBean(ImportStore.class);
            long id = imports.upload(new ByteArrayInputStream(file), "roundtrip.xlsx", importer);
            ImportStore.Import previewed = await(store, id);
            assertThat(previewed.state()).as(() -> "problems: " + other.sql("select code || ' ' || line from import_problem")
                    .query(String.class).list()).isEqualTo(ImportStore.State.PREVIEWED);
            imports.applyNow(id, false, importer);
            assertThat(store.find(id).orElseThrow().state()).isEqualTo(ImportStore.State.APPLIED);

            assertThat(snapshot(other, empty.getBean(PersonalDataApi.class), village)).containsExactlyElementsOf(before);
        }
    }

    static ImportStore.Import await(ImportStore store, long id) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < until) {
            ImportStore.Import i = store.find(id).orElseThrow();
            if (!i.state().running()) return i;
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " still running");
    }
}
