package cn.shouwang.server.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * An id number registered in another county must not tell the caller that it exists: every form and API call that
 * could answer "already registered" refuses it with the one generic message also given to other numbers that
 * cannot be registered, names no household, checks every other field first, and leaves an audit row. Inside the
 * caller's own area the helpful message (which household has it) stays.
 */
class TakenIdNumberWebTest extends ServerTest {
    static final String GENERIC = "该身份证号无法登记,请核实或联系县级管理员";

    String lishuVillage;   // 梨树县
    String lishuVillage2;
    String yitongVillage;  // 伊通县

    @BeforeEach
    void villages() {
        List<String> lishu = villagesOf("220322");
        lishuVillage = lishu.get(0);
        lishuVillage2 = lishu.get(1);
        yitongVillage = villagesOf("220323").get(0);
    }

    List<String> villagesOf(String county) {
        return jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like :c order by code limit 2""").param("c", county + "%")
                .query(String.class).list();
    }

    static RequestPostProcessor as(Role role, String area) {
        return RegistryWebTest.as(role, area);
    }

    long createHousehold(String village, String name, String id) throws Exception {
        var r = mvc.perform(post("/households").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                .param("household.villageCode", village).param("headName", name).param("headIdNumber", id))
                .andReturn().getResponse();
        assertThat(r.getStatus()).as(() -> RegistryWebTest.errorsIn(r)).isEqualTo(302);
        String location = r.getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    String householdNo(long id) {
        return jdbc.sql("select household_no from household where id = :id").param("id", id).query(String.class).single();
    }

    long households() {
        return jdbc.sql("select count(*) from household").query(Long.class).single();
    }

    long attempts(String username) {
        return jdbc.sql("select count(*) from audit_event where action = 'ID_NUMBER_TAKEN_ATTEMPT' and username = :u")
                .param("u", username).query(Long.class).single();
    }

    /** The create form refused: the page with the typed id number and the CSRF tokens blanked out. */
    String refusedCreate(String village, String id) throws Exception {
        String html = mvc.perform(post("/households").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                        .param("household.villageCode", village).param("household.address", "五组7号")
                        .param("headName", "魏探查").param("headIdNumber", id))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return html.replace(id, "<ID>").replaceAll("name=\"_csrf\" (value|content)=\"[^\"]*\"", "name=\"_csrf\"");
    }

    /** A valid id number (right check character) of someone born tomorrow: it cannot be registered. */
    String unbornId(String village) {
        String s17 = village.substring(0, 6) + LocalDate.now(clock).plusDays(1).toString().replace("-", "") + "357";
        return s17 + IdNumber.checkCharacter(s17);
    }

    @Test
    void aNumberRegisteredInAnotherCountyIsRefusedLikeAnyNumberThatCannotBeRegisteredAndTheAttemptIsAudited()
            throws Exception {
        String id = RegistryWebTest.newId(lishuVillage);
        long theirs = createHousehold(lishuVillage, "郝原户", id);
        String theirNo = householdNo(theirs);
        String caller = "t-" + Role.VILLAGE_MONITOR + yitongVillage;
        long before = households();
        long attemptsBefore = attempts(caller);

        String taken = refusedCreate(yitongVillage, id);
        String unborn = refusedCreate(yitongVillage, unbornId(yitongVillage));
        assertThat(taken).contains(GENERIC).doesNotContain(theirNo).doesNotContain("已登记")
                .doesNotContain(String.valueOf(theirs));
        assertThat(taken).as("the same page as for a number that cannot be registered for another reason")
                .isEqualTo(unborn);
        assertThat(households()).isEqualTo(before);

        // audited: that a taken number was tried, masked, by whom, in the caller's village; the other household unnamed
        assertThat(attempts(caller)).isEqualTo(attemptsBefore + 1);
        var row = jdbc.sql("""
                select area_code, household_id, coalesce(changes::text, '') || ' ' || coalesce(detail, '') from audit_event
                 where action = 'ID_NUMBER_TAKEN_ATTEMPT' and username = :u order by id desc limit 1""")
                .param("u", caller)
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getObject(2), rs.getString(3)}).single();
        assertThat(row[0]).isEqualTo(yitongVillage);
        assertThat(row[1]).isNull();
        assertThat((String) row[2]).contains(IdNumber.mask(id)).doesNotContain(id).doesNotContain(theirNo);

        // the API answers the same, as a problem on the field, without the household number
        String json = mvc.perform(post("/api/v1/households").with(as(Role.VILLAGE_MONITOR, yitongVillage)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"household\":{\"villageCode\":\"" + yitongVillage + "\"},\"headName\":\"魏\",\"headIdNumber\":\""
                                + id + "\"}"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("\"headIdNumber\":\"" + GENERIC + "\"").doesNotContain(theirNo);
        assertThat(attempts(caller)).isEqualTo(attemptsBefore + 2);
    }

    @Test
    void addingOrChangingAMemberToANumberOfAnotherCountySaysNothingMore() throws Exception {
        String id = RegistryWebTest.newId(lishuVillage);
        String theirNo = householdNo(createHousehold(lishuVillage, "郝成员", id));
        long own = createHousehold(yitongVillage, "伊自家", RegistryWebTest.newId(yitongVillage));
        String caller = "t-" + Role.VILLAGE_MONITOR + yitongVillage;
        long attemptsBefore = attempts(caller);
        int version = jdbc.sql("select version from household where id = :id").param("id", own).query(Integer.class).single();

        String page = mvc.perform(post("/households/" + own + "/members").with(as(Role.VILLAGE_MONITOR, yitongVillage))
                        .with(csrf()).param("idNumber", id).param("name", "伊新人").param("relation", "CHILD")
                        .param("labourCapacity", "ORDINARY").param("health", "HEALTHY").param("schoolingStage", "NONE")
                        .param("householdVersion", String.valueOf(version)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(GENERIC).doesNotContain(theirNo).doesNotContain("已登记");

        String json = mvc.perform(post("/api/v1/households/" + own + "/members").with(as(Role.VILLAGE_MONITOR, yitongVillage))
                        .with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"idNumber":"%s","name":"伊新人","relation":"CHILD","labourCapacity":"ORDINARY",
                                 "health":"HEALTHY","schoolingStage":"NONE","householdVersion":%d}""".formatted(id, version)))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("\"idNumber\":\"" + GENERIC + "\"").doesNotContain(theirNo);

        long head = jdbc.sql("select id from member where household_id = :h").param("h", own).query(Long.class).single();
        String changed = mvc.perform(put("/api/v1/members/" + head).with(as(Role.VILLAGE_MONITOR, yitongVillage))
                        .with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"idNumber":"%s","name":"伊自家","relation":"HEAD","labourCapacity":"ORDINARY",
                                 "health":"HEALTHY","schoolingStage":"NONE","householdVersion":%d}""".formatted(id, version)))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(changed).contains("\"idNumber\":\"" + GENERIC + "\"").doesNotContain(theirNo);
        assertThat(attempts(caller)).isEqualTo(attemptsBefore + 3);
    }

    @Test
    void everyOtherFieldIsCheckedBeforeTheIdNumber() throws Exception {
        String id = RegistryWebTest.newId(lishuVillage);
        createHousehold(lishuVillage, "郝先查", id);
        String caller = "t-" + Role.VILLAGE_MONITOR + yitongVillage;
        long attemptsBefore = attempts(caller);
        // a household number of another village: that is the answer, not the id number
        String html = mvc.perform(post("/households").with(as(Role.VILLAGE_MONITOR, yitongVillage)).with(csrf())
                        .param("household.villageCode", yitongVillage).param("household.householdNo", lishuVillage + "99999")
                        .param("headName", "魏先查").param("headIdNumber", id))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("户编号的前12位应为所在村代码").doesNotContain(GENERIC);
        // a blank name
        html = mvc.perform(post("/households").with(as(Role.VILLAGE_MONITOR, yitongVillage)).with(csrf())
                        .param("household.villageCode", yitongVillage).param("headName", "").param("headIdNumber", id))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).doesNotContain(GENERIC);
        assertThat(attempts(caller)).as("nothing was tried").isEqualTo(attemptsBefore);
    }

    @Test
    void insideOnesOwnAreaTheMessageStillSaysWhichHousehold() throws Exception {
        String id = RegistryWebTest.newId(lishuVillage);
        String no = householdNo(createHousehold(lishuVillage, "郝本县", id));
        String county = lishuVillage.substring(0, 6) + "000000";
        String html = mvc.perform(post("/households").with(as(Role.COUNTY_ANALYST, county)).with(csrf())
                        .param("household.villageCode", lishuVillage2).param("headName", "魏本县").param("headIdNumber", id))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("该身份证号已登记在户 " + no + " 中");
        String json = mvc.perform(post("/api/v1/households").with(as(Role.COUNTY_ANALYST, county)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"household\":{\"villageCode\":\"" + lishuVillage2 + "\"},\"headName\":\"魏\",\"headIdNumber\":\""
                                + id + "\"}"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains(no);
    }
}
