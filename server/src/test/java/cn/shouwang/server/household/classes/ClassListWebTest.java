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
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 系统管理 › 脱贫户分类类别: the province administrator of 吉林 (22) copies the default list, adds, renames, reorders,
 * deactivates and reactivates classes; a deactivated class stays on the households classified with it and in their
 * history but is offered no more; a city administrator reads only (403 on every change), other roles not at all; every
 * change audited; a stale form and bad names refused with nothing stored. The province's own rows are removed after
 * each test, so every other test keeps seeing the default list.
 */
class ClassListWebTest extends ServerTest {
    static final AtomicLong IDS = new AtomicLong(982_000);
    static final String PROVINCE = "220000000000";
    static final String VILLAGE = "220382001005";
    static final String PATH = "/admin/formerly-poor-classes";

    @Autowired RegistryFixtures registry;

    static RequestPostProcessor as(Role role, String area) {
        return as(role, area, IDS.incrementAndGet());
    }

    static RequestPostProcessor as(Role role, String area, long id) {
        return user(new AccountPrincipal(new CurrentUser(id, "l" + id, role.name() + id, role, new AreaScope(area)),
                "x", false, true));
    }

    @AfterEach
    void backToTheDefault() {
        jdbc.sql("delete from formerly_poor_class where province = '22'").update();
    }

    MvcResult perform(MockHttpServletRequestBuilder b) throws Exception {
        return mvc.perform(b).andReturn();
    }

    String page(RequestPostProcessor who) throws Exception {
        MvcResult r = perform(get(PATH).with(who));
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        return r.getResponse().getContentAsString();
    }

    /** The page after following a redirect with its flash (the notice or refusal). */
    String after(MvcResult r, RequestPostProcessor who) throws Exception {
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(302);
        MvcResult p = perform(get(PATH).with(who).flashAttrs(r.getFlashMap()));
        return p.getResponse().getContentAsString();
    }

    static String stamp(String html) {
        Matcher m = Pattern.compile("name=\"stamp\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a stamp on the page").isTrue();
        return m.group(1);
    }

    record Row(String code, String nameZh, String nameEn, boolean active, int sort) {}

