package cn.shouwang.server.credit;

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
import cn.shouwang.server.credit.loans.Loans;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Micro-credit: the overdue days at their boundary (due today is not overdue, due yesterday is one day) computed from the
 * clock, the balance derived from repayments (never below zero, a stale form refused), scope and roles of every
 * endpoint, the figures against a target and the Excel export read with POI.
 */
class CreditWebTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired Loans loans;

    String village;
    String sibling;
    LocalDate today;

    @BeforeEach
    void villages() {
        List<String> vs = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220322%' order by code offset 70 limit 2""").query(String.class).list();
        village = vs.get(0);
        sibling = vs.get(1);
        today = LocalDate.now(clock);
    }

    static RequestPostProcessor as(Role role, String area) {
        return user(new AccountPrincipal(new CurrentUser(1L, "t-" + role, "t", role, new AreaScope(area)), "{noop}x",
                false, true));
    }

    long loan(long household, String amount, LocalDate disbursed, LocalDate due) throws Exception {
        var r = mvc.perform(post("/credit/loans").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                        .param("householdNo", registry.householdNo(household)).param("bank", "测试信用社")
                        .param("amount", amount).param("rate", "3.45").param("termMonths", "12")
                        .param("purpose", "养牛").param("guarantee", "").param("disbursedOn", disbursed.toString())
                        .param("dueOn", due.toString()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return Long.parseLong(r.substring(r.lastIndexOf('/') + 1));
    }

    @Test
    void dueTodayIsNotOverdueDueYesterdayIsOneDayAndARepaidLoanNever() throws Exception {
        assertThat(Loans.daysOverdue(today, BigDecimal.ONE, today)).isZero();
        assertThat(Loans.daysOverdue(today.minusDays(1), BigDecimal.ONE, today)).isEqualTo(1);
        assertThat(Loans.daysOverdue(today.minusDays(30), BigDecimal.ZERO, today)).isZero();

        long h1 = registry.household(village).head("钱今天").insert();
        long h2 = registry.household(village).head("孔昨天").insert();
        long dueToday = loan(h1, "10000", today.minusYears(1), today);
        long dueYesterday = loan(h2, "20000", today.minusYears(1), today.minusDays(1));
        AreaScope scope = new AreaScope(village);
        assertThat(loans.find(dueToday, scope).orElseThrow().daysOverdue()).isZero();
        assertThat(loans.find(dueYesterday, scope).orElseThrow().daysOverdue()).isEqualTo(1);

        String overdue = mvc.perform(get("/credit/loans").param("show", "OVERDUE").locale(Locale.SIMPLIFIED_CHINESE)
                .with(as(Role.VILLAGE_MONITOR, village))).andReturn().getResponse().getContentAsString();
        assertThat(overdue).contains("data-loan=\"" + dueYesterday + "\"", "逾期 1 天")
                .doesNotContain("data-loan=\"" + dueToday + "\"");
        // a day later the clock makes both overdue: nothing stored went stale
        clock.advanceDays(1);
        try {
            assertThat(loans.find(dueToday, scope).orElseThrow().daysOverdue()).isEqualTo(1);
            assertThat(loans.find(dueYesterday, scope).orElseThrow().daysOverdue()).isEqualTo(2);
        } finally {
            clock.advanceDays(-1);
        }
        // repaid in full: no longer overdue
        mvc.perform(post("/credit/loans/" + dueYesterday + "/repayments").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                .param("version", "0").param("paidOn", today.toString()).param("principal", "20000").param("interest", "690"));
        Loans.Loan l = loans.find(dueYesterday, scope).orElseThrow();
        assertThat(l.outstanding()).isEqualByComparingTo("0");
        assertThat(l.daysOverdue()).isZero();
    }

    @Test
    void theBalanceComesFromTheRepaymentsAndNeverGoesBelowZero() throws Exception {
        long h = registry.household(village).head("严余额").insert();
        long id = loan(h, "30000", today.minusMonths(6), today.plusMonths(6));
        RequestPostProcessor me = as(Role.VILLAGE_MONITOR, village);
        mvc.perform(post("/credit/loans/" + id + "/repayments").with(me).with(csrf()).param("version", "0")
                .param("paidOn", today.toString()).param("principal", "10000.50").param("interest", "300"));
        assertThat(loans.find(id, new AreaScope(village)).orElseThrow().outstanding()).isEqualByComparingTo("19999.50");
        // the same form sent again (version 0): told someone changed it, nothing recorded
        var stale = mvc.perform(post("/credit/loans/" + id + "/repayments").with(me).with(csrf()).param("version", "0")
                .param("paidOn", today.toString()).param("principal", "100").param("interest", "0")).andReturn();
        assertThat(stale.getFlashMap().get("error").toString()).contains("别人已修改");
        var tooMuch = mvc.perform(post("/credit/loans/" + id + "/repayments").with(me).with(csrf()).param("version", "1")
                .param("paidOn", today.toString()).param("principal", "20000").param("interest", "0")).andReturn();
        assertThat(tooMuch.getFlashMap().get("error").toString()).contains("19999.50");
        assertThat(loans.repayments(id)).hasSize(1);
        // a due date before the disbursement is refused with the form back
        String refused = mvc.perform(post("/credit/loans").with(me).with(csrf()).param("householdNo", registry.householdNo(h))
                .param("bank", "某行").param("amount", "1000").param("rate", "3").param("termMonths", "12")
                .param("purpose", "买牛").param("disbursedOn", today.toString()).param("dueOn", today.minusDays(1).toString()))
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("到期日期须晚于放款日期");
        // a measure that is not the household's FINANCE measure is refused
        String measure = mvc.perform(post("/credit/loans").with(me).with(csrf()).param("householdNo", registry.householdNo(h))
                .param("bank", "某行").param("amount", "1000").param("rate", "3").param("termMonths", "12")
                .param("purpose", "买牛").param("disbursedOn", today.toString()).param("measureId", "987654321"))
                .andReturn().getResponse().getContentAsString();
        assertThat(measure).contains("不是该户的金融帮扶措施");
    }

    @Test
    void aSiblingVillageSeesNothingAndChangesNothingAndRolesHold() throws Exception {
        long h = registry.household(village).head("邹隔壁").insert();
        long id = loan(h, "15000", today.minusMonths(13), today.minusMonths(1));
        RequestPostProcessor other = as(Role.VILLAGE_MONITOR, sibling);
        mvc.perform(get("/credit/loans/" + id).with(other)).andExpect(status().isNotFound());
        mvc.perform(post("/credit/loans/" + id + "/repayments").with(other).with(csrf()).param("version", "0")
                .param("principal", "100")).andExpect(status().isNotFound());
        assertThat(mvc.perform(get("/credit/loans").param("show", "OVERDUE").with(other)).andReturn().getResponse()
                .getContentAsString()).doesNotContain("data-loan=\"" + id + "\"");
        mvc.perform(get("/credit/loans").param("area", village).with(other)).andExpect(status().isNotFound());
        mvc.perform(get("/credit").param("area", village).with(other)).andExpect(status().isNotFound());
        // a loan for a household of another village is refused
        String refused = mvc.perform(post("/credit/loans").with(other).with(csrf()).param("householdNo", registry.householdNo(h))
                .param("bank", "某行").param("amount", "1000").param("rate", "3").param("termMonths", "12")
                .param("purpose", "外村").param("disbursedOn", today.toString())).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("本辖区内没有这个户编号");
        assertThat(jdbc.sql("select count(*) from loan where purpose = '外村'").query(Integer.class).single()).isZero();
        assertThat(loans.repayments(id)).isEmpty();
        RequestPostProcessor city = as(Role.CITY_ANALYST, village.substring(0, 4) + "00000000");
        mvc.perform(get("/credit/loans/" + id).with(city)).andExpect(status().isOk());
        mvc.perform(post("/credit/loans/" + id + "/repayments").with(city).with(csrf()).param("version", "0")
                .param("principal", "100")).andExpect(status().isForbidden());
        mvc.perform(get("/credit/loans/new").with(city)).andExpect(status().isForbidden());
        mvc.perform(post("/credit/targets").with(as(Role.VILLAGE_MONITOR, village)).with(csrf()).param("areaCode", village)
                .param("year", String.valueOf(today.getYear())).param("wan", "10")).andExpect(status().isForbidden());
        RequestPostProcessor officer = as(Role.DATA_OFFICER, village.substring(0, 6) + "000000");
        for (String path : List.of("/credit", "/credit/loans", "/credit/loans/" + id, "/credit/loans/export", "/credit/export")) {
            mvc.perform(get(path).with(officer)).andExpect(status().isForbidden());
        }
        assertThat(loans.repayments(id)).isEmpty();
    }

    @Test
    void figuresAgainstTheTargetAndTheExcelExportMatchTheDatabase() throws Exception {
        long h = registry.household(village).head("韦导出").insert();
        long id = loan(h, "40000", today.minusMonths(13), today.minusDays(10));
        mvc.perform(post("/credit/loans/" + id + "/repayments").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                .param("version", "0").param("paidOn", today.minusMonths(1).toString()).param("principal", "15000")
                .param("interest", "0"));
        String township = village.substring(0, 9) + "000";
        mvc.perform(post("/credit/targets").with(as(Role.TOWNSHIP_STAFF, township)).with(csrf()).param("areaCode", village)
                .param("year", String.valueOf(today.getYear())).param("wan", "12.5")).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select amount from credit_target where area_code = :a and year = :y").param("a", village)
                .param("y", today.getYear()).query(BigDecimal.class).single()).isEqualByComparingTo("125000");

        byte[] xlsx = mvc.perform(get("/credit/loans/export").param("area", village).param("show", "OVERDUE")
                .with(as(Role.VILLAGE_MONITOR, village))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getRow(1).getCell(0).getStringCellValue()).contains("逾期贷款");
            Row row = null;
            for (Row r : s) if (r.getRowNum() > 3 && "韦导出".equals(r.getCell(1).getStringCellValue())) row = r;
            assertThat(row).isNotNull();
            assertThat(row.getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(40000.0);
            assertThat(DateUtil.isCellDateFormatted(row.getCell(10))).isTrue();
            assertThat(row.getCell(12).getNumericCellValue()).isEqualTo(25000.0);
            assertThat(row.getCell(13).getNumericCellValue()).isEqualTo(10.0);
        }
        byte[] figures = mvc.perform(get("/credit/export").param("area", township).with(as(Role.TOWNSHIP_STAFF, township)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(figures))) {
            Sheet s = wb.getSheetAt(0);
            String villageName = jdbc.sql("select name from area where code = :c and edition_id = (select id from area_edition where is_current)")
                    .param("c", village).query(String.class).single();
            Row row = null;
            for (Row r : s) if (r.getRowNum() > 3 && villageName.startsWith(r.getCell(0).getStringCellValue())) row = r;
            assertThat(row).isNotNull();
            assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(12.5);      // target, 万元
            // the village's loans of every test in this class: the figures are those the loan list derives
            List<Loans.Loan> all = loans.list(new Loans.Filter(new AreaScope(village), false, true), 1, 1000);
            BigDecimal outstanding = all.stream().map(Loans.Loan::outstanding).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(row.getCell(6).getNumericCellValue())
                    .isEqualTo(outstanding.divide(BigDecimal.valueOf(10000), 2, java.math.RoundingMode.HALF_UP).doubleValue());
            assertThat((long) row.getCell(7).getNumericCellValue()).isEqualTo(all.stream().filter(Loans.Loan::overdue).count());
            assertThat(all.stream().filter(Loans.Loan::overdue).count()).isPositive();
        }
    }
}
