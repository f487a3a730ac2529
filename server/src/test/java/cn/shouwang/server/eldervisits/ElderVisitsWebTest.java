package cn.shouwang.server.eldervisits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 巡访关爱 against the real database: enrolment from the registry (60 and over, once), visits with findings, overdue
 * after the shortest rhythm of a person's classes, a risk found opening a lead in casework, coverage per village, the
 * visitor's own list, the Excel export, and every endpoint scoped to the user's area.
 */
class ElderVisitsWebTest extends ServerTest {
    static final AtomicLong IDS = new AtomicLong(7_360_000);

    @Autowired RegistryFixtures registry;
    @Autowired cn.shouwang.server.access.AccessFixtures accounts;

    /** A real account (a visitor record refers to it), signed in as this user. */
    CurrentUser account(Role role, String area) {
        String name = "ev" + IDS.incrementAndGet();
        accounts.account(name, "巡访员" + name, role, area, "x");
        long id = jdbc.sql("select id from account where username = :u").param("u", name).query(Long.class).single();
        return new CurrentUser(id, name, "巡访员" + name, role, new AreaScope(area));
    }

    String village;
    String sibling;

    @BeforeEach
    void villages() {
        village = jdbc.sql("""
                select a.code from area a where a.edition_id = (select id from area_edition where is_current)
                   and a.level = 5 and a.code like '2203%' and a.code <> '220322103205'
                   and exists (select 1 from area b where b.edition_id = a.edition_id and b.level = 5
                               and b.parent_code = a.parent_code and b.code <> a.code)
                 order by a.code offset 11 limit 1""").query(String.class).single();
        sibling = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current) and level = 5
                   and parent_code = (select parent_code from area where code = :v limit 1) and code <> :v
                 order by code limit 1""").param("v", village).query(String.class).single();
    }

    static CurrentUser who(Role role, String area) {
        long id = IDS.incrementAndGet();
        return new CurrentUser(id, "e" + id, "巡访" + id, role, new AreaScope(area));
    }

    static RequestPostProcessor as(CurrentUser u) {
        return user(new AccountPrincipal(u, "x", false, true));
    }

    /** A free id number of the county with this birth year. */
    String bornIn(String v, int year) {
        for (int i = 0; i < 100; i++) {
            String s17 = v.substring(0, 6) + year + "0315" + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
            String id = s17 + IdNumber.checkCharacter(s17);
            if (!registry.registered(id)) return id;
        }
        throw new IllegalStateException();
    }

    record Old(long household, long member, String householdNo) {}

    /** A household whose head is 78 and who has a 40-year-old son. */
    Old household(String v, String head) {
        long h = registry.household(v).head(head).idNumber(bornIn(v, LocalDate.now(clock).getYear() - 78))
                .member(head + "子", "CHILD", "ORDINARY", bornIn(v, LocalDate.now(clock).getYear() - 40)).insert();
        long m = jdbc.sql("select id from member where household_id = :h and relation = 'HEAD'").param("h", h)
                .query(Long.class).single();
        return new Old(h, m, registry.householdNo(h));
    }

    long visitor(String v, CurrentUser by) throws Exception {
        mvc.perform(post("/elder-visits/visitors").with(as(by)).with(csrf()).param("villageCode", v).param("name", "王巡访" + v.substring(9))
                .param("kind", "CADRE").param("phone", "13912345678"));
        return jdbc.sql("select max(id) from elder_visitor where village_code = :v").param("v", v).query(Long.class).single();
    }

    long enrol(Old o, CurrentUser by, Long visitor, String... classes) throws Exception {
        MockHttpServletRequestBuilder req = post("/elder-visits/people").with(as(by)).with(csrf())
                .param("householdId", String.valueOf(o.household())).param("memberId", String.valueOf(o.member()))
                .param("classes", classes);
        if (visitor != null) req.param("visitorId", String.valueOf(visitor));
        mvc.perform(req);
        return jdbc.sql("select id from elder_person where member_id = :m").param("m", o.member()).query(Long.class).single();
    }

    MockHttpServletResponse visit(long person, CurrentUser by, long visitor, LocalDate on, String... findings) throws Exception {
        return mvc.perform(post("/elder-visits/people/" + person + "/visits").with(as(by)).with(csrf())
                .param("visitedOn", on.toString()).param("visitorId", String.valueOf(visitor)).param("atHome", "true")
                .param("findings", findings).param("note", "院内积雪已清理").locale(Locale.SIMPLIFIED_CHINESE)).andReturn().getResponse();
    }

    long visits(long person) {
        return jdbc.sql("select count(*) from elder_visit where person_id = :p").param("p", person).query(Long.class).single();
    }

    @Test
    void aPersonIsOverdueAfterTheShortestRhythmOfTheirClassesAndCoverageCountsThePeriod() throws Exception {
        // a village of its own: the coverage below counts every person of it
        String village = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current) and level = 5
                   and code like '2203%' and code <> '220322103205' order by code offset 23 limit 1""")
                .query(String.class).single();
        CurrentUser monitor = who(Role.VILLAGE_MONITOR, village);
        LocalDate today = LocalDate.now(clock);
        long v = visitor(village, monitor);
        // the phone is sealed at rest and shown masked
        byte[] sealed = jdbc.sql("select phone_enc from elder_visitor where id = :v").param("v", v).query(byte[].class).single();
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("13912345678");
        assertThat(mvc.perform(get("/elder-visits/visitors").with(as(monitor))).andReturn().getResponse().getContentAsString())
                .contains("139****5678").doesNotContain("13912345678");

        Old alone = household(village, "孙独居");
        Old nest = household(village, "周空巢");
        long a = enrol(alone, monitor, v, "LIVING_ALONE", "EMPTY_NEST"); // monthly: the shortest rhythm wins
        long n = enrol(nest, monitor, v, "EMPTY_NEST");                   // quarterly
        // the son is too young; enrolling the head twice is refused
        long son = jdbc.sql("select id from member where household_id = :h and relation = 'CHILD'").param("h", alone.household())
                .query(Long.class).single();
        mvc.perform(post("/elder-visits/people").with(as(monitor)).with(csrf()).param("householdId", String.valueOf(alone.household()))
                .param("memberId", String.valueOf(son)).param("classes", "LEFT_BEHIND"));
        assertThat(jdbc.sql("select count(*) from elder_person where household_id = :h").param("h", alone.household())
                .query(Integer.class).single()).isEqualTo(1);

        visit(a, monitor, v, today.minusDays(40), "HEALTH_GOOD");
        visit(n, monitor, v, today.minusDays(40), "HEALTH_CHRONIC", "NEED_MEDICAL");
        String overdue = mvc.perform(get("/elder-visits?standing=OVERDUE&area=" + village).with(as(monitor))
                .locale(Locale.SIMPLIFIED_CHINESE)).andReturn().getResponse().getContentAsString();
        assertThat(overdue).contains("孙独居").doesNotContain("周空巢");
        // the page shows ticked findings by name
        assertThat(mvc.perform(get("/elder-visits/people/" + n).with(as(monitor)).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getResponse().getContentAsString()).contains("患慢性病,病情稳定", "需要就医帮助", "院内积雪已清理");

        // a visit in the future is refused; today's visit makes the person visited in time
        assertThat(visit(a, monitor, v, today.plusDays(1)).getStatus()).isEqualTo(302);
        assertThat(visits(a)).isEqualTo(1);
        visit(a, monitor, v, today, "HEALTH_GOOD", "LIVING_GOOD");
        assertThat(mvc.perform(get("/elder-visits?standing=OVERDUE&area=" + village).with(as(monitor)))
                .andReturn().getResponse().getContentAsString()).doesNotContain("孙独居");

        // coverage of this month: both people, one visited (today) unless the month began less than 40 days ago
        String cov = mvc.perform(get("/elder-visits/coverage?area=" + village + "&from=" + today.minusDays(10) + "&to=" + today)
                .with(as(monitor))).andReturn().getResponse().getContentAsString();
        assertThat(cov).contains("50%");
        // the audit log has the enrolments and the visits
        assertThat(jdbc.sql("select count(*) from audit_event where household_id = :h and action in ('ELDER_PERSON_ENROL', 'ELDER_VISIT')")
                .param("h", alone.household()).query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void aRiskFoundOnAVisitOpensALeadInTheSameTransaction() throws Exception {
        CurrentUser monitor = who(Role.VILLAGE_MONITOR, village);
        long v = visitor(village, monitor);
        Old o = household(village, "吴风险");
        long p = enrol(o, monitor, v, "DISABLED");
        LocalDate today = LocalDate.now(clock);
        // no finding marked as a risk: refused, nothing written
        mvc.perform(post("/elder-visits/people/" + p + "/visits").with(as(monitor)).with(csrf()).param("visitedOn", today.toString())
                .param("visitorId", String.valueOf(v)).param("atHome", "true").param("findings", "HEALTH_GOOD")
                .param("openLead", "true"));
        assertThat(visits(p)).isZero();
        mvc.perform(post("/elder-visits/people/" + p + "/visits").with(as(monitor)).with(csrf()).param("visitedOn", today.toString())
                .param("visitorId", String.valueOf(v)).param("atHome", "true").param("findings", "HEALTH_ILL", "HOUSE_UNSAFE")
                .param("openLead", "true").locale(Locale.SIMPLIFIED_CHINESE));
        Long lead = jdbc.sql("select lead_id from elder_visit where person_id = :p").param("p", p).query(Long.class).single();
        assertThat(lead).isNotNull();
        Map<String, Object> l = jdbc.sql("select household_id, channel, village_code from lead where id = :l").param("l", lead)
                .query().singleRow();
        assertThat(l.get("household_id")).isEqualTo(o.household());
        assertThat(l.get("channel")).isEqualTo("FIELD_SCREENING");
        assertThat(mvc.perform(get("/elder-visits/people/" + p).with(as(monitor)).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getResponse().getContentAsString()).contains("线索 " + lead, "新患大病或病情加重");
    }

    @Test
    void everyEndpointIsScopedToTheUsersArea() throws Exception {
        CurrentUser monitor = who(Role.VILLAGE_MONITOR, village);
        long v = visitor(village, monitor);
        Old o = household(village, "郑本村");
        long p = enrol(o, monitor, v, "VERY_OLD");
        visit(p, monitor, v, LocalDate.now(clock), "HEALTH_GOOD");
        CurrentUser outsider = who(Role.VILLAGE_MONITOR, sibling);
        long before = visits(p);
        int version = jdbc.sql("select version from elder_person where id = :p").param("p", p).query(Integer.class).single();

        for (String url : List.of("/elder-visits/people/" + p, "/elder-visits?area=" + village, "/elder-visits/export?area=" + village,
                "/elder-visits/coverage?area=" + village, "/elder-visits/coverage/export?area=" + village,
                "/elder-visits/visitors?area=" + village, "/elder-visits/new?no=" + o.householdNo())) {
            assertThat(mvc.perform(get(url).with(as(outsider))).andReturn().getResponse().getStatus()).as(url).isEqualTo(404);
        }
        Old other = household(village, "冯外村");
        for (MockHttpServletRequestBuilder req : List.of(
                post("/elder-visits/people/" + p + "/visits").param("visitedOn", LocalDate.now(clock).toString())
                        .param("visitorId", String.valueOf(v)).param("atHome", "true"),
                post("/elder-visits/people/" + p).param("version", String.valueOf(version)).param("classes", "LIVING_ALONE"),
                post("/elder-visits/people").param("householdId", String.valueOf(other.household()))
                        .param("memberId", String.valueOf(other.member())).param("classes", "VERY_OLD"),
                post("/elder-visits/visitors/" + v + "/active").param("version", "0").param("active", "false"),
                post("/elder-visits/visitors/" + v + "/claim"),
                post("/elder-visits/visitors").param("villageCode", village).param("name", "外人").param("kind", "GRID"))) {
            assertThat(mvc.perform(req.with(as(outsider)).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(404);
        }
        assertThat(visits(p)).isEqualTo(before);
        assertThat(jdbc.sql("select version from elder_person where id = :p").param("p", p).query(Integer.class).single()).isEqualTo(version);
        assertThat(jdbc.sql("select count(*) from elder_person where member_id = :m").param("m", other.member()).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select active and account_id is null from elder_visitor where id = :v").param("v", v).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from elder_visitor where name = '外人'").query(Integer.class).single()).isZero();
        String list = mvc.perform(get("/elder-visits").with(as(outsider))).andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain("郑本村");

        // the city reads but does not write; a data officer sees nothing; only an administrator changes the classes
        CurrentUser city = who(Role.CITY_ANALYST, village.substring(0, 4) + "00000000");
        assertThat(mvc.perform(get("/elder-visits/people/" + p).with(as(city))).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(post("/elder-visits/people/" + p + "/visits").with(as(city)).with(csrf())
                .param("visitedOn", LocalDate.now(clock).toString()).param("visitorId", String.valueOf(v)).param("atHome", "true"))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/elder-visits").with(as(who(Role.DATA_OFFICER, village.substring(0, 6) + "000000"))))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/elder-visits/classes").with(as(monitor)).with(csrf()).param("code", "NEW_CLASS")
                .param("nameZh", "新类").param("rhythmMonths", "2")).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(visits(p)).isEqualTo(before);
    }

    @Test
    void aVisitorsOwnListAndTheExportMatchTheDatabase() throws Exception {
        CurrentUser monitor = account(Role.VILLAGE_MONITOR, sibling);
        long v = visitor(sibling, monitor);
        Old o = household(sibling, "钱名单");
        long p = enrol(o, monitor, v, "LIVING_ALONE");
        LocalDate visited = LocalDate.now(clock).minusDays(50);
        visit(p, monitor, v, visited, "HEALTH_GOOD");

        assertThat(mvc.perform(get("/elder-visits/mine").with(as(monitor)).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getResponse().getContentAsString()).contains("还没有对应的巡访员").doesNotContain("钱名单");
        mvc.perform(post("/elder-visits/visitors/" + v + "/claim").with(as(monitor)).with(csrf()));
        assertThat(mvc.perform(get("/elder-visits/mine").with(as(monitor)).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getResponse().getContentAsString()).contains("钱名单", "超期未访");
        // another account cannot take the same visitor over
        mvc.perform(post("/elder-visits/visitors/" + v + "/claim").with(as(account(Role.VILLAGE_MONITOR, sibling))).with(csrf()));
        assertThat(jdbc.sql("select account_id from elder_visitor where id = :v").param("v", v).query(Long.class).single())
                .isEqualTo(monitor.accountId());

        var res = mvc.perform(get("/elder-visits/export?area=" + sibling).with(as(monitor)).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getResponse();
        assertThat(res.getHeader("Content-Disposition")).contains("filename*=UTF-8''");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(res.getContentAsByteArray()))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getRow(3).getCell(1).getStringCellValue()).isEqualTo("姓名");
            Row r = null;
            for (Row row : s) if (row.getRowNum() > 3 && row.getCell(1).getStringCellValue().equals("钱名单")) r = row;
            assertThat(r).isNotNull();
            assertThat(r.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat((int) r.getCell(2).getNumericCellValue()).isEqualTo(78);
            assertThat(r.getCell(3).getStringCellValue()).isEqualTo("独居");
            assertThat(r.getCell(5).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(visited);
            assertThat(r.getCell(6).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(visited.plusMonths(1));
            assertThat(r.getCell(7).getStringCellValue()).isEqualTo("超期未访");
            long people = jdbc.sql("select count(*) from elder_person where village_code = :v and active").param("v", sibling)
                    .query(Long.class).single();
            assertThat(s.getLastRowNum()).isEqualTo((int) people + 3);
        }
        var cov = mvc.perform(get("/elder-visits/coverage/export?area=" + sibling).with(as(monitor)).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getResponse();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(cov.getContentAsByteArray()))) {
            Row r = wb.getSheetAt(0).getRow(4);
            assertThat(r.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(r.getCell(5).getNumericCellValue()).isGreaterThanOrEqualTo(1); // 钱名单 is overdue
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'EXPORT' and area_code = :v")
                .param("v", sibling).query(Integer.class).single()).isGreaterThanOrEqualTo(2);
    }
}
