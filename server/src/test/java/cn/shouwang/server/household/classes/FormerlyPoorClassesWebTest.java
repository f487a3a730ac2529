package cn.shouwang.server.household.classes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.Period;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 脱贫户分类 (household V13): the worklist at its boundaries (a review falls due exactly a year after the
 * classification, with the injected clock), classification from the list and the household page with its history and
 * audit, refusals, the area scope of every endpoint (a village monitor sees and classifies only its village), and the
 * workbench's figures against the list's totals.
 */
class FormerlyPoorClassesWebTest extends ServerTest {
    static final AtomicLong IDS = new AtomicLong(981_000);
    // 双辽市 (220382): villages no other test writes to
    static final String COUNTY = "220382000000";
    static final String TOWNSHIP = "220382001000";
    static final String VILLAGE = "220382001001";
    static final String OTHER_VILLAGE = "220382001004";

    @Autowired RegistryFixtures registry;

    static RequestPostProcessor as(Role role, String area) {
        long id = IDS.incrementAndGet();
        return user(new AccountPrincipal(new CurrentUser(id, "c" + id, role.name() + id, role, new AreaScope(area)),
                "x", false, true));
    }

    long formerlyPoor(String village, String head) {
        return registry.household(village).head(head).formerlyPoor(2018).insert();
    }

    String page(MockHttpServletRequestBuilder b) throws Exception {
        MvcResult r = mvc.perform(b).andReturn();
        assertThat(r.getResponse().getStatus()).as(b.toString()).isEqualTo(200);
        return r.getResponse().getContentAsString();
    }

    int status(MockHttpServletRequestBuilder b) throws Exception {
        return mvc.perform(b).andReturn().getResponse().getStatus();
    }

    static boolean lists(String html, long household) {
        return html.contains("data-household=\"" + household + "\"");
    }

