package cn.shouwang.server.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Words where a number belongs, on the registry form and in the JSON API: a message on the field saying what is
 * expected, never an error page or a 500, and nothing stored.
 */
class BadInputRegistryWebTest extends ServerTest {

    String village() {
        return jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' order by code limit 1""").query(String.class).single();
    }

    long households() {
        return jdbc.sql("select count(*) from household").query(Long.class).single();
    }

    @Test
    void theNewHouseholdFormSaysAYearIsAWholeNumberAndKeepsWhatWasTyped() throws Exception {
        String v = village();
        long before = households();
        String html = mvc.perform(post("/households").with(RegistryWebTest.as(Role.VILLAGE_MONITOR, v)).with(csrf())
                        .param("household.villageCode", v).param("household.formerlyPoor", "true")
                        .param("household.exitYear", "二〇二〇").param("headName", "冯年度")
                        .param("headIdNumber", RegistryWebTest.newId(v)))
                .andReturn().getResponse().getContentAsString();
        int at = html.indexOf("id=\"household.exitYear\"");
        assertThat(at).isPositive();
        String around = html.substring(at, html.indexOf("</div>", at));
        assertThat(around).contains("value=\"二〇二〇\"").contains("请输入整数,如 3");
        assertThat(html).contains("冯年度");
        assertThat(households()).isEqualTo(before);
    }

    MockHttpServletResponse api(String json) throws Exception {
        return mvc.perform(post("/api/v1/households").with(RegistryWebTest.as(Role.VILLAGE_MONITOR, village())).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(json)).andReturn().getResponse();
    }

    @Test
    void theApiAnswersBrokenJsonAndWrongTypesWithAProblemNamingTheField() throws Exception {
        long before = households();
        MockHttpServletResponse r = api("{\"household\": {\"villageCode\": ");
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getContentType()).startsWith("application/problem+json");
        assertThat(r.getContentAsString()).contains("\"body\"").contains("请求内容不是有效的 JSON");

        String v = village();
        r = api("{\"household\":{\"villageCode\":\"" + v + "\",\"formerlyPoor\":true,\"exitYear\":\"abc\"},"
                + "\"headName\":\"冯接口\",\"headIdNumber\":\"" + RegistryWebTest.newId(v) + "\"}");
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getContentAsString()).contains("\"household.exitYear\"").contains("请输入整数,如 3");

        r = api("{\"household\":{\"villageCode\":\"" + v + "\",\"formerlyPoor\":\"maybe\"},"
                + "\"headName\":\"冯接口\",\"headIdNumber\":\"" + RegistryWebTest.newId(v) + "\"}");
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getContentAsString()).contains("\"household.formerlyPoor\"");
        assertThat(households()).isEqualTo(before);
    }
}
