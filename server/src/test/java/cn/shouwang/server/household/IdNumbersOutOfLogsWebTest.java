package cn.shouwang.server.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * An id number (or a phone number) typed where a number or an id belongs, or put into a query string, must not reach
 * the server log: Spring's default exception logging writes the rejected value ("For input string: …") and the
 * request path; our logging writes only the kind of error and the parameter's name. And the API takes id numbers
 * only in a POST body: a GET carrying one in {@code idNumber} or {@code q} is refused (400) before anything is looked
 * up, telling the client to use the POST search.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdNumbersOutOfLogsWebTest extends ServerTest {
    static final String PHONE = "13912345678";

    String village() {
        return jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' order by code limit 1""").query(String.class).single();
    }

    MockHttpServletResponse send(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    @Test
    void anIdNumberInANumericFieldOrAnIdInThePathIsNotLogged(CapturedOutput output) throws Exception {
        String v = village();
        // ends in X, like 22032219460712002X, so it cannot be read as a long either
        String id = RegistryWebTest.newId(v);
        while (!id.endsWith("X")) id = RegistryWebTest.newId(v);
        RequestPostProcessor monitor = RegistryWebTest.as(Role.VILLAGE_MONITOR, v);
        RequestPostProcessor county = RegistryWebTest.as(Role.COUNTY_ANALYST, v.substring(0, 6) + "000000");
        long hid = jdbc.sql("select id from household where village_code = :v order by id limit 1").param("v", v)
                .query(Long.class).optional().orElse(1L);
        String json = "{\"household\":{\"villageCode\":\"" + v + "\",\"formerlyPoor\":true,\"exitYear\":\"" + id + "\"},"
                + "\"headName\":\"冯日志\",\"headIdNumber\":\"" + RegistryWebTest.newId(v) + "\"}";

        // forms: the numeric fields of the household and member forms
        send(post("/households").with(monitor).with(csrf()).param("household.villageCode", v)
                .param("household.formerlyPoor", "true").param("household.exitYear", id)
                .param("headName", "冯日志").param("headIdNumber", RegistryWebTest.newId(v)));
        send(post("/households/" + hid).with(monitor).with(csrf()).param("villageCode", v).param("version", id));
        send(post("/households/" + hid + "/members").with(monitor).with(csrf()).param("name", "冯子")
                .param("relation", "CHILD").param("labourCapacity", "ORDINARY").param("health", "DISABLED")
                .param("disabilityGrade", id).param("schoolingStage", "NONE").param("householdVersion", PHONE));
        // list filters (bound without a BindingResult) and ids in the path
        send(get("/households").with(monitor).param("page", id).param("size", PHONE));
        send(get("/households").with(monitor).param("page", id.substring(0, 17)));
        send(get("/households/" + id).with(monitor));
        send(get("/households/" + hid + "/members/" + id).with(monitor));
        send(post("/households/" + id + "/members/" + id + "/id-number").with(monitor).with(csrf()));
        send(get("/leads/" + id).with(county));
        send(get("/monitored/" + id).with(county));
        send(get("/monitored").with(county).param("page", id));
        send(get("/no-such-page/" + id).with(monitor));
        // the API
        send(post("/api/v1/households").with(monitor).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json));
        send(post("/api/v1/households").with(monitor).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(json.replace("\"" + id + "\"", id.substring(0, 17))));
        send(get("/api/v1/households/" + id).with(monitor));
        send(get("/api/v1/households").with(monitor).param("page", id));
        send(put("/api/v1/members/" + id).with(monitor).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{}"));
        send(get("/api/v1/members/" + id + "/nothing").with(monitor));
        send(get("/api/v1/members").with(monitor).param("idNumber", id));
        send(get("/api/v1/households").with(monitor).param("q", id));

        assertThat(output.getAll()).as("the log of these requests").doesNotContain(id.substring(0, 17))
                .doesNotContain(PHONE);
    }

    @Test
    void theApiRefusesAnIdNumberInTheQueryStringAndPointsToThePostSearch() throws Exception {
        String v = village();
        String id = RegistryWebTest.newId(v);
        RequestPostProcessor monitor = RegistryWebTest.as(Role.VILLAGE_MONITOR, v);

        for (RequestBuilder r : new RequestBuilder[] {
                get("/api/v1/members").with(monitor).param("idNumber", id),
                get("/api/v1/members").with(monitor).param("idNumber", "not-a-number"),
                get("/api/v1/households").with(monitor).param("q", id),
                get("/api/v1/households").with(monitor).param("q", id.substring(0, 17) + "x"),
                get("/api/v1/households").with(monitor).param("q", id.substring(0, 15)),
                get("/api/v1/households").with(monitor).param("q", id.substring(0, 6) + " " + id.substring(6)),
                get("/api/v1/households").with(monitor).param("idNumber", id)}) {
            MockHttpServletResponse res = send(r);
            String body = res.getContentAsString(StandardCharsets.UTF_8);
            assertThat(res.getStatus()).as(body).isEqualTo(400);
            assertThat(res.getContentType()).startsWith("application/problem+json");
            assertThat(body).contains("POST").contains("/search").doesNotContain(id.substring(6, 14));
        }
        // the API's documentation offers no GET with an id number
        var paths = tools.jackson.databind.json.JsonMapper.builder().build().readTree(
                send(get("/api/v1/openapi.json").with(monitor)).getContentAsString(StandardCharsets.UTF_8)).path("paths");
        assertThat(paths.path("/api/v1/members").has("get")).isFalse();
        assertThat(paths.path("/api/v1/households").path("get").toString()).doesNotContain("idNumber");
        assertThat(paths.path("/api/v1/members/search").has("post")).isTrue();
        // names and household numbers stay GET filters
        assertThat(send(get("/api/v1/households").with(monitor).param("q", "张")).getStatus()).isEqualTo(200);
        assertThat(send(get("/api/v1/households").with(monitor).param("q", v + "00001")).getStatus()).isEqualTo(200);
        // the POST searches answer
        assertThat(send(post("/api/v1/members/search").with(monitor).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"idNumber\":\"" + id + "\"}")).getStatus()).isEqualTo(404);
        assertThat(send(post("/api/v1/households/search").with(monitor).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"q\":\"" + id + "\"}")).getStatus()).isEqualTo(200);
    }
}
