package cn.shouwang.server.socialassistance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Layers and grants on the household view, the payment list of a month (quarterly amounts, paid once, credited to the
 * household's income once), the bank's Excel (masked unless asked by who may, audited), and the area and roles at
 * every endpoint.
 */
class SocialAssistanceWebTest extends ServerTest {
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    static final String BANK = "6217000011112222333";

    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;

    String village;
    String sibling;
    String township;
    long account;

    @BeforeEach
    void villages() {
        // a township of the demo county other than the demo's own (its demo data stays out of the counts)
        List<String> vs = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220322%' and code not like '220322103%' order by code offset 7 limit 2""")
                .query(String.class).list();
        village = vs.get(0);
        sibling = vs.get(1);
        assertThat(sibling.substring(0, 9)).isEqualTo(village.substring(0, 9));
        township = village.substring(0, 9) + "000";
        account = jdbc.sql("select id from account where username = 'county'").query(Long.class).single();
    }

    RequestPostProcessor as(Role role, String area) {
        return user(new AccountPrincipal(new CurrentUser(account, "county", "test", role, new AreaScope(area)),
                "{noop}x", false, true));
    }

    String page(String path, RequestPostProcessor who) throws Exception {
        return mvc.perform(get(path).locale(ZH).with(who)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    long grant(long h, RequestPostProcessor who, String kind, String amount, String frequency, String start,
               Long member) throws Exception {
        var req = post("/social-assistance/households/" + h + "/grants").locale(ZH).with(who).with(csrf())
                .param("kind", kind).param("amount", amount).param("frequency", frequency).param("start", start)
                .param("bankAccount", BANK);
        if (member != null) req.param("memberId", member.toString());
        mvc.perform(req).andExpect(status().is3xxRedirection());
        return jdbc.sql("select max(id) from assistance_grant where household_id = :h").param("h", h).query(Long.class).single();
    }

    long member(long h, String name) {
        return jdbc.sql("select id from member where household_id = :h and name = :n").param("h", h).param("n", name)
                .query(Long.class).single();
    }

    @Test
    void layersAndGrantsShowOnTheHouseholdViewWithTheMonitoredLayerFromCasework() throws Exception {
        long h = registry.household(village).head("钱救助").member("钱小孤", "CHILD", "NONE", null).insert();
        casework.monitored(h, village, "钱救助").insert();
        RequestPostProcessor staff = as(Role.TOWNSHIP_STAFF, township);
        mvc.perform(post("/social-assistance/households/" + h + "/layers").locale(ZH).with(staff).with(csrf())
                        .param("layer", "MINIMUM_LIVING").param("source", "CIVIL_AFFAIRS").param("start", "2025-03-01"))
                .andExpect(status().is3xxRedirection());
        // the monitored layer is casework's, never entered by hand
        mvc.perform(post("/social-assistance/households/" + h + "/layers").locale(ZH).with(staff).with(csrf())
                        .param("layer", "MONITORED").param("source", "COUNTY_DECISION").param("start", "2025-03-01"))
                .andExpect(status().isUnprocessableContent());
        grant(h, staff, "ORPHAN_ALLOWANCE", "1250", "QUARTERLY", "2025-01-01", member(h, "钱小孤"));

        String view = page("/social-assistance/households/" + h, as(Role.VILLAGE_MONITOR, village));
        assertThat(view).contains("低保", "全户", "民政部门名单", "防止返贫致贫对象", "孤儿基本生活费", "钱小孤", "1250.00 元/月",
                "按季发放", "3750.00");
        assertThat(view).doesNotContain(BANK, "6217");
        // the village monitor reads, does not record
        assertThat(view).doesNotContain("id=\"grant-form\"");
        assertThat(jdbc.sql("select count(*) from low_income_layer where household_id = :h").param("h", h)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where household_id = :h and action in "
                + "('SOCIAL_LAYER_ADD', 'SOCIAL_GRANT_ADD')").param("h", h).query(Integer.class).single()).isEqualTo(2);
        // the bank account is sealed at rest
        byte[] sealed = jdbc.sql("select bank_account_enc from assistance_grant where household_id = :h").param("h", h)
                .query(byte[].class).single();
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(BANK);
        // the list shows it with both layers
        String list = page("/social-assistance?area=" + village, as(Role.TOWNSHIP_STAFF, township));
        assertThat(list).contains("钱救助", "低保", "防止返贫致贫对象", "孤儿基本生活费");
    }

    @Test
    void aGrantBacksTheHouseholdsFloorMeasureAndOnlyThat() throws Exception {
        long h = registry.household(village).head("孙兜底").insert();
        casework.monitored(h, village, "孙兜底").insert();
        long floor = casework.measure(h, village, "SOCIAL_ASSISTANCE_FLOOR", "纳入农村低保");
        long industry = casework.measure(h, village, "INDUSTRY", "发展庭院养殖");
        RequestPostProcessor staff = as(Role.TOWNSHIP_STAFF, township);
        // a measure of another group is not what a grant can back: refused beside the field, nothing stored
        mvc.perform(post("/social-assistance/households/" + h + "/grants").locale(ZH).with(staff).with(csrf())
                .param("kind", "MINIMUM_LIVING").param("amount", "450").param("frequency", "MONTHLY")
                .param("start", "2026-01-01").param("measureId", String.valueOf(industry)));
        assertThat(jdbc.sql("select count(*) from assistance_grant where household_id = :h").param("h", h)
                .query(Integer.class).single()).isZero();
        mvc.perform(post("/social-assistance/households/" + h + "/grants").locale(ZH).with(staff).with(csrf())
                        .param("kind", "MINIMUM_LIVING").param("amount", "450").param("frequency", "MONTHLY")
                        .param("start", "2026-01-01").param("measureId", String.valueOf(floor)))
                .andExpect(status().is3xxRedirection());
        // the monitored household's plan shows the grant under the floor measure, not under the other one
        String plan = page("/monitored/" + h, as(Role.VILLAGE_MONITOR, village));
        int at = plan.indexOf("纳入农村低保");
        int other = plan.indexOf("发展庭院养殖");
        assertThat(at).isPositive();
        assertThat(plan.substring(at, at + 600)).contains("backing", "低保");
        assertThat(plan.substring(other, other + 300)).doesNotContain("class=\"backing\"");
    }

    @Test
    void aQuarterlyGrantIsDueInDecemberPaidOnceAndCreditedToTheIncomeOnce() throws Exception {
        long h = registry.household(village).head("孙季发").insert();
        RequestPostProcessor county = as(Role.COUNTY_ANALYST, village);
        long g = grant(h, county, "ORPHAN_ALLOWANCE", "1250.00", "QUARTERLY", "2025-01-01", null);
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/social-assistance/payments/generate").with(county).with(csrf()).param("period", "2025-12"))
                    .andExpect(status().is3xxRedirection());
        }
        mvc.perform(post("/social-assistance/payments/generate").with(county).with(csrf()).param("period", "2025-11"))
                .andExpect(status().is3xxRedirection());
        List<BigDecimal> due = jdbc.sql("select amount from assistance_payment where grant_id = :g").param("g", g)
                .query(BigDecimal.class).list();
        assertThat(due).hasSize(1);
        assertThat(due.get(0)).isEqualByComparingTo("3750.00");
        long p = jdbc.sql("select id from assistance_payment where grant_id = :g").param("g", g).query(Long.class).single();

        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/social-assistance/payments/paid").with(county).with(csrf()).param("period", "2025-12")
                    .param("ids", String.valueOf(p)).param("paidOn", "2025-12-20")).andExpect(status().is3xxRedirection());
        }
        assertThat(jdbc.sql("select transfers from household_income where household_id = :h and year = 2025")
                .param("h", h).query(BigDecimal.class).single()).isEqualByComparingTo("3750.00");
        assertThat(jdbc.sql("select count(*) from household_income_credit where household_id = :h and source = "
                + "'SOCIAL_ASSISTANCE' and source_ref = :r").param("h", h).param("r", "payment-" + p)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where household_id = :h and action = 'SOCIAL_PAYMENT_PAID'")
                .param("h", h).query(Integer.class).single()).isEqualTo(1);
        String list = page("/social-assistance/payments?period=2025-12", county);
        assertThat(list).contains("孙季发", "3750.00", "已发放 2025-12-20");
        // the household page of the registry names the credit's source
        assertThat(page("/households/" + h, county)).contains("社会救助金");
    }

    @Test
    void theBankListIsMaskedUnlessAskedInFullByWhoMayAndEveryDownloadIsAudited() throws Exception {
        long h = registry.household(village).head("李银行").insert();
        RequestPostProcessor county = as(Role.COUNTY_ANALYST, village);
        grant(h, county, "MINIMUM_LIVING", "420.50", "MONTHLY", "2025-01-01", null);
        long h2 = registry.household(village).head("王二户").insert();
        grant(h2, county, "DISABILITY_ALLOWANCES", "100", "MONTHLY", "2025-06-01", null);
        mvc.perform(post("/social-assistance/payments/generate").with(county).with(csrf()).param("period", "2025-07"))
                .andExpect(status().is3xxRedirection());
        BigDecimal sum = jdbc.sql("select sum(amount) from assistance_payment where village_code = :v and period = '2025-07-01'")
                .param("v", village).query(BigDecimal.class).single();
        int audits = jdbc.sql("select count(*) from audit_event where action = 'SOCIAL_BANK_LIST'").query(Integer.class).single();

        Sheet masked = sheet(mvc.perform(get("/social-assistance/payments/bank?period=2025-07").with(county))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
        Sheet full = sheet(mvc.perform(get("/social-assistance/payments/bank?period=2025-07&full=true").with(county))
                .andReturn().getResponse().getContentAsByteArray());
        // a village monitor asking for it in full still gets it masked
        Sheet monitor = sheet(mvc.perform(get("/social-assistance/payments/bank?period=2025-07&full=true")
                .with(as(Role.VILLAGE_MONITOR, village))).andReturn().getResponse().getContentAsByteArray());

        Row first = rowOf(masked, "李银行");
        assertThat(first.getCell(2).getStringCellValue()).isEqualTo("6217***********2333");
        assertThat(first.getCell(5).getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(first.getCell(5).getNumericCellValue()).isEqualTo(420.50);
        assertThat(first.getCell(5).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
        assertThat(rowOf(full, "李银行").getCell(2).getStringCellValue()).isEqualTo(BANK);
        assertThat(rowOf(monitor, "李银行").getCell(2).getStringCellValue()).isEqualTo("6217***********2333");
        Row total = masked.getRow(masked.getLastRowNum());
        assertThat(total.getCell(0).getStringCellValue()).isEqualTo("合计");
        assertThat(BigDecimal.valueOf(total.getCell(5).getNumericCellValue())).isEqualByComparingTo(sum);
        assertThat(masked.getLastRowNum() - 4).isEqualTo(jdbc.sql("select count(*) from assistance_payment where "
                + "village_code = :v and period = '2025-07-01'").param("v", village).query(Integer.class).single());

        assertThat(jdbc.sql("select count(*) from audit_event where action = 'SOCIAL_BANK_LIST'").query(Integer.class).single())
                .isEqualTo(audits + 3);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'SOCIAL_BANK_LIST' and detail like '%in full%'")
                .query(Integer.class).single()).isGreaterThanOrEqualTo(1);
        // the print view has the total and masked accounts only
        String print = page("/social-assistance/payments/print?period=2025-07", county);
        assertThat(print).contains("李银行", "420.50", sum.setScale(2).toPlainString()).doesNotContain(BANK);
    }

    @Autowired List<cn.shouwang.server.platform.VillageFigures> villageFigures;

    @Test
    void theVillagePageGetsTheVillagesFiguresWithLinks() throws Exception {
        long h = registry.household(village).head("吴村页").insert();
        RequestPostProcessor county = as(Role.COUNTY_ANALYST, village);
        grant(h, county, "MINIMUM_LIVING", "300", "MONTHLY", "2025-01-01", null);
        mvc.perform(post("/social-assistance/households/" + h + "/layers").with(county).with(csrf())
                .param("layer", "MINIMUM_LIVING").param("source", "CIVIL_AFFAIRS").param("start", "2025-01-01"))
                .andExpect(status().is3xxRedirection());
        var lines = villageFigures.stream().flatMap(f -> f.villageFigures(village, 2025).stream())
                .filter(f -> f.groupKey().equals("nav.socialAssistance")).toList();
        long grants = jdbc.sql("select count(*) from assistance_grant where village_code = :v and ended_on is null")
                .param("v", village).query(Long.class).single();
        long layered = jdbc.sql("select count(distinct household_id) from low_income_layer where village_code = :v "
                + "and layer = 'MINIMUM_LIVING' and ended_on is null").param("v", village).query(Long.class).single();
        assertThat(lines).anySatisfy(f -> {
            assertThat(f.labelKey()).isEqualTo("socialassistance.figure.grants");
            assertThat(f.value()).isEqualTo(String.valueOf(grants));
            assertThat(f.link()).isEqualTo("/social-assistance?area=" + village);
        });
        assertThat(lines).anySatisfy(f -> {
            assertThat(f.labelKey()).isEqualTo("socialassistance.figure.layer.MINIMUM_LIVING");
            assertThat(f.value()).isEqualTo(String.valueOf(layered));
        });
        // the link answers, filtered to the village
        assertThat(page("/social-assistance?area=" + village + "&layer=MINIMUM_LIVING", county)).contains("吴村页");
    }

    static Sheet sheet(byte[] xlsx) throws Exception {
        return new XSSFWorkbook(new ByteArrayInputStream(xlsx)).getSheetAt(0);
    }

    static Row rowOf(Sheet s, String name) {
        for (Row r : s) {
            if (r.getCell(1) != null && name.equals(r.getCell(1).getStringCellValue())) return r;
        }
        throw new AssertionError(name + " not in the sheet");
    }

    @Test
    void aSiblingVillageSeesNothingAndChangesNothingAndRolesAreKept() throws Exception {
        long h = registry.household(village).head("周本村").insert();
        RequestPostProcessor county = as(Role.COUNTY_ANALYST, village);
        long g = grant(h, county, "MINIMUM_LIVING", "300", "MONTHLY", "2025-01-01", null);
        mvc.perform(post("/social-assistance/payments/generate").with(county).with(csrf()).param("period", "2025-02"))
                .andExpect(status().is3xxRedirection());
        long p = jdbc.sql("select id from assistance_payment where grant_id = :g").param("g", g).query(Long.class).single();

        RequestPostProcessor other = as(Role.COUNTY_ANALYST, sibling);
        mvc.perform(get("/social-assistance/households/" + h).with(other)).andExpect(status().isNotFound());
        mvc.perform(post("/social-assistance/households/" + h + "/layers").with(other).with(csrf())
                .param("layer", "MARGINAL").param("source", "COUNTY_DECISION").param("start", "2025-01-01"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/social-assistance/households/" + h + "/grants/" + g).with(other).with(csrf())
                .param("version", "0").param("amount", "9999")).andExpect(status().isNotFound());
        mvc.perform(post("/social-assistance/payments/paid").with(other).with(csrf()).param("period", "2025-02")
                .param("ids", String.valueOf(p)).param("paidOn", "2025-02-10")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select paid_on is null from assistance_payment where id = :p").param("p", p)
                .query(Boolean.class).single()).isTrue();
        assertThat(page("/social-assistance/payments?period=2025-02", other)).doesNotContain("周本村");
        assertThat(page("/social-assistance", other)).doesNotContain("周本村");
        assertThat(jdbc.sql("select count(*) from low_income_layer where household_id = :h").param("h", h)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select amount from assistance_grant where id = :g").param("g", g).query(BigDecimal.class)
                .single()).isEqualByComparingTo("300");

        // a village monitor records nothing and pays nothing; a data officer sees nothing
        RequestPostProcessor monitor = as(Role.VILLAGE_MONITOR, village);
        mvc.perform(post("/social-assistance/households/" + h + "/layers").with(monitor).with(csrf())
                .param("layer", "MARGINAL").param("source", "COUNTY_DECISION").param("start", "2025-01-01"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/social-assistance/payments/paid").with(monitor).with(csrf()).param("period", "2025-02")
                .param("ids", String.valueOf(p)).param("paidOn", "2025-02-10")).andExpect(status().isForbidden());
        mvc.perform(post("/social-assistance/households/" + h + "/layers").with(as(Role.TOWNSHIP_STAFF, township)).with(csrf())
                .param("layer", "MARGINAL").param("source", "COUNTY_DECISION").param("start", "2025-01-01"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/social-assistance/payments/generate").with(as(Role.TOWNSHIP_STAFF, township)).with(csrf())
                .param("period", "2025-03")).andExpect(status().isForbidden());
        mvc.perform(get("/social-assistance").with(as(Role.DATA_OFFICER, village))).andExpect(status().isForbidden());
        mvc.perform(get("/social-assistance/households/" + h).with(as(Role.DATA_OFFICER, village)))
                .andExpect(status().isForbidden());

        // a change made on a stale form is refused
        mvc.perform(post("/social-assistance/households/" + h + "/grants/" + g).with(county).with(csrf())
                .param("version", "0").param("amount", "320")).andExpect(status().is3xxRedirection());
        mvc.perform(post("/social-assistance/households/" + h + "/grants/" + g).with(county).with(csrf())
                .param("version", "0").param("amount", "999")).andExpect(status().isConflict());
        assertThat(jdbc.sql("select amount from assistance_grant where id = :g").param("g", g).query(BigDecimal.class)
                .single()).isEqualByComparingTo("320");
    }
}
