package cn.shouwang.server.insurance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.RegistryFixtures;
import cn.shouwang.server.insurance.claim.ClaimCmd;
import cn.shouwang.server.insurance.claim.Claims;
import cn.shouwang.server.insurance.policy.CostType;
import cn.shouwang.server.insurance.policy.Coverage;
import cn.shouwang.server.insurance.policy.Policies;
import cn.shouwang.server.insurance.policy.PolicyCmd;
import cn.shouwang.server.insurance.policy.PolicyStore;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 防贫保 end to end on the real database: the payout credited once to the household's income, the cap per person
 * across two claims, maker-checker, the fund's balance refusing in words, scope (a sibling county reads and changes
 * nothing), roles, and the Excel export read back with POI.
 */
class InsuranceWebTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired HouseholdApi households;
    @Autowired Claims claims;
    @Autowired Policies policies;
    @Autowired PolicyStore policyStore;
    @Autowired List<cn.shouwang.server.platform.VillageFigures> villageFigures;

    String village, county, township, otherVillage, otherCounty;
    int year;
    LocalDate today;

    @BeforeEach
    void areas() {
        // two villages of two counties of 四平市 other than the demo's 梨树县 (its demo policy stays out of the way)
        List<String> vs = jdbc.sql("""
                select min(code) from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' and code not like '220322%' group by substr(code, 1, 6)
                 order by 1 limit 3""").query(String.class).list();
        village = vs.get(0);
        county = village.substring(0, 6) + "000000";
        township = village.substring(0, 9) + "000";
        otherVillage = vs.get(1);
        otherCounty = otherVillage.substring(0, 6) + "000000";
        today = LocalDate.now(clock);
        year = today.getYear();
        policy(county, "100000");
    }

    @Autowired cn.shouwang.server.access.AccessFixtures accounts;

    /** A real account (the income credit records who paid), made once per name. */
    CurrentUser user(String name, Role role, String area) {
        Long id = jdbc.sql("select id from account where username = :u").param("u", name).query(Long.class).optional().orElse(null);
        if (id == null) {
            accounts.account(name, name, role, area, "x-password-2024");
            id = jdbc.sql("select id from account where username = :u").param("u", name).query(Long.class).single();
        }
        return new CurrentUser(id, name, name, role, new AreaScope(area));
    }

    RequestPostProcessor as(CurrentUser u) {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(new AccountPrincipal(u, "{noop}x", false, true));
    }

    CurrentUser countyA() { return user("ins-county-a", Role.COUNTY_ANALYST, county); }
    CurrentUser countyA2() { return user("ins-county-a2", Role.COUNTY_ANALYST, county); }
    CurrentUser townshipA() { return user("ins-township-a", Role.TOWNSHIP_STAFF, township); }
    CurrentUser countyB() { return user("ins-county-b", Role.COUNTY_ANALYST, otherCounty); }

    void policy(String area, String premium) {
        if (policyStore.policyFor(area.substring(0, 6) + "001001", year).isPresent()
                && policyStore.policyFor(area.substring(0, 6) + "001001", year).get().areaCode().equals(area)) return;
        CurrentUser c = user("ins-admin-" + area, Role.COUNTY_ANALYST, area);
        long id = policies.add(new PolicyCmd.Save(area, year, "test " + area, new BigDecimal("50"), Coverage.ALL_RURAL,
                new BigDecimal("10000"), new BigDecimal("5000"), new BigDecimal("10000"), new BigDecimal("60"),
                new BigDecimal("5000"), null), c);
        var p = policyStore.find(id, new AreaScope(area)).orElseThrow();
        policies.addPremium(p, new PolicyCmd.Premium(new BigDecimal(premium), today, "finance", 100, ""), c);
    }

    long household(String v, String head) {
        return registry.household(v).head(head).insert();
    }

    long member(long h) {
        return households.findHousehold(h, new AreaScope(village.substring(0, 2) + "0000000000")).orElseThrow().head().id();
    }

    long open(long h, CostType type, String oop, CurrentUser by) {
        return claims.open(new ClaimCmd.Open(registry.householdNo(h), member(h), type, year, new BigDecimal(oop),
                BigDecimal.ZERO, new BigDecimal(oop), "receipts", null), by);
    }

    int version(long claim) {
        return jdbc.sql("select version from insurance_claim where id = :id").param("id", claim).query(Integer.class).single();
    }

    String status(long claim) {
        return jdbc.sql("select status from insurance_claim where id = :id").param("id", claim).query(String.class).single();
    }

    void investigateAndApprove(long claim, String oop) {
        claims.investigate(claim, new ClaimCmd.Investigate(version(claim), today, "checked", new BigDecimal(oop)), townshipA());
        claims.approve(claim, new ClaimCmd.Approve(version(claim)), countyA());
    }

    BigDecimal transfers(long h) {
        return jdbc.sql("select transfers from household_income where household_id = :h and year = :y")
                .param("h", h).param("y", year).query(BigDecimal.class).optional().orElse(null);
    }

    @Test
    void aPayoutIsCreditedOnceAndTheCapPerPersonHoldsAcrossTwoClaims() throws Exception {
        long h = household(village, "赔付甲");
        long first = open(h, CostType.ILLNESS, "16000.00", townshipA());
        investigateAndApprove(first, "16000.00");
        mvc.perform(post("/insurance/claims/" + first + "/pay").with(as(countyA())).with(csrf())
                        .param("version", String.valueOf(version(first))).param("paidOn", today.toString()))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(302));
        assertThat(status(first)).isEqualTo("PAID");
        assertThat(transfers(h)).isEqualByComparingTo("3600.00");
        // a retried payment (same form posted again) is refused and credits nothing more
        mvc.perform(post("/insurance/claims/" + first + "/pay").with(as(countyA())).with(csrf())
                        .param("version", "2").param("paidOn", today.toString()))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(409));
        assertThat(transfers(h)).isEqualByComparingTo("3600.00");
        assertThat(jdbc.sql("select count(*) from household_income_credit where source = 'INSURANCE_PAYOUT' and source_ref = :r")
                .param("r", "claim-" + first).query(Integer.class).single()).isEqualTo(1);

        // the same person's second claim: 6,000 above the schooling line × 60 % = 3,600, but only 1,400 left under the cap
        long second = open(h, CostType.SCHOOLING, "11000.00", townshipA());
        investigateAndApprove(second, "11000.00");
        assertThat(claims.pay(second, new ClaimCmd.Pay(version(second), today), countyA())).isEqualByComparingTo("1400.00");
        assertThat(transfers(h)).isEqualByComparingTo("5000.00");

        // the village page's lines: this village's claims of the year, those paid and the payouts, linked to the list
        var lines = villageFigures.stream().flatMap(v -> v.villageFigures(village, year).stream())
                .filter(f -> f.groupKey().equals("nav.insurance")).toList();
        long paidHere = jdbc.sql("select count(*) from insurance_claim where village_code = :v and year = :y and status = 'PAID'")
                .param("v", village).param("y", year).query(Long.class).single();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1).value()).isEqualTo(String.valueOf(paidHere));
        assertThat(lines.get(1).link()).isEqualTo("/insurance/claims?area=" + village + "&year=" + year + "&status=PAID");

        // the household page shows the credit by its name
        String page = mvc.perform(get("/households/" + h).locale(Locale.SIMPLIFIED_CHINESE)
                        .with(as(user("ins-village", Role.VILLAGE_MONITOR, village))))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("防贫保赔付", "3,600.00");
        assertThat(jdbc.sql("select count(*) from audit_event where household_id = :h and action like 'INSURANCE_CLAIM_%'")
                .param("h", h).query(Integer.class).single()).isEqualTo(8);
    }

    @Test
    void aClaimFollowsItsHouseholdToAnotherVillage() throws Exception {
        String to = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current) and level = 5
                   and code like :c and code <> :v order by code limit 1""")
                .param("c", village.substring(0, 6) + "%").param("v", village).query(String.class).single();
        long h = household(village, "钱迁赔");
        long claim = open(h, CostType.ILLNESS, "20000", townshipA());
        // moved by the registry's API, as the county analyst; the claim's village follows once the event is handled
        RequestPostProcessor c = as(countyA());
        String json = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/v1/households/" + h).with(c)).andReturn().getResponse().getContentAsString();
        int version = Integer.parseInt(json.replaceAll("(?s).*\"version\":(\\d+).*", "$1"));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/v1/households/" + h)
                        .with(c).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"villageCode\":\"" + to + "\",\"villageGroup\":\"二组\",\"formerlyPoor\":false,"
                                + "\"version\":" + version + "}"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> to.equals(
                jdbc.sql("select village_code from insurance_claim where id = :id").param("id", claim)
                        .query(String.class).single()));
    }

    @Test
    void whoOpenedOrInvestigatedCannotApprove() {
        long h = household(village, "审批乙");
        long claim = open(h, CostType.DISASTER, "12000", countyA());
        claims.investigate(claim, new ClaimCmd.Investigate(version(claim), today, "checked", new BigDecimal("12000")), townshipA());
        assertThatThrownBy(() -> claims.approve(claim, new ClaimCmd.Approve(version(claim)), countyA()))
                .isInstanceOfSatisfying(Policies.Refused.class, e -> assertThat(e.key()).isEqualTo("insurance.claim.makerChecker"));
        assertThat(status(claim)).isEqualTo("INVESTIGATED");
        // township staff cannot approve at all
        assertThatThrownBy(() -> claims.approve(claim, new ClaimCmd.Approve(version(claim)), townshipA()))
                .isInstanceOf(AccessDeniedException.class);
        claims.approve(claim, new ClaimCmd.Approve(version(claim)), countyA2());
        assertThat(status(claim)).isEqualTo("APPROVED");
    }

    @Test
    void theFundsBalanceRefusesInWordsAndNothingIsPaid() throws Exception {
        String thin = jdbc.sql("""
                select min(code) from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' and code not like '220322%' and substr(code, 1, 6) not in (:a, :b)""")
                .param("a", county.substring(0, 6)).param("b", otherCounty.substring(0, 6)).query(String.class).single();
        String thinCounty = thin.substring(0, 6) + "000000";
        policy(thinCounty, "1000.00");
        CurrentUser c1 = user("ins-thin-1", Role.COUNTY_ANALYST, thinCounty);
        CurrentUser c2 = user("ins-thin-2", Role.COUNTY_ANALYST, thinCounty);
        long h = household(thin, "余额丙");
        long claim = claims.open(new ClaimCmd.Open(registry.householdNo(h),
                households.findHousehold(h, new AreaScope(thinCounty)).orElseThrow().head().id(), CostType.ILLNESS, year,
                new BigDecimal("16000"), BigDecimal.ZERO, new BigDecimal("16000"), "receipts", null), c1);
        claims.investigate(claim, new ClaimCmd.Investigate(version(claim), today, "ok", new BigDecimal("16000")), c1);
        claims.approve(claim, new ClaimCmd.Approve(version(claim)), c2);
        String body = mvc.perform(post("/insurance/claims/" + claim + "/pay").with(as(c2)).with(csrf())
                        .locale(Locale.SIMPLIFIED_CHINESE)
                        .param("version", String.valueOf(version(claim))).param("paidOn", today.toString()))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(422))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).contains("基金余额不足", "3600.00", "1000.00");
        assertThat(status(claim)).isEqualTo("APPROVED");
        assertThat(transfers(h)).isNull();
    }

    @Test
    void aSiblingCountyNeitherReadsNorActsAndRolesAreHeld() throws Exception {
        long h = household(village, "范围丁");
        long claim = open(h, CostType.ILLNESS, "15000", townshipA());
        claims.investigate(claim, new ClaimCmd.Investigate(version(claim), today, "ok", new BigDecimal("15000")), townshipA());
        mvc.perform(get("/insurance/claims/" + claim).with(as(countyB())))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(404));
        mvc.perform(post("/insurance/claims/" + claim + "/approve").with(as(countyB())).with(csrf())
                        .param("version", String.valueOf(version(claim))))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(404));
        mvc.perform(post("/insurance/claims/" + claim + "/reject").with(as(countyB())).with(csrf())
                        .param("version", String.valueOf(version(claim))).param("reason", "x"))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(404));
        String list = mvc.perform(get("/insurance/claims").with(as(countyB()))).andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain("data-claim=\"" + claim + "\"");
        mvc.perform(get("/insurance/claims/new").param("household", String.valueOf(h)).with(as(countyB())))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(404));
        // a village monitor reads the claim but cannot approve; a data officer sees nothing of the module
        CurrentUser monitor = user("ins-village-m", Role.VILLAGE_MONITOR, village);
        mvc.perform(get("/insurance/claims/" + claim).with(as(monitor)))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200));
        mvc.perform(post("/insurance/claims/" + claim + "/approve").with(as(monitor)).with(csrf())
                        .param("version", String.valueOf(version(claim))))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(403));
        mvc.perform(get("/insurance").with(as(user("ins-officer", Role.DATA_OFFICER, county))))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(403));
        assertThat(status(claim)).isEqualTo("INVESTIGATED");
        // the page of the fund answers in the county's own scope
        mvc.perform(get("/insurance").with(as(countyA())))
                .andExpect(r -> assertThat(r.getResponse().getStatus()).isEqualTo(200));
    }

    @Test
    void theExportHoldsWhatTheFiltersShowWithNumbersAndDates() throws Exception {
        long h = household(village, "导出戊");
        long claim = open(h, CostType.ILLNESS, "12500.50", townshipA());
        investigateAndApprove(claim, "12500.50");
        claims.pay(claim, new ClaimCmd.Pay(version(claim), today), countyA());
        var res = mvc.perform(get("/insurance/claims/export").param("status", "PAID").param("year", String.valueOf(year))
                        .with(as(countyA())).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getResponse();
        assertThat(res.getHeader("Content-Disposition")).contains("filename*=UTF-8''");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(res.getContentAsByteArray()))) {
            org.apache.poi.xssf.usermodel.XSSFSheet s = wb.getSheetAt(0);
            assertThat(s.getRow(0).getCell(0).getStringCellValue()).contains("防贫保赔案");
            assertThat(s.getRow(1).getCell(0).getStringCellValue()).contains("已赔付");
            assertThat(s.getRow(3).getCell(0).getStringCellValue()).isEqualTo("赔案号");
            assertThat(s.getCTWorksheet().isSetAutoFilter()).isTrue();
            int rows = 0;
            for (int i = 4; i <= s.getLastRowNum(); i++) {
                var row = s.getRow(i);
                rows++;
                assertThat(row.getCell(9).getStringCellValue()).isEqualTo("已赔付");
                if (row.getCell(0).getStringCellValue().equals(year + "-" + claim)) {
                    assertThat(row.getCell(8).getCellType()).isEqualTo(CellType.NUMERIC);
                    assertThat(row.getCell(8).getNumericCellValue()).isEqualTo(12500.50);
                    assertThat(row.getCell(11).getNumericCellValue()).isEqualTo(1500.30); // (12500.50 − 10000) × 0.6
                    assertThat(row.getCell(12).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(today);
                    assertThat(row.getCell(4).getStringCellValue()).isEqualTo("因病");
                }
            }
            long paidInScope = jdbc.sql("select count(*) from insurance_claim where village_code like :s and status = 'PAID' and year = :y")
                    .param("s", county.substring(0, 6) + "%").param("y", year).query(Long.class).single();
            assertThat(rows).isEqualTo((int) paidInScope);
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'EXPORT' and detail like 'insurance claims%'")
                .query(Integer.class).single()).isPositive();
    }

    /** Issue 15 point 2: a word where the form has a number was a 500 (the page read the household number from nothing). */
    @Test
    void aClaimFormWithAWordForANumberIsShownAgainWithItsMessage() throws Exception {
        long h = household(village, "赔付字词");
        String no = registry.householdNo(h);
        for (String field : new String[] {"year", "totalCost", "memberId", "costType"}) {
            var r = mvc.perform(post("/insurance/claims").with(as(countyA())).with(csrf())
                    .param("householdNo", no).param("costType", "ILLNESS").param("year", String.valueOf(year))
                    .param("totalCost", "16000").param("reimbursed", "0").param("outOfPocket", "16000")
                    .param("evidence", "x").param(field, "abc")).andReturn();
            assertThat(r.getResponse().getStatus()).as(field).isEqualTo(200);
            assertThat(r.getResponse().getContentAsString()).as(field).contains("claim-form", no);
        }
    }
}
