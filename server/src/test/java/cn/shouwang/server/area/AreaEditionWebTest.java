package cn.shouwang.server.area;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 系统管理 › 行政区划 › 导入: a GBK division file is read as Chinese; a file garbled by a wrong conversion is refused
 * naming file and line, nothing stored; an edition loaded by mistake is deleted (confirmed, audited) only while no
 * household refers to it, and not while it is the current one.
 */
class AreaEditionWebTest extends ServerTest {
    static final AtomicLong IDS = new AtomicLong(880_000);
    static final Charset GB18030 = Charset.forName("GB18030");
    /** A path down to a village of 梨树镇 that the registry's fixtures use. */
    static final String VILLAGE = "220322100201";
    static final String EDITION_CSV = """
            code,name,level,parent_code,urban_rural_code
            220000000000,吉林省,province,,
            220300000000,四平市,city,220000000000,
            220322000000,梨树县,county,220300000000,
            220322100000,梨树镇,township,220322000000,
            220322100201,霍家店村民委员会,village,220322100000,220
            """;

    @Autowired RegistryFixtures registry;
    @Autowired AreaFixtures areas;

    static RequestPostProcessor admin() {
        long id = IDS.incrementAndGet();
        return user(new AccountPrincipal(new CurrentUser(id, "t" + id, "admin" + id, Role.ADMIN, new AreaScope("220000000000")),
                "x", false, true));
    }

    String importFile(String edition, String fileName, byte[] content, int status) throws Exception {
        return mvc.perform(multipart("/areas/import").file(new MockMultipartFile("file", fileName, "text/csv", content))
                        .param("edition", edition).with(admin()).with(csrf()))
                .andExpect(status().is(status)).andReturn().getResponse().getContentAsString();
    }

    Integer edition(String name) {
        return jdbc.sql("select id from area_edition where name = :n").param("n", name).query(Integer.class).optional().orElse(null);
    }

    @Test
    void aGbkFileIsImportedWithItsChineseNames() throws Exception {
        String name = "gbk-" + System.nanoTime();
        String html = importFile(name, "区划2024.csv", EDITION_CSV.getBytes(GB18030), 200);
        assertThat(html).contains("已导入版本 " + name + ",共 5 个区划");
        assertThat(jdbc.sql("select name from area where edition_id = :e order by code").param("e", edition(name))
                .query(String.class).list()).containsExactly("吉林省", "四平市", "梨树县", "梨树镇", "霍家店村民委员会");
    }

    @Test
    void aFileGarbledByAWrongConversionIsRefusedNamingFileAndLine() throws Exception {
        String name = "latin1-" + System.nanoTime();
        // GBK bytes read as Latin-1 and saved as UTF-8: 吉林省 → ¼ªÁÖÊ¡
        String garbled = new String(EDITION_CSV.getBytes(GB18030), StandardCharsets.ISO_8859_1);
        String html = importFile(name, "区划.csv", garbled.getBytes(StandardCharsets.UTF_8), 200);
        assertThat(html).contains("文件“区划.csv”第2行的名称“¼ªÁÖÊ¡”不是可识别的中文，文件的编码可能有误，未导入任何数据");
        assertThat(edition(name)).isNull();
        // replacement characters, as a GBK file once decoded as UTF-8 left them
        String replaced = EDITION_CSV.replace("吉林省", "\uFFFD\uFFFD\uFFFD\u02A1");
        html = importFile(name, "replaced.csv", replaced.getBytes(StandardCharsets.UTF_8), 200);
        assertThat(html).contains("文件“replaced.csv”第2行的名称");
        assertThat(edition(name)).isNull();
    }

    @Test
    void everyRowProblemIsSaidInChineseWithFileLineAndValue() throws Exception {
        String name = "bad-" + System.nanoTime();
        String bad = EDITION_CSV.replace("220322000000,梨树县,county", "22032200000,梨树县,county")
                .replace("220322100000,梨树镇,township", "220322100000,梨树镇,town")
                + "220322100201,霍家店村,village,220322100000,220\n";
        String html = importFile(name, "坏区划.csv", bad.getBytes(GB18030), 200);
        assertThat(html).contains("文件“坏区划.csv”第4行：区划代码“22032200000”不是12位数字代码",
                "文件“坏区划.csv”第5行：级别“town”不是 province、city、county、township、village 之一",
                "文件“坏区划.csv”第7行：区划代码与第6行重复");
        assertThat(html).doesNotContain("not a 12-digit", "duplicate of line");
        assertThat(edition(name)).isNull();
    }

    @Test
    void anEditionIsDeletedOnlyWhileNoHouseholdRefersToIt() throws Exception {
        String name = "mistake-" + System.nanoTime();
        importFile(name, "mistake.csv", EDITION_CSV.getBytes(StandardCharsets.UTF_8), 200);
        int id = edition(name);
        // asked first, on a page of its own
        String confirm = mvc.perform(get("/areas/editions/{id}/delete", id).with(admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(confirm).contains("删除区划版本“" + name + "”及其 5 个区划？");
        assertThat(edition(name)).isEqualTo(id);

        long household = registry.household(VILLAGE).insert();
        int current = areas.currentEdition();
        jdbc.sql("update household set area_edition_id = :e where id = :h").param("e", id).param("h", household).update();
        try {
            String html = mvc.perform(post("/areas/editions/{id}/delete", id).with(admin()).with(csrf()))
                    .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
            assertThat(html).contains("未删除区划版本“" + name + "”：已有农户登记在该版本的区划下。");
            assertThat(edition(name)).isEqualTo(id);
        } finally {
            jdbc.sql("update household set area_edition_id = :e where id = :h").param("e", current).param("h", household).update();
        }

        mvc.perform(post("/areas/editions/{id}/delete", id).with(admin()).with(csrf()))
                .andExpect(status().isFound()).andReturn();
        assertThat(edition(name)).isNull();
        assertThat(jdbc.sql("select count(*) from area where edition_id = :e").param("e", id).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'AREA_EDITION_DELETE' and detail like :d")
                .param("d", "edition " + name + " %").query(Long.class).single()).isOne();
    }

    @Test
    void theCurrentEditionIsNotDeletedAndOnlyAdministratorsDelete() throws Exception {
        String name = "idle-" + System.nanoTime();
        int idle = areas.idleEdition(name);
        int current = areas.currentEdition();
        String html = mvc.perform(post("/areas/editions/{id}/delete", current).with(admin()).with(csrf()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("它是当前版本；请先将另一个版本设为当前版本，再删除它。");
        long id = IDS.incrementAndGet();
        RequestPostProcessor analyst = user(new AccountPrincipal(new CurrentUser(id, "t" + id, "a" + id, Role.CITY_ANALYST,
                new AreaScope("220300000000")), "x", false, true));
        mvc.perform(post("/areas/editions/{id}/delete", idle).with(analyst).with(csrf())).andExpect(status().isForbidden());
        assertThat(edition(name)).isEqualTo(idle);
    }
}
