package cn.shouwang.server.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A county's national person list as a background job: started from the list page's form, its progress polled until
 * the file is ready, downloaded once by the user who asked (the file sealed on disk meanwhile, deleted after), and
 * 404 for anyone else; a village's list still downloads at once; a file nobody fetched is deleted after a day.
 */
class NationalExportJobWebTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired NationalExportJobs jobs;

    static RequestPostProcessor as(long account, String username, Role role, String area) {
        return user(new AccountPrincipal(new CurrentUser(account, username, "测试", role, new AreaScope(area)),
                "{noop}x", false, true));
    }

    String village(int n) {
        return jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' order by code offset :n limit 1""").param("n", 40 + n)
                .query(String.class).single();
    }

    long activePersons(String county) {
        return jdbc.sql("""
                select count(*) from member m join household h on h.id = m.household_id
                 where h.village_code like :p and m.status = 'ACTIVE'""")
                .param("p", county.substring(0, 6) + "%").query(Long.class).single();
    }

    /** Starts an export from the list page's form; returns the job's page address. */
    String start(RequestPostProcessor who, String area) throws Exception {
        return mvc.perform(post("/households/export/national").param("area", area).param("year", "").with(who).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
    }

    /** Polls the progress bar as the page does until it asks for a reload (the job ended). */
    void awaitDone(RequestPostProcessor who, String job) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            MockHttpServletResponse r = mvc.perform(get(job + "/progress").with(who).header("HX-Request", "true"))
                    .andExpect(status().isOk()).andReturn().getResponse();
            if ("true".equals(r.getHeader("HX-Refresh"))) return;
            assertThat(r.getContentAsString()).contains("export-progress");
            assertThat(System.nanoTime()).as("the export ends within two minutes").isLessThan(until);
            Thread.sleep(200);
        }
    }

    @Test
    void aCountyExportRunsAsAJobAndOnlyItsAskerDownloadsItOnce() throws Exception {
        String village = village(0);
        String county = village.substring(0, 6) + "000000";
        String id = registry.newIdNumber(village.substring(0, 6));
        registry.household(village).head("导出甲").idNumber(id).member("导出乙", "SPOUSE", "NONE", null).insert();
        long expected = activePersons(county);
        var analyst = as(501, "t-export-owner", Role.COUNTY_ANALYST, county);

        String job = start(analyst, county);
        assertThat(job).matches("/households/export/national/jobs/\\d+");
        awaitDone(analyst, job);
        String page = mvc.perform(get(job).with(analyst)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("文件已生成").contains("人。").contains("export-download");
        assertThat(page).contains(String.format("%,d 人", expected));

        // sealed on disk while it waits: the id number is not readable in the file
        long jobId = Long.parseLong(job.substring(job.lastIndexOf('/') + 1));
        Path stored = Path.of(jdbc.sql("select stored_file from national_export_job where id = :id").param("id", jobId)
                .query(String.class).single());
        assertThat(stored).exists();
        assertThat(new String(Files.readAllBytes(stored), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(id);

        // another user, even of the same area and role, finds neither the page nor the file
        var other = as(502, "t-export-other", Role.COUNTY_ANALYST, county);
        mvc.perform(get(job).with(other)).andExpect(status().isNotFound());
        mvc.perform(get(job + "/file").with(other)).andExpect(status().isNotFound());
        mvc.perform(get(job + "/progress").with(other)).andExpect(status().isNotFound());

        MockHttpServletResponse r = mvc.perform(get(job + "/file").with(analyst)).andExpect(status().isOk())
                .andReturn().getResponse();
        assertThat(r.getHeader("Content-Disposition")).contains(".xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.getContentAsByteArray()))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getLastRowNum()).isEqualTo(expected + 3); // title, filters, day made above the header
            int idCol = -1;
            for (var c : s.getRow(3)) if (c.getStringCellValue().equals(PersonListColumn.ID_NUMBER.header())) idCol = c.getColumnIndex();
            Set<String> ids = new HashSet<>();
            for (int i = 4; i <= s.getLastRowNum(); i++) {
                Row row = s.getRow(i);
                ids.add(row.getCell(idCol).getStringCellValue());
            }
            assertThat(ids).contains(id).hasSize((int) expected);
        }
        assertThat(jdbc.sql("select detail from audit_event where action = 'EXPORT' order by id desc limit 1")
                .query(String.class).single()).contains("area=" + county).contains(expected + " persons").contains("in full");
        assertThat(jdbc.sql("select username from audit_event where action = 'EXPORT' order by id desc limit 1")
                .query(String.class).single()).isEqualTo("t-export-owner");

        // once: the file is gone from the disk and the page says so
        assertThat(stored).doesNotExist();
        mvc.perform(get(job + "/file").with(analyst)).andExpect(status().isNotFound());
        assertThat(mvc.perform(get(job).with(analyst)).andReturn().getResponse().getContentAsString()).contains("文件已下载");
        // the list page links the user's own exports, and only theirs
        assertThat(mvc.perform(get("/households").with(analyst)).andReturn().getResponse().getContentAsString())
                .contains(job);
        assertThat(mvc.perform(get("/households").with(other)).andReturn().getResponse().getContentAsString())
                .doesNotContain(job);
    }

    @Test
    void aVillageDownloadsAtOnceAndAnAreaOutsideIsRefused() throws Exception {
        String village = village(1);
        var monitor = as(503, "t-export-village", Role.VILLAGE_MONITOR, village);
        String to = start(monitor, village);
        assertThat(to).startsWith("/households/export/national?area=" + village);
        mvc.perform(get(to).with(monitor)).andExpect(status().isOk());
        mvc.perform(post("/households/export/national").param("area", village.substring(0, 6) + "000000")
                .with(monitor).with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void aFileNobodyFetchedIsDeletedAfterADay() throws Exception {
        String village = village(2);
        String township = village.substring(0, 9) + "000";
        registry.household(village).head("导出丙").insert();
        var analyst = as(504, "t-export-late", Role.COUNTY_ANALYST, village.substring(0, 6) + "000000");
        String job = start(analyst, township);
        awaitDone(analyst, job);
        long jobId = Long.parseLong(job.substring(job.lastIndexOf('/') + 1));
        Path stored = Path.of(jdbc.sql("select stored_file from national_export_job where id = :id").param("id", jobId)
                .query(String.class).single());
        assertThat(stored).exists();
        jdbc.sql("update national_export_job set finished_at = :t where id = :id")
                .param("t", Timestamp.from(clock.instant().minus(Duration.ofHours(25)))).param("id", jobId).update();
        jobs.sweep();
        assertThat(stored).doesNotExist();
        mvc.perform(get(job + "/file").with(analyst)).andExpect(status().isNotFound());
        assertThat(mvc.perform(get(job).with(analyst)).andReturn().getResponse().getContentAsString()).contains("已删除");
    }
}
