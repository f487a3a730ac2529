package cn.shouwang.server.villagearchive;

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
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.RegistryFixtures;
import cn.shouwang.server.villagearchive.documents.Documents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * 一村一档 at its boundaries: a file's type read from its content (a PNG renamed .pdf, an empty file, one over the
 * size), the upload's row and file together or neither, the scope of every endpoint from a sibling village, the roles,
 * the gathering of every module's village figures, the checklist's completeness and the village list's Excel export.
 */
class VillageArchiveWebTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired Documents documents;
    @Autowired HouseholdApi households;
    /** The schema owner: only it may put a trigger on the table (the server's role writes rows). */
    @Autowired cn.shouwang.server.platform.OwnerDatabase owner;

    String village;
    String sibling;
    String township;

    @BeforeEach
    void villages() throws Exception {
        // a township of 双辽 far from the demo's and other tests' villages; two villages of it
        List<String> vs = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '220382%' order by code offset 20 limit 2""").query(String.class).list();
        village = vs.get(0);
        sibling = vs.get(1);
        assertThat(sibling.substring(0, 9)).as("siblings of one township").isEqualTo(village.substring(0, 9));
        township = village.substring(0, 9) + "000";
        jdbc.sql("delete from checklist_status where village_code in (:v)").param("v", List.of(village, sibling)).update();
        jdbc.sql("delete from village_document where village_code in (:v)").param("v", List.of(village, sibling)).update();
        jdbc.sql("delete from collective_income where village_code in (:v)").param("v", List.of(village, sibling)).update();
        // files of an earlier run of the tests (the data directory outlives the database)
        cn.shouwang.server.platform.PrivateFiles.deleteTree(documents.directory(village));
        cn.shouwang.server.platform.PrivateFiles.deleteTree(documents.directory(sibling));
    }

    static RequestPostProcessor as(Role role, String area) {
        return user(new AccountPrincipal(new CurrentUser(1L, role.name().toLowerCase(Locale.ROOT), "测试" + role, role,
                new AreaScope(area)), "{noop}x", false, true));
    }

    RequestPostProcessor monitor() {
        return as(Role.VILLAGE_MONITOR, village);
    }

    static byte[] png() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }

    String upload(RequestPostProcessor who, String code, String fileName, byte[] content, String title) throws Exception {
        var r = mvc.perform(multipart("/villages/" + code + "/documents")
                        .file(new MockMultipartFile("file", fileName, "application/octet-stream", content))
                        .param("docType", "PHOTO").param("title", title).param("docDate", "2026-03-01")
                        .with(who).with(csrf()).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn();
        Object errors = r.getFlashMap().get("docErrors");
        return errors == null ? "" : errors.toString();
    }

    long documentsOf(String code) {
        return jdbc.sql("select count(*) from village_document where village_code = :v").param("v", code)
                .query(Long.class).single();
    }

    long filesOf(String code) throws Exception {
        Path dir = documents.directory(code);
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void theTypeIsReadFromTheContentNotTheName() throws Exception {
        byte[] png = png();
        assertThat(upload(monitor(), village, "会议照片.pdf", png, "改名的图片"))
                .contains("会议照片.pdf", "PNG 图片", "PDF 文件", "不符");
        assertThat(upload(monitor(), village, "空.txt", new byte[0], "空文件")).contains("空.txt", "是空的");
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        Arrays.fill(big, (byte) 'a');
        assertThat(upload(monitor(), village, "大.txt", big, "太大")).contains("大.txt", "超过了每个文件 10 MB");
        assertThat(upload(monitor(), village, "程序.exe", new byte[] {'M', 'Z', 0, 0, 1, 2}, "程序"))
                .contains("程序.exe", "无法识别");
        // a ZIP that is no Office file is unknown too
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (var z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
            z.write("x".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(upload(monitor(), village, "表格.xlsx", zip.toByteArray(), "假表格")).contains("无法识别");
        assertThat(documentsOf(village)).isZero();
        assertThat(filesOf(village)).isZero();

        // what it claims: stored, listed, and downloaded as it was
        assertThat(upload(monitor(), village, "照片.png", png, "村部照片")).isEmpty();
        byte[] text = "村规民约\n第一条".getBytes(StandardCharsets.UTF_8);
        assertThat(upload(monitor(), village, "村规.txt", text, "村规民约")).isEmpty();
        assertThat(documentsOf(village)).isEqualTo(2);
        assertThat(filesOf(village)).isEqualTo(2);
        long id = jdbc.sql("select id from village_document where village_code = :v and content_kind = 'TEXT'")
                .param("v", village).query(Long.class).single();
        var res = mvc.perform(get("/villages/" + village + "/documents/" + id).with(monitor()))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(res.getContentAsByteArray()).isEqualTo(text);
        assertThat(res.getContentType()).startsWith("text/plain");
        // kept sealed on disk: not the text in clear
        try (Stream<Path> s = Files.list(documents.directory(village))) {
            for (Path p : s.toList()) assertThat(new String(Files.readAllBytes(p), StandardCharsets.UTF_8)).doesNotContain("村规民约");
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'VILLAGE_DOCUMENT_DOWNLOAD' and area_code = :v")
                .param("v", village).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anUploadKeepsItsRowAndFileTogetherOrNeither() throws Exception {
        // the row cannot be written (a trigger refuses it): the file written before must be gone too
        owner.jdbc().sql("""
                create or replace function villagearchive.refuse_test_document() returns trigger language plpgsql as $$
                begin if new.title = '原子性' then raise exception 'refused for the test'; end if; return new; end $$""").update();
        owner.jdbc().sql("""
                create trigger refuse_test_document before insert on villagearchive.village_document
                for each row execute function villagearchive.refuse_test_document()""").update();
        try {
            mvc.perform(multipart("/villages/" + village + "/documents")
                    .file(new MockMultipartFile("file", "a.png", "image/png", png()))
                    .param("docType", "PHOTO").param("title", "原子性").param("docDate", "2026-03-01")
                    .with(monitor()).with(csrf()));
        } catch (Exception expected) {
            // the failure may surface as the servlet's exception
        } finally {
            owner.jdbc().sql("drop trigger refuse_test_document on villagearchive.village_document").update();
            owner.jdbc().sql("drop function villagearchive.refuse_test_document()").update();
        }
        assertThat(documentsOf(village)).isZero();
        assertThat(filesOf(village)).isZero();

        // the file cannot be written (its folder is a file): no row either
        Files.createDirectories(documents.directory(village).getParent());
        Files.deleteIfExists(documents.directory(sibling));
        Files.writeString(documents.directory(sibling), "not a folder");
        try {
            try {
                mvc.perform(multipart("/villages/" + sibling + "/documents")
                        .file(new MockMultipartFile("file", "a.png", "image/png", png()))
                        .param("docType", "PHOTO").param("title", "写不进").param("docDate", "2026-03-01")
                        .with(as(Role.VILLAGE_MONITOR, sibling)).with(csrf()));
            } catch (Exception expected) {
                // as above
            }
            assertThat(documentsOf(sibling)).isZero();
        } finally {
            Files.deleteIfExists(documents.directory(sibling));
        }
    }

    @Test
    void aSiblingVillageSeesNothingAndChangesNothing() throws Exception {
        assertThat(upload(monitor(), village, "村规.txt", "第一条".getBytes(StandardCharsets.UTF_8), "村规")).isEmpty();
        long id = jdbc.sql("select id from village_document where village_code = :v").param("v", village)
                .query(Long.class).single();
        RequestPostProcessor other = as(Role.VILLAGE_MONITOR, sibling);
        mvc.perform(get("/villages/" + village).with(other)).andExpect(status().isNotFound());
        mvc.perform(get("/villages/" + village + "/documents/" + id).with(other)).andExpect(status().isNotFound());
        // the document's number under the sibling's own village: not its document either
        mvc.perform(get("/villages/" + sibling + "/documents/" + id).with(other)).andExpect(status().isNotFound());
        mvc.perform(multipart("/villages/" + village + "/documents")
                        .file(new MockMultipartFile("file", "b.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8)))
                        .param("docType", "OTHER").param("title", "越权").param("docDate", "2026-03-01")
                        .with(other).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/villages/" + village + "/checklist/VILLAGE_PLAN").param("status", "MET")
                .with(other).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/villages/" + village + "/income").param("year", "2025").param("operating", "1")
                .param("assetRent", "0").param("dividends", "0").param("other", "0").param("version", "-1")
                .with(other).with(csrf())).andExpect(status().isNotFound());
        RequestPostProcessor otherCounty = as(Role.COUNTY_ANALYST, "220322000000");
        mvc.perform(post("/villages/" + village + "/documents/" + id + "/delete").with(otherCounty).with(csrf()))
                .andExpect(status().isNotFound());
        // the village list of the sibling does not count the village's document
        String list = mvc.perform(get("/villages").with(as(Role.COUNTY_ANALYST, "220322000000")))
                .andReturn().getResponse().getContentAsString();
        assertThat(list).doesNotContain("data-village=\"" + village + "\"");

        // roles: the village monitor may not delete, a city analyst reads but writes nothing, a data officer sees nothing
        mvc.perform(post("/villages/" + village + "/documents/" + id + "/delete").with(monitor()).with(csrf()))
                .andExpect(status().isForbidden());
        RequestPostProcessor city = as(Role.CITY_ANALYST, village.substring(0, 4) + "00000000");
        mvc.perform(get("/villages/" + village).with(city)).andExpect(status().isOk());
        mvc.perform(post("/villages/" + village + "/checklist/VILLAGE_PLAN").param("status", "MET").with(city).with(csrf()))
                .andExpect(status().isForbidden());
        RequestPostProcessor officer = as(Role.DATA_OFFICER, village.substring(0, 6) + "000000");
        assertThat(mvc.perform(get("/villages/" + village).with(officer)).andReturn().getResponse().getStatus())
                .isIn(403, 404);
        assertThat(documentsOf(village)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from checklist_status where village_code = :v").param("v", village)
                .query(Long.class).single()).isZero();

        // the county deletes: row, then file
        RequestPostProcessor county = as(Role.COUNTY_ANALYST, village.substring(0, 6) + "000000");
        mvc.perform(post("/villages/" + village + "/documents/" + id + "/delete").with(county).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(documentsOf(village)).isZero();
        assertThat(filesOf(village)).isZero();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'VILLAGE_DOCUMENT_DELETE' and area_code = :v")
                .param("v", village).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theVillagePageGathersEveryModulesFigures() throws Exception {
        long h = registry.household(village).head("王档案").insert();
        TestVillageFigures.ANSWERS_FOR.set(village);
        TestVillageFigures.FAILS_FOR.set("");
        try {
            String page = mvc.perform(get("/villages/" + village).param("year", "2025").with(monitor())
                            .locale(Locale.SIMPLIFIED_CHINESE))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            HouseholdApi.Counts c = households.counts(new AreaScope(village));
            assertThat(c.households()).isPositive();
            assertThat(page).contains(c.households() + " 户，" + c.persons() + " 人", "未办结线索");
            // the test module's heading and both lines, the link kept, and the archive's own lines
            assertThat(page).contains("data-group=\"nav.projects\"", "7 / 2025", "/projects?village=" + village, "123.45",
                    "档案资料（份）", "“九有六无”达标项");
            // a module that fails leaves the page standing
            TestVillageFigures.FAILS_FOR.set(village);
            String without = mvc.perform(get("/villages/" + village).with(monitor()).locale(Locale.SIMPLIFIED_CHINESE))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(without).doesNotContain("data-group=\"nav.projects\"").contains("档案资料（份）");
        } finally {
            TestVillageFigures.ANSWERS_FOR.set("");
            TestVillageFigures.FAILS_FOR.set("");
        }
        assertThat(h).isPositive();
    }

    long met(String code) {
        return jdbc.sql("select count(*) from checklist_status where village_code = :v and status = 'MET'")
                .param("v", code).query(Long.class).single();
    }

    @Test
    void checklistCompletenessCountsMetOfTheApplicable() throws Exception {
        long items = jdbc.sql("select count(*) from archive_code where kind = 'CHECK_ITEM' and active").query(Long.class).single();
        mvc.perform(post("/villages/" + village + "/checklist/VILLAGE_PLAN").param("status", "MET").param("note", "已编制")
                .param("version", "-1").with(monitor()).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(post("/villages/" + village + "/checklist/MORAL_BANK").param("status", "NOT_APPLICABLE")
                .param("version", "-1").with(monitor()).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(post("/villages/" + village + "/checklist/CLEAN_HOMES").param("status", "NOT_MET")
                .param("version", "-1").with(monitor()).with(csrf())).andExpect(status().is3xxRedirection());
        String page = mvc.perform(get("/villages/" + village).with(monitor()).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("“九有六无”创建检查（达标 1 / " + (items - 1) + " 项）");

        // a stale form (version 0 was changed meanwhile) changes nothing and says so
        mvc.perform(post("/villages/" + village + "/checklist/VILLAGE_PLAN").param("status", "MET").param("version", "0")
                .with(monitor()).with(csrf()));
        var stale = mvc.perform(post("/villages/" + village + "/checklist/VILLAGE_PLAN").param("status", "NOT_MET")
                .param("version", "0").with(monitor()).with(csrf()).locale(Locale.SIMPLIFIED_CHINESE)).andReturn();
        assertThat(stale.getFlashMap().get("checkErrors").toString()).contains("别人已修改");
        assertThat(met(village)).isEqualTo(1);
        // a document of another village is no evidence
        assertThat(upload(as(Role.VILLAGE_MONITOR, sibling), sibling, "a.txt", "x".getBytes(StandardCharsets.UTF_8), "别村"))
                .isEmpty();
        long foreign = jdbc.sql("select id from village_document where village_code = :v").param("v", sibling)
                .query(Long.class).single();
        var refused = mvc.perform(post("/villages/" + village + "/checklist/CULTURE_YARD").param("status", "MET")
                .param("documentId", Long.toString(foreign)).param("version", "-1").with(monitor()).with(csrf())
                .locale(Locale.SIMPLIFIED_CHINESE)).andReturn();
        assertThat(refused.getFlashMap().get("checkErrors").toString()).contains("不是本村的档案资料");
        assertThat(met(village)).isEqualTo(1);

        // the township's line on the list adds its villages up
        String list = mvc.perform(get("/villages").param("area", township).with(as(Role.TOWNSHIP_STAFF, township))
                .locale(Locale.SIMPLIFIED_CHINESE)).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("各村合计达标 1 项");
    }

    @Test
    void theVillageListExportsWhatItShowsAsNumbers() throws Exception {
        registry.household(village).head("李导出").insert();
        RequestPostProcessor tw = as(Role.TOWNSHIP_STAFF, township);
        mvc.perform(post("/villages/" + village + "/income").param("year", "2025").param("operating", "1000.50")
                .param("assetRent", "200").param("dividends", "0").param("other", "0").param("version", "-1")
                .with(tw).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(post("/villages/" + village + "/checklist/VILLAGE_PLAN").param("status", "MET").param("version", "-1")
                .with(tw).with(csrf())).andExpect(status().is3xxRedirection());
        var res = mvc.perform(get("/villages/export").param("year", "2025").with(tw).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(res.getHeader("Content-Disposition")).contains("filename*=UTF-8''");
        long villagesInTownship = jdbc.sql("select count(*) from area where edition_id = (select id from area_edition where is_current) and level = 5 and code like :p")
                .param("p", township.substring(0, 9) + "%").query(Long.class).single();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(res.getContentAsByteArray()))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getRow(0).getCell(0).getStringCellValue()).contains("一村一档");
            assertThat(s.getRow(1).getCell(0).getStringCellValue()).contains("年度：2025");
            assertThat(s.getRow(3).getCell(0).getStringCellValue()).isEqualTo("村");
            assertThat(wb.getFontAt(s.getRow(3).getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(((org.apache.poi.xssf.usermodel.XSSFSheet) s).getCTWorksheet().getAutoFilter().getRef()).startsWith("A4:");
            assertThat(s.getLastRowNum() - 3).isEqualTo((int) villagesInTownship);
            Row r = null;
            for (int i = 4; i <= s.getLastRowNum(); i++) {
                String name = s.getRow(i).getCell(0).getStringCellValue();
                if (name.equals(jdbc.sql("select name from area where code = :c and edition_id = (select id from area_edition where is_current)")
                        .param("c", village).query(String.class).single())) r = s.getRow(i);
            }
            assertThat(r).isNotNull();
            HouseholdApi.Counts c = households.counts(new AreaScope(village));
            assertThat(r.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat((long) r.getCell(2).getNumericCellValue()).isEqualTo(c.households());
            assertThat((long) r.getCell(3).getNumericCellValue()).isEqualTo(c.persons());
            assertThat((long) r.getCell(5).getNumericCellValue()).isEqualTo(1);
            assertThat(r.getCell(8).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(r.getCell(8).getNumericCellValue()).isEqualTo(1200.50);
            assertThat(r.getCell(8).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'EXPORT' and area_code = :a and detail like 'villages%'")
                .param("a", township).query(Long.class).single()).isPositive();
    }

    @Test
    void incomeShowsTheYearBeforeAndTheChange() throws Exception {
        RequestPostProcessor m = monitor();
        for (String[] y : new String[][] {{"2024", "1000.00"}, {"2025", "1500.00"}}) {
            mvc.perform(post("/villages/" + village + "/income").param("year", y[0]).param("operating", y[1])
                    .param("assetRent", "0").param("dividends", "0").param("other", "0").param("version", "-1")
                    .with(m).with(csrf())).andExpect(status().is3xxRedirection());
        }
        var bad = mvc.perform(post("/villages/" + village + "/income").param("year", "2023").param("operating", "-5")
                .param("assetRent", "0").param("dividends", "0").param("other", "0").param("version", "-1")
                .with(m).with(csrf()).locale(Locale.SIMPLIFIED_CHINESE)).andReturn();
        assertThat(bad.getFlashMap().get("incomeErrors").toString()).contains("不小于 0");
        String page = mvc.perform(get("/villages/" + village).with(m).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("1,500.00", "500.00（50.0%）", "上年未登记");
        assertThat(jdbc.sql("select count(*) from collective_income where village_code = :v").param("v", village)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theAdministratorCompletesTheChecklistItems() throws Exception {
        String code = "T" + (System.nanoTime() % 1_000_000);
        mvc.perform(get("/villages/checklist-items").with(monitor())).andExpect(status().isForbidden());
        mvc.perform(post("/villages/checklist-items").param("code", code).param("nameZh", "有卫生室").param("nameEn", "Has a clinic")
                .with(monitor()).with(csrf())).andExpect(status().isForbidden());
        RequestPostProcessor admin = as(Role.ADMIN, "220000000000");
        var bad = mvc.perform(post("/villages/checklist-items").param("code", "x y").param("nameZh", "有卫生室")
                .param("nameEn", "Has a clinic").with(admin).with(csrf()).locale(Locale.SIMPLIFIED_CHINESE)).andReturn();
        assertThat(bad.getFlashMap().get("itemsErrors").toString()).contains("代码须为");
        mvc.perform(post("/villages/checklist-items").param("code", code).param("nameZh", "有卫生室").param("nameEn", "Has a clinic")
                .param("sort", "60").with(admin).with(csrf())).andExpect(status().is3xxRedirection());
        long items = jdbc.sql("select count(*) from archive_code where kind = 'CHECK_ITEM' and active").query(Long.class).single();
        String page = mvc.perform(get("/villages/" + village).with(monitor()).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("有卫生室", "达标 0 / " + items + " 项");
        // switched off: no longer checked, nor counted
        mvc.perform(post("/villages/checklist-items/" + code).param("nameZh", "有卫生室").param("nameEn", "Has a clinic")
                .param("sort", "60").param("version", "0").with(admin).with(csrf())).andExpect(status().is3xxRedirection());
        String after = mvc.perform(get("/villages/" + village).with(monitor()).locale(Locale.SIMPLIFIED_CHINESE))
                .andReturn().getResponse().getContentAsString();
        assertThat(after).doesNotContain("有卫生室").contains("达标 0 / " + (items - 1) + " 项");
        assertThat(jdbc.sql("select count(*) from audit_event where action in ('VILLAGE_CHECK_ITEM_ADD', 'VILLAGE_CHECK_ITEM_UPDATE') and detail like :d")
                .param("d", "%" + code + "%").query(Long.class).single()).isEqualTo(2);
    }
}
