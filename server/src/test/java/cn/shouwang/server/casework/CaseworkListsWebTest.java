package cn.shouwang.server.casework;

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
import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The casework lists beyond one case: the data-quality list per area, 导出Excel of the lists (what the filters show,
 * masked, in the viewer's area) and read-only access for city analysts and administrators.
 */
class CaseworkListsWebTest extends ServerTest {
    static final AtomicLong IDS = new AtomicLong(950_000);

    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;
    @Autowired Clock clock;

    LocalDate today;
    /** A township of 梨树县 none of whose villages held a household when this class started, and two of its villages. */
    static String township;
    static String v1;
    static String v2;
    /** Another such township and two villages, for the data-quality counts alone. */
    static String qTownship;
    static String q1;
    static String q2;

    @BeforeEach
    void emptyTownship() {
        today = LocalDate.now(clock);
        if (township != null) return;
        List<String> townships = jdbc.sql("""
                select t.code from area t join area_edition e on e.id = t.edition_id and e.is_current
                where t.level = 4 and t.code like '220322%'
                  and (select count(*) from area v where v.edition_id = t.edition_id and v.parent_code = t.code) >= 2
                  and not exists (select 1 from household h where h.village_code like substr(t.code, 1, 9) || '%')
                order by t.code desc limit 2""").query(String.class).list();
        township = townships.get(0);
        qTownship = townships.get(1);
        List<String> villages = villages(township);
        v1 = villages.get(0);
        v2 = villages.get(1);
        villages = villages(qTownship);
        q1 = villages.get(0);
        q2 = villages.get(1);
    }

    List<String> villages(String t) {
        return jdbc.sql("select v.code from area v join area_edition e on e.id = v.edition_id and e.is_current "
                + "where v.parent_code = :t order by v.code limit 2").param("t", t).query(String.class).list();
    }

    static RequestPostProcessor as(Role role, String area) {
        long id = IDS.incrementAndGet();
        return user(new AccountPrincipal(new CurrentUser(id, "t" + id, role.name() + id, role, new AreaScope(area)),
                "x", false, true));
    }

    static String validId(String county6, LocalDate birth, int seq) {
        String body = county6 + birth.toString().replace("-", "") + String.format("%03d", seq);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (body.charAt(i) - '0') * w[i];
        return body + "10X98765432".charAt(sum % 11);
    }

    /** A one-member household monitored since {@code identified} with the given risks; returns its id. */
    long monitored(String village, String head, LocalDate identified, String... risks) {
        long h = registry.household(village).head(head).insert();
        return casework.monitored(h, village, head).risks(risks).since(identified).insert();
    }

    String householdNo(long h) {
        return registry.householdNo(h);
    }

    String page(String url, RequestPostProcessor who, String... params) throws Exception {
        var b = get(url).with(who);
        for (int i = 0; i < params.length; i += 2) b = b.param(params[i], params[i + 1]);
        return mvc.perform(b).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    List<List<String>> workbook(String url, RequestPostProcessor who, String... params) throws Exception {
        var b = get(url).with(who);
        for (int i = 0; i < params.length; i += 2) b = b.param(params[i], params[i + 1]);
        byte[] xlsx = mvc.perform(b).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        List<List<String>> rows = new ArrayList<>();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            int header = sheet.getPaneInformation().getHorizontalSplitTopRow() - 1; // below the title and filter lines
            for (Row r : sheet) {
                if (r.getRowNum() < header) continue;
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < r.getLastCellNum(); i++) {
                    var c = r.getCell(i);
                    boolean number = c != null && c.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC;
                    cells.add(c == null ? "" : number && org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(c)
                            ? c.getLocalDateTimeCellValue().toLocalDate().toString()
                            : number ? String.valueOf(c.getNumericCellValue()) : c.getStringCellValue());
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    @Test
    void theDataQualityListCountsPerRuleAndAreaListsFindingsInTheAreaAndExportsThem() throws Exception {
        // no measure two months after identification, and ILLNESS with no out-of-pocket spending recorded
        long a = monitored(q1, "质甲", today.minusMonths(2), "ILLNESS");
        // a disaster without its sub-type, identified today (no one-month finding yet)
        long b = monitored(q2, "质乙", today, "NATURAL_DISASTER");
        RequestPostProcessor townshipStaff = as(Role.TOWNSHIP_STAFF, qTownship);

        String all = page("/quality", townshipStaff);
        assertThat(all).contains("/monitored/" + a, "/monitored/" + b, "共 3 条，涉及 2 户",
                "纳入监测满一个月仍无帮扶措施", today.minusMonths(2).plusMonths(1).toString());
        String villageName = jdbc.sql("select a.name from area a join area_edition e on e.id = a.edition_id and e.is_current "
                + "where a.code = :c").param("c", q1).query(String.class).single();
        assertThat(all).contains(villageName);

        String disaster = page("/quality", townshipStaff, "rule", "DISASTER_WITHOUT_SUBTYPE");
        assertThat(disaster).contains("/monitored/" + b, "共 1 条").doesNotContain("/monitored/" + a);
        String inV1 = page("/quality", townshipStaff, "area", q1);
        assertThat(inV1).contains("/monitored/" + a, "共 2 条").doesNotContain("/monitored/" + b);

        // the village monitor of q1 sees q1's findings only, and q2's household does not exist for them
        RequestPostProcessor monitor = as(Role.VILLAGE_MONITOR, q1);
        String mine = page("/quality", monitor);
        assertThat(mine).contains("/monitored/" + a).doesNotContain("/monitored/" + b);
        page("/quality", monitor, "area", q2); // a filter outside the area is ignored, not obeyed
        assertThat(page("/quality", monitor, "area", q2)).doesNotContain("/monitored/" + b);
        mvc.perform(get("/monitored/" + b).with(monitor)).andExpect(status().isNotFound());

        List<List<String>> x = workbook("/quality/export", townshipStaff, "rule", "NO_MEASURE_AFTER_ONE_MONTH");
        assertThat(x.get(0)).containsExactly("村", "户编号", "户主", "问题", "起始日期");
        assertThat(x).hasSize(2);
        assertThat(x.get(1)).containsExactly(villageName, householdNo(a), "质甲", "纳入监测满一个月仍无帮扶措施",
                today.minusMonths(2).plusMonths(1).toString());
        assertThat(workbook("/quality/export", as(Role.VILLAGE_MONITOR, q2))).extracting(r -> r.get(1))
                .contains(householdNo(b)).doesNotContain(householdNo(a));
    }

    /** A lead opened by the village's monitor for a new (not monitored) household; returns the lead id. */
    long lead(String village, String head) throws Exception {
        long h = monitored(village, head, today, "ILLNESS");
        jdbc.sql("delete from monitored_household where household_id = :h").param("h", h).update();
        var r = mvc.perform(post("/leads").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                        .param("householdNo", householdNo(h)).param("channel", "FIELD_SCREENING")
                        .param("description", "主要劳动力住院透析").param("riskCodes", "ILLNESS"))
                .andExpect(status().is3xxRedirection()).andReturn();
        return Long.parseLong(r.getResponse().getRedirectedUrl().substring("/leads/".length()));
    }

    void measure(long household, String village, String group, String description) {
        jdbc.sql("""
                insert into plan_measure (household_id, village_code, measure_group, description, responsible_person,
                  start_date, end_date, cost, funding_source, state, created_at, updated_at)
                values (:h, :v, :g, :d, '王五', :s, :e, 1200.50, '衔接资金', 'IN_PROGRESS', now(), now())""")
                .param("h", household).param("v", village).param("g", group).param("d", description)
                .param("s", today.minusDays(10)).param("e", today.plusMonths(3)).update();
    }

    /** 3天内到期 is selected in SQL: every page holds its 20 rows and the total is what the filter shows. */
    @Test
    void dueSoonListsExactlyTheLeadsDueWithinTheSettingAndCountsThem() throws Exception {
        String[] heads = {"急一", "急三", "缓四", "缓十"};
        int[] daysLeft = {1, 3, 4, 10};
        for (int i = 0; i < heads.length; i++) {
            long id = lead(v2, heads[i]);
            jdbc.sql("update lead set due_on = :d where id = :id").param("d", today.plusDays(daysLeft[i])).param("id", id)
                    .update();
        }
        RequestPostProcessor monitor = as(Role.VILLAGE_MONITOR, v2);
        int soon = jdbc.sql("select count(*) from lead where village_code = :v and state not in ('CONFIRMED','REJECTED') "
                + "and due_on between :t and :t3").param("v", v2).param("t", today).param("t3", today.plusDays(3))
                .query(Integer.class).single();
        String list = page("/leads", monitor, "urgency", "soon");
        assertThat(list).contains("急一", "急三", "剩1天", "剩3天").doesNotContain("缓四", "缓十")
                .contains("共 " + soon + " 条");
        assertThat(workbook("/leads/export", monitor, "urgency", "soon")).extracting(r -> r.get(2))
                .contains("急一", "急三").doesNotContain("缓四", "缓十");
    }

    @Test
    void theListsExportWhatTheirFiltersShowMaskedAndInTheViewersArea() throws Exception {
        long onTime = lead(v1, "导甲");
        long late = lead(v1, "导乙");
        jdbc.sql("update lead set due_on = :d where id = :id").param("d", today.minusDays(2)).param("id", late).update();
        long a = monitored(v1, "导丙", today.minusMonths(3), "ILLNESS", "UNSAFE_HOUSING");
        measure(a, v1, "INDUSTRY", "养牛项目");
        measure(a, v1, "HEALTH", "透析费用报销");
        RequestPostProcessor townshipStaff = as(Role.TOWNSHIP_STAFF, township);

        List<List<String>> leads = workbook("/leads/export", townshipStaff);
        assertThat(leads.get(0)).containsExactly("编号", "村", "户主", "来源", "发现日期", "环节", "截止日期", "时限");
        List<String> lateRow = leads.stream().filter(r -> r.get(2).equals("导乙")).findFirst().orElseThrow();
        assertThat(lateRow.get(0)).isEqualTo(late + ".0");
        assertThat(lateRow).contains("基层干部排查", today.toString(), "待入户核实", today.minusDays(2).toString(), "超期2天");
        assertThat(leads.stream().filter(r -> r.get(2).equals("导甲")).findFirst().orElseThrow().get(7)).matches("剩\\d+天");
        assertThat(leads.toString()).doesNotContain("透析", "住院");
        // the filter: overdue only
        assertThat(workbook("/leads/export", townshipStaff, "urgency", "overdue")).extracting(r -> r.get(2))
                .contains("导乙").doesNotContain("导甲");
        // another village's monitor gets none of them
        assertThat(workbook("/leads/export", as(Role.VILLAGE_MONITOR, v2)).toString()).doesNotContain("导甲", "导乙");
        String list = page("/leads", townshipStaff, "sort", "head", "dir", "desc");
        assertThat(list).contains("/leads/export").contains("sort=head");
        // by code point 乙 (U+4E59) comes before 甲 (U+7532)
        assertThat(list.indexOf("导甲")).isPositive().isLessThan(list.indexOf("导乙"));
        list = page("/leads", townshipStaff, "sort", "head", "dir", "asc");
        assertThat(list.indexOf("导乙")).isPositive().isLessThan(list.indexOf("导甲"));
        assertThat(page("/leads", townshipStaff, "sort", "1; drop table lead")).contains("导甲"); // unknown: default order

        List<List<String>> mon = workbook("/monitored/export", townshipStaff, "status", "MONITORED");
        assertThat(mon.get(0)).containsExactly("村", "户主", "监测类别", "主要风险类型", "识别日期", "状态", "帮扶措施");
        assertThat(mon.stream().filter(r -> r.get(1).equals("导丙")).findFirst().orElseThrow())
                .contains("边缘易致贫户", "因病", today.minusMonths(3).toString(), "监测中");
        assertThat(workbook("/monitored/export", townshipStaff, "status", "RISK_ELIMINATED").toString()).doesNotContain("导丙");
        assertThat(workbook("/monitored/export", as(Role.VILLAGE_MONITOR, v2)).toString()).doesNotContain("导丙");

        List<List<String>> plan = workbook("/assistance/export", townshipStaff);
        assertThat(plan.get(0)).containsExactly("村", "户主", "措施类别", "情况", "责任人", "开始日期", "结束日期",
                "金额(元)", "资金来源", "状态");
        assertThat(plan.stream().filter(r -> r.get(1).equals("导丙") && r.get(3).equals("养牛项目")).findFirst().orElseThrow())
                .contains("王五", "1200.5", "衔接资金", "实施中");
        assertThat(plan.toString()).doesNotContain("透析");
        assertThat(workbook("/assistance/export", as(Role.VILLAGE_MONITOR, v2)).toString()).doesNotContain("养牛项目");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'EXPORT' and detail like 'measures%'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void cityAnalystsAndAdministratorsSeeTheirAreasCaseworkButChangeNothing() throws Exception {
        long leadId = lead(v1, "读甲");
        long a = monitored(v1, "读乙", today.minusMonths(2), "ILLNESS");
        measure(a, v1, "EMPLOYMENT", "公益岗位安置");
        for (RequestPostProcessor reader : List.of(as(Role.CITY_ANALYST, "220300000000"), as(Role.ADMIN, "220000000000"))) {
            assertThat(page("/leads", reader)).contains("/leads/" + leadId);
            String detail = page("/leads/" + leadId, reader);
            assertThat(detail).contains("读甲").doesNotContain("/reject", "/verify", "/fast-track");
            assertThat(page("/monitored", reader, "size", "100")).contains("/monitored/" + a);
            assertThat(page("/monitored/" + a, reader)).contains("读乙").doesNotContain("/measures\"", "/officer");
            assertThat(page("/assistance", reader, "size", "100")).contains("公益岗位安置");
            assertThat(page("/quality", reader, "area", v1)).contains("/monitored/" + a);
            assertThat(page("/leads/new", reader)).isNotNull();

            mvc.perform(post("/leads/" + leadId + "/reject").with(reader).with(csrf()).param("version", "0")
                    .param("on", today.toString()).param("reason", "无")).andExpect(status().isForbidden());
            mvc.perform(post("/monitored/" + a + "/measures").with(reader).with(csrf()).param("group", "INDUSTRY")
                    .param("description", "x")).andExpect(status().isForbidden());
            mvc.perform(post("/leads").with(reader).with(csrf()).param("householdNo", householdNo(a))
                    .param("channel", "FIELD_SCREENING").param("description", "x")).andExpect(status().isForbidden());
        }
        assertThat(jdbc.sql("select state from lead where id = :id").param("id", leadId).query(String.class).single())
                .isEqualTo("AWAITING_VERIFICATION");
        assertThat(jdbc.sql("select count(*) from plan_measure where household_id = :h").param("h", a).query(Long.class).single())
                .isOne();
        // another city's analyst: the lead does not exist
        mvc.perform(get("/leads/" + leadId).with(as(Role.CITY_ANALYST, "220100000000"))).andExpect(status().isNotFound());
        assertThat(page("/leads", as(Role.CITY_ANALYST, "220100000000"))).doesNotContain("/leads/" + leadId + "\"");
    }
}
