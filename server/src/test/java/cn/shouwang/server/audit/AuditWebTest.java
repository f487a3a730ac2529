package cn.shouwang.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;

/** The /audit page offers every recorded action as a filter, and still shows rows of actions it no longer knows. */
class AuditWebTest extends ServerTest {

    private MockHttpSession signIn(String username) throws Exception {
        MvcResult r = mvc.perform(formLogin().user(username).password(DEMO_PASSWORD)).andReturn();
        assertThat(r.getResponse().getRedirectedUrl()).as("sign-in of " + username).isEqualTo("/");
        return (MockHttpSession) r.getRequest().getSession(false);
    }

    @Test
    void theActionFilterOffersEveryActionWithItsLabel() throws Exception {
        MockHttpSession s = signIn("provadmin");
        String zh = mvc.perform(get("/audit").session(s)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        for (AuditAction a : AuditAction.values()) {
            assertThat(zh).as(a.name()).contains("<option value=\"" + a.name() + "\"");
        }
        assertThat(zh).contains(">修改监测标准</option>").contains(">比对预警自动转为线索</option>").doesNotContain("??");
        String en = mvc.perform(get("/audit").param("lang", "en").param("action", "INCOME_LINE_ADD").session(s))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(en).contains("<option value=\"INCOME_LINE_ADD\" selected=\"selected\">Income line added</option>")
                .doesNotContain("??");
    }

    @Test
    void aRowOfAnActionNoLongerKnownShowsItsStoredName() throws Exception {
        jdbc.sql("insert into audit_event (at, username, action, area_code, detail) "
                + "values (now(), 'old-release', 'SOME_OLD_ACTION', '220322103205', 'written by an earlier release')").update();
        MockHttpSession s = signIn("provadmin");
        String html = mvc.perform(get("/audit").param("action", "SOME_OLD_ACTION").session(s)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains(">SOME_OLD_ACTION</td>").contains("written by an earlier release").doesNotContain("??");
    }

    @Test
    void rowsReadAsWordsNamesAreasAndSentencesNotCodesOrJson() throws Exception {
        long h = 900_000_000L + System.nanoTime() % 1_000_000;
        jdbc.sql("insert into audit_event (at, username, action, household_id, area_code, ip, detail) "
                + "values (now(), 'anonymousUser', 'LEAD_OPEN', :h, '220322103205', '0:0:0:0:0:0:0:1', null)").param("h", h).update();
        jdbc.sql("""
                insert into audit_event (at, username, action, household_id, area_code, ip, changes, detail)
                values (now(), 'admin', 'ACCOUNT_UPDATE', :h, '220322103205', '10.1.2.3',
                        '[{"field":"role","old":"VILLAGE_MONITOR","new":"TOWNSHIP_STAFF"},
                          {"field":"areaCode","old":"220322103205","new":"220322103000"},
                          {"field":"displayName","old":null,"new":"李四"}]'::jsonb, 'account village')""")
                .param("h", h).update();
        MockHttpSession s = signIn("provadmin");
        String html = mvc.perform(get("/audit").param("household", String.valueOf(h)).session(s)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains(">公众自报（未登录）</td>").contains(">本机</td>").contains(">10.1.2.3</td>")
                .contains("角色：村防返贫监测员 → 乡镇工作人员").contains("姓名：李四").contains("团山子村")
                .contains("账号：").contains("（village）").contains("（admin）")
                .doesNotContain("anonymousUser").doesNotContain("0:0:0:0:0:0:0:1").doesNotContain("VILLAGE_MONITOR")
                .doesNotContain("&quot;field&quot;").doesNotContain("{\"field\"").doesNotContain(">220322103205</td>").doesNotContain("??");
        String en = mvc.perform(get("/audit").param("household", String.valueOf(h)).param("lang", "en").session(s))
                .andReturn().getResponse().getContentAsString();
        assertThat(en).contains("Public self-report").contains("This server").contains("Role: ").doesNotContain("??");
    }
}
