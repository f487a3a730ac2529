package cn.shouwang.server.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.core.area.DivisionFile;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.area.AreaImportApi;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The registry through its pages and API on embedded PostgreSQL: area scope, id-number rules, optimistic
 * locking, audited reveals. Shares the one demo-profile server of {@link ServerTest}.
 */
class RegistryWebTest extends ServerTest {
    @Autowired AreaImportApi importer;

    String villageA;
    String villageB;

    @BeforeEach
    void villages() {
        List<String> villages = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' order by code limit 2""")
                .query(String.class).list();
        villageA = villages.get(0);
        villageB = villages.get(1);
    }

    static RequestPostProcessor as(Role role, String area) {
        return user(new AccountPrincipal(new CurrentUser(99, "t-" + role + area, "测试", role, new AreaScope(area)),
                "{noop}x", false, true));
    }

    static String newId(String village) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1940 + r.nextInt(60), 1 + r.nextInt(12), 1 + r.nextInt(28));
        String s17 = village.substring(0, 6) + birth.toString().replace("-", "") + (100 + r.nextInt(900));
        return s17 + IdNumber.checkCharacter(s17);
    }

    long households() {
        return jdbc.sql("select count(*) from household").query(Long.class).single();
    }

    long createHousehold(String village, String name, String id, String address) throws Exception {
        var response = mvc.perform(post("/households").with(as(Role.VILLAGE_MONITOR, village)).with(csrf())
                        .param("household.villageCode", village).param("household.address", address)
                        .param("household.phone", "13812345678")
                        .param("headName", name).param("headIdNumber", id))
                .andReturn().getResponse();
        assertThat(response.getStatus()).as(() -> errorsIn(response)).isEqualTo(302);
        String location = response.getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    static String errorsIn(org.springframework.mock.web.MockHttpServletResponse r) {
        try {
            var m = java.util.regex.Pattern.compile("class=\"(field-error|alert)\">([^<]*)<").matcher(r.getContentAsString());
            StringBuilder sb = new StringBuilder();
            while (m.find()) sb.append(m.group(2)).append("; ");
            return sb.toString();
        } catch (java.io.UnsupportedEncodingException e) {
            return e.toString();
        }
    }

    @Test
    void aVillageMonitorSeesOwnVillageOnlyInPagesSearchAndApi() throws Exception {
        String id = newId(villageA);
        long hid = createHousehold(villageA, "范测试", id, "一组3号");

        String page = mvc.perform(get("/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageA)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains(IdNumber.mask(id)).doesNotContain(id).contains("138****5678").doesNotContain("13812345678");

        mvc.perform(get("/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageB))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageB))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/members").param("idNumber", id).with(as(Role.VILLAGE_MONITOR, villageB)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageA))).andExpect(status().isOk());

        String own = mvc.perform(get("/households").param("q", "范测试").with(as(Role.VILLAGE_MONITOR, villageA)))
                .andReturn().getResponse().getContentAsString();
        String other = mvc.perform(get("/households").param("q", "范测试").with(as(Role.VILLAGE_MONITOR, villageB)))
                .andReturn().getResponse().getContentAsString();
        String no = jdbc.sql("select household_no from household where id = :id").param("id", hid).query(String.class).single();
        assertThat(own).contains(no);
        assertThat(other).doesNotContain(no);
        String byId = mvc.perform(get("/households").param("q", id).with(as(Role.COUNTY_ANALYST, villageA.substring(0, 6) + "000000")))
                .andReturn().getResponse().getContentAsString();
        assertThat(byId).contains(no);
    }

    @Test
    void aWrongCheckCharacterIsShownBesideTheFieldAndNothingIsSaved() throws Exception {
        String id = newId(villageA);
        String wrong = id.substring(0, 17) + (id.charAt(17) == '0' ? '1' : '0');
        long before = households();
        String html = mvc.perform(post("/households").with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf())
                        .param("household.villageCode", villageA).param("household.address", "二组8号")
                        .param("headName", "郑测试").param("headIdNumber", wrong))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("身份证号校验位不正确").contains("二组8号").contains("郑测试");
        assertThat(households()).isEqualTo(before);
    }

    @Test
    void anIdNumberBelongsToOneHouseholdOnly() throws Exception {
        String id = newId(villageA);
        createHousehold(villageA, "甲测试", id, "一组1号");
        long before = households();
        String html = mvc.perform(post("/households").with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf())
                        .param("household.villageCode", villageA).param("headName", "乙测试").param("headIdNumber", id))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("该身份证号已登记在户");
        assertThat(households()).isEqualTo(before);
        // the API says the same, as a problem detail on the field
        String json = mvc.perform(post("/api/v1/households").with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"household\":{\"villageCode\":\"" + villageA + "\"},\"headName\":\"乙\",\"headIdNumber\":\"" + id + "\"}"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("headIdNumber");
    }

    @Test
    void theSecondOfTwoConcurrentEditsIsRefusedAndOverwritesNothing() throws Exception {
        long hid = createHousehold(villageA, "丙测试", newId(villageA), "旧地址");
        mvc.perform(post("/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf())
                        .param("villageCode", villageA).param("address", "第一个人写的").param("version", "0"))
                .andExpect(status().is3xxRedirection());
        String html = mvc.perform(post("/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf())
                        .param("villageCode", villageA).param("address", "第二个人写的").param("version", "0"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("别人在您打开此页之后修改了").contains("第二个人写的");
        assertThat(jdbc.sql("select address from household where id = :id").param("id", hid).query(String.class).single())
                .isEqualTo("第一个人写的");
        // the history shows the first change with old and new values
        String detail = mvc.perform(get("/households/" + hid).with(as(Role.VILLAGE_MONITOR, villageA)))
                .andReturn().getResponse().getContentAsString();
        assertThat(detail).contains("旧地址 → 第一个人写的");
    }

    @Test
    void showingAnIdNumberInFullIsAuditedAndTheLogCannotBeRewritten() throws Exception {
        String id = newId(villageA);
        long hid = createHousehold(villageA, "丁测试", id, "三组");
        long mid = jdbc.sql("select id from member where household_id = :h").param("h", hid).query(Long.class).single();
        String shown = mvc.perform(post("/households/" + hid + "/members/" + mid + "/id-number")
                        .with(as(Role.VILLAGE_MONITOR, villageA)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(shown).contains(id);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ID_NUMBER_VIEW' and member_id = :m")
                .param("m", mid).query(Long.class).single()).isEqualTo(1);
        mvc.perform(post("/households/" + hid + "/members/" + mid + "/id-number")
                .with(as(Role.VILLAGE_MONITOR, villageB)).with(csrf())).andExpect(status().isNotFound());
        assertThatThrownBy(() -> jdbc.sql("update audit_event set username = 'x' where member_id = :m").param("m", mid).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event where member_id = :m").param("m", mid).update())
                .hasMessageContaining("append-only");
        // nothing stored in clear
        assertThat(jdbc.sql("select count(*) from member where encode(id_number_enc, 'escape') like :p")
                .param("p", "%" + id.substring(6, 14) + "%").query(Long.class).single()).isZero();
    }

    @Test
    void anEditionWithABadRowIsRefusedWhole() throws Exception {
        long editions = jdbc.sql("select count(*) from area_edition").query(Long.class).single();
        DivisionFile.Result bad = DivisionFile.read(new StringReader("""
                code,name,level,parent_code,urban_rural_code
                220000000000,吉林省,province,,
                220300000000,四平市,city,220000000000,
                22030X000000,坏代码,county,220300000000,
                """), "bad.csv");
        AreaImportApi.Outcome o = importer.importEdition("test-bad", bad, false, "test");
        assertThat(o.ok()).isFalse();
        assertThat(o.problems()).anySatisfy(p -> assertThat(p.line()).isEqualTo(4));
        assertThat(jdbc.sql("select count(*) from area_edition").query(Long.class).single()).isEqualTo(editions);
    }
}
