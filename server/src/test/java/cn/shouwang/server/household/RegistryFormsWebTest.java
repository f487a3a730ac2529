package cn.shouwang.server.household;

import static cn.shouwang.server.household.RegistryWebTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The registry's forms bind XxxCmd records shown with th:field/th:errors: one message beside the field it is about
 * (class-level rules included), refusals of the registry on their field, what was typed kept, and on the member page
 * the move and death forms refused alone (the member form beside them would decrypt the member's health).
 */
class RegistryFormsWebTest extends ServerTest {
    @Autowired RegistryFixtures registry;

    String village() {
        return jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' order by code offset 1 limit 1""").query(String.class).single();
    }

    /** The text between an element's id and the end of its field (its message, if any). */
    static String field(String html, String id) {
        int at = html.indexOf("id=\"" + id + "\"");
        assertThat(at).as(id).isPositive();
        return html.substring(at, html.indexOf("</div>", at));
    }

    long healthViews(long member) {
        return jdbc.sql("select count(*) from audit_event where action = 'HEALTH_VIEW' and member_id = :m").param("m", member)
                .query(Long.class).single();
    }

    String body(org.springframework.test.web.servlet.RequestBuilder r) throws Exception {
        return mvc.perform(r).andReturn().getResponse().getContentAsString();
    }

    @Test
    void householdRulesSitBesideTheirFieldOncePerField() throws Exception {
        String v = village();
        String html = body(post("/households").with(as(Role.VILLAGE_MONITOR, v)).with(csrf())
                .param("household.villageCode", v).param("household.formerlyPoor", "true").param("household.exitYear", "")
                .param("household.villageGroup", "三组").param("headName", "褚表单").param("headIdNumber", ""));
        assertThat(field(html, "household.exitYear")).contains("脱贫户请填写脱贫年度");
        assertThat(field(html, "household.villageGroup")).contains("value=\"三组\"");
        assertThat(field(html, "headName")).contains("value=\"褚表单\"");
        String id = field(html, "headIdNumber");
        assertThat(id.split("class=\"field-error\"").length).as("one message: " + id).isEqualTo(2);
        assertThat(html).contains("checked=\"checked\"");
    }

    @Test
    void memberFormsComeBackWithTheirMessages() throws Exception {
        String v = village();
        long h = registry.household(v).head("卫表单").insert();
        long head = jdbc.sql("select id from member where household_id = :h").param("h", h).query(Long.class).single();
        String member = body(get("/households/" + h + "/members/" + head).with(as(Role.VILLAGE_MONITOR, v)));
        assertThat(field(member, "name")).contains("value=\"卫表单\"");
        long viewsBefore = healthViews(head); // opening the member form shows its health: asked for, audited
        String grade = body(post("/households/" + h + "/members/" + head).with(as(Role.VILLAGE_MONITOR, v)).with(csrf())
                .param("name", "卫表单改").param("relation", "HEAD").param("labourCapacity", "ORDINARY").param("health", "HEALTHY")
                .param("disabilityGrade", "2").param("schoolingStage", "NONE").param("householdVersion", "0"));
        assertThat(field(grade, "disabilityGrade")).contains("只有健康状况为“残疾”时才填写残疾等级");
        assertThat(field(grade, "name")).contains("value=\"卫表单改\"");
        String death = body(post("/households/" + h + "/members/" + head + "/death").with(as(Role.VILLAGE_MONITOR, v)).with(csrf())
                .param("date", "2999-01-01").param("householdVersion", "0"));
        assertThat(field(death, "date")).contains("日期不能晚于今天").contains("value=\"2999-01-01\"");
        // the refused form comes back alone: the member form beside it would decrypt and audit the member's health
        assertThat(death).doesNotContain("id=\"health\"").contains("修改成员信息");
        String move = body(post("/households/" + h + "/members/" + head + "/move").with(as(Role.VILLAGE_MONITOR, v)).with(csrf())
                .param("targetHouseholdNo", "99999999999999999").param("relation", "SPOUSE").param("householdVersion", "0"));
        assertThat(field(move, "targetHouseholdNo")).contains("value=\"99999999999999999\"").contains("class=\"field-error\"");
        assertThat(move).doesNotContain("id=\"health\"");
        assertThat(healthViews(head)).as("no health view nobody asked for").isEqualTo(viewsBefore);
        String stale = body(post("/households/" + h + "/members/" + head).with(as(Role.VILLAGE_MONITOR, v)).with(csrf())
                .param("name", "卫表单").param("relation", "HEAD").param("labourCapacity", "ORDINARY").param("health", "HEALTHY")
                .param("schoolingStage", "NONE").param("householdVersion", "7"));
        assertThat(stale).contains("class=\"alert\">保存失败:别人在您打开此页之后修改了");
    }
}
