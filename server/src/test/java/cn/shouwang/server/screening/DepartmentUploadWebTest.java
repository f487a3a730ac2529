package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A department data officer belongs to a department (set by an administrator on the account page) and uploads only its
 * files: another department's kind is refused by the upload itself, whatever the page offered, and the page offers
 * only the department's kinds; an officer without a department may upload nothing.
 */
class DepartmentUploadWebTest extends ServerTest {
    static final String COUNTY = ScreeningWebTest.COUNTY;

    @Autowired UserDetailsService accounts;

    RequestPostProcessor signedIn(String username) {
        return user(accounts.loadUserByUsername(username));
    }

    int upload(RequestPostProcessor who, String kind, String period, byte[] content) throws Exception {
        return mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", kind.toLowerCase() + ".csv", "text/csv", content))
                .param("kind", kind).param("period", period).with(who).with(csrf())).andReturn().getResponse().getStatus();
    }

    long stored(String period) {
        return jdbc.sql("select count(*) from screening_upload where period = :p").param("p", period).query(Long.class).single();
    }

    @Test
    void anOfficerUploadsOnlyTheKindsOfTheirDepartment() throws Exception {
        RequestPostProcessor admin = ScreeningWebTest.as(Role.ADMIN, COUNTY);
        // an officer needs a department
        String refused = mvc.perform(post("/admin/accounts").param("username", "mz-officer").param("displayName", "民政数据员")
                        .param("role", "DATA_OFFICER").param("areaCode", COUNTY).param("password", "secret-2024")
                        .with(admin).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("行业部门数据员必须选择所属部门");
        mvc.perform(post("/admin/accounts").param("username", "mz-officer").param("displayName", "民政数据员")
                        .param("role", "DATA_OFFICER").param("areaCode", COUNTY).param("password", "secret-2024")
                        .param("department", "CIVIL_AFFAIRS").with(admin).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select department from account where username = 'mz-officer'").query(String.class).single())
                .isEqualTo("CIVIL_AFFAIRS");
        String list = mvc.perform(get("/admin/accounts").with(admin)).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("行业部门数据员 · 民政局");

        RequestPostProcessor officer = signedIn("mz-officer");
        String page = mvc.perform(get("/uploads").with(officer)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("value=\"SOCIAL_ASSISTANCE\"", "您属于民政局，只能上报本部门的数据")
                .doesNotContain("value=\"MAJOR_DIAGNOSES\"", "value=\"MEDICAL_CLAIMS\"");

        String period = "2043-05";
        String id = ScreeningWebTest.validId("220322", LocalDate.of(1970, 5, 5), 43);
        byte[] diagnoses = ("id_number,diagnosed_on,disease\n" + id + "," + period + "-03,肺癌\n").getBytes(StandardCharsets.UTF_8);
        // another department's file, posted anyway: refused with who may send it, nothing stored
        String answer = mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", "major_diagnoses.csv", "text/csv", diagnoses))
                        .param("kind", "MAJOR_DIAGNOSES").param("period", period).with(officer).with(csrf()))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(answer).contains("您属于民政局，不能上报“大病诊断”：它是卫生健康委员会的数据。");
        assertThat(stored(period)).isZero();
        // the department's own file is taken
        byte[] relief = ("id_number,kind,started_on\n" + id + ",TEMPORARY_RELIEF," + period + "-04\n").getBytes(StandardCharsets.UTF_8);
        assertThat(upload(officer, "SOCIAL_ASSISTANCE", period, relief)).isEqualTo(302);
        assertThat(stored(period)).isEqualTo(1);

        // moved to the health commission by an administrator: now the other way round (the session ends: new version)
        long accountId = jdbc.sql("select id from account where username = 'mz-officer'").query(Long.class).single();
        int version = jdbc.sql("select version from account where id = :i").param("i", accountId).query(Integer.class).single();
        mvc.perform(post("/admin/accounts/" + accountId).param("displayName", "民政数据员").param("role", "DATA_OFFICER")
                        .param("areaCode", COUNTY).param("version", String.valueOf(version)).param("department", "HEALTH")
                        .with(admin).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ACCOUNT_UPDATE' and changes::text like '%HEALTH%'")
                .query(Long.class).single()).isEqualTo(1);
        RequestPostProcessor moved = signedIn("mz-officer");
        assertThat(upload(moved, "SOCIAL_ASSISTANCE", period, relief)).isEqualTo(422);
        assertThat(upload(moved, "MAJOR_DIAGNOSES", period, diagnoses)).isEqualTo(302);

        // an officer of an earlier release, without a department: nothing
        RequestPostProcessor none = ScreeningWebTest.as(Role.DATA_OFFICER, COUNTY, null);
        assertThat(mvc.perform(get("/uploads").with(none)).andReturn().getResponse().getContentAsString())
                .contains("您的账号尚未设置所属部门");
        assertThat(upload(none, "MAJOR_DIAGNOSES", "2043-06", diagnoses)).isEqualTo(422);
        assertThat(stored("2043-06")).isZero();
        // an analyst still uploads any kind
        assertThat(upload(ScreeningWebTest.as(Role.COUNTY_ANALYST, COUNTY), "MAJOR_DIAGNOSES", "2043-06", diagnoses)).isEqualTo(302);
    }
}
