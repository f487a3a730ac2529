package cn.shouwang.server.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * A masked id number (220322********0016) hides exactly the eight birth-date digits: no ordinary read may show the
 * full birth date beside it, or the mask is undone. Every page, export and API answer that carries a member's
 * masked id number is read here; none may hold the member's birth date as a full date in any usual spelling. The
 * birth year is fine; the full date comes only with the audited "显示" of the id number.
 */
class BirthDateMaskingWebTest extends ServerTest {

    /** An id number of {@code village}'s county born on {@code birth}. */
    static String idBornOn(String village, LocalDate birth) {
        String s17 = village.substring(0, 6) + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
                + (100 + ThreadLocalRandom.current().nextInt(900));
        return s17 + IdNumber.checkCharacter(s17);
    }

    /** The spellings a full date can take on a page, in a JSON body or in a workbook. */
    static List<String> spellings(LocalDate d) {
        int y = d.getYear(), m = d.getMonthValue(), day = d.getDayOfMonth();
        return List.of(d.toString(), d.format(DateTimeFormatter.BASIC_ISO_DATE),
                y + "年" + m + "月" + day + "日", String.format("%d年%02d月%02d日", y, m, day),
                y + "/" + m + "/" + day, String.format("%d/%02d/%02d", y, m, day), String.format("%d.%02d.%02d", y, m, day),
                "[" + y + "," + m + "," + day + "]", String.format("%02d/%02d/%d", m, day, y), m + "/" + day + "/" + (y % 100));
    }

    @Test
    void noResponseThatCarriesAMaskedIdNumberShowsTheFullBirthDate() throws Exception {
        String village = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' order by code offset 2 limit 1""").query(String.class).single();
        String county = village.substring(0, 6) + "000000";
        LocalDate headBirth = LocalDate.of(1946, 7, 12);
        LocalDate childBirth = LocalDate.of(1983, 11, 23);
        String headId = idBornOn(village, headBirth);
        String childId = idBornOn(village, childBirth);
        var monitor = RegistryWebTest.as(Role.VILLAGE_MONITOR, village);
        var analyst = RegistryWebTest.as(Role.COUNTY_ANALYST, county);

        String location = mvc.perform(post("/households").with(monitor).with(csrf())
                        .param("household.villageCode", village).param("household.address", "七组")
                        .param("headName", "辛出生").param("headIdNumber", headId))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        long hid = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(post("/households/" + hid + "/members").with(monitor).with(csrf())
                        .param("name", "辛子").param("idNumber", childId).param("relation", "CHILD")
                        .param("labourCapacity", "ORDINARY").param("health", "HEALTHY").param("schoolingStage", "NONE")
                        .param("medicalInsurance", "true").param("householdVersion", "0"))
                .andExpect(status().is3xxRedirection());
        long head = jdbc.sql("select id from member where household_id = :h and name = '辛出生'").param("h", hid)
                .query(Long.class).single();
        long child = jdbc.sql("select id from member where household_id = :h and name = '辛子'").param("h", hid)
                .query(Long.class).single();

        Map<String, String> read = new LinkedHashMap<>();
        read.put("household page", body(get("/households/" + hid).with(monitor)));
        read.put("member form", body(get("/households/" + hid + "/members/" + child).with(monitor)));
        read.put("member form of the head", body(get("/households/" + hid + "/members/" + head).with(monitor)));
        read.put("household list", body(get("/households").param("q", "辛出生").with(monitor)));
        MockHttpSession session = new MockHttpSession();
        read.put("search results (htmx)", body(post("/households/search").header("HX-Request", "true")
                .param("q", headId).session(session).with(analyst).with(csrf())));
        read.put("Excel export", workbookText(get("/households/export").param("q", "辛出生").with(monitor)));
        read.put("API household", body(get("/api/v1/households/" + hid).with(monitor)));
        read.put("API household list", body(get("/api/v1/households").param("q", "辛出生").with(monitor)));
        read.put("API household search", body(post("/api/v1/households/search").with(monitor).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"q\":\"" + headId + "\"}")));
        read.put("API member search", body(post("/api/v1/members/search").with(monitor).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"idNumber\":\"" + childId + "\"}")));
        read.put("API member update", body(put("/api/v1/members/" + child).with(monitor).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"name":"辛子","relation":"CHILD","labourCapacity":"ORDINARY","health":"HEALTHY",
                         "schoolingStage":"NONE","medicalInsurance":true,"householdVersion":1}""")));
        read.put("API history", body(get("/api/v1/households/" + hid + "/history").with(monitor)));

        // the reads do show the masked numbers (so they are the reads that matter) ...
        assertThat(read.get("household page")).contains(IdNumber.mask(headId)).contains(IdNumber.mask(childId));
        assertThat(read.get("API household")).contains(IdNumber.mask(headId));
        assertThat(read.get("API member search")).contains(IdNumber.mask(childId));
        assertThat(read.get("member form")).contains(IdNumber.mask(childId));
        assertThat(read.get("search results (htmx)")).contains("辛出生");
        // ... and none of them the full birth date, in any spelling
        List<String> leaks = new ArrayList<>();
        read.forEach((what, text) -> {
            for (LocalDate d : List.of(headBirth, childBirth)) {
                for (String s : spellings(d)) if (text.contains(s)) leaks.add(what + " shows " + s);
            }
        });
        assertThat(leaks).as("full birth dates beside masked id numbers").isEmpty();
        // the birth year is shown instead
        assertThat(read.get("household page")).contains(">1946<").contains(">1983<");
        assertThat(read.get("API household")).contains("\"birthYear\":1946");
        assertThat(read.get("API member search")).contains("\"birthYear\":1983");

        // the full date comes with the audited 显示 of the id number, on the page and in the API
        long views = idNumberViews(child);
        String shown = body(post("/households/" + hid + "/members/" + child + "/id-number").with(monitor).with(csrf()));
        assertThat(shown).contains(childId).contains("1983-11-23");
        String api = body(post("/api/v1/members/" + child + "/id-number").with(monitor).with(csrf()));
        assertThat(api).contains("\"value\":\"" + childId + "\"").contains("\"birthDate\":\"1983-11-23\"");
        assertThat(idNumberViews(child)).isEqualTo(views + 2);

        // the API's documentation says the same
        var schemas = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(body(get("/api/v1/openapi.json").with(monitor))).path("components").path("schemas");
        assertThat(schemas.path("Member").path("properties").has("birthYear")).isTrue();
        assertThat(schemas.path("Member").path("properties").has("birthDate")).isFalse();
        assertThat(schemas.path("RevealedIdNumber").path("properties").has("birthDate")).isTrue();
    }

    long idNumberViews(long member) {
        return jdbc.sql("select count(*) from audit_event where action = 'ID_NUMBER_VIEW' and member_id = :m")
                .param("m", member).query(Long.class).single();
    }

    String body(RequestBuilder request) throws Exception {
        var r = mvc.perform(request).andReturn().getResponse();
        assertThat(r.getStatus()).as(() -> "status of " + request).isBetween(200, 299);
        return r.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Every cell of every sheet, as Excel would show it (dates formatted as their cells say). */
    String workbookText(RequestBuilder request) throws Exception {
        byte[] xlsx = mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        StringBuilder sb = new StringBuilder();
        DataFormatter f = new DataFormatter();
        try (var wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            wb.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> {
                sb.append(f.formatCellValue(cell)).append('\t');
                if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC
                        && org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(cell)) {
                    sb.append(cell.getLocalDateTimeCellValue().toLocalDate()).append('\t');
                }
            })));
        }
        return sb.toString();
    }
}
