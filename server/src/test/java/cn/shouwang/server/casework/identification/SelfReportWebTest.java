package cn.shouwang.server.casework.identification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.casework.CaseworkWebTest;
import cn.shouwang.server.household.RegistryFixtures;
import cn.shouwang.server.personaldata.PersonalDataApi;
import jakarta.servlet.http.Cookie;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The public self-report page tells a stranger nothing about who is monitored or registered: the same answer, the
 * same page and no less time for a monitored household, one with an open lead, a registered one and an unknown id
 * number, each with a fresh random reference that staff can look up. Its robot check is a picture whose answer
 * is nowhere in what a script can read, checked once; reports are limited per address, village and id number.
 */
class SelfReportWebTest extends ServerTest {
    static final Pattern REFERENCE = Pattern.compile("编号 ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})");
    static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Autowired PersonalDataApi personalData;
    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;
    @Autowired SelfReportLimiter limiter;
    @Value("${shouwang.casework.self-report-min-millis}") long minMillis;

    /** The villages of 梨树镇 from the sixth on (220322100206…): no other test works there. */
    String village(int n) {
        return jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current) and level = 5
                   and code like '2203221002%' order by code offset :n limit 1""").param("n", 5 + n)
                .query(String.class).single();
    }

    static String address() {
        int n = ADDRESSES.incrementAndGet();
        return "10.77." + (n / 250) + "." + (1 + n % 250);
    }

    static String newId(int seq) {
        String s17 = "220322" + LocalDate.of(1950, 1, 1).plusDays(java.util.concurrent.ThreadLocalRandom.current()
                .nextInt(20000)).toString().replace("-", "") + String.format("%03d", seq % 1000);
        return s17 + IdNumber.checkCharacter(s17);
    }

    long household(String village, String head, String id) {
        return registry.household(village).head(head).idNumber(id).insert();
    }

    /** What a person gets back from one report: the answer to the form, the page after it and how long it took. */
    record Sent(MockHttpServletResponse response, String page, long millis) {}

    Sent report(String village, String name, String id, String from) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/report/" + village).session(session)).andExpect(status().isOk());
        return submit(village, session, name, id, from, SelfReportTestSupport.answer(session));
    }

    Sent submit(String village, MockHttpSession session, String name, String id, String from, String answer) throws Exception {
        MockHttpServletRequestBuilder post = post("/report/" + village).session(session).with(csrf())
                .with(rq -> { rq.setRemoteAddr(from); return rq; })
                .param("name", name).param("phone", "13812345678").param("idNumber", id).param("kind", "ILLNESS")
                .param("description", "住院").param("answer", answer);
        long t0 = System.nanoTime();
        MvcResult r = mvc.perform(post).andReturn();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        MockHttpServletResponse res = r.getResponse();
        if (res.getStatus() != 302) return new Sent(res, res.getContentAsString(), millis);
        String page = mvc.perform(get(res.getRedirectedUrl()).session(session).flashAttrs(r.getFlashMap()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return new Sent(res, page, millis);
    }

    static String reference(String page) {
        Matcher m = REFERENCE.matcher(page);
        assertThat(m.find()).as(page).isTrue();
        return m.group(1);
    }

    /** The page with its reference and the session's CSRF token blanked out. */
    static String apartFromReference(String page) {
        return page.replace(reference(page), "REF").replaceAll("name=\"_csrf\" (value|content)=\"[^\"]*\"", "name=\"_csrf\"");
    }

    long openLead(String village, long household) throws Exception {
        String no = registry.householdNo(household);
        MvcResult r = mvc.perform(post("/leads").with(CaseworkWebTest.as(Role.VILLAGE_MONITOR, village)).with(csrf())
                .param("householdNo", no).param("channel", "FIELD_SCREENING").param("description", "排查发现")
                .param("riskCodes", "ILLNESS")).andExpect(status().is3xxRedirection()).andReturn();
        String url = r.getResponse().getRedirectedUrl();
        return Long.parseLong(url.substring("/leads/".length()));
    }

    @Test
    void monitoredRegisteredAndUnknownHouseholdsGetTheSameAnswerWithAFreshRandomReference() throws Exception {
        String v = village(0);
        String monitoredId = newId(1);
        long monitored = household(v, "甲监测", monitoredId);
        casework.monitored(monitored, v, "甲监测").since(LocalDate.now(clock).minusDays(60)).insert();
        String withLeadId = newId(2);
        long withLead = household(v, "乙在办", withLeadId);
        long lead = openLead(v, withLead);
        String registeredId = newId(3);
        long registered = household(v, "丙在册", registeredId);
        String unknownId = newId(4);

        List<Sent> sent = new ArrayList<>();
        sent.add(report(v, "甲监测", monitoredId, address()));
        sent.add(report(v, "乙在办", withLeadId, address()));
        sent.add(report(v, "丙在册", registeredId, address()));
        sent.add(report(v, "丁未知", unknownId, address()));
        sent.add(report(v, "丙在册", registeredId, address())); // the registered household again: now it has a lead

        String first = apartFromReference(sent.get(0).page());
        Set<String> refs = new HashSet<>();
        for (Sent s : sent) {
            assertThat(s.response().getStatus()).isEqualTo(302);
            assertThat(s.response().getRedirectedUrl()).isEqualTo("/report/" + v + "/done");
            assertThat(apartFromReference(s.page())).as("the same page apart from the reference").isEqualTo(first);
            assertThat(s.millis()).as("no path answers sooner than the others").isGreaterThanOrEqualTo(minMillis);
            String ref = reference(s.page());
            refs.add(ref);
            assertThat(ref).doesNotContain("J" + monitored).doesNotContain("L" + lead);
            for (long id : List.of(monitored, withLead, registered, lead)) {
                if (id >= 1000) assertThat(ref.replace("-", "")).doesNotContain(String.valueOf(id));
            }
            assertThat(ref.replace("-", "")).matches("[" + SelfReportReference.ALPHABET + "]{12}");
        }
        assertThat(refs).as("every report its own reference").hasSize(sent.size());

        // each reference is kept with its report, and staff find the report by it (typed loosely)
        List<String> found = new ArrayList<>();
        for (String ref : refs) {
            assertThat(jdbc.sql("""
                    select (select count(*) from lead where source_ref = :r and channel = 'SELF_REPORT')
                         + (select count(*) from lead_report where source_ref = :r and channel = 'SELF_REPORT')""")
                    .param("r", ref).query(Long.class).single()).isEqualTo(1);
            String location = mvc.perform(get("/leads").param("q", " " + ref.toLowerCase().replace("-", " ") + " ")
                            .with(CaseworkWebTest.as(Role.COUNTY_ANALYST, "220322000000")))
                    .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
            found.add(location);
        }
        assertThat(found).contains("/monitored/" + monitored, "/leads/" + lead);
        // outside the reference's area it is not found
        String other = mvc.perform(get("/leads").param("q", refs.iterator().next())
                        .with(CaseworkWebTest.as(Role.COUNTY_ANALYST, "220323000000")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(other).doesNotContain("/leads/" + lead);
    }

    @Test
    void aScriptReadingThePageFindsNoAnswerToThePicture() throws Exception {
        String v = village(1);
        MockHttpSession session = new MockHttpSession();
        MockHttpServletResponse page = mvc.perform(get("/report/" + v).session(session)).andExpect(status().isOk())
                .andReturn().getResponse();
        String answer = SelfReportTestSupport.answer(session);
        String html = page.getContentAsString();
        assertThat(html).doesNotContain(answer).doesNotContain("请计算");
        assertNotInHeaders(page, answer);
        Matcher img = Pattern.compile("<img[^>]*class=\"captcha\"[^>]*src=\"([^\"]+)\"").matcher(html);
        assertThat(img.find()).as(html).isTrue();
        String src = img.group(1).replace("&amp;", "&");
        assertThat(src).startsWith("/report/" + v + "/captcha.png").doesNotContain(answer);
        assertThat(html).contains("换一张").contains("村委会");

        MockHttpServletResponse picture = mvc.perform(get(src).session(session)).andExpect(status().isOk())
                .andReturn().getResponse();
        assertThat(picture.getContentType()).isEqualTo("image/png");
        assertThat(picture.getHeader("Cache-Control")).contains("no-store");
        assertNotInHeaders(picture, answer);
        assertThat(new String(picture.getContentAsByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(answer);
        assertThat(SelfReportTestSupport.answer(session)).as("looking at the picture keeps the challenge").isEqualTo(answer);

        // 换一张: a new picture (htmx swaps it in; without script the link reloads the page)
        MockHttpServletResponse fresh = mvc.perform(get("/report/" + v + "/captcha").session(session)
                .header("HX-Request", "true")).andExpect(status().isOk()).andReturn().getResponse();
        String next = SelfReportTestSupport.answer(session);
        assertThat(fresh.getContentAsString()).contains("captcha.png").doesNotContain(next).doesNotContain("<html");
        assertNotInHeaders(fresh, next);
    }

    static void assertNotInHeaders(MockHttpServletResponse r, String answer) {
        for (String name : r.getHeaderNames()) {
            for (String value : r.getHeaders(name)) assertThat(value).as(name).doesNotContain(answer);
        }
        for (Cookie c : r.getCookies()) assertThat(c.getValue()).as(c.getName()).doesNotContain(answer);
    }

    @Test
    void aWrongAnswerIsRefusedAndEachPictureIsAnsweredOnce() throws Exception {
        String v = village(2);
        String id = newId(5);
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/report/" + v).session(session)).andExpect(status().isOk());
        String answer = SelfReportTestSupport.answer(session);
        Sent wrong = submit(v, session, "戊验证", id, address(), SelfReportCaptchaTest.wrong(answer));
        assertThat(wrong.response().getStatus()).isEqualTo(200);
        assertThat(wrong.page()).contains("验证码不对").contains("value=\"戊验证\"");
        // the refused picture is spent: its answer does not count any more
        Sent stale = submit(v, session, "戊验证", id, address(), answer);
        assertThat(stale.response().getStatus()).isEqualTo(200);
        assertThat(leads("戊验证")).isZero();

        String now = SelfReportTestSupport.answer(session);
        assertThat(submit(v, session, "戊验证", id, address(), now).response().getStatus()).isEqualTo(302);
        assertThat(leads("戊验证")).isEqualTo(1);
        // the same answer sent again (a replayed request) is refused
        Sent replay = submit(v, session, "戊验证", id, address(), now);
        assertThat(replay.response().getStatus()).isEqualTo(200);
        assertThat(replay.page()).contains("验证码不对");
        assertThat(leads("戊验证")).isEqualTo(1);
        // a session that never saw a picture has nothing to answer
        assertThat(submit(v, new MockHttpSession(), "戊验证", id, address(), now).response().getStatus()).isEqualTo(200);
        assertThat(leads("戊验证")).isEqualTo(1);
    }

    long leads(String head) {
        return jdbc.sql("select count(*) from lead where head_name = :n").param("n", head).query(Long.class).single();
    }

    @Test
    void reportsAreLimitedPerIdNumberAndPerVillageWhateverTheAddress() throws Exception {
        // one id number, from ever new addresses
        String v = village(3);
        String id = newId(6);
        int perId = limiter.limits().perIdNumberPerDay();
        for (int i = 0; i < perId; i++) {
            assertThat(report(v, "己限号", id, address()).response().getStatus()).isEqualTo(302);
        }
        Sent refused = report(v, "己限号", id, address());
        assertThat(refused.response().getStatus()).isEqualTo(200);
        assertThat(refused.page()).contains("提交次数过多");
        assertThat(leads("己限号")).isEqualTo(perId);

        // one village, from ever new addresses and id numbers: filled up to its limit, the next is refused
        String full = village(4);
        for (int i = 0; i < limiter.limits().perVillagePerHour(); i++) {
            byte[] other = personalData.idNumberHash(IdNumber.of(newId(100 + i)));
            assertThat(limiter.allow("198.51.100." + (i % 250), full, other)).isTrue();
        }
        Sent villageFull = report(full, "庚限村", newId(7), address());
        assertThat(villageFull.response().getStatus()).isEqualTo(200);
        assertThat(villageFull.page()).contains("提交次数过多");
        assertThat(leads("庚限村")).isZero();
    }
}
