package cn.shouwang.server.socialassistance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The civil-affairs list: imported whole (GB18030 CSV with a title line) or refused whole (a bad row; an XLSX written
 * by LibreOffice with id numbers stored as numbers), the problems said with file, sheet, line and column and
 * downloadable; the reconciliation's counts against the database.
 */
class CivilListWebTest extends ServerTest {
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;

    String township;
    String village;
    long account;

    @BeforeEach
    void area() {
        List<String> vs = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220322%' and code not like '220322103%' order by code desc offset 3 limit 1""")
                .query(String.class).list();
        village = vs.get(0);
        township = village.substring(0, 9) + "000";
        account = jdbc.sql("select id from account where username = 'county'").query(Long.class).single();
    }

    RequestPostProcessor as(Role role, String area) {
        return user(new AccountPrincipal(new CurrentUser(account, "county", "test", role, new AreaScope(area)),
                "{noop}x", false, true));
    }

    String upload(String name, byte[] bytes, RequestPostProcessor who) throws Exception {
        var result = mvc.perform(multipart("/social-assistance/civil-list")
                        .file(new MockMultipartFile("file", name, "application/octet-stream", bytes))
                        .locale(ZH).with(who).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        // the sentence the redirect carries (flash), then the page it leads to
        var flash = result.getFlashMap();
        String said = String.valueOf(flash.getOrDefault("done", "")) + flash.getOrDefault("error", "");
        return said + mvc.perform(get(result.getResponse().getRedirectedUrl()).locale(ZH).with(who))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    int rows(String area) {
        return jdbc.sql("select count(*) from civil_list_row where area_code like :a").param("a", new AreaScope(area).likePattern())
                .query(Integer.class).single();
    }

    @Test
    void aGoodFileIsImportedWholeABadOneRefusedWholeAndTheReconciliationCountsAgree() throws Exception {
        String monitoredId = registry.newIdNumber("220322");
        String plainId = registry.newIdNumber("220322");
        long monitored = registry.household(village).head("赵监测").idNumber(monitoredId).insert();
        long plain = registry.household(village).head("钱低保").idNumber(plainId).insert();
        casework.monitored(monitored, village, "赵监测").insert();
        long another = registry.household(village).head("孙漏报").insert();
        casework.monitored(another, village, "孙漏报").insert();
        String stranger = registry.newIdNumber("220322");
        assertThat(registry.registered(stranger)).isFalse();

        String csv = """
                梨树县民政局低收入人口名单（2026年11月）
                身份证号,姓名,类别,救助类别,金额,起始日期
                %s,赵监测,防止返贫致贫对象,,,2025-04-01
                %s,钱低保,低保,低保金,420.00,2024年3月1日
                %s,外来人,低保边缘,,,2026/1/1
                """.formatted(monitoredId, plainId, stranger);
        RequestPostProcessor county = as(Role.COUNTY_ANALYST, township);
        String page = upload("民政名单.csv", csv.getBytes(Charset.forName("GB18030")), county);
        assertThat(page).contains("已导入 3 人，其中 2 人在本区域农户档案中");
        assertThat(rows(township)).isEqualTo(3);
        // the registered person on the 低保 list got the layer, from the civil-affairs list; the monitored one none
        assertThat(jdbc.sql("select layer || '/' || source from low_income_layer where household_id = :h").param("h", plain)
                .query(String.class).list()).containsExactly("MINIMUM_LIVING/CIVIL_AFFAIRS");
        assertThat(jdbc.sql("select count(*) from low_income_layer where household_id = :h").param("h", monitored)
                .query(Integer.class).single()).isZero();

        String report = mvc.perform(get("/social-assistance/reconciliation").locale(ZH).with(county))
                .andReturn().getResponse().getContentAsString();
        long monitoredInTownship = jdbc.sql("select count(*) from monitored_household where village_code like :t and status = 'MONITORED'")
                .param("t", township.substring(0, 9) + "%").query(Long.class).single();
        org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(report);
        var total = doc.select("#total-row th");
        assertThat(total.get(1).text()).isEqualTo("1");                                   // the stranger
        assertThat(total.get(2).text()).isEqualTo("1");                                   // 钱低保, not monitored
        assertThat(total.get(3).text()).isEqualTo(String.valueOf(monitoredInTownship - 1)); // all but 赵监测
        assertThat(doc.select("#differences tr[data-difference=MONITORED_MISSING]").text()).contains("孙漏报").doesNotContain("赵监测");
        assertThat(doc.select("#differences a[href=/social-assistance/households/" + plain + "]")).hasSize(1);
        assertThat(report).doesNotContain(stranger);

        // one bad row among good ones: nothing of the file is kept, the earlier list stays
        String bad = """
                身份证号,姓名,类别
                %s,钱低保,低保
                %s,错号,低保
                %s,孙漏报,五保
                """.formatted(plainId, plainId.substring(0, 17) + (plainId.charAt(17) == '1' ? '2' : '1'),
                registry.newIdNumber("220322"));
        String refused = upload("bad.csv", bad.getBytes(StandardCharsets.UTF_8), county);
        assertThat(refused).contains("整份文件未导入", "文件 bad.csv 工作表", "第 3 行 A 列（身份证号）", "第 4 行 C 列（类别）", "五保");
        assertThat(rows(township)).isEqualTo(3);
        long refusedId = jdbc.sql("select max(id) from civil_list_import where status = 'REFUSED'").query(Long.class).single();
        Sheet problems = new XSSFWorkbook(new ByteArrayInputStream(mvc.perform(get("/social-assistance/civil-list/" + refusedId
                + "/problems").locale(ZH).with(county)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray())).getSheetAt(0);
        assertThat(problems.getLastRowNum()).isEqualTo(2);
        assertThat(problems.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(3.0);
        assertThat(problems.getRow(1).getCell(2).getStringCellValue()).isEqualTo("A");

        // another area sees neither the imports nor the problems; a village monitor cannot import
        String otherTownship = jdbc.sql("select code from area where level = 4 and code like '220322%' and code <> :t "
                + "and edition_id = (select id from area_edition where is_current) order by code limit 1")
                .param("t", township).query(String.class).single();
        mvc.perform(get("/social-assistance/civil-list/" + refusedId + "/problems").with(as(Role.COUNTY_ANALYST, otherTownship)))
                .andExpect(status().isNotFound());
        mvc.perform(multipart("/social-assistance/civil-list").file(new MockMultipartFile("file", "x.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8))).with(as(Role.VILLAGE_MONITOR, village)).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(rows(township)).isEqualTo(3);
    }

    @Test
    void anXlsxFromLibreOfficeWithIdNumbersStoredAsNumbersIsRefused(@TempDir Path dir) throws Exception {
        String id = registry.newIdNumber("220322");
        // digits only (an X check character would stay text): the spreadsheet takes it for a number
        while (id.endsWith("X")) id = registry.newIdNumber("220322");
        Path csv = dir.resolve("list.csv");
        Files.writeString(csv, "低收入人口名单\n身份证号,姓名,类别\n" + id + ",周数字,低保\n", StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("soffice", "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx",
                "--outdir", dir.toString(), csv.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        Path xlsx = dir.resolve("list.xlsx");
        assertThat(xlsx).exists();
        int before = rows(township);
        String page = upload("list.xlsx", Files.readAllBytes(xlsx), as(Role.COUNTY_ANALYST, township));
        assertThat(page).contains("整份文件未导入", "第 3 行 A 列（身份证号）", "存成了数字");
        assertThat(rows(township)).isEqualTo(before);
    }
}