    List<Row> rows() {
        return jdbc.sql("select code, name_zh, name_en, active, sort from formerly_poor_class where province = '22' "
                        + "order by sort, code")
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getInt(5))).list();
    }

    int audits() {
        return jdbc.sql("select count(*) from audit_event where action = 'HOUSEHOLD_CLASS_LIST_UPDATE'")
                .query(Integer.class).single();
    }

    String lastAudit() {
        return jdbc.sql("select changes::text || ' ' || coalesce(detail, '') from audit_event "
                        + "where action = 'HOUSEHOLD_CLASS_LIST_UPDATE' order by id desc limit 1")
                .query(String.class).single();
    }

    @Test
    void theProvinceAdministratorCopiesAddsRenamesReordersAndDeactivates() throws Exception {
        long me = IDS.incrementAndGet();
        RequestPostProcessor admin = as(Role.ADMIN, PROVINCE, me);
        String html = page(admin);
        assertThat(html).contains("目前使用系统默认的分类类别").contains("id=\"copy\"").contains("稳定脱贫户")
                .doesNotContain("id=\"add-form\"");
        int audits = audits();

        html = after(perform(post(PATH + "/own").with(admin).with(csrf()).param("stamp", stamp(html))), admin);
        assertThat(html).contains("已将默认类别复制为本省的类别表").contains("使用本省自己的分类类别表")
                .contains("id=\"add-form\"").doesNotContain("id=\"copy\"");
        assertThat(rows()).extracting(Row::code).containsExactly("STABLE", "CONTINUED_SUPPORT", "KEY_SUPPORT", "SAFETY_NET");
        assertThat(audits()).isEqualTo(audits + 1);

        // add: only the names are typed, the code is made up, the class goes last; a blank English name takes the Chinese
        html = after(perform(post(PATH).with(admin).with(csrf()).param("stamp", stamp(html))
                .param("nameZh", " 需关注户 ").param("nameEn", "")), admin);
        assertThat(html).contains("已新增类别“需关注户”");
        assertThat(rows().get(4)).isEqualTo(new Row("C5", "需关注户", "需关注户", true, 5));
        assertThat(audits()).isEqualTo(audits + 2);

        // rename, audited old → new
        MvcResult r = perform(get(PATH + "/C5").with(admin));
        assertThat(r.getResponse().getContentAsString()).contains("value=\"需关注户\"");
        html = after(perform(post(PATH + "/C5").with(admin).with(csrf())
                .param("stamp", stamp(r.getResponse().getContentAsString()))
                .param("nameZh", "需密切关注户").param("nameEn", "Needs watching")), admin);
        assertThat(html).contains("类别名称已保存").contains("需密切关注户").contains("Needs watching");
        assertThat(rows().get(4)).isEqualTo(new Row("C5", "需密切关注户", "Needs watching", true, 5));
        assertThat(lastAudit()).contains("需关注户").contains("需密切关注户").contains("C5");

        // up one place: the order is numbered again
        html = after(perform(post(PATH + "/C5/move").with(admin).with(csrf()).param("stamp", stamp(html))
                .param("up", "true")), admin);
        assertThat(rows()).extracting(Row::code)
                .containsExactly("STABLE", "CONTINUED_SUPPORT", "KEY_SUPPORT", "C5", "SAFETY_NET");
        assertThat(rows()).extracting(Row::sort).containsExactly(1, 2, 3, 4, 5);
        assertThat(html.indexOf("需密切关注户")).isLessThan(html.indexOf("兜底保障户"));

        // deactivate, then reactivate
        html = after(perform(post(PATH + "/C5/active").with(admin).with(csrf()).param("stamp", stamp(html))
                .param("active", "false")), admin);
        assertThat(html).contains("已停用“需密切关注户”");
        assertThat(rows().get(3).active()).isFalse();
        assertThat(lastAudit()).contains("true").contains("false");
        html = after(perform(post(PATH + "/C5/active").with(admin).with(csrf()).param("stamp", stamp(html))
                .param("active", "true")), admin);
        assertThat(rows().get(3).active()).isTrue();
        assertThat(audits()).isEqualTo(audits + 6);
        // on the province, by the administrator (the audit log is browsed by area)
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'HOUSEHOLD_CLASS_LIST_UPDATE' "
                + "and area_code = '220000000000' and username = :u").param("u", "l" + me)
                .query(Integer.class).single()).isEqualTo(6);
    }

    @Test
    void aDeactivatedClassStaysOnItsHouseholdsAndIsOfferedNoMore() throws Exception {
        RequestPostProcessor admin = as(Role.ADMIN, PROVINCE);
        RequestPostProcessor monitor = as(Role.VILLAGE_MONITOR, VILLAGE);
        long h = registry.household(VILLAGE).head("停用类别户").formerlyPoor(2017).insert();
        LocalDate today = LocalDate.now(clock);
        perform(post("/households/" + h + "/class").with(monitor).with(csrf()).param("cls", "KEY_SUPPORT")
                .param("on", today.toString()).param("reason", "主要劳动力患病"));
        String before = perform(get("/households/" + h).with(monitor)).getResponse().getContentAsString();
        assertThat(before).contains("value=\"KEY_SUPPORT\"");

        String html = after(perform(post(PATH + "/own").with(admin).with(csrf()).param("stamp", stamp(page(admin)))), admin);
        after(perform(post(PATH + "/KEY_SUPPORT/active").with(admin).with(csrf()).param("stamp", stamp(html))
                .param("active", "false")), admin);
        assertThat(rows()).filteredOn(x -> x.code().equals("KEY_SUPPORT")).extracting(Row::active).containsExactly(false);

        // the household keeps its class, named, and its history
        String page = perform(get("/households/" + h).with(monitor)).getResponse().getContentAsString();
        assertThat(page).contains("需重点帮扶户").contains("主要劳动力患病");
        // … but neither its page nor the worklist offers it for a new classification
        assertThat(page).doesNotContain("value=\"KEY_SUPPORT\"").contains("value=\"STABLE\"");
        String list = perform(get("/households/classes").with(monitor).param("show", "ALL").param("size", "100"))
                .getResponse().getContentAsString();
        String bulk = list.substring(list.indexOf("id=\"bulk-cls\""));
        assertThat(bulk).doesNotContain("value=\"KEY_SUPPORT\"").contains("value=\"STABLE\"");
        // the worklist and its figures still name it, marked as deactivated (its column and the class filter)
        assertThat(list).contains("需重点帮扶户（已停用）").contains("稳定脱贫户<").doesNotContain("稳定脱贫户（已停用）");
        // and a classification with it is refused
        MvcResult r = perform(post("/households/" + h + "/class").with(monitor).with(csrf()).param("cls", "KEY_SUPPORT")
                .param("on", today.toString()).param("reason", "再次分类"));
        assertThat(r.getFlashMap().get("classError")).isEqualTo("classes.class.unknown");
        assertThat(jdbc.sql("select class_code from household_class where household_id = :h and is_current")
                .param("h", h).query(String.class).single()).isEqualTo("KEY_SUPPORT");
        assertThat(jdbc.sql("select count(*) from household_class where household_id = :h").param("h", h)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aCityAdministratorReadsOnlyAndOtherRolesNotAtAll() throws Exception {
        RequestPostProcessor city = as(Role.ADMIN, "220300000000");
        RequestPostProcessor county = as(Role.ADMIN, "220382000000");
        String html = page(city);
        assertThat(html).contains("稳定脱贫户").contains("id=\"read-only\"").doesNotContain("id=\"copy\"")
                .doesNotContain("/active\"");
        String stamp = stamp(page(as(Role.ADMIN, PROVINCE)));
        assertThat(perform(post(PATH + "/own").with(city).with(csrf()).param("stamp", stamp)).getResponse().getStatus())
                .isEqualTo(403);
        assertThat(perform(post(PATH + "/own").with(county).with(csrf()).param("stamp", stamp)).getResponse().getStatus())
                .isEqualTo(403);
        assertThat(rows()).isEmpty();
        // with the province's own list: still nothing they may change
        RequestPostProcessor admin = as(Role.ADMIN, PROVINCE);
        perform(post(PATH + "/own").with(admin).with(csrf()).param("stamp", stamp));
        stamp = stamp(page(admin));
        int audits = audits();
        assertThat(perform(post(PATH).with(city).with(csrf()).param("stamp", stamp).param("nameZh", "市里加的"))
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(perform(post(PATH + "/STABLE").with(city).with(csrf()).param("stamp", stamp).param("nameZh", "改"))
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(perform(post(PATH + "/STABLE/active").with(city).with(csrf()).param("stamp", stamp)
                .param("active", "false")).getResponse().getStatus()).isEqualTo(403);
        assertThat(perform(post(PATH + "/STABLE/move").with(county).with(csrf()).param("stamp", stamp)
                .param("up", "false")).getResponse().getStatus()).isEqualTo(403);
        assertThat(perform(get(PATH + "/STABLE").with(city)).getResponse().getStatus()).isEqualTo(403);
        assertThat(rows()).hasSize(4).allMatch(Row::active);
        assertThat(rows().get(0).nameZh()).isEqualTo("稳定脱贫户");
        assertThat(audits()).isEqualTo(audits);
        // not an administrator: not even the page
        assertThat(perform(get(PATH).with(as(Role.COUNTY_ANALYST, "220382000000"))).getResponse().getStatus()).isEqualTo(403);
        assertThat(perform(get(PATH).with(as(Role.VILLAGE_MONITOR, VILLAGE))).getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void aStaleFormIsRefusedAndNothingStored() throws Exception {
        RequestPostProcessor admin = as(Role.ADMIN, PROVINCE);
        RequestPostProcessor other = as(Role.ADMIN, PROVINCE);
        String html = after(perform(post(PATH + "/own").with(admin).with(csrf()).param("stamp", stamp(page(admin)))), admin);
        String mine = stamp(html);
        String edit = perform(get(PATH + "/STABLE").with(admin)).getResponse().getContentAsString();
        // meanwhile a colleague renames another class
        after(perform(post(PATH + "/SAFETY_NET").with(other).with(csrf()).param("stamp", mine)
                .param("nameZh", "兜底保障户(低保、特困)").param("nameEn", "Social-assistance floor")), other);
        int audits = audits();
        List<Row> before = rows();

        MvcResult r = perform(post(PATH + "/STABLE").with(admin).with(csrf()).param("stamp", stamp(edit))
                .param("nameZh", "稳定户").param("nameEn", "Stable"));
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
        assertThat(r.getResponse().getContentAsString()).contains("分类类别表已被他人修改,您的修改未保存")
                .contains("value=\"稳定户\"");
        r = perform(post(PATH).with(admin).with(csrf()).param("stamp", mine).param("nameZh", "新类别"));
        assertThat(r.getResponse().getStatus()).isEqualTo(409);
        assertThat(r.getResponse().getContentAsString()).contains("分类类别表已被他人修改");
        assertThat(after(perform(post(PATH + "/STABLE/active").with(admin).with(csrf()).param("stamp", mine)
                .param("active", "false")), admin)).contains("分类类别表已被他人修改");
        assertThat(after(perform(post(PATH + "/STABLE/move").with(admin).with(csrf()).param("stamp", mine)
                .param("up", "false")), admin)).contains("分类类别表已被他人修改");
        // a second "use our own list" from a page read before the first
        assertThat(after(perform(post(PATH + "/own").with(admin).with(csrf()).param("stamp", "00:x")), admin))
                .contains("分类类别表已被他人修改");
        assertThat(perform(post(PATH).with(admin).with(csrf()).param("nameZh", "无标记")).getResponse().getStatus())
                .isEqualTo(409);
        assertThat(rows()).isEqualTo(before);
        assertThat(audits()).isEqualTo(audits);
    }

    @Test
    void badNamesAreSaidBesideTheirField() throws Exception {
        RequestPostProcessor admin = as(Role.ADMIN, PROVINCE);
        String html = after(perform(post(PATH + "/own").with(admin).with(csrf()).param("stamp", stamp(page(admin)))), admin);
        String stamp = stamp(html);
        int audits = audits();
        MvcResult r = perform(post(PATH).with(admin).with(csrf()).param("stamp", stamp).param("nameZh", "  "));
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(besideField(r, "nameZh")).isEqualTo("请填写中文名称。");
        r = perform(post(PATH).with(admin).with(csrf()).param("stamp", stamp).param("nameZh", "长".repeat(31)));
        assertThat(besideField(r, "nameZh")).isEqualTo("中文名称不能超过30个字。");
        r = perform(post(PATH).with(admin).with(csrf()).param("stamp", stamp).param("nameZh", "兜底保障户"));
        assertThat(besideField(r, "nameZh")).isEqualTo("本省已有名为“兜底保障户”的类别(含已停用的),请换一个名称。");
        r = perform(post(PATH).with(admin).with(csrf()).param("stamp", stamp).param("nameZh", "新类别")
                .param("nameEn", "stably OUT of poverty"));
        assertThat(besideField(r, "nameEn")).isEqualTo("本省已有英文名称为“stably OUT of poverty”的类别(含已停用的),请换一个名称。");
        r = perform(post(PATH).with(admin).with(csrf()).param("stamp", stamp).param("nameZh", "新类别")
                .param("nameEn", "x".repeat(81)));
        assertThat(besideField(r, "nameEn")).isEqualTo("英文名称不能超过80个字符。");
        // a rename to another class's name, in the rename form
        r = perform(post(PATH + "/STABLE").with(admin).with(csrf()).param("stamp", stamp).param("nameZh", "兜底保障户"));
        assertThat(r.getResponse().getStatus()).isEqualTo(400);
        assertThat(besideField(r, "nameZh")).contains("兜底保障户");
        // the last active class stays
        for (String c : List.of("STABLE", "CONTINUED_SUPPORT", "KEY_SUPPORT")) {
            after(perform(post(PATH + "/" + c + "/active").with(admin).with(csrf()).param("stamp", stamp(page(admin)))
                    .param("active", "false")), admin);
        }
        assertThat(after(perform(post(PATH + "/SAFETY_NET/active").with(admin).with(csrf())
                .param("stamp", stamp(page(admin))).param("active", "false")), admin))
                .contains("“兜底保障户”是唯一启用的类别,不能停用");
        assertThat(rows()).filteredOn(Row::active).extracting(Row::code).containsExactly("SAFETY_NET");
        assertThat(rows()).hasSize(4);
        assertThat(audits()).isEqualTo(audits + 3);
    }

    /** The message beside the field (its {@code <p id="field-error">}). */
    static String besideField(MvcResult r, String field) throws Exception {
        String html = r.getResponse().getContentAsString();
        Matcher m = Pattern.compile("id=\"" + field + "-error\">([^<]*)<").matcher(html);
        assertThat(m.find()).as("an error beside " + field).isTrue();
        return m.group(1);
    }
}
