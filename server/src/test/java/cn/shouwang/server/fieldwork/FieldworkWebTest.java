package cn.shouwang.server.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccessFixtures;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.fieldwork.rhythm.Rhythm;
import cn.shouwang.server.fieldwork.visits.Visits;
import cn.shouwang.server.fieldwork.worklist.Worklist;
import cn.shouwang.server.household.RegistryFixtures;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Visits and the worklist at their boundaries: the due day by rhythm (the day itself is due, the day after overdue, the
 * week ends on Sunday), a risk sign opening exactly one lead and a second visit joining it, the idempotency key, the
 * photo's type read from its content, scope from a sibling village (404, nothing written), roles (data officer 403,
 * city analyst reads only), the rhythm page and the Excel export.
 */
class FieldworkWebTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired AccessFixtures accounts;
    @Autowired CaseworkFixtures casework;
    @Autowired Visits visits;
    @Autowired cn.shouwang.server.fieldwork.worklist.Worklist worklist;

    String village;
    String sibling;
    long monitorId;
    long siblingMonitorId;

    @BeforeEach
    void villages() throws Exception {
        // two villages of one township of 双辽, apart from other tests' villages
        List<String> vs = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220382%' order by code offset 40 limit 2""").query(String.class).list();
        village = vs.get(0);
        sibling = vs.get(1);
        assertThat(sibling.substring(0, 9)).isEqualTo(village.substring(0, 9));
        jdbc.sql("delete from field_visit where village_code in (:v)").param("v", List.of(village, sibling)).update();
        jdbc.sql("update field_rhythm set monitored_months = 1, formerly_poor_months = 3, other_months = 12").update();
        monitorId = account("fw-" + village, Role.VILLAGE_MONITOR, village);
        siblingMonitorId = account("fw-" + sibling, Role.VILLAGE_MONITOR, sibling);
        cn.shouwang.server.platform.PrivateFiles.deleteTree(visits.directory(village));
    }

    long account(String username, Role role, String area) {
        accounts.account(username, "走访员" + area.substring(9), role, area, "x");
        return jdbc.sql("select id from account where username = :u").param("u", username).query(Long.class).single();
    }

    static RequestPostProcessor as(long id, Role role, String area) {
        return user(new AccountPrincipal(new CurrentUser(id, role.name().toLowerCase(Locale.ROOT), "走访员", role,
                new AreaScope(area)), "{noop}x", false, true));
    }

    RequestPostProcessor monitor() {
        return as(monitorId, Role.VILLAGE_MONITOR, village);
    }

    long household() {
        return registry.household(village).head("赵走访").insert();
    }

    MockMultipartHttpServletRequestBuilder visit(long household, String key, String... risks) {
        return visit(household, key, true, "NONE", risks);
    }

    MockMultipartHttpServletRequestBuilder visit(long household, String key, boolean housing, String trend,
                                                 String... risks) {
        MockMultipartHttpServletRequestBuilder b = multipart("/visits/households/" + household);
        b.param("idempotencyKey", key).param("visitedOn", today().toString()).param("foundAtHome", "true")
                .param("educationSecured", "true").param("medicalSecured", "true").param("waterSecured", "true")
                .param("incomeTrend", trend).param("note", "家中住院");
        if (housing) b.param("housingSecured", "true");
        for (String r : risks) b.param("risks", r);
        b.locale(Locale.SIMPLIFIED_CHINESE);
        return b;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    long visitsOf(long household) {
        return jdbc.sql("select count(*) from field_visit where household_id = :h").param("h", household)
                .query(Long.class).single();
    }

    long leadsOf(long household) {
        return jdbc.sql("select count(*) from casework.lead where household_id = :h").param("h", household)
                .query(Long.class).single();
    }

    void visitedOn(long household, LocalDate day) {
        jdbc.sql("""
                insert into field_visit (idempotency_key, household_id, village_code, visited_on, visitor_id, visitor_name,
                       found_at_home, education_secured, medical_secured, housing_secured, water_secured, income_trend)
                values (:k, :h, :v, :d, :by, 'x', true, true, true, true, true, 'NONE')""")
                .param("k", UUID.randomUUID()).param("h", household).param("v", village).param("d", day)
                .param("by", monitorId).update();
    }

    @Autowired java.util.List<cn.shouwang.server.platform.VillageFigures> villageFigures;

    @Test
    void theVillagePageCountsTheYearsVisits() {
        long a = household();
        long b = household();
        visitedOn(a, today().withDayOfYear(1));
        visitedOn(a, today());
        visitedOn(b, today().minusYears(1)); // last year's: not counted
        var lines = villageFigures.stream().flatMap(f -> f.villageFigures(village, today().getYear()).stream())
                .filter(f -> f.groupKey().equals("nav.visits")).toList();
        assertThat(lines).extracting(cn.shouwang.server.platform.VillageFigures.Figure::value)
                .containsExactly("2", "1", today().toString());
        assertThat(lines.get(0).link()).isEqualTo("/visits?area=" + village + "&show=all");
        assertThat(villageFigures.stream().flatMap(f -> f.villageFigures(sibling, today().getYear()).stream())
                .filter(f -> f.groupKey().equals("nav.visits")).toList()).isEmpty();
    }

    @Test
    void theDueDayByRhythmAtItsBoundaries() {
        Rhythm r = new Rhythm(1, 3, 12, 0);
        LocalDate wed = LocalDate.of(2026, 6, 10); // a Wednesday
        // monthly: visited a month ago is due today, a day more is overdue
        assertThat(Rhythm.standing(r.dueOn(Rhythm.Kind.MONITORED, wed.minusMonths(1)), wed)).isEqualTo(Rhythm.Standing.DUE);
        assertThat(Rhythm.standing(r.dueOn(Rhythm.Kind.MONITORED, wed.minusMonths(1).minusDays(1)), wed))
                .isEqualTo(Rhythm.Standing.OVERDUE);
        // due on Sunday of this week is due; on the Monday after, later
        assertThat(Rhythm.standing(LocalDate.of(2026, 6, 14), wed)).isEqualTo(Rhythm.Standing.DUE);
        assertThat(Rhythm.standing(LocalDate.of(2026, 6, 15), wed)).isEqualTo(Rhythm.Standing.LATER);
        assertThat(Rhythm.standing(null, wed)).isEqualTo(Rhythm.Standing.NEVER);
        // quarterly and yearly
        assertThat(r.dueOn(Rhythm.Kind.FORMERLY_POOR, LocalDate.of(2026, 1, 31))).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(r.dueOn(Rhythm.Kind.OTHER, LocalDate.of(2025, 6, 10))).isEqualTo(wed);
        assertThat(Rhythm.Kind.of(true, true)).isEqualTo(Rhythm.Kind.MONITORED);
        assertThat(Rhythm.Kind.of(false, true)).isEqualTo(Rhythm.Kind.FORMERLY_POOR);
    }

    @Test
    void theWorklistCountsByRhythmFromTheRegistryAndCasework() throws Exception {
        LocalDate t = today();
        // other tests' households of the village: the counts below are on top of them
        var before = worklist.of(new AreaScope(village), Worklist.Show.ALL, null);
        long monitoredDue = registry.household(village).head("甲监测").insert();
        casework.monitored(monitoredDue, village, "甲监测").insert();
        visitedOn(monitoredDue, t.minusMonths(1));                    // due today
        long monitoredOverdue = registry.household(village).head("乙监测").insert();
        casework.monitored(monitoredOverdue, village, "乙监测").insert();
        visitedOn(monitoredOverdue, t.minusMonths(1).minusDays(1));   // a day overdue
        long poorFresh = registry.household(village).head("丙脱贫").formerlyPoor(2019).insert();
        visitedOn(poorFresh, t.minusMonths(2));                       // quarterly: not yet due
        long poorOverdue = registry.household(village).head("丁脱贫").formerlyPoor(2019).insert();
        visitedOn(poorOverdue, t.minusMonths(3).minusDays(1));
        long otherFresh = registry.household(village).head("戊一般").insert();
        visitedOn(otherFresh, t.minusMonths(4));                      // a monthly rhythm would make it overdue
        long never = registry.household(village).head("己从未").insert();

        String page = mvc.perform(get("/visits").param("area", village).param("show", "ALL").with(monitor()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        var c = before.counts();
        assertThat(page).contains("超期 " + (c.get(Rhythm.Standing.OVERDUE) + 2) + " 户",
                "本周到期 " + (c.get(Rhythm.Standing.DUE) + 1) + " 户",
                "从未走访 " + (c.get(Rhythm.Standing.NEVER) + 1) + " 户", "全部 " + (before.households() + 6) + " 户",
                "甲监测", "己从未");
        String overdue = mvc.perform(get("/visits").param("show", "OVERDUE").param("size", "100").with(monitor()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(overdue).contains("乙监测", "丁脱贫", "超期1天").doesNotContain("甲监测", "丙脱贫", "戊一般", "己从未");
        String todo = mvc.perform(get("/visits").param("size", "100").with(monitor())).andReturn().getResponse().getContentAsString();
        assertThat(todo).contains("甲监测", "乙监测", "丁脱贫", "己从未").doesNotContain("丙脱贫", "戊一般");
        assertThat(never).isPositive();

        // the export: the rows the filter shows, dates as date cells, members as numbers
        byte[] xlsx = mvc.perform(get("/visits/export").param("show", "OVERDUE").param("q", "监测").with(monitor()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getRow(0).getCell(0).getStringCellValue()).contains("走访排查");
            assertThat(s.getLastRowNum()).isEqualTo(4); // title, filters, day made, header and the one overdue household
            assertThat(s.getRow(4).getCell(0).getStringCellValue()).isEqualTo("乙监测");
            assertThat(s.getRow(4).getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(s.getRow(4).getCell(6).getLocalDateTimeCellValue().toLocalDate())
                    .isEqualTo(t.minusMonths(1).minusDays(1));
            assertThat(s.getRow(4).getCell(8).getStringCellValue()).isEqualTo("超期");
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'EXPORT' and area_code = :a "
                + "and detail like 'visit worklist OVERDUE%'").param("a", village).query(Long.class).single()).isPositive();
    }

    @Test
    void aRiskSignOpensOneLeadAndASecondVisitJoinsIt() throws Exception {
        long h = household();
        var r1 = mvc.perform(visit(h, UUID.randomUUID().toString(), "ILLNESS").with(monitor()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(r1.getFlashMap().get("intake")).isEqualTo("OPENED");
        assertThat(leadsOf(h)).isEqualTo(1);
        long lead = jdbc.sql("select id from casework.lead where household_id = :h").param("h", h).query(Long.class).single();
        assertThat(jdbc.sql("select channel from casework.lead where id = :id").param("id", lead).query(String.class)
                .single()).isEqualTo("FIELD_SCREENING");
        var r2 = mvc.perform(visit(h, UUID.randomUUID().toString(), "ILLNESS", "ACCIDENT").with(monitor()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(r2.getFlashMap().get("intake")).isEqualTo("JOINED_LEAD");
        assertThat(leadsOf(h)).isEqualTo(1);
        assertThat(jdbc.sql("select lead_outcome || ':' || lead_ref from field_visit where household_id = :h order by id")
                .param("h", h).query(String.class).list()).containsExactly("OPENED:" + lead, "JOINED_LEAD:" + lead);
        // the household page links the lead
        String page = mvc.perform(get("/visits/households/" + h).with(monitor())).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("/leads/" + lead, "查看转出的线索", "查看并入的线索", "因病", "因意外事故");

        // a visit without a risk sign opens nothing
        long quiet = household();
        mvc.perform(visit(quiet, UUID.randomUUID().toString()).with(monitor()).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(leadsOf(quiet)).isZero();
        assertThat(visitsOf(quiet)).isEqualTo(1);
        // a monitored household gets the report joined, no lead
        long m = household();
        casework.monitored(m, village, "赵走访").insert();
        var r3 = mvc.perform(visit(m, UUID.randomUUID().toString(), "ILLNESS").with(monitor()).with(csrf()))
                .andReturn();
        assertThat(r3.getFlashMap().get("intake")).isEqualTo("JOINED_MONITORED");
        assertThat(leadsOf(m)).isZero();
    }

    @Test
    void theIdempotencyKeyStoresOneVisitOnRetry() throws Exception {
        long h = household();
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            mvc.perform(visit(h, key, "ILLNESS").with(monitor()).with(csrf())).andExpect(status().is3xxRedirection());
        }
        assertThat(visitsOf(h)).isEqualTo(1);
        assertThat(leadsOf(h)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'FIELD_VISIT_RECORD' and household_id = :h")
                .param("h", h).query(Long.class).single()).isEqualTo(1);
        // the same key for another household is refused, nothing stored
        long other = household();
        mvc.perform(visit(other, key).with(monitor()).with(csrf())).andExpect(status().is(422));
        assertThat(visitsOf(other)).isZero();
    }

    @Test
    void theFormIsPrefilledFromTheLastVisit() throws Exception {
        long h = household();
        mvc.perform(visit(h, UUID.randomUUID().toString(), false, "DOWN").param("incomeChange", "1200.50").with(monitor()).with(csrf()))
                .andExpect(status().is3xxRedirection());
        String form = mvc.perform(get("/visits/households/" + h + "/new").with(monitor())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(form).contains("已按上次走访", "赵走访");
        assertThat(form).containsPattern("id=\"educationSecured\"[^>]*checked");
        assertThat(form).doesNotContainPattern("id=\"housingSecured\"[^>]*checked");
        assertThat(form).containsPattern("value=\"DOWN\"[^>]*checked");
        String page = mvc.perform(get("/visits/households/" + h).with(monitor())).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("住房安全无保障", "减少 1,200.50 元/年");
    }

    static byte[] jpeg() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpg", out);
        return out.toByteArray();
    }

    @Test
    void aPhotoIsCheckedByContentSealedAndServedInScopeOnly() throws Exception {
        long h = household();
        byte[] photo = jpeg();
        mvc.perform(visit(h, UUID.randomUUID().toString())
                        .file(new MockMultipartFile("photo", "sign.jpg", "image/jpeg", photo)).with(monitor()).with(csrf()))
                .andExpect(status().is3xxRedirection());
        long id = jdbc.sql("select id from field_visit where household_id = :h").param("h", h).query(Long.class).single();
        byte[] back = mvc.perform(get("/visits/photos/" + id).with(monitor())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(back).isEqualTo(photo);
        // sealed at rest: the stored file is not the JPEG
        try (var files = java.nio.file.Files.list(visits.directory(village))) {
            var f = files.findFirst().orElseThrow();
            assertThat(java.nio.file.Files.readAllBytes(f)).isNotEqualTo(photo);
            assertThat(cn.shouwang.server.platform.PrivateFiles.isPrivate(f)).isTrue();
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'FIELD_VISIT_PHOTO_VIEW' and household_id = :h")
                .param("h", h).query(Long.class).single()).isEqualTo(1);
        mvc.perform(get("/visits/photos/" + id).with(as(siblingMonitorId, Role.VILLAGE_MONITOR, sibling)))
                .andExpect(status().isNotFound());
        // a text file named .jpg is refused by its content, nothing stored
        long h2 = household();
        String body = mvc.perform(visit(h2, UUID.randomUUID().toString())
                        .file(new MockMultipartFile("photo", "sign.jpg", "image/jpeg", "not a picture".getBytes()))
                        .with(monitor()).with(csrf()))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(body).contains("应为JPEG或PNG图片");
        assertThat(visitsOf(h2)).isZero();
    }

    @Test
    void aSiblingVillageSeesNothingAndWritesNothing() throws Exception {
        long h = household();
        visitedOn(h, today().minusDays(3));
        RequestPostProcessor other = as(siblingMonitorId, Role.VILLAGE_MONITOR, sibling);
        mvc.perform(get("/visits/households/" + h).with(other)).andExpect(status().isNotFound());
        mvc.perform(get("/visits/households/" + h + "/new").with(other)).andExpect(status().isNotFound());
        mvc.perform(visit(h, UUID.randomUUID().toString(), "ILLNESS").with(other).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(visitsOf(h)).isEqualTo(1);
        assertThat(leadsOf(h)).isZero();
        mvc.perform(get("/visits").param("area", village).with(other)).andExpect(status().isNotFound());
        String list = mvc.perform(get("/visits").param("show", "ALL").with(other)).andReturn().getResponse()
                .getContentAsString();
        assertThat(list).doesNotContain("赵走访");
    }

    @Test
    void rolesDataOfficerNothingCityReadsOnlyAdminSetsTheRhythm() throws Exception {
        long h = household();
        RequestPostProcessor officer = as(monitorId, Role.DATA_OFFICER, village);
        mvc.perform(get("/visits").with(officer)).andExpect(status().isForbidden());
        mvc.perform(get("/visits/households/" + h).with(officer)).andExpect(status().isForbidden());
        mvc.perform(visit(h, UUID.randomUUID().toString()).with(officer).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(get("/visits/export").with(officer)).andExpect(status().isForbidden());
        RequestPostProcessor city = as(monitorId, Role.CITY_ANALYST, village.substring(0, 4) + "00000000");
        mvc.perform(get("/visits/households/" + h).with(city)).andExpect(status().isOk());
        mvc.perform(visit(h, UUID.randomUUID().toString()).with(city).with(csrf())).andExpect(status().isForbidden());
        assertThat(visitsOf(h)).isZero();
        mvc.perform(get("/visits/rhythm").with(monitor())).andExpect(status().isForbidden());
        mvc.perform(post("/visits/rhythm").param("monitoredMonths", "2").param("formerlyPoorMonths", "3")
                .param("otherMonths", "12").param("version", "0").with(monitor()).with(csrf()))
                .andExpect(status().isForbidden());

        RequestPostProcessor admin = as(monitorId, Role.ADMIN, "220000000000");
        int version = jdbc.sql("select version from field_rhythm").query(Integer.class).single();
        try {
            mvc.perform(post("/visits/rhythm").param("monitoredMonths", "0").param("formerlyPoorMonths", "3")
                            .param("otherMonths", "12").param("version", String.valueOf(version)).with(admin).with(csrf())
                            .locale(Locale.SIMPLIFIED_CHINESE))
                    .andExpect(status().is(422));
            mvc.perform(post("/visits/rhythm").param("monitoredMonths", "2").param("formerlyPoorMonths", "3")
                            .param("otherMonths", "12").param("version", String.valueOf(version)).with(admin).with(csrf()))
                    .andExpect(status().is3xxRedirection());
            assertThat(jdbc.sql("select monitored_months from field_rhythm").query(Integer.class).single()).isEqualTo(2);
            // a second save from the same (stale) form is a conflict, not a lost update
            mvc.perform(post("/visits/rhythm").param("monitoredMonths", "5").param("formerlyPoorMonths", "3")
                            .param("otherMonths", "12").param("version", String.valueOf(version)).with(admin).with(csrf()))
                    .andExpect(status().isConflict());
            assertThat(jdbc.sql("select monitored_months from field_rhythm").query(Integer.class).single()).isEqualTo(2);
            assertThat(jdbc.sql("select count(*) from audit_event where action = 'FIELD_RHYTHM_UPDATE'")
                    .query(Long.class).single()).isPositive();
        } finally {
            jdbc.sql("update field_rhythm set monitored_months = 1, formerly_poor_months = 3, other_months = 12").update();
        }
    }
}
