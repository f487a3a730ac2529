package cn.shouwang.server.employment;

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
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdIncomeApi;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
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
 * Public-welfare jobs: wages into the household's income once per month, the scope of every endpoint from a sibling
 * village, the roles (city reads, data officer sees nothing), targets against jobs, and the Excel export read with POI.
 */
class EmploymentWebTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired HouseholdApi households;
    @Autowired HouseholdIncomeApi incomes;
    @Autowired cn.shouwang.server.casework.CaseworkFixtures casework;
    @Autowired java.util.List<cn.shouwang.server.platform.VillageFigures> villageFigures;

    String village;
    String sibling;
    int year;

    @BeforeEach
    void villages() {
        List<String> vs = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220322%' order by code offset 60 limit 2""").query(String.class).list();
        village = vs.get(0);
        sibling = vs.get(1);
        year = LocalDate.now(clock).getYear();
    }

    static RequestPostProcessor as(Role role, String area) {
        return user(new AccountPrincipal(new CurrentUser(1L, "t-" + role, "t", role, new AreaScope(area)), "{noop}x",
                false, true));
    }

    long member(long household) {
        return households.findHousehold(household, new AreaScope(village)).orElseThrow().head().id();
    }

    BigDecimal wages(long h) {
        return jdbc.sql("select wages from household_income where household_id = :h and year = :y")
                .param("h", h).param("y", year).query(BigDecimal.class).optional().orElse(null);
    }

    long job(String post, long member, LocalDate start) throws Exception {
        String location = mvc.perform(post("/employment/jobs").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                        .param("post", post).param("fundingLevel", "VILLAGE").param("monthlyPay", "800")
                        .param("memberId", String.valueOf(member)).param("startOn", start.toString()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void eachPaidMonthIsCreditedToTheHouseholdsWagesOnce() throws Exception {
        long h = registry.household(village).head("马保洁").insert();
        LocalDate jan = LocalDate.of(year, 1, 1);
        long job = job("保洁员", member(h), jan);
        assertThat(jdbc.sql("select village_code from welfare_job where id = :j").param("j", job).query(String.class)
                .single()).isEqualTo(village);

        mvc.perform(post("/employment/jobs/" + job + "/wages").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                .param("month", YearMonth.of(year, 1).toString())).andExpect(status().is3xxRedirection());
        assertThat(wages(h)).isEqualByComparingTo("800");
        // the same month again: refused, nothing added
        var again = mvc.perform(post("/employment/jobs/" + job + "/wages").with(as(Role.VILLAGE_MONITOR, village))
                .with(csrf()).param("month", YearMonth.of(year, 1).toString())).andReturn();
        assertThat(again.getFlashMap().get("error").toString()).contains("已经登记过");
        assertThat(wages(h)).isEqualByComparingTo("800");
        // a month not yet come is refused
        var ahead = mvc.perform(post("/employment/jobs/" + job + "/wages").with(as(Role.VILLAGE_MONITOR, village))
                .with(csrf()).param("month", YearMonth.from(LocalDate.now(clock)).plusMonths(1).toString())).andReturn();
        assertThat(ahead.getFlashMap().get("error").toString()).contains("还没到");

        // the unpaid months of the term up to this month, at the monthly pay, then nothing left to pay
        mvc.perform(post("/employment/jobs/" + job + "/wages/due").with(as(Role.VILLAGE_MONITOR, village)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        int months = LocalDate.now(clock).getMonthValue();
        assertThat(wages(h)).isEqualByComparingTo(new BigDecimal(800L * months));
        mvc.perform(post("/employment/jobs/" + job + "/wages/due").with(as(Role.VILLAGE_MONITOR, village)).with(csrf()));
        assertThat(wages(h)).isEqualByComparingTo(new BigDecimal(800L * months));
        assertThat(incomes.credits(h)).hasSize(months)
                .allSatisfy(c -> assertThat(c.source()).isEqualTo("PUBLIC_WELFARE_JOB"));
        assertThat(jdbc.sql("select count(*) from welfare_job_wage where job_id = :j").param("j", job)
                .query(Integer.class).single()).isEqualTo(months);

        // the household page names the source
        String page = mvc.perform(get("/households/" + h).locale(Locale.SIMPLIFIED_CHINESE)
                .with(as(Role.VILLAGE_MONITOR, village))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("公益岗位工资");
    }

    @Test
    void aJobEndedBeforeAPaidMonthIsRefusedAndAStaleFormIsToldSo() throws Exception {
        long h = registry.household(village).head("牛护林").insert();
        long job = job("护林员", member(h), LocalDate.of(year, 1, 1));
        mvc.perform(post("/employment/jobs/" + job + "/wages").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                .param("month", YearMonth.of(year, 2).toString()));
        var early = mvc.perform(post("/employment/jobs/" + job + "/end").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                .param("endOn", LocalDate.of(year, 1, 15).toString()).param("version", "0")).andReturn();
        assertThat(early.getFlashMap().get("error").toString()).contains("不能早于已发工资的月份");
        mvc.perform(post("/employment/jobs/" + job + "/end").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                .param("endOn", LocalDate.of(year, 3, 31).toString()).param("version", "0"));
        var stale = mvc.perform(post("/employment/jobs/" + job + "/end").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                .param("endOn", LocalDate.of(year, 4, 30).toString()).param("version", "0")).andReturn();
        assertThat(stale.getFlashMap().get("error").toString()).contains("别人已修改");
        // a month after the end is outside the term
        var after = mvc.perform(post("/employment/jobs/" + job + "/wages").with(as(Role.VILLAGE_MONITOR, village))
                .with(csrf()).param("month", YearMonth.of(year, 4).toString())).andReturn();
        assertThat(after.getFlashMap().get("error").toString()).contains("不在聘期内");
    }

    @Test
    void aSiblingVillageSeesNothingAndChangesNothing() throws Exception {
        long h = registry.household(village).head("朱邻村").insert();
        long job = job("护路员甲", member(h), LocalDate.of(year, 1, 1));
        RequestPostProcessor other = as(Role.VILLAGE_MONITOR, sibling);
        mvc.perform(get("/employment/jobs/" + job).with(other)).andExpect(status().isNotFound());
        mvc.perform(post("/employment/jobs/" + job + "/wages").with(other).with(csrf()).param("month", year + "-01"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/employment/jobs/" + job + "/wages/due").with(other).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/employment/jobs/" + job + "/end").with(other).with(csrf()).param("endOn", year + "-06-30")
                .param("version", "0")).andExpect(status().isNotFound());
        assertThat(wages(h)).isNull();
        assertThat(mvc.perform(get("/employment/jobs").with(other)).andReturn().getResponse().getContentAsString())
                .doesNotContain("护路员甲");
        assertThat(mvc.perform(get("/employment/jobs").param("area", village).with(other)).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
        // employing a person of another village is refused: the job is not made
        long other2 = registry.household(village).head("杨外村").insert();
        var refused = mvc.perform(post("/employment/jobs").with(other).with(csrf()).param("post", "护路员乙")
                .param("fundingLevel", "VILLAGE").param("monthlyPay", "800").param("memberId", String.valueOf(member(other2)))
                .param("startOn", year + "-01-01")).andReturn();
        assertThat(refused.getResponse().getContentAsString()).contains("不在您的辖区内");
        assertThat(jdbc.sql("select count(*) from welfare_job where post = '护路员乙'").query(Integer.class).single()).isZero();
        // a workshop of the sibling's own is invisible from here, and the reverse
        mvc.perform(get("/employment/workshops/999999").with(other)).andExpect(status().isNotFound());
        // roles: a city analyst reads but cannot write, a data officer sees nothing
        RequestPostProcessor city = as(Role.CITY_ANALYST, village.substring(0, 4) + "00000000");
        mvc.perform(get("/employment/jobs/" + job).with(city)).andExpect(status().isOk());
        mvc.perform(post("/employment/jobs/" + job + "/wages").with(city).with(csrf()).param("month", year + "-01"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/employment/targets").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                .param("areaCode", village).param("year", String.valueOf(year)).param("jobs", "5"))
                .andExpect(status().isForbidden());
        RequestPostProcessor officer = as(Role.DATA_OFFICER, village.substring(0, 6) + "000000");
        for (String path : List.of("/employment", "/employment/jobs", "/employment/jobs/" + job, "/employment/workshops",
                "/employment/jobs/export", "/employment/export")) {
            mvc.perform(get(path).with(officer)).andExpect(status().isForbidden());
        }
        assertThat(wages(h)).isNull();
    }

    @Test
    void workshopWagesReachEachWorkersHouseholdOncePerMonth() throws Exception {
        long h1 = registry.household(village).head("何车间").insert();
        long h2 = registry.household(village).head("罗车间").insert();
        String loc = mvc.perform(post("/employment/workshops").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                        .param("name", "测试手套车间").param("owner", "某公司").param("products", "手套").param("villageCode", village))
                .andReturn().getResponse().getRedirectedUrl();
        long shop = Long.parseLong(loc.substring(loc.lastIndexOf('/') + 1));
        for (long h : List.of(h1, h2)) {
            mvc.perform(post("/employment/workshops/" + shop + "/workers").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                    .param("memberId", String.valueOf(member(h))).param("wage", "1500").param("startOn", year + "-01-01"));
        }
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/employment/workshops/" + shop + "/wages").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                    .param("month", year + "-03"));
        }
        assertThat(wages(h1)).isEqualByComparingTo("1500");
        assertThat(wages(h2)).isEqualByComparingTo("1500");
        assertThat(incomes.credits(h1)).extracting(HouseholdIncomeApi.CreditLine::source).containsExactly("WORKSHOP_WAGES");
        mvc.perform(get("/employment/workshops/" + shop).with(as(Role.VILLAGE_MONITOR, sibling))).andExpect(status().isNotFound());
        mvc.perform(post("/employment/workshops/" + shop + "/wages").with(as(Role.VILLAGE_MONITOR, sibling)).with(csrf())
                .param("month", year + "-04")).andExpect(status().isNotFound());
        assertThat(wages(h1)).isEqualByComparingTo("1500");
    }

    @Test
    void targetsAndJobsPerAreaAndTheExcelExportMatchTheDatabase() throws Exception {
        long h = registry.household(village).head("曹表格").insert();
        long job = job("水管员", member(h), LocalDate.of(year, 1, 1));
        mvc.perform(post("/employment/jobs/" + job + "/wages").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                .param("month", year + "-01").param("amount", "812.50"));
        String township = village.substring(0, 9) + "000";
        String county = village.substring(0, 6) + "000000";
        mvc.perform(post("/employment/targets").with(as(Role.COUNTY_ANALYST, county)).with(csrf())
                .param("areaCode", village).param("year", String.valueOf(year)).param("jobs", "2"))
                .andExpect(status().is3xxRedirection());
        long jobsInVillage = jdbc.sql("""
                select count(*) from welfare_job where village_code = :v and start_on <= :to
                   and (end_on is null or end_on >= :from)""").param("v", village)
                .param("from", LocalDate.of(year, 1, 1)).param("to", LocalDate.of(year, 12, 31)).query(Long.class).single();
        String page = mvc.perform(get("/employment").param("area", township).locale(Locale.SIMPLIFIED_CHINESE)
                .with(as(Role.TOWNSHIP_STAFF, township))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-area=\"" + village + "\"");
        byte[] overview = mvc.perform(get("/employment/export").param("area", township).with(as(Role.TOWNSHIP_STAFF, township)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(overview))) {
            Sheet s = wb.getSheetAt(0);
            Row villageRow = null;
            String villageName = jdbc.sql("select name from area where code = :c and edition_id = (select id from area_edition where is_current)")
                    .param("c", village).query(String.class).single();
            for (Row r : s) if (r.getCell(0) != null && villageName.startsWith(r.getCell(0).getStringCellValue())) villageRow = r;
            assertThat(villageRow).isNotNull();
            assertThat(villageRow.getCell(1).getNumericCellValue()).isEqualTo(2);
            assertThat(villageRow.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat((long) villageRow.getCell(2).getNumericCellValue()).isEqualTo(jobsInVillage);
        }

        byte[] xlsx = mvc.perform(get("/employment/jobs/export").param("area", village).with(as(Role.VILLAGE_MONITOR, village)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getRow(0).getCell(0).getStringCellValue()).contains("公益岗位");
            assertThat(s.getRow(1).getCell(0).getStringCellValue()).contains("区域：");
            assertThat(s.getRow(3).getCell(1).getStringCellValue()).isEqualTo("岗位名称");
            assertThat(wb.getSheetAt(0).getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 4);
            Row row = null;
            for (Row r : s) if (r.getRowNum() > 3 && "水管员".equals(r.getCell(1).getStringCellValue())
                    && "曹表格".equals(r.getCell(3).getStringCellValue())) row = r;
            assertThat(row).isNotNull();
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("村级");
            assertThat(row.getCell(5).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(800.0);
            assertThat(row.getCell(5).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(DateUtil.isCellDateFormatted(row.getCell(6))).isTrue();
            assertThat(row.getCell(6).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(year, 1, 1));
            assertThat(row.getCell(9).getNumericCellValue()).isEqualTo(812.5);
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'EXPORT' and area_code = :a")
                .param("a", village).query(Integer.class).single()).isPositive();
    }

    @Test
    void aJobBacksThePublicWelfareMeasureOfItsHouseholdAndTheVillagePageCountsIt() throws Exception {
        long h = registry.household(village).head("彭措施").insert();
        casework.monitored(h, village, "彭措施").insert();
        long measure = casework.measure(h, village, "PUBLIC_WELFARE_JOB", "安排村保洁公益岗位");
        long industry = casework.measure(h, village, "INDUSTRY", "发展庭院经济");
        // a measure of another group is refused: no job is made
        String refused = mvc.perform(post("/employment/jobs").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                .param("post", "保洁员丙").param("fundingLevel", "VILLAGE").param("monthlyPay", "700")
                .param("memberId", String.valueOf(member(h))).param("startOn", year + "-01-01")
                .param("householdNo", registry.householdNo(h)).param("measureId", String.valueOf(industry)))
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("不是该户的公益岗位或就业帮扶措施");
        mvc.perform(post("/employment/jobs").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                        .param("post", "保洁员丙").param("fundingLevel", "VILLAGE").param("monthlyPay", "700")
                        .param("memberId", String.valueOf(member(h))).param("startOn", year + "-01-01")
                        .param("measureId", String.valueOf(measure)))
                .andExpect(status().is3xxRedirection());
        String page = mvc.perform(get("/monitored/" + h).locale(Locale.SIMPLIFIED_CHINESE)
                .with(as(Role.VILLAGE_MONITOR, village))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("保洁员丙，月工资 700.00 元");

        List<cn.shouwang.server.platform.VillageFigures.Figure> figures = villageFigures.stream()
                .flatMap(f -> f.villageFigures(village, year).stream())
                .filter(f -> f.groupKey().equals("nav.employment")).toList();
        long jobs = jdbc.sql("select count(*) from welfare_job where village_code = :v").param("v", village)
                .query(Long.class).single();
        assertThat(figures).anySatisfy(f -> {
            assertThat(f.labelKey()).isEqualTo("employment.figure.jobs");
            assertThat(f.value()).isEqualTo(String.valueOf(jobs));
            assertThat(f.link()).isEqualTo("/employment/jobs?area=" + village);
        });
        assertThat(villageFigures.stream().flatMap(f -> f.villageFigures(sibling, year).stream())
                .filter(f -> f.groupKey().equals("nav.employment"))).isEmpty();
    }
}
