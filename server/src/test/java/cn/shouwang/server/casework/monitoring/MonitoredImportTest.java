package cn.shouwang.server.casework.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.household.RiskType;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.StatementCounter;
import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.household.ImportedMonitoring;
import cn.shouwang.server.household.ImportedMonitoring.Measure;
import cn.shouwang.server.household.ImportedMonitoring.Monitored;
import cn.shouwang.server.household.ImportedMonitoring.Officer;
import cn.shouwang.server.household.ImportedMonitoring.Outcome;
import cn.shouwang.server.household.RegistryFixtures;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Casework's side of the registry import (ImportedMonitoring): monitored households with officers and measures
 * written once, the same records again change nothing, a change is one history line 导入, a household with an open
 * lead and a record casework cannot take are left alone with the reason, and a batch costs a fixed number of
 * statements however many households it holds.
 */
class MonitoredImportTest extends ServerTest {
    @Autowired ImportedMonitoring imports;
    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;
    @Autowired PersonalDataApi pd;
    @Autowired PlatformTransactionManager tm;

    String village;

    @BeforeEach
    void village() {
        village = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' order by code offset 5 limit 1""").query(String.class).single();
    }

    Outcome apply(List<Monitored> batch, String label) {
        return new TransactionTemplate(tm).execute(s -> imports.apply(batch, label));
    }

    Monitored record(long household, String head, boolean eliminated) {
        return new Monitored(household, registry.householdNo(household), village, head, "MARGINAL_AT_RISK",
                List.of(RiskType.ILLNESS, RiskType.NATURAL_DISASTER), "洪涝", YearMonth.of(2024, 3), eliminated,
                eliminated ? YearMonth.of(2025, 9) : null,
                List.of(new Officer("王帮扶", "县农业农村局", "13900001111")),
                List.of(new Measure(MeasureGroup.INDUSTRY, "发展庭院经济"), new Measure(MeasureGroup.HEALTH, "是"),
                        new Measure(MeasureGroup.EMPLOYMENT, "否"), new Measure(MeasureGroup.RELOCATION, " ")));
    }

    long count(String sql, long household) {
        return jdbc.sql(sql).param("h", household).query(Long.class).single();
    }

