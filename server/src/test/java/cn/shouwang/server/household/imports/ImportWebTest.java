package cn.shouwang.server.household.imports;

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
import java.io.ByteArrayInputStream;
import java.time.Duration;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The import's pages as a county analyst uses them: template, upload, preview, problem rows; and who may not. */
class ImportWebTest extends ServerTest {
    @Autowired ImportStore store;

    RequestPostProcessor as(String username, Role role, String area) {
        return as(username, username, role, area);
    }

    RequestPostProcessor as(String username, String displayName, Role role, String area) {
        long id = jdbc.sql("select id from account where username = :u").param("u", username).query(Long.class).single();
        return user(new AccountPrincipal(new CurrentUser(id, username, displayName, role, new AreaScope(area)), "x", false, true));
    }

    RequestPostProcessor county() {
        return as("county", "梨树县分析员", Role.COUNTY_ANALYST, "220322000000");
    }

    ImportStore.Import await(long id) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < until) {
            ImportStore.Import i = store.find(id).orElseThrow();
            if (!i.state().running()) return i;
            Thread.sleep(100);
        }
        throw new AssertionError("still running");
    }

    long upload(String name, byte[] bytes) throws Exception {
        String location = mvc.perform(multipart("/households/imports").file(new MockMultipartFile("file", name, null, bytes))
                        .with(county()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void theTemplateDownloadsWithTextColumnsAndImportsAsItIs() throws Exception {
        byte[] template = mvc.perform(get("/households/imports/template.xlsx").with(county()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        String idNumber;
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            Sheet s = wb.getSheetAt(0);
            Row header = s.getRow(0);
            int idCol = -1;
            for (int i = 0; i < header.getLastCellNum(); i++) {
                if (header.getCell(i).getStringCellValue().equals("证件号码")) idCol = i;
            }
            assertThat(idCol).isNotNegative();
            assertThat(s.getColumnStyle(idCol).getDataFormatString()).isEqualTo("@");
            idNumber = new DataFormatter().formatCellValue(s.getRow(1).getCell(idCol));
            assertThat(s.getRow(1).getCell(idCol).getCellStyle().getDataFormatString()).isEqualTo("@");
        }
        assertThat(cn.shouwang.core.person.IdNumber.problem(idNumber)).isNull();
        ImportStore.Import imp = await(upload("模板.xlsx", template));
        assertThat(imp.state()).isEqualTo(ImportStore.State.PREVIEWED);
        assertThat(imp.count("problemRows")).isZero();
        assertThat(imp.count("householdsNew") + imp.count("householdsUnchanged") + imp.count("householdsChanged")).isEqualTo(1);
        String page = mvc.perform(get("/households/imports/" + imp.id()).with(county())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("预览（尚未写入农户档案）", "新增户", "确认导入");
        // the uploader by name, not by login
        assertThat(page).contains("梨树县分析员 于").doesNotContain("county 于");
        assertThat(mvc.perform(get("/households/imports").with(county())).andReturn().getResponse().getContentAsString())
                .contains("梨树县分析员");
    }

    @Test
    void problemRowsComeBackAsAWorkbookWithTheirProblems() throws Exception {
        String csv = "户编号,姓名,证件号码,与户主关系,乡镇,行政村\n"
                + "X1,甲,2.20322E+17,户主,孤家子镇,团山子村\n"
                + "X2,乙,220322198001010013,户主,孤家子镇,没有的村\n";
        ImportStore.Import imp = await(upload("问题.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(imp.count("problemRows")).isEqualTo(2);
        byte[] xlsx = mvc.perform(get("/households/imports/" + imp.id() + "/problems.xlsx").with(county()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getRow(0).getCell(6).getStringCellValue()).isEqualTo("问题");
            assertThat(s.getRow(1).getCell(1).getStringCellValue()).isEqualTo("甲");
            assertThat(s.getRow(1).getCell(6).getStringCellValue())
                    .contains("证件号码被 Excel 存为数字，后几位已丢失；请将该列设为文本后重新导出");
            assertThat(s.getRow(2).getCell(6).getStringCellValue()).contains("没有的村");
        }
        String page = mvc.perform(get("/households/imports/" + imp.id()).with(county())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("工作表 问题.csv 第 2 行", "C 证件号码 列：证件号码被 Excel 存为数字");
    }

    @Test
    void onlyCountyStaffAndAboveImportAndOnlyWithinTheirArea() throws Exception {
        mvc.perform(get("/households/imports").with(as("township", Role.TOWNSHIP_STAFF, "220322103000")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/households/imports").with(as("village", Role.VILLAGE_MONITOR, "220322103205")))
                .andExpect(status().isForbidden());
        long id = upload("mine.csv", "户编号,姓名,证件号码,与户主关系,乡镇,行政村\nY1,丙,220322198001010013,户主,孤家子镇,团山子村\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        await(id);
        // another county's analyst: as if it did not exist
        mvc.perform(get("/households/imports/" + id).with(as("city", Role.COUNTY_ANALYST, "220303000000")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/households/imports/" + id).with(as("city", Role.CITY_ANALYST, "220300000000")))
                .andExpect(status().isOk());
    }
}