    static long total(String html) {
        Matcher m = Pattern.compile("共 ([\\d,]+) 条").matcher(html);
        assertThat(m.find()).as("total on the page").isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    String list(RequestPostProcessor who, String area, String show) throws Exception {
        return page(get("/households/classes").with(who).param("area", area).param("show", show).param("size", "100"));
    }

    MockHttpServletRequestBuilder classify(RequestPostProcessor who, long household, String cls, LocalDate on, String reason) {
        return post("/households/" + household + "/class").with(who).with(csrf()).param("cls", cls)
                .param("on", on.toString()).param("reason", reason);
    }

    int classifications(long household) {
        return jdbc.sql("select count(*) from household_class where household_id = :h").param("h", household)
                .query(Integer.class).single();
    }

    @Test
    void theReviewFallsDueExactlyAYearAfterTheClassification() throws Exception {
        RequestPostProcessor monitor = as(Role.VILLAGE_MONITOR, VILLAGE);
        LocalDate today = LocalDate.now(clock);
        long notYet = formerlyPoor(VILLAGE, "一年差一天");
        long due = formerlyPoor(VILLAGE, "整一年");
        long unclassified = formerlyPoor(VILLAGE, "未分类户");
        mvc.perform(classify(monitor, notYet, "STABLE", today.minusYears(1).plusDays(1), "收入稳定"));
        mvc.perform(classify(monitor, due, "CONTINUED_SUPPORT", today.minusYears(1), "收入来源单一"));
        assertThat(classifications(notYet)).isEqualTo(1);
        assertThat(classifications(due)).isEqualTo(1);

        String todo = list(monitor, VILLAGE, "TODO");
        assertThat(lists(todo, due)).as("classified a year ago today: due").isTrue();
        assertThat(lists(todo, unclassified)).as("never classified").isTrue();
        assertThat(lists(todo, notYet)).as("a year less a day: not yet due").isFalse();
        String dueList = list(monitor, VILLAGE, "DUE");
        assertThat(lists(dueList, due)).isTrue();
        assertThat(lists(dueList, unclassified)).isFalse();
        assertThat(lists(dueList, notYet)).isFalse();
        assertThat(lists(list(monitor, VILLAGE, "CLASSIFIED"), notYet)).isTrue();
        assertThat(lists(list(monitor, VILLAGE, "UNCLASSIFIED"), unclassified)).isTrue();
        assertThat(lists(list(monitor, VILLAGE, "UNCLASSIFIED"), due)).isFalse();
    }

    @Test
    void aClassificationOfTodayIsDueWhenTheClockHasMovedAYear() throws Exception {
        RequestPostProcessor monitor = as(Role.VILLAGE_MONITOR, VILLAGE);
        long h = formerlyPoor(VILLAGE, "今天分类");
        mvc.perform(classify(monitor, h, "KEY_SUPPORT", LocalDate.now(clock), "主要劳动力患病"));
        assertThat(lists(list(monitor, VILLAGE, "TODO"), h)).isFalse();
        try {
            clock.advance(Period.ofYears(1).minusDays(1));
            assertThat(lists(list(monitor, VILLAGE, "TODO"), h)).as("a day before the year").isFalse();
            clock.advanceDays(1);
            String html = list(monitor, VILLAGE, "DUE");
            assertThat(lists(html, h)).as("a year on").isTrue();
        } finally {
            clock.reset();
        }
    }

    @Test
    void classifiedFromTheListAndTheHouseholdPageWithItsHistoryAndAudit() throws Exception {
        RequestPostProcessor township = as(Role.TOWNSHIP_STAFF, TOWNSHIP);
        long a = formerlyPoor(VILLAGE, "批量甲");
        long b = formerlyPoor(OTHER_VILLAGE, "批量乙");
        long notPoor = registry.household(VILLAGE).head("一般农户").insert();
        LocalDate today = LocalDate.now(clock);
        mvc.perform(post("/households/classes").with(township).with(csrf()).param("ids", String.valueOf(a))
                .param("ids", String.valueOf(b)).param("cls", "STABLE").param("on", today.toString())
                .param("reason", "年度复核:收入稳定"));
        assertThat(classifications(a)).isEqualTo(1);
        assertThat(classifications(b)).isEqualTo(1);
        // a second classification keeps the first in the history
        mvc.perform(classify(township, a, "SAFETY_NET", today, "丧失劳动能力,纳入低保"));
        String html = page(get("/households/" + a).with(township));
        assertThat(html).contains("id=\"class-history\"").contains("兜底保障户").contains("稳定脱贫户")
                .contains("丧失劳动能力,纳入低保").contains(today.plusYears(1).toString());
        assertThat(jdbc.sql("select count(*) from household_class where household_id = :h and is_current")
                .param("h", a).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where household_id = :h and action = 'HOUSEHOLD_CLASSIFY'")
                .param("h", a).query(Integer.class).single()).isEqualTo(2);

        // refusals: nothing written, the reason said in words
        mvc.perform(post("/households/classes").with(township).with(csrf()).param("ids", String.valueOf(a))
                .param("ids", String.valueOf(notPoor)).param("cls", "STABLE").param("on", today.toString())
                .param("reason", "x"));
        assertThat(classifications(notPoor)).isZero();
        assertThat(classifications(a)).isEqualTo(2);
        MvcResult r = mvc.perform(classify(township, a, "STABLE", today.plusDays(1), "明天")).andReturn();
        assertThat(r.getFlashMap().get("classError")).isEqualTo("classes.onFuture");
        r = mvc.perform(classify(township, a, "STABLE", today, "  ")).andReturn();
        assertThat(r.getFlashMap().get("classError")).isEqualTo("classes.reason.required");
        r = mvc.perform(classify(township, a, "NO_SUCH_CLASS", today, "x")).andReturn();
        assertThat(r.getFlashMap().get("classError")).isEqualTo("classes.class.unknown");
        assertThat(classifications(a)).isEqualTo(2);
        // a city analyst reads only
        assertThat(status(classify(as(Role.CITY_ANALYST, "220300000000"), a, "STABLE", today, "x"))).isEqualTo(403);
        assertThat(classifications(a)).isEqualTo(2);
    }

    @Test
    void aVillageMonitorSeesAndClassifiesOnlyItsVillage() throws Exception {
        RequestPostProcessor monitor = as(Role.VILLAGE_MONITOR, VILLAGE);
        long mine = formerlyPoor(VILLAGE, "本村户");
        long theirs = formerlyPoor(OTHER_VILLAGE, "邻村户");
        String html = page(get("/households/classes").with(monitor).param("show", "ALL").param("size", "100"));
        assertThat(lists(html, mine)).isTrue();
        assertThat(lists(html, theirs)).isFalse();
        assertThat(status(get("/households/classes").with(monitor).param("area", OTHER_VILLAGE))).isEqualTo(404);
        assertThat(status(get("/households/classes").with(monitor).param("area", TOWNSHIP))).isEqualTo(404);
        assertThat(status(get("/households/classes/export").with(monitor).param("area", OTHER_VILLAGE))).isEqualTo(404);
        assertThat(status(classify(monitor, theirs, "STABLE", LocalDate.now(clock), "越权"))).isEqualTo(404);
        assertThat(status(post("/households/classes").with(monitor).with(csrf()).param("ids", String.valueOf(mine))
                .param("ids", String.valueOf(theirs)).param("cls", "STABLE").param("reason", "越权"))).isEqualTo(404);
        assertThat(classifications(theirs)).isZero();
        assertThat(classifications(mine)).as("all or nothing").isZero();
        assertThat(status(get("/households/" + theirs).with(monitor))).isEqualTo(404);

        // the export holds what the list shows: this village only
        byte[] xlsx = mvc.perform(get("/households/classes/export").with(monitor).param("show", "ALL"))
                .andReturn().getResponse().getContentAsByteArray();
        String mineNo = registry.householdNo(mine);
        String theirNo = registry.householdNo(theirs);
        boolean sawMine = false;
        DataFormatter f = new DataFormatter();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : wb.getSheetAt(0)) {
                for (var c : row) {
                    String v = f.formatCellValue(c);
                    assertThat(v).isNotEqualTo(theirNo);
                    if (v.equals(mineNo)) sawMine = true;
                }
            }
        }
        assertThat(sawMine).isTrue();
        // the township sees both
        String township = page(get("/households/classes").with(as(Role.TOWNSHIP_STAFF, TOWNSHIP)).param("show", "ALL")
                .param("size", "100"));
        assertThat(lists(township, mine)).isTrue();
        assertThat(lists(township, theirs)).isTrue();
    }

    @Test
    void theWorkbenchCountsWhatTheListsShow() throws Exception {
        RequestPostProcessor township = as(Role.TOWNSHIP_STAFF, TOWNSHIP);
        LocalDate today = LocalDate.now(clock);
        long a = formerlyPoor(VILLAGE, "统计甲");
        long b = formerlyPoor(OTHER_VILLAGE, "统计乙");
        formerlyPoor(OTHER_VILLAGE, "统计丙");
        mvc.perform(classify(township, a, "STABLE", today.minusYears(2), "两年前"));
        mvc.perform(classify(township, b, "KEY_SUPPORT", today, "今年"));
        String wb = page(get("/").with(township));
        for (String cls : new String[] {"STABLE", "CONTINUED_SUPPORT", "KEY_SUPPORT", "SAFETY_NET"}) {
            long listed = total(page(get("/households/classes").with(township).param("show", "ALL").param("cls", cls)));
            assertThat(workbenchFigure(wb, cls)).as(cls).isEqualTo(listed);
        }
        assertThat(workbenchFigure(wb, "")).isEqualTo(total(page(get("/households/classes").with(township)
                .param("show", "UNCLASSIFIED"))));
        assertThat(workbenchFigure(wb, "due")).isEqualTo(total(page(get("/households/classes").with(township)
                .param("show", "DUE"))));
        assertThat(workbenchFigure(wb, "")).isPositive();
        assertThat(workbenchFigure(wb, "due")).isPositive();
        // and the list's figures per village add up to the same
        String html = page(get("/households/classes").with(township).param("show", "ALL"));
        assertThat(html).contains("data-area=\"" + VILLAGE + "\"").contains("data-area=\"" + OTHER_VILLAGE + "\"");
    }

    /** The number in the workbench's row of a class ("" unclassified, "due"), 0 when the class has no row. */
    static long workbenchFigure(String html, String cls) {
        Matcher m = Pattern.compile("data-class=\"" + Pattern.quote(cls) + "\"[^>]*>\\s*<td>.*?</td>\\s*<td class=\"num\">([\\d,]+)</td>",
                Pattern.DOTALL).matcher(html);
        return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
    }
}