    @Test
    void aMonitoredHouseholdIsWrittenOnceAndTheSameRecordAgainChangesNothing() {
        long h = registry.household(village).head("郑导入").insert();
        Monitored r = record(h, "郑导入", false);

        assertThat(imports.preview(List.of(r))).isEqualTo(new Outcome(1, 0, 0, List.of()));
        assertThat(count("select count(*) from monitored_household where household_id = :h", h)).as("preview writes nothing").isZero();

        assertThat(apply(List.of(r), "人口名单.xlsx 2026-12-07 10:00")).isEqualTo(new Outcome(1, 0, 0, List.of()));
        var m = jdbc.sql("select category, risk_types::text, disaster_subtype, identified_on, status, lead_id from monitored_household "
                        + "where household_id = :h").param("h", h)
                .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        String.valueOf(rs.getObject(6)))).single();
        assertThat(m).containsExactly("MARGINAL_AT_RISK", "{ILLNESS,NATURAL_DISASTER}", "FLOOD", "2024-03-01", "MONITORED", "null");
        byte[] phone = jdbc.sql("select phone_enc from assistance_officer where household_id = :h").param("h", h)
                .query(byte[].class).single();
        assertThat(new String(phone, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("13900001111");
        assertThat(pd.open(phone)).isEqualTo("13900001111");
        List<String> measures = jdbc.sql("select measure_group || ' ' || description || ' ' || state || ' ' || responsible_person "
                        + "from plan_measure where household_id = :h order by measure_group").param("h", h)
                .query(String.class).list();
        assertThat(measures).containsExactly("HEALTH 健康帮扶 IN_PROGRESS 王帮扶", "INDUSTRY 发展庭院经济 IN_PROGRESS 王帮扶");
        assertThat(jdbc.sql("select kind || ' ' || note from monitoring_history where household_id = :h").param("h", h)
                .query(String.class).list()).containsExactly("IMPORTED 人口名单.xlsx 2026-12-07 10:00");

        // the monitored household's page shows it like any other, with its history line
        try {
            String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/monitored/" + h)
                            .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                                    new cn.shouwang.server.access.AccountPrincipal(new cn.shouwang.server.access.CurrentUser(98,
                                            "t-import", "测试", cn.shouwang.server.access.Role.VILLAGE_MONITOR,
                                            new cn.shouwang.server.access.AreaScope(village)), "{noop}x", false, true))))
                    .andReturn().getResponse().getContentAsString();
            assertThat(page).contains("导入").contains("人口名单.xlsx 2026-12-07 10:00").contains("发展庭院经济").contains("王帮扶");
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        // the same record again: previewed and applied as unchanged, not one row more
        assertThat(imports.preview(List.of(r))).isEqualTo(new Outcome(0, 0, 1, List.of()));
        assertThat(apply(List.of(r), "second")).isEqualTo(new Outcome(0, 0, 1, List.of()));
        assertThat(count("select count(*) from monitoring_history where household_id = :h", h)).isEqualTo(1);
        assertThat(count("select count(*) from plan_measure where household_id = :h", h)).isEqualTo(2);
        assertThat(count("select count(*) from assistance_officer where household_id = :h", h)).isEqualTo(1);
        assertThat(count("select version from monitored_household where household_id = :h", h)).isZero();
    }

    @Test
    void anEliminationAndANewOfficerAreOneChangeWithOneHistoryLine() {
        long h = registry.household(village).head("冯变更").insert();
        apply(List.of(record(h, "冯变更", false)), "first");
        Monitored r = record(h, "冯变更", true);
        Monitored later = new Monitored(r.householdId(), r.householdNo(), r.villageCode(), r.headName(), r.categoryCode(),
                r.riskTypes(), r.disasterSubtype(), r.identifiedMonth(), true, r.eliminatedMonth(),
                List.of(new Officer("陈接任", "乡政府", null)),
                List.of(new Measure(MeasureGroup.INDUSTRY, "发展庭院经济"),
                        new Measure(MeasureGroup.FINANCE, "小额信贷5万元;贴息")));
        assertThat(imports.preview(List.of(later))).isEqualTo(new Outcome(0, 1, 0, List.of()));
        assertThat(apply(List.of(later), "second")).isEqualTo(new Outcome(0, 1, 0, List.of()));
        assertThat(jdbc.sql("select status || ' ' || eliminated_month from monitored_household where household_id = :h")
                .param("h", h).query(String.class).single()).isEqualTo("RISK_ELIMINATED 2025-09-01");
        // the earlier officer's term ended, the new one is current; the measure already planned stays as it was
        List<String> officers = jdbc.sql("select name || ' ' || coalesce(to_date::text, 'current') from assistance_officer "
                + "where household_id = :h order by id").param("h", h).query(String.class).list();
        assertThat(officers).hasSize(2);
        assertThat(officers.get(0)).startsWith("王帮扶 ").doesNotEndWith("current");
        assertThat(officers.get(1)).isEqualTo("陈接任 current");
        assertThat(jdbc.sql("select measure_group || ' ' || state from plan_measure where household_id = :h order by id")
                .param("h", h).query(String.class).list())
                .containsExactly("INDUSTRY IN_PROGRESS", "HEALTH IN_PROGRESS", "FINANCE DELIVERED", "FINANCE DELIVERED");
        assertThat(jdbc.sql("select note from monitoring_history where household_id = :h order by id").param("h", h)
                .query(String.class).list()).containsExactly("first", "second");
        assertThat(apply(List.of(later), "third")).isEqualTo(new Outcome(0, 0, 1, List.of()));
    }

    @Test
    void aHouseholdWithAnOpenLeadAndRecordsCaseworkCannotTakeAreLeftAloneWithTheReason() throws Exception {
        long withLead = registry.household(village).head("褚在办").insert();
        casework.lead(registry.householdNo(withLead), village).open();
        long noRisk = registry.household(village).head("卫无险").insert();
        Monitored bad = record(noRisk, "卫无险", false);
        Monitored noRisks = new Monitored(bad.householdId(), bad.householdNo(), village, "卫无险", "MARGINAL_AT_RISK", List.of(),
                null, bad.identifiedMonth(), false, null, List.of(), List.of());
        Monitored unknownCategory = new Monitored(bad.householdId(), bad.householdNo(), village, "卫无险", "NO_SUCH_CATEGORY",
                bad.riskTypes(), null, bad.identifiedMonth(), false, null, List.of(), List.of());
        // the open lead's state is named in the language of the request that imports (Chinese by default)
        org.springframework.context.i18n.LocaleContextHolder.setLocale(java.util.Locale.SIMPLIFIED_CHINESE);
        Outcome o;
        try {
            o = apply(List.of(record(withLead, "褚在办", false), noRisks, unknownCategory), "refusals");
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
        }
        assertThat(o.created() + o.changed() + o.unchanged()).isZero();
        assertThat(o.refused()).extracting(ImportedMonitoring.Refused::messageCode)
                .containsExactly("casework.import.openLead", "casework.import.noRisk", "casework.import.category");
        assertThat(o.refused().get(0).args()).containsExactly(registry.householdNo(withLead), "待入户核实");
        assertThat(count("select count(*) from monitored_household where household_id = :h", withLead)).isZero();
        assertThat(count("select count(*) from plan_measure where household_id = :h", withLead)).isZero();
        assertThat(count("select count(*) from monitored_household where household_id = :h", noRisk)).isZero();
    }

    @Test
    void applyRunsOnlyInsideTheImportsTransaction() {
        long h = registry.household(village).head("蒋事务").insert();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> imports.apply(List.of(record(h, "蒋事务", false)), "x"))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void aBatchCostsTheSameStatementsForTenOrFiftyHouseholds() {
        assertThat(statementsFor(10)).isEqualTo(statementsFor(50));
    }

    int statementsFor(int n) {
        List<Monitored> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long h = registry.household(village).head("沈批量").insert();
            batch.add(record(h, "沈批量", false));
        }
        // rolled back: dozens of monitored households would crowd other tests' lists in the shared database
        return new TransactionTemplate(tm).execute(s -> {
            StatementCounter.reset();
            assertThat(imports.apply(batch, "batch").created()).isEqualTo(n);
            int count = StatementCounter.count();
            s.setRollbackOnly();
            return count;
        });
    }
}
