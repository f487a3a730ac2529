package cn.shouwang.server.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.wording.Wording;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 系统管理 › 名称与表述 (issue 17) through the real filter chain: a province's own words, saved on the page by its
 * administrator, are what a page, the printed notice (公示) and an Excel export say next, in Chinese and English,
 * with the audit row and who/when on the page; others may not change them, and a stale or bad form stores nothing.
 * The context and database are shared with other test classes: the words are put back afterwards.
 */
class WordingWebTest extends ServerTest {
    static final String PROVINCE = "220000000000";
    static final String CITY = "220300000000";
    static final String COUNTY = "220322000000";
    static final String TOWNSHIP = "220322100000";
    static final String VILLAGE = "220322100201";

    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;
    @Autowired Wording wording;

    final RequestPostProcessor provincial = CaseworkWebTest.as(Role.ADMIN, PROVINCE);
    LocalDate today;

    @BeforeEach
    void incomeLine() {
        today = LocalDate.now(clock);
        for (int y = today.getYear() - 1; y <= today.getYear(); y++) casework.incomeLine(PROVINCE, y, 8700);
    }

    @AfterEach
    void backToTheDefaults() {
        jdbc.sql("delete from casework_term").update();
        wording.changed();
    }

    String page(String url, RequestPostProcessor by) throws Exception {
        return mvc.perform(get(url).with(by)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    long seen() {
        return jdbc.sql("select coalesce(max(id), 0) from casework_term").query(Long.class).single();
    }

    /** The form as the page fills it by default (the 2026 wording), with these fields changed. */
    MockHttpServletRequestBuilder wordsForm(RequestPostProcessor by, long seen, String... kv) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("zh.OBJECT", "防止返贫致贫对象");
        f.put("en.OBJECT", "household monitored against falling into poverty");
        f.put("plural.OBJECT", "households monitored against falling into poverty");
        f.put("zh.OBJECT_SHORT", "监测对象");
        f.put("en.OBJECT_SHORT", "monitored household");
        f.put("plural.OBJECT_SHORT", "monitored households");
        f.put("zh.MECHANISM", "常态化防止返贫致贫监测帮扶机制");
        f.put("en.MECHANISM", "regular mechanism against returning to or falling into poverty");
        f.put("zh.MECHANISM_SHORT", "防止返贫致贫监测帮扶");
        f.put("en.MECHANISM_SHORT", "monitoring and assistance");
        f.put("zh.SYSTEM", "全国防止返贫监测信息系统");
        f.put("en.SYSTEM", "national monitoring system");
        for (int i = 0; i < kv.length; i += 2) f.put(kv[i], kv[i + 1]);
        MockHttpServletRequestBuilder b = post("/admin/words").with(by).with(csrf()).param("seen", String.valueOf(seen));
        for (Map.Entry<String, String> e : f.entrySet()) b = b.param(e.getKey(), e.getValue());
        return b;
    }

    /** The province calls them 防返贫帮扶户 on notices and 帮扶户 elsewhere. */
    void provincesOwnWords() throws Exception {
        mvc.perform(wordsForm(provincial, seen(), "zh.OBJECT", "防返贫帮扶户", "zh.OBJECT_SHORT", "帮扶户",
                        "en.OBJECT_SHORT", "supported household", "plural.OBJECT_SHORT", "supported households",
                        "plural.OBJECT", "households under poverty-prevention support"))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void theDefaultIsThe2026Wording() throws Exception {
        String words = page("/admin/words", provincial);
        assertThat(words).contains("防止返贫致贫对象").contains("使用系统默认的2026年表述");
        // the platform's name in the header of every page
        assertThat(page("/monitored", CaseworkWebTest.as(Role.VILLAGE_MONITOR, VILLAGE)))
                .contains("防止返贫致贫监测帮扶平台");
        // one click fills in the wording of 2021-2025, saved like any change
        assertThat(page("/admin/words?preset=before2026", provincial)).contains("value=\"防止返贫监测对象\"");
    }

    @Test
    void aPageANoticeAndAnExportSayTheProvincesOwnWords() throws Exception {
        // a household on its way: a notice published in the village
        RequestPostProcessor monitor = CaseworkWebTest.as(Role.VILLAGE_MONITOR, VILLAGE);
        long h = registry.household(VILLAGE).head("名称公示").labour("ORDINARY").insert();
        long lead = casework.lead(registry.householdNo(h), VILLAGE).by(monitor).openedDaysAgo(30).open();
        step("/leads/" + lead + "/verify", monitor, "on", day(29), "findings", "入户核实", "wages", "6000", "business", "3000",
                "property", "0", "transfers", "1200", "productionCosts", "800", "eligibleOutOfPocket", "2000",
                "householdSize", "1", "mainRisk", "ILLNESS", "category", "MARGINAL_AT_RISK", "consentSigned", "true");
        step("/leads/" + lead + "/cross-check", CaseworkWebTest.as(Role.COUNTY_ANALYST, COUNTY), "on", day(28),
                "findings", "一致");
        step("/leads/" + lead + "/review", monitor, "on", day(27), "passed", "true", "present", "21", "notes", "同意");
        step("/leads/" + lead + "/notice", monitor, "from", day(26), "to", day(22), "batch", "W" + lead);
        casework.monitored(registry.household(VILLAGE).head("名称导出").insert(), VILLAGE, "名称导出").insert();

        String noticeBefore = notice(monitor, lead);
        assertThat(noticeBefore).contains("关于拟将1户农户纳入防止返贫致贫对象的公示");

        provincesOwnWords();

        // a page: the title, the menu
        String list = page("/monitored", monitor);
        assertThat(heading(list)).isEqualTo("帮扶户");
        assertThat(list).contains(">帮扶户<").doesNotContain(">监测对象<");
        assertThat(heading(page("/monitored?lang=en", monitor))).isEqualTo("Supported households");
        // the printed notice (公示)
        String notice = notice(monitor, lead);
        assertThat(notice).contains("关于拟将1户农户纳入防返贫帮扶户的公示").contains("名称公示")
                .doesNotContain("防止返贫致贫对象");
        // the Excel export: its sheet is named like the list
        byte[] xlsx = mvc.perform(get("/monitored/export").with(monitor)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("帮扶户");
            StringBuilder all = new StringBuilder();
            for (Row r : sheet) r.forEach(c -> all.append(c.toString()).append('|'));
            assertThat(all).contains("名称导出");
        }
        // the audit log: who changed which word from what to what; the page shows who and when
        Map<String, Object> row = jdbc.sql("select username, area_code, changes::text as changes from audit_event "
                + "where action = 'CASEWORK_WORDS_UPDATE' order by id desc limit 1").query().singleRow();
        assertThat(row.get("area_code")).isEqualTo(PROVINCE);
        assertThat((String) row.get("changes")).contains("object.short.zh").contains("监测对象").contains("帮扶户")
                .contains("object.zh").contains("防止返贫致贫对象").contains("防返贫帮扶户")
                .doesNotContain("mechanism");
        String words = page("/admin/words", provincial);
        assertThat(words).contains("value=\"帮扶户\"").contains("id=\"word-history\"");
        assertThat(Pattern.compile("ADMIN\\d+ 于 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 设置").matcher(words).find()).isTrue();
        // the audit log's own page names the action in words
        assertThat(page("/audit", provincial)).contains("修改名称与表述");

        // back to the wording of 2021-2025 in one click
        String before = page("/admin/words?preset=before2026", provincial);
        MockHttpServletRequestBuilder back = post("/admin/words").with(provincial).with(csrf());
        Matcher m = Pattern.compile("name=\"([a-z]+\\.[A-Z_]+|seen)\"[^>]*value=\"([^\"]*)\"").matcher(before);
        int fields = 0;
        while (m.find()) {
            back = back.param(m.group(1), m.group(2));
            fields++;
        }
        assertThat(fields).isEqualTo(13);
        mvc.perform(back).andExpect(status().is3xxRedirection());
        assertThat(notice(monitor, lead)).contains("关于拟将1户农户纳入防止返贫监测对象的公示");
        assertThat(heading(page("/monitored", monitor))).isEqualTo("监测对象");
    }

    @Test
    void onlyTheProvincesAdministratorChangesThem() throws Exception {
        RequestPostProcessor city = CaseworkWebTest.as(Role.ADMIN, CITY);
        assertThat(page("/admin/words", city)).contains("id=\"read-only\"").doesNotContain("id=\"words-save\"");
        mvc.perform(wordsForm(city, seen(), "zh.OBJECT_SHORT", "市里的户")).andExpect(status().isForbidden());
        mvc.perform(get("/admin/words").with(CaseworkWebTest.as(Role.COUNTY_ANALYST, COUNTY)))
                .andExpect(status().isForbidden());
        mvc.perform(wordsForm(CaseworkWebTest.as(Role.VILLAGE_MONITOR, VILLAGE), seen(), "zh.OBJECT_SHORT", "村里的户"))
                .andExpect(status().isForbidden());
        assertThat(seen()).isZero();
    }

    @Test
    void aStaleOrBadFormStoresNothing() throws Exception {
        long seen = seen();
        provincesOwnWords();
        // a second administrator's form read before that change
        String stale = mvc.perform(wordsForm(provincial, seen, "zh.OBJECT_SHORT", "另一个名称"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(stale).contains("保存前其他管理员修改了名称").contains("value=\"帮扶户\"");
        long after = seen();
        String bad = mvc.perform(wordsForm(provincial, after, "zh.OBJECT_SHORT", " ", "zh.OBJECT", "对象{0}"))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(bad).contains("请填写此项").contains("不能包含花括号、尖括号或换行");
        assertThat(seen()).isEqualTo(after);
        assertThat(heading(page("/monitored", CaseworkWebTest.as(Role.VILLAGE_MONITOR, VILLAGE)))).isEqualTo("帮扶户");
        // a term with a quote, in a text with arguments (MessageFormat) and without
        mvc.perform(wordsForm(provincial, after, "en.OBJECT_SHORT", "farmers' household", "plural.OBJECT_SHORT",
                "farmers' households")).andExpect(status().is3xxRedirection());
        assertThat(heading(page("/monitored?lang=en", CaseworkWebTest.as(Role.VILLAGE_MONITOR, VILLAGE))))
                .isEqualTo("Farmers' households");
    }

    static String heading(String html) {
        Matcher m = Pattern.compile("<h1[^>]*>([^<]*)</h1>").matcher(html);
        assertThat(m.find()).isTrue();
        return org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1).strip());
    }

    String notice(RequestPostProcessor monitor, long lead) throws Exception {
        return page("/leads/notice?village=" + VILLAGE + "&batch=W" + lead, monitor);
    }

    String day(int daysAgo) {
        return today.minusDays(daysAgo).toString();
    }

    void step(String url, RequestPostProcessor by, String... kv) throws Exception {
        long lead = Long.parseLong(url.split("/")[2]);
        int version = jdbc.sql("select version from lead where id = :id").param("id", lead).query(Integer.class).single();
        MockHttpServletRequestBuilder b = post(url).with(by).with(csrf()).param("version", String.valueOf(version));
        for (int i = 0; i < kv.length; i += 2) b = b.param(kv[i], kv[i + 1]);
        mvc.perform(b).andExpect(status().is3xxRedirection());
    }
}
