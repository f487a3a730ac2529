package cn.shouwang.server.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.core.area.DivisionFile;
import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.area.AreaImportApi;
import cn.shouwang.server.personaldata.HealthDetails;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The registry through its pages and API on embedded PostgreSQL: area scope, id-number rules, optimistic
 * locking, audited reveals. Shares the one demo-profile server of {@link ServerTest}.
 */
class RegistryWebTest extends ServerTest {
    @Autowired AreaImportApi importer;
    @Autowired PersonalDataApi personalData;

    String villageA;
    String villageB;

    @BeforeEach
    void villages() {
        List<String> villages = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' order by code limit 2""")
                .query(String.class).list();
        villageA = villages.get(0);
        villageB = villages.get(1);
    }

    static RequestPostProcessor as(Role role, String area) {
        return user(new AccountPrincipal(new CurrentUser(99, "t-" + role + area, "测试", role, new AreaScope(area)),
                "{noop}x", false, true));
    }

    static String newId(String village) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1940 + r.nextInt(60), 1 + r.nextInt(12), 1 + r.nextInt(28));
        String s17 = village.substring(0, 6) + birth.toString().replace("-", "") + (100 + r.nextInt(900));
        return s17 + IdNumber.checkCharacter(s17);
    }

    long households() {
        return jdbc.sql("select count(*) from household").query(Long.class).single();
    }

    long createHousehold(String village, String name, String id, String address) throws Exception {
        var response = mvc.perform(post("/households").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                        .param("household.villageCode", village).param("household.address", address)
                        .param("household.phone", "13812345678")
                        .param("headName", name).param("headIdNumber", id))
                .andReturn().getResponse();
        assertThat(response.getStatus()).as(() -> errorsIn(response)).isEqualTo(302);
        String location = response.getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    static String errorsIn(org.springframework.mock.web.MockHttpServletResponse r) {
        try {
            var m = java.util.regex.Pattern.compile("class=\"(field-error|alert)\">([^<]*)<").matcher(r.getContentAsString());
            StringBuilder sb = new StringBuilder();
            while (m.find()) sb.append(m.group(2)).append("; ");
            return sb.toString();
        } catch (java.io.UnsupportedEncodingException e) {
            return e.toString();
        }
    }

    @Test
    void aVillageMonitorSeesOwnVillageOnlyInPagesSearchAndApi() throws Exception {
        String id = newId(villageA);
        long hid = createHousehold(villageA, "范测试", id, "一组3号");

        String page = mvc.perform(get("/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(IdNumber.mask(id)).doesNotContain(id).contains("138****5678").doesNotContain("13812345678");

        mvc.perform(get("/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageB))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageB))).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/members/search").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"idNumber\":\"" + id + "\"}").with(as(Role.VILLAGE_MONITOR, villageB)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageA))).andExpect(status().isOk());

        String own = mvc.perform(get("/households").param("q", "范测试").with(as(Role.VILLAGE_MONITOR, villageA)))
                .andReturn().getResponse().getContentAsString();
        String other = mvc.perform(get("/households").param("q", "范测试").with(as(Role.VILLAGE_MONITOR, villageB)))
                .andReturn().getResponse().getContentAsString();
        String no = jdbc.sql("select household_no from household where id = :id").param("id", hid).query(String.class).single();
        assertThat(own).contains(no);
        assertThat(other).doesNotContain(no);
        MockHttpSession session = new MockHttpSession();
        String byId = mvc.perform(get(searchById(id, session, villageA.substring(0, 6) + "000000")).session(session)
                        .with(as(Role.COUNTY_ANALYST, villageA.substring(0, 6) + "000000")))
                .andReturn().getResponse().getContentAsString();
        assertThat(byId).contains(no);
    }

    /** Posts an id-number search as the form does; returns the list address it answers with (checked: no number). */
    String searchById(String id, MockHttpSession session, String area) throws Exception {
        String location = mvc.perform(post("/households/search").param("q", id).param("size", "20").session(session)
                        .with(as(Role.COUNTY_ANALYST, area)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/households?").contains("qt=").doesNotContain(id.substring(0, 14));
        return location;
    }

    @Test
    void anIdNumberSearchFindsTheHouseholdWithoutTheNumberInAnyUrl() throws Exception {
        String id = newId(villageA);
        long hid = createHousehold(villageA, "己查询", id, "五组");
        String no = jdbc.sql("select household_no from household where id = :id").param("id", hid).query(String.class).single();
        String county = villageA.substring(0, 6) + "000000";
        MockHttpSession session = new MockHttpSession();

        String location = searchById(id, session, county);
        String page = mvc.perform(get(location).session(session).with(as(Role.COUNTY_ANALYST, county)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(no);
        List<String> links = urlsIn(page);
        assertThat(links).as("sorting, paging and export links").anyMatch(u -> u.contains("/households/export") && u.contains("qt="));
        assertThat(links).noneMatch(u -> u.contains(id.substring(0, 14)));

        // htmx posts get the results at once and the address to show in HX-Push-Url
        var hx = mvc.perform(post("/households/search").header("HX-Request", "true").param("q", id).session(session)
                        .with(as(Role.COUNTY_ANALYST, county)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(hx.getHeader("HX-Push-Url")).contains("qt=").doesNotContain(id.substring(0, 14));
        assertThat(hx.getContentAsString()).contains(no);
        assertThat(urlsIn(hx.getContentAsString())).noneMatch(u -> u.contains(id.substring(0, 14)));

        // the export follows the token
        mvc.perform(get(location.replace("/households?", "/households/export?")).session(session)
                .with(as(Role.COUNTY_ANALYST, county))).andExpect(status().isOk());

        // an address holding the number itself (an old bookmark) is replaced at once
        String moved = mvc.perform(get("/households").param("q", id).session(session).with(as(Role.COUNTY_ANALYST, county)))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(moved).contains("qt=").doesNotContain(id.substring(0, 14));

        // the token means nothing in another session
        String elsewhere = mvc.perform(get(location).session(new MockHttpSession()).with(as(Role.COUNTY_ANALYST, county)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(elsewhere).contains("查询已过期").doesNotContain(no);

        // names and household numbers stay plain filters in the address, with their paging
        String byName = mvc.perform(post("/households/search").param("q", "己查询").param("page", "1").session(session)
                        .with(as(Role.COUNTY_ANALYST, county)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(byName).contains("q=").doesNotContain("qt=");
        assertThat(mvc.perform(get(java.net.URI.create(byName)).session(session).with(as(Role.COUNTY_ANALYST, county)))
                .andReturn().getResponse().getContentAsString()).contains(no);
    }

    @Test
    void theApiSearchesByIdNumberWithTheNumberInTheBody() throws Exception {
        String id = newId(villageA);
        long hid = createHousehold(villageA, "庚接口", id, "六组");
        String no = jdbc.sql("select household_no from household where id = :id").param("id", hid).query(String.class).single();
        String page = mvc.perform(post("/api/v1/households/search").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"q\":\"" + id + "\"}").with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(no).contains("\"total\":1");
        String member = mvc.perform(post("/api/v1/members/search").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"idNumber\":\"" + id + "\"}").with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(member).contains("庚接口").contains(IdNumber.mask(id)).doesNotContain(id);
        mvc.perform(post("/api/v1/members/search").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"idNumber\":\"" + id + "\"}").with(as(Role.VILLAGE_MONITOR, villageB)).with(csrf()))
                .andExpect(status().isNotFound());
    }

    private static List<String> urlsIn(String html) {
        var m = java.util.regex.Pattern.compile("(?:href|hx-get|hx-post|action)=\"([^\"]*)\"").matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void aWrongCheckCharacterIsShownBesideTheFieldAndNothingIsSaved() throws Exception {
        String id = newId(villageA);
        String wrong = id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
        long before = households();
        String html = mvc.perform(post("/households").with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf())
                        .param("household.villageCode", villageA).param("household.address", "二组8号")
                        .param("headName", "郑测试").param("headIdNumber", wrong))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("身份证号校验位不正确").contains("二组8号").contains("郑测试");
        assertThat(households()).isEqualTo(before);
    }

    @Test
    void anIdNumberBelongsToOneHouseholdOnly() throws Exception {
        String id = newId(villageA);
        createHousehold(villageA, "甲测试", id, "一组1号");
        long before = households();
        String html = mvc.perform(post("/households").with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf())
                        .param("household.villageCode", villageA).param("headName", "乙测试").param("headIdNumber", id))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("该身份证号已登记在户");
        assertThat(households()).isEqualTo(before);
        // the API says the same, as a problem detail on the field
        String json = mvc.perform(post("/api/v1/households").with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"household\":{\"villageCode\":\"" + villageA + "\"},\"headName\":\"乙\",\"headIdNumber\":\"" + id + "\"}"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("headIdNumber");
    }

    @Test
    void theSecondOfTwoConcurrentEditsIsRefusedAndOverwritesNothing() throws Exception {
        long hid = createHousehold(villageA, "丙测试", newId(villageA), "旧地址");
        mvc.perform(post("/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf())
                        .param("villageCode", villageA).param("address", "第一个人写的").param("version", "0"))
                .andExpect(status().is3xxRedirection());
        String html = mvc.perform(post("/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf())
                        .param("villageCode", villageA).param("address", "第二个人写的").param("version", "0"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("别人在您打开此页之后修改了").contains("第二个人写的");
        assertThat(jdbc.sql("select address from household where id = :id").param("id", hid).query(String.class).single())
                .isEqualTo("第一个人写的");
        // the history shows the first change with old and new values
        String detail = mvc.perform(get("/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageA)))
                .andReturn().getResponse().getContentAsString();
        assertThat(detail).contains("旧地址 → 第一个人写的");
    }

    @Test
    void healthIsHiddenOnTheHouseholdPageUntilShownAndShowingItIsAudited() throws Exception {
        String id = newId(villageA);
        long hid = createHousehold(villageA, "戊测试", id, "四组");
        long mid = jdbc.sql("select id from member where household_id = :h").param("h", hid).query(Long.class).single();
        jdbc.sql("update member set health_enc = :h where id = :m").param("m", mid)
                .param("h", personalData.sealHealth(new HealthDetails(HealthStatus.SERIOUS_ILLNESS, 2))).update();
        String page = mvc.perform(get("/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("已隐藏").doesNotContain("大病");
        String shown = mvc.perform(post("/households/" + hid + "/members/" + mid + "/health")
                        .with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("大病");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'HEALTH_VIEW' and member_id = :m")
                .param("m", mid).query(Long.class).single()).isEqualTo(1);
        mvc.perform(post("/households/" + hid + "/members/" + mid + "/health")
                .with(as(Role.VILLAGE_MONITOR, villageB)).with(csrf())).andExpect(status().isNotFound());

        // at rest: sealed, no clear column left
        assertThat(jdbc.sql("""
                select count(*) from information_schema.columns
                 where table_name = 'member' and column_name in ('health', 'disability_grade')""").query(Long.class).single())
                .isZero();
        byte[] sealed = jdbc.sql("select health_enc from member where id = :m").param("m", mid).query(byte[].class).single();
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("SERIOUS");

        // the API: members come without health; the full value is a separate, audited call
        String household = mvc.perform(get("/api/v1/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(household).contains("戊测试").doesNotContain("SERIOUS_ILLNESS").doesNotContain("health")
                .doesNotContain("disabilityGrade");
        String member = mvc.perform(post("/api/v1/members/search").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"idNumber\":\"" + id + "\"}").with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(member).doesNotContain("SERIOUS_ILLNESS").doesNotContain("health");
        String revealed = mvc.perform(post("/api/v1/members/" + mid + "/health").with(as(Role.VILLAGE_MONITOR, villageA))
                        .with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(revealed).contains("\"status\":\"SERIOUS_ILLNESS\"").contains("\"disabilityGrade\":2");
        mvc.perform(post("/api/v1/members/" + mid + "/health").with(as(Role.VILLAGE_MONITOR, villageB)).with(csrf()))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'HEALTH_VIEW' and member_id = :m")
                .param("m", mid).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void showingAnIdNumberInFullIsAuditedAndTheLogCannotBeRewritten() throws Exception {
        String id = newId(villageA);
        long hid = createHousehold(villageA, "丁测试", id, "三组");
        long mid = jdbc.sql("select id from member where household_id = :h").param("h", hid).query(Long.class).single();
        String shown = mvc.perform(post("/households/" + hid + "/members/" + mid + "/id-number")
                        .with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(shown).contains(id);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ID_NUMBER_VIEW' and member_id = :m")
                .param("m", mid).query(Long.class).single()).isEqualTo(1);
        mvc.perform(post("/households/" + hid + "/members/" + mid + "/id-number")
                .with(as(Role.VILLAGE_MONITOR, villageB)).with(csrf())).andExpect(status().isNotFound());
        // the server's role may only append (its triggers also refuse changes, to the owner too)
        assertThatThrownBy(() -> jdbc.sql("update audit_event set username = 'x' where member_id = :m").param("m", mid).update())
                .rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where member_id = :m").param("m", mid).update())
                .rootCause().hasMessageContaining("permission denied");
        // nothing stored in clear
        assertThat(jdbc.sql("select count(*) from member where encode(id_number_enc, 'escape') like :p")
                .param("p", "%" + id.substring(6, 14) + "%").query(Long.class).single()).isZero();
    }

    @Test
    void aMemberIsAddedMovedToAnotherHouseholdAndHisDeathRecorded() throws Exception {
        long h1 = createHousehold(villageA, "己户一", newId(villageA), "五组");
        long h2 = createHousehold(villageA, "己户二", newId(villageA), "六组");
        String childId = newId(villageA);
        mvc.perform(post("/households/" + h1 + "/members").with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf())
                        .param("name", "己子").param("idNumber", childId).param("relation", "CHILD")
                        .param("labourCapacity", "ORDINARY").param("health", "HEALTHY").param("schoolingStage", "NONE")
                        .param("medicalInsurance", "true").param("householdVersion", "0"))
                .andExpect(status().is3xxRedirection());
        long mid = jdbc.sql("select id from member where household_id = :h and name = '己子'").param("h", h1)
                .query(Long.class).single();
        String h2No = jdbc.sql("select household_no from household where id = :id").param("id", h2).query(String.class).single();
        mvc.perform(post("/households/" + h1 + "/members/" + mid + "/move").with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf())
                        .param("targetHouseholdNo", h2No).param("relation", "SPOUSE").param("householdVersion", "1"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select household_id from member where id = :m").param("m", mid).query(Long.class).single()).isEqualTo(h2);
        mvc.perform(post("/households/" + h2 + "/members/" + mid + "/death").with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf())
                        .param("date", "2024-05-01").param("householdVersion", "1"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select status || ' ' || status_date from member where id = :m").param("m", mid)
                .query(String.class).single()).isEqualTo("DECEASED 2024-05-01");
        assertThat(jdbc.sql("select string_agg(action, ',' order by id) from audit_event where member_id = :m")
                .param("m", mid).query(String.class).single())
                .isEqualTo("MEMBER_ADD,MEMBER_MOVE_OUT,MEMBER_MOVE_IN,MEMBER_DEATH");
    }

    @Test
    void theExcelExportHoldsWhatTheFiltersShowWithPhonesMasked() throws Exception {
        String id = newId(villageA);
        createHousehold(villageA, "戊导出", id, "四组");
        byte[] xlsx = mvc.perform(get("/households/export").param("q", "戊导出").with(as(Role.VILLAGE_MONITOR, villageA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(4); // title, filters, day made, header, the household
            assertThat(sheet.getRow(4).getCell(3).getStringCellValue()).isEqualTo("戊导出");
            assertThat(sheet.getRow(4).getCell(7).getStringCellValue()).isEqualTo("138****5678");
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'EXPORT' and detail like '%戊导出%'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void onlyAnAdministratorUploadsAnEditionAndABadFileListsItsLines() throws Exception {
        var file = new org.springframework.mock.web.MockMultipartFile("file", "bad.csv", "text/csv", """
                code,name,level,parent_code
                220000000000,吉林省,province,
                220300000000,四平市,village,220000000000
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/areas/import").file(file)
                        .param("edition", "up-" + System.nanoTime()).with(as(Role.COUNTY_ANALYST, villageA.substring(0, 6) + "000000")).with(csrf()))
                .andExpect(status().isForbidden());
        String html = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/areas/import").file(file)
                        .param("edition", "up-" + System.nanoTime()).with(as(Role.ADMIN, "220000000000")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("未导入任何数据").contains("第3行");
    }

    @Test
    void anEditionWithABadRowIsRefusedWhole() throws Exception {
        long editions = jdbc.sql("select count(*) from area_edition").query(Long.class).single();
        DivisionFile.Result bad = DivisionFile.read(new StringReader("""
                code,name,level,parent_code,urban_rural_code
                220000000000,吉林省,province,,
                220300000000,四平市,city,220000000000,
                22030X000000,坏代码,county,220300000000,
                """), "bad.csv");
        AreaImportApi.Outcome o = importer.importEdition("test-bad", bad, false, "test");
        assertThat(o.ok()).isFalse();
        assertThat(o.problems()).anySatisfy(p -> assertThat(p.line()).isEqualTo(4));
        assertThat(jdbc.sql("select count(*) from area_edition").query(Long.class).single()).isEqualTo(editions);
    }
}
