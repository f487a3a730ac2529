package cn.shouwang.server.casework.identification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.ServerTest;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The public self-report form (/report/{village}, no sign-in) on any input, through the whole web layer on the real
 * database: a fuzzed name, phone, id number (often a valid one), kind, description, captcha answer (often the right
 * one) and honeypot. Invariants: never a 500; a 400 only for what the bad-input filter refuses (a NUL or half a
 * surrogate pair); a report is accepted (302 to the done page) only when every field is valid — or the honeypot was
 * filled, which stores nothing; a refused form comes back (200) with its messages in words, never a message key.
 */
class SelfReportFuzzTest extends ServerTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Pattern PHONE = Pattern.compile("1\\d{10}|0\\d{2,3}-?\\d{7,8}");
    private static final Pattern KEY = Pattern.compile("casework\\.[a-zA-Z]+\\.[a-zA-Z.]+");

    @Autowired SelfReportController controller;
    private Object minResponse;
    private String village;

    @BeforeEach
    void fast() {
        // the page's equal answer time (800 ms a post) is proven by SelfReportWebTest; a fuzzer needs many posts a second
        minResponse = ReflectionTestUtils.getField(controller, "minResponse");
        ReflectionTestUtils.setField(controller, "minResponse", Duration.ZERO);
        village = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current) and level = 5
                   and code like '2203221002%' order by code offset 3 limit 1""").query(String.class).single();
    }

    @AfterEach
    void restore() {
        ReflectionTestUtils.setField(controller, "minResponse", minResponse);
    }

    @FuzzTest(maxDuration = "20s")
    void form(FuzzedDataProvider data) throws Exception {
        int seq = SEQ.incrementAndGet();
        boolean rightAnswer = data.consumeBoolean();
        boolean validId = data.consumeBoolean();
        boolean knownKind = data.consumeBoolean();
        boolean honeypot = data.consumeProbabilityFloat() < 0.05f;
        String name = data.consumeString(30);
        String phone = data.consumeBoolean() ? "138" + String.format("%08d", data.consumeInt(0, 99_999_999)) : data.consumeString(16);
        String id = validId ? SelfReportWebTest.newId(seq) : data.consumeString(24);
        String kind = knownKind ? data.pickValue(SelfReportController.KIND_ORDER) : data.consumeString(12);
        String description = data.consumeString(320);
        String website = honeypot ? "http://x" : "";
        String typed = data.consumeRemainingAsString();

        MockHttpSession session = new MockHttpSession();
        assertThat(mvc.perform(get("/report/" + village).session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
        String answer = rightAnswer ? SelfReportTestSupport.answer(session) : typed;
        String address = "10.99." + (seq / 250 % 250) + "." + (1 + seq % 250);
        MockHttpServletResponse res = mvc.perform(post("/report/" + village).session(session).with(csrf())
                        .with(rq -> { rq.setRemoteAddr(address); return rq; })
                        .param("name", name).param("phone", phone).param("idNumber", id).param("kind", kind)
                        .param("description", description).param("answer", answer).param("website", website))
                .andReturn().getResponse();

        int status = res.getStatus();
        String all = name + phone + id + kind + description + answer;
        assertThat(status).as("status for %s", res.getErrorMessage()).isNotEqualTo(500);
        if (status == 400) {
            assertThat(unreadable(all)).as("400 only for a NUL or half a surrogate pair").isTrue();
            return;
        }
        boolean valid = !name.isBlank() && name.length() <= 20 && !phone.isBlank() && PHONE.matcher(phone).matches()
                && IdNumber.problem(id) == null && description.length() <= 300
                && (SelfReportController.KINDS.containsKey(kind) || !description.isBlank())
                && rightAnswer;
        if (status == 302) {
            assertThat(res.getRedirectedUrl()).isEqualTo("/report/" + village + "/done");
            assertThat(valid || honeypot).as("accepted only when valid: name=%s phone=%s kind=%s", name, phone, kind).isTrue();
            return;
        }
        assertThat(status).isEqualTo(200);
        String page = res.getContentAsString();
        assertThat(page).contains("name=\"answer\"");
        assertThat(KEY.matcher(page).find()).as("a message key on the page").isFalse();
        if (valid && !honeypot) assertThat(page).as("a valid report refused only as too many").contains("提交次数过多");
    }

    /** What the platform's bad-input filter refuses: a NUL character or half a surrogate pair. */
    static boolean unreadable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) return true;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) { i++; continue; }
                return true;
            }
            if (Character.isLowSurrogate(c)) return true;
        }
        return false;
    }
}
