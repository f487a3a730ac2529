package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.screening.rules.Period;
import cn.shouwang.screening.rules.RulesConfig;
import cn.shouwang.screening.run.Screening;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Department;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Department data comparison in the server, through the real filter chain, controllers, database and engine:
 * uploads accepted, refused and replaced; a run equal to the engine run directly on the same inputs; a second run
 * adding nothing; warnings kept inside the viewer's area.
 */
class ScreeningWebTest extends ServerTest {
    // Real Siping codes: 梨树县 and two villages of 梨树镇.
    static final String COUNTY = "220322000000";
    static final String VILLAGE = "220322100201";
    static final String OTHER_VILLAGE = "220322100202";
    static final AtomicLong IDS = new AtomicLong(700_000);

    @Autowired PersonalDataApi personalData;
    @Autowired RegistryFixtures registry;
    @Autowired cn.shouwang.server.casework.CaseworkFixtures casework;
    @Autowired cn.shouwang.server.casework.StandardsApi standards;
    @Autowired RegistryRowsFromDatabase registryRows;
    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired ScreeningFiles files;
    @org.springframework.beans.factory.annotation.Value("${shouwang.screening.dir}") String screeningDir;

    /** Someone of this role and area; a department data officer works for the health commission (大病 files). */
    static RequestPostProcessor as(Role role, String area) {
        return as(role, area, role == Role.DATA_OFFICER ? Department.HEALTH : null);
    }

    static RequestPostProcessor as(Role role, String area, Department department) {
        long id = IDS.incrementAndGet();
        return user(new AccountPrincipal(new CurrentUser(id, "t" + id, role.name() + id, role, new AreaScope(area),
                department), "x", false, true));
    }

    /** The county's data officer of the department that sends this kind. */
    static RequestPostProcessor officerFor(String kind) {
        return as(Role.DATA_OFFICER, COUNTY, KindNames.department(cn.shouwang.screening.feed.FeedKind.valueOf(kind)));
    }

    static String validId(String county6, LocalDate birth, int seq) {
        String body = county6 + birth.toString().replace("-", "") + String.format("%03d", seq);
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (body.charAt(i) - '0') * w[i];
        return body + "10X98765432".charAt(sum % 11);
    }

    /** A one-person household (an ACTIVE head who can work) in the village; returns its id. */
    long household(String village, String idNumber) {
        return registry.household(village).idNumber(idNumber).insert();
    }

    MvcResult upload(String kind, String period, String fileName, byte[] content, int expectedStatus) throws Exception {
        return upload(officerFor(kind), kind, period, fileName, content, expectedStatus);
    }

    MvcResult upload(RequestPostProcessor user, String kind, String period, String fileName, byte[] content,
                     int expectedStatus) throws Exception {
        return mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", fileName, "text/csv", content))
                        .param("kind", kind).param("period", period).with(user).with(csrf()))
                .andExpect(status().is(expectedStatus)).andReturn();
    }

    String uploadsPage(RequestPostProcessor user, String period) throws Exception {
        return mvc.perform(get("/uploads").param("period", period).with(user))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** The pending upload of the period (at most one in these tests), or null. */
    Long pendingUpload(String period) {
        return jdbc.sql("select id from screening_upload where period = :p and pending_until is not null").param("p", period)
                .query(Long.class).optional().orElse(null);
    }

    long currentUpload(String period) {
        return jdbc.sql("select id from screening_upload where period = :p and is_current").param("p", period)
                .query(Long.class).single();
    }

    long audited(String action, long uploadId) {
        return jdbc.sql("select count(*) from audit_event where action = :a and area_code = :c and detail like :d")
                .param("a", action).param("c", COUNTY).param("d", "upload:" + uploadId + " %").query(Long.class).single();
    }

    long uploads(String period) {
        return jdbc.sql("select count(*) from screening_upload where period = :p").param("p", period).query(Long.class).single();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void anUploadIsStoredWithItsChecksumAndANewOneReplacesItKeepingTheOldRecord() throws Exception {
        String period = "2031-01";
        RequestPostProcessor officer = as(Role.DATA_OFFICER, COUNTY);
        byte[] first = ("身份证号,确诊日期,疾病\n" + validId("220322", LocalDate.of(1970, 5, 5), 11) + ",2031-01-03,肺癌\n")
                .getBytes(StandardCharsets.UTF_8);
        upload(officer, "MAJOR_DIAGNOSES", period, "大病.csv", first, 302);
        var row = jdbc.sql("select id, sha256, row_count, size_bytes, is_current, stored_path, county_code, uploaded_by "
                        + "from screening_upload where period = :p").param("p", period).query().singleRow();
        assertThat(row.get("sha256")).isEqualTo(sha256(first));
        assertThat(row.get("row_count")).isEqualTo(1L);
        assertThat(row.get("size_bytes")).isEqualTo((long) first.length);
        assertThat(row.get("is_current")).isEqualTo(true);
        assertThat(row.get("county_code")).isEqualTo(COUNTY);
        Path stored = Path.of((String) row.get("stored_path"));
        assertThat(new String(Files.readAllBytes(stored), StandardCharsets.ISO_8859_1)).as("sealed at rest")
                .doesNotContain(validId("220322", LocalDate.of(1970, 5, 5), 11));
        try (var in = files.open(stored)) {
            assertThat(in.readAllBytes()).isEqualTo(first);
        }

        byte[] second = ("id_number,diagnosed_on,disease\n" + validId("220322", LocalDate.of(1971, 5, 5), 12)
                + ",2031-01-04,x\n" + validId("220322", LocalDate.of(1972, 5, 5), 13) + ",2031-01-05,y\n")
                .getBytes(StandardCharsets.UTF_8);
        upload(officer, "MAJOR_DIAGNOSES", period, "major_diagnoses.csv", second, 302);
        // it replaces the current file only once the uploader has seen its counts and confirmed
        long pending = pendingUpload(period);
        mvc.perform(post("/uploads/" + pending + "/confirm").param("current", String.valueOf(currentUpload(period)))
                .with(officer).with(csrf())).andExpect(status().is3xxRedirection());
        List<java.util.Map<String, Object>> rows = jdbc.sql("select id, sha256, is_current, replaced_by, row_count, stored_path "
                + "from screening_upload where period = :p order by id").param("p", period).query().listOfRows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("is_current")).isEqualTo(false);
        assertThat(rows.get(0).get("replaced_by")).isEqualTo(rows.get(1).get("id"));
        assertThat(rows.get(0).get("sha256")).isEqualTo(sha256(first));
        assertThat(Path.of((String) rows.get(0).get("stored_path"))).exists();
        assertThat(rows.get(1).get("is_current")).isEqualTo(true);
        assertThat(rows.get(1).get("row_count")).isEqualTo(2L);

        String page = mvc.perform(get("/uploads").param("period", period).with(as(Role.DATA_OFFICER, COUNTY)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("大病.csv", "major_diagnoses.csv", "已被替换", "当前");
    }

    @Test
    void aFileThatIsNotWhatItClaimsIsRefusedAndNothingIsStored() throws Exception {
        String period = "2031-02";
        String id = validId("220322", LocalDate.of(1970, 5, 5), 21);
        // the columns of major_diagnoses sent as medical_claims
        String page = upload("MEDICAL_CLAIMS", period, "medical_claims.csv",
                ("id_number,diagnosed_on,disease\n" + id + ",2031-02-01,x\n").getBytes(StandardCharsets.UTF_8), 422)
                .getResponse().getContentAsString();
        // the missing columns are named as a sender names them, never by the engine's codes
        assertThat(page).contains("不是医保结算数据", "缺少这些列：结算日期、").doesNotContain("settled_on");
        // a ledger with a title line and a blank line above its header: the sender is told where the header is
        page = upload("MAJOR_DIAGNOSES", period, "大病台账.csv",
                ("2031年2月大病确诊台账,,\n,,\n身份证号,确诊日期,疾病\n" + id + ",2031-02-01,x\n").getBytes(StandardCharsets.UTF_8), 422)
                .getResponse().getContentAsString();
        assertThat(page).contains("表头应在第1行，但在第3行", "请删去表头上面的2行标题");
        page = upload("MEDICAL_CLAIMS", period, "medical_claims.xlsx", "PK\u0003\u0004 not a workbook".getBytes(StandardCharsets.UTF_8), 422)
                .getResponse().getContentAsString();
        assertThat(page).contains("文件“medical_claims.xlsx”无法作为 Excel 工作簿读取");
        page = upload("MAJOR_DIAGNOSES", period, "major_diagnoses.csv", new byte[0], 422).getResponse().getContentAsString();
        assertThat(page).contains("请选择要上传的文件");
        page = upload("MAJOR_DIAGNOSES", period, "major_diagnoses.csv",
                "id_number,diagnosed_on,disease\n".getBytes(StandardCharsets.UTF_8), 422).getResponse().getContentAsString();
        assertThat(page).contains("没有数据行");
        page = upload("MAJOR_DIAGNOSES", period, "diagnoses.pdf", "%PDF-1.4".getBytes(StandardCharsets.UTF_8), 422)
                .getResponse().getContentAsString();
        assertThat(page).contains("只接受 CSV 文本或 Excel 工作簿");
        // the same refusals in English
        page = mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", "medical_claims.csv", "text/csv",
                                ("id_number,diagnosed_on,disease\n" + id + ",2031-02-01,x\n").getBytes(StandardCharsets.UTF_8)))
                        .param("kind", "MEDICAL_CLAIMS").param("period", period).param("lang", "en")
                        .with(officerFor("MEDICAL_CLAIMS")).with(csrf()))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("is not Medical claims data", "lacks the columns settled_on, ").doesNotContain("缺少");
        page = mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", "diagnoses.pdf", "text/csv",
                                "%PDF-1.4".getBytes(StandardCharsets.UTF_8)))
                        .param("kind", "MAJOR_DIAGNOSES").param("period", period).param("lang", "en")
                        .with(as(Role.DATA_OFFICER, COUNTY)).with(csrf()))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Only CSV text or Excel workbooks (.xlsx, .xls) are accepted: diagnoses.pdf");
        assertThat(uploads(period)).isZero();
        Path folder = Path.of(screeningDir).resolve("uploads").resolve(COUNTY).resolve(period);
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                assertThat(files.toList()).as("no file left behind").isEmpty();
            }
        }
    }

    @Test
    void theSameFileUploadedByTwoAnalystsAtOnceIsStoredOnceAndTheOtherAwaitsConfirmation() throws Exception {
        // found by the load simulation: both first uploads found no current file and the second hit the unique index
        String period = "2034-09";
        byte[] file = diagnoses(validId("220322", LocalDate.of(1972, 9, 9), 91));
        int tries = 4;
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(tries);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < tries; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", "major_diagnoses.csv",
                                    "text/csv", file)).param("kind", "MAJOR_DIAGNOSES").param("period", period)
                                    .with(as(Role.DATA_OFFICER, COUNTY)).with(csrf()))
                            .andReturn().getResponse().getStatus();
                }));
            }
            start.countDown();
            for (var a : answers) {
                assertThat(a.get(2, java.util.concurrent.TimeUnit.MINUTES)).isIn(200, 302);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from screening_upload where period = :p and is_current").param("p", period)
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(uploads(period)).isEqualTo(tries);
    }

    static byte[] diagnoses(String... ids) {
        StringBuilder sb = new StringBuilder("id_number,diagnosed_on,disease\n");
        for (String id : ids) sb.append(id).append(",2031-06-03,肺癌\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFileOfJunkUnderTheRightHeaderIsRefusedAndTheCountysGoodFileStaysCurrent() throws Exception {
        String period = "2031-06";
        RequestPostProcessor officer = as(Role.DATA_OFFICER, COUNTY);
        upload(officer, "MAJOR_DIAGNOSES", period, "major_diagnoses.csv",
                diagnoses(validId("220322", LocalDate.of(1970, 6, 6), 71), validId("220322", LocalDate.of(1971, 6, 6), 72)), 302);
        long good = currentUpload(period);
        Path folder = Path.of(screeningDir).resolve("uploads").resolve(COUNTY).resolve(period);
        List<Path> before;
        try (var files = Files.list(folder)) {
            before = files.toList();
        }
        // the incident: the right header, then 2 MB of random bytes (once read as thousands of rows of nonsense; the
        // reader now finds it is no text in any charset)
        java.io.ByteArrayOutputStream junk = new java.io.ByteArrayOutputStream();
        junk.write("id_number,diagnosed_on,disease\n".getBytes(StandardCharsets.UTF_8));
        byte[] noise = new byte[2 << 20];
        new java.util.Random(7835).nextBytes(noise);
        junk.write(noise);
        String page = upload(officer, "MAJOR_DIAGNOSES", period, "major_diagnoses.csv", junk.toByteArray(), 422)
                .getResponse().getContentAsString();
        assertThat(page).contains("文件“major_diagnoses.csv”不是 Excel 工作簿（.xlsx、.xls），也不是 UTF-8 或 GBK 编码的 CSV 文本");
        assertThat(uploads(period)).isOne();
        assertThat(currentUpload(period)).isEqualTo(good);
        assertThat(pendingUpload(period)).isNull();
        try (var files = Files.list(folder)) {
            assertThat(files.toList()).as("no file left behind").containsExactlyInAnyOrderElementsOf(before);
        }
        // half the rows unusable is still accepted (with its counts); more than half is not
        String ok = validId("220322", LocalDate.of(1972, 6, 6), 73);
        String bad = "220322197206060000";
        upload(officer, "MAJOR_DIAGNOSES", period, "b.csv", diagnoses(ok, ok, bad, ok, bad, bad, bad), 422);
        upload(officer, "MAJOR_DIAGNOSES", period, "a.csv", diagnoses(ok, ok, bad, bad), 302);
        assertThat(jdbc.sql("select row_count || '/' || rejected_rows from screening_upload where id = :id")
                .param("id", pendingUpload(period)).query(String.class).single()).isEqualTo("4/2");
    }

    @Test
    void aFileReplacingTheCurrentOneWaitsForItsUploaderToConfirmHavingSeenItsCounts() throws Exception {
        String period = "2031-07";
        RequestPostProcessor officer = as(Role.DATA_OFFICER, COUNTY);
        String a = validId("220322", LocalDate.of(1970, 7, 7), 81), b = validId("220322", LocalDate.of(1971, 7, 7), 82);
        MvcResult first = upload(officer, "MAJOR_DIAGNOSES", period, "旧.csv", diagnoses(a, b), 302);
        long old = currentUpload(period);
        assertThat(audited("UPLOAD", old)).isOne();
        // with no current file an upload is current at once, and the page says what was read
        String page = mvc.perform(get("/uploads").param("period", period).flashAttrs(first.getFlashMap()).with(officer))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("已接收：读取 2 行，其中 0 行无法使用；SHA-256 ");

        String wrongCheck = a.substring(0, 17) + (a.charAt(17) == '0' ? '1' : '0');
        upload(officer, "MAJOR_DIAGNOSES", period, "新.csv", diagnoses(a, b, wrongCheck), 302);
        long pending = pendingUpload(period);
        assertThat(currentUpload(period)).as("not replaced yet").isEqualTo(old);
        assertThat(audited("UPLOAD_PENDING", pending)).isOne();
        page = uploadsPage(officer, period);
        assertThat(page).contains("upload-pending-" + pending, "新文件“新.csv”（大病诊断，" + period + "）：读取 3 行，其中 1 行无法使用"
                        + "（原因：身份证号校验位不正确 1 行）", "当前文件“旧.csv”（2 行，", "将被替换", "确认替换", "放弃", "待确认")
                .doesNotContain("upload-accepted");
        // nobody else sees it or may confirm it
        RequestPostProcessor other = as(Role.DATA_OFFICER, COUNTY);
        assertThat(uploadsPage(other, period)).doesNotContain("upload-pending-");
        mvc.perform(post("/uploads/" + pending + "/confirm").param("current", String.valueOf(old)).with(other).with(csrf()))
                .andExpect(status().isNotFound());
        // a confirmation made on a current file that has changed since is asked again
        mvc.perform(post("/uploads/" + pending + "/confirm").param("current", "").with(officer).with(csrf()))
                .andExpect(status().isConflict());
        assertThat(currentUpload(period)).isEqualTo(old);

        mvc.perform(post("/uploads/" + pending + "/confirm").param("current", String.valueOf(old)).with(officer).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("confirmed", "新.csv"));
        assertThat(currentUpload(period)).isEqualTo(pending);
        assertThat(pendingUpload(period)).isNull();
        assertThat(jdbc.sql("select replaced_by from screening_upload where id = :id").param("id", old).query(Long.class).single())
                .isEqualTo(pending);
        assertThat(audited("UPLOAD_REPLACE", pending)).isOne();
        assertThat(uploadsPage(officer, period)).doesNotContain("upload-pending-").contains("已被替换");
    }

    @Test
    void aPendingUploadAbandonedOrNotConfirmedInTimeIsDiscardedWithItsFile(@Autowired PendingUploads pendingUploads)
            throws Exception {
        String period = "2031-08";
        RequestPostProcessor officer = as(Role.DATA_OFFICER, COUNTY);
        String a = validId("220322", LocalDate.of(1970, 8, 8), 91);
        upload(officer, "MAJOR_DIAGNOSES", period, "a.csv", diagnoses(a), 302);
        long current = currentUpload(period);
        upload(officer, "MAJOR_DIAGNOSES", period, "b.csv", diagnoses(a, a), 302);
        long abandoned = pendingUpload(period);
        Path file = Path.of(jdbc.sql("select stored_path from screening_upload where id = :id").param("id", abandoned)
                .query(String.class).single());
        assertThat(file).exists();
        mvc.perform(post("/uploads/" + abandoned + "/discard").with(officer).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(pendingUpload(period)).isNull();
        assertThat(file).doesNotExist();
        assertThat(currentUpload(period)).isEqualTo(current);
        assertThat(audited("UPLOAD_DISCARD", abandoned)).isOne();

        upload(officer, "MAJOR_DIAGNOSES", period, "c.csv", diagnoses(a, a, a), 302);
        long forgotten = pendingUpload(period);
        Path file2 = Path.of(jdbc.sql("select stored_path from screening_upload where id = :id").param("id", forgotten)
                .query(String.class).single());
        clock.advance(java.time.Period.ofDays(2));
        try {
            assertThat(uploadsPage(officer, period)).doesNotContain("upload-pending-");
            mvc.perform(post("/uploads/" + forgotten + "/confirm").param("current", String.valueOf(current)).with(officer)
                    .with(csrf())).andExpect(status().isNotFound());
            assertThat(pendingUploads.discardExpired()).isGreaterThanOrEqualTo(1);
        } finally {
            clock.reset();
        }
        assertThat(pendingUpload(period)).isNull();
        assertThat(file2).doesNotExist();
        assertThat(currentUpload(period)).isEqualTo(current);
        assertThat(audited("UPLOAD_EXPIRED", forgotten)).isOne();
    }

    /**
     * The incident's spreadsheet at a fifteenth of its size (10,001,000 shared strings, 190 MB expanded, 2.6 MB
     * sent): refused by the reader's shared-strings limit, said in Chinese on the page with the file's name.
     */
    @Test
    void anXlsxPastTheReadersLimitsIsRefusedNamingTheLimitAndTheFile() throws Exception {
        String period = "2031-09";
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.ZipOutputStream(zip)) {
            z.setLevel(1);
            String types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>";
            String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
            String[][] parts = {
                    {"[Content_Types].xml", types},
                    {"_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            + "<Relationship Id=\"rId1\" Type=\"" + rel + "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
                    {"xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\""
                            + rel + "\"><sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
                    {"xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                            + "<Relationship Id=\"rId1\" Type=\"" + rel + "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                            + "<Relationship Id=\"rId2\" Type=\"" + rel + "sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"},
                    {"xl/worksheets/sheet1.xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                            + "<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>"}};
            for (String[] p : parts) {
                z.putNextEntry(new java.util.zip.ZipEntry(p[0]));
                z.write(p[1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
            z.putNextEntry(new java.util.zip.ZipEntry("xl/sharedStrings.xml"));
            z.write("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">".getBytes(StandardCharsets.UTF_8));
            byte[] x = "<si><t>abc</t></si>".getBytes(StandardCharsets.US_ASCII), y = "<si><t>bbc</t></si>".getBytes(StandardCharsets.US_ASCII);
            java.util.Random r = new java.util.Random(1);
            byte[] buf = new byte[19 * 1000];
            for (int i = 0; i < 10_001; i++) { // 10,001,000 strings
                for (int j = 0; j < 1000; j++) System.arraycopy(r.nextInt(1000) < 43 ? y : x, 0, buf, j * 19, 19);
                z.write(buf);
            }
            z.write("</sst>".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        String page = upload("MEDICAL_CLAIMS", period, "医保结算.xlsx", zip.toByteArray(), 422).getResponse().getContentAsString();
        assertThat(page).contains("文件“医保结算.xlsx”超出系统的读取上限，未接收", "共享字符串表（xl/sharedStrings.xml）中的字符串超过 10,000,000 个");
        assertThat(uploads(period)).isZero();
    }

    long runAndWait(String period) throws Exception {
        MvcResult r = mvc.perform(post("/warnings/runs").param("period", period).with(as(Role.COUNTY_ANALYST, COUNTY))
                .with(csrf())).andExpect(status().is3xxRedirection()).andReturn();
        long run = Long.parseLong(r.getResponse().getRedirectedUrl().substring("/warnings/runs/".length()));
        for (int i = 0; i < 600; i++) {
            String s = jdbc.sql("select status from screening_run where id = :id").param("id", run).query(String.class).single();
            if (!s.equals("RUNNING")) {
                assertThat(s).as(jdbc.sql("select coalesce(error, '') from screening_run where id = :id").param("id", run)
                        .query(String.class).single()).isEqualTo("DONE");
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + run + " did not finish");
    }

    Set<String> storedWarnings(String period, long run) {
        return new TreeSet<>(jdbc.sql("select household_id, rule, id_number_enc from screening_warning "
                        + "where period = :p and last_run_id = :r").param("p", period).param("r", run)
                .query((rs, i) -> rs.getLong(1) + "," + rs.getString(2) + ","
                        + (rs.getBytes(3) == null ? "" : personalData.open(rs.getBytes(3)))).list());
    }

    @Test
    void aRunEqualsTheEngineOnTheSameInputsARerunAddsNothingAndWarningsStayInTheirArea(@TempDir Path tmp) throws Exception {
        String period = "2031-03";
        String inVillage = validId("220322", LocalDate.of(1965, 3, 3), 31);
        String inOther = validId("220322", LocalDate.of(1966, 3, 3), 32);
        long h1 = household(VILLAGE, inVillage);
        long h2 = household(OTHER_VILLAGE, inOther);
        String unknown = validId("220322", LocalDate.of(1967, 3, 3), 33);
        byte[] file = ("id_number,diagnosed_on,disease\n" + inVillage + ",2031-03-10,肺癌\n" + inOther + ",2031-03-11,白血病\n"
                + unknown + ",2031-03-12,x\n" + "220322196703031234,2031-03-12,x\n" + inVillage + ",2031-02-10,旧病\n")
                .getBytes(StandardCharsets.UTF_8);
        upload("MAJOR_DIAGNOSES", period, "major_diagnoses.csv", file, 302);

        long run = runAndWait(period);
        Set<String> stored = storedWarnings(period, run);
        assertThat(stored).contains(h1 + ",MAJOR_DIAGNOSIS," + inVillage, h2 + ",MAJOR_DIAGNOSIS," + inOther);

        // the engine on the same inputs: the registry as read now (in memory, as a run reads it) and the uploaded file
        Set<String> engine = new TreeSet<>();
        transactions.executeWithoutResult(st -> {
            try {
                Screening.run(new Screening.Input(registryRows.rows(new AreaScope(COUNTY), new RunResults.Places()),
                        java.util.Map.of(cn.shouwang.screening.feed.FeedKind.MAJOR_DIAGNOSES,
                                cn.shouwang.screening.run.FeedSource.csv("major_diagnoses.csv", file.length,
                                        () -> new java.io.ByteArrayInputStream(file))),
                        Period.parse(period), RunService.rules(standards.comparisonSettings(COUNTY,
                                RunService.standardDay(Period.parse(period))), standards.incomeLines(COUNTY,
                                RunService.standardDay(Period.parse(period)))), 1, null),
                        new cn.shouwang.screening.run.ResultSink() {
                    @Override public void warnings(java.util.List<cn.shouwang.screening.output.Warning> ws) {
                        for (var w : ws) engine.add(w.householdId() + "," + w.rule().name() + "," + w.idNumber());
                    }

                    @Override public void rejects(java.util.List<cn.shouwang.screening.output.Reject> rs) { }

                    @Override public void summary(cn.shouwang.screening.run.Summary s) { }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(stored).isEqualTo(engine);

        // the record: the file with its checksum and counts, the rejected row, the rules
        var f = jdbc.sql("select sha256, read_rows, rejected, unmatched from screening_run_file where run_id = :r "
                + "and kind = 'MAJOR_DIAGNOSES'").param("r", run).query().singleRow();
        assertThat(f.get("sha256")).isEqualTo(sha256(file));
        assertThat(f.get("read_rows")).isEqualTo(5L);
        assertThat(f.get("rejected")).isEqualTo(1L);
        assertThat(f.get("unmatched")).isEqualTo(1L);
        assertThat(jdbc.sql("select count(*) from screening_reject where run_id = :r and source = 'major_diagnoses' and line = 5")
                .param("r", run).query(Long.class).single()).isOne();
        String record = mvc.perform(get("/warnings/runs/" + run).with(as(Role.COUNTY_ANALYST, COUNTY)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // the thresholds it used, from the settings (feeds.md's defaults: nobody set one for 梨树县)
        assertThat(record).contains(sha256(file), "个人年度自付医疗费用阈值（其他农户，元）：20000 元（默认值）",
                "所有比对规则均已启用", "新确诊大病", "梨树县", "已比对");
        // the registry came from the database: the page names it, not an internal file name
        assertThat(record).contains("本系统农户档案（数据库）").doesNotContain(">households<", ">members<");

        // again: the same warnings, none new
        long total = jdbc.sql("select count(*) from screening_warning where period = :p").param("p", period).query(Long.class).single();
        long again = runAndWait(period);
        assertThat(storedWarnings(period, again)).isEqualTo(stored);
        assertThat(jdbc.sql("select new_warnings from screening_run where id = :r").param("r", again).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from screening_warning where period = :p").param("p", period).query(Long.class).single())
                .isEqualTo(total);
        assertThat(jdbc.sql("select seen_count, first_run_id from screening_warning where household_id = :h").param("h", h1)
                .query((rs, i) -> rs.getInt(1) + "/" + rs.getLong(2)).single()).isEqualTo("2/" + run);

        // the village monitor sees the warning of the village only, masked, and not the county's run
        String village = mvc.perform(get("/warnings").param("period", period).param("rule", "MAJOR_DIAGNOSIS")
                .with(as(Role.VILLAGE_MONITOR, VILLAGE))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(village).contains(IdNumber.mask(inVillage)).doesNotContain(inVillage).doesNotContain(IdNumber.mask(inOther))
                .contains("共 1 户，1 条预警");
        mvc.perform(get("/warnings/runs/" + run).with(as(Role.VILLAGE_MONITOR, VILLAGE))).andExpect(status().isNotFound());
        // another county's analyst sees none of it, and an area filter outside the scope is ignored
        String otherCounty = jdbc.sql("select code from area where level = 3 and code like '2203%' and code <> :c "
                + "order by code limit 1").param("c", COUNTY).query(String.class).single();
        String other = mvc.perform(get("/warnings").param("period", period).param("area", VILLAGE)
                .with(as(Role.COUNTY_ANALYST, otherCounty))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(other).contains("共 0 户，0 条预警").doesNotContain(IdNumber.mask(inVillage));
        mvc.perform(get("/warnings/runs/" + run).with(as(Role.COUNTY_ANALYST, otherCounty))).andExpect(status().isNotFound());
        // the export holds what the filters show, masked
        byte[] xlsx = mvc.perform(get("/warnings/export").param("period", period).param("rule", "MAJOR_DIAGNOSIS")
                .with(as(Role.VILLAGE_MONITOR, VILLAGE))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            var sheet = wb.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(4); // title, filters, day made, header, the one warning
            assertThat(sheet.getRow(3).getCell(10).getStringCellValue()).isEqualTo("身份证号");
            assertThat(sheet.getRow(4).getCell(10).getStringCellValue()).isEqualTo(IdNumber.mask(inVillage));
        }
    }

    List<String> storedNumbers(String period, long a, long b) {
        return jdbc.sql("select distinct household_id || '=' || coalesce(household_no, '-') from screening_warning "
                        + "where period = :p and household_id in (:a, :b) order by 1").param("p", period).param("a", a)
                .param("b", b).query(String.class).list();
    }

    @Test
    void theWarningsPageShowsAndSortsByTheWarningsOwnHouseholdNumberAndEarlierWarningsGetItAtStart(
            @Autowired WarningHouseholdNumbers backfill) throws Exception {
        String period = "2031-11";
        String firstId = validId("220322", LocalDate.of(1963, 7, 7), 71);
        String secondId = validId("220322", LocalDate.of(1964, 7, 7), 72);
        // registered first but numbered after the second: the list's order is the number's, not the id's
        long first = registry.household(VILLAGE).number(VILLAGE + "98702").idNumber(firstId).insert();
        long second = registry.household(VILLAGE).number(VILLAGE + "98701").idNumber(secondId).insert();
        upload("MAJOR_DIAGNOSES", period, "major_diagnoses.csv",
                ("id_number,diagnosed_on,disease\n" + firstId + ",2031-11-10,肺癌\n" + secondId + ",2031-11-11,白血病\n")
                        .getBytes(StandardCharsets.UTF_8), 302);
        runAndWait(period);

        // the run wrote each warning's household number as the registry has it
        List<String> expected = List.of(first + "=" + VILLAGE + "98702", second + "=" + VILLAGE + "98701");
        assertThat(storedNumbers(period, first, second)).isEqualTo(expected);
        java.util.function.Supplier<String> page = () -> {
            try {
                return mvc.perform(get("/warnings").param("period", period).with(as(Role.VILLAGE_MONITOR, VILLAGE)))
                        .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String listed = page.get();
        assertThat(listed.indexOf(VILLAGE + "98701")).isPositive().isLessThan(listed.indexOf(VILLAGE + "98702"));

        // warnings stored before the column existed: filled in at start-up from the registry, only where missing
        jdbc.sql("update screening_warning set household_no = null where period = :p").param("p", period).update();
        assertThat(page.get()).doesNotContain(VILLAGE + "98701").doesNotContain(VILLAGE + "98702");
        assertThat(backfill.fill()).isGreaterThanOrEqualTo(2);
        assertThat(storedNumbers(period, first, second)).isEqualTo(expected);
        assertThat(backfill.fill()).isZero();
        listed = page.get();
        assertThat(listed.indexOf(VILLAGE + "98701")).isPositive().isLessThan(listed.indexOf(VILLAGE + "98702"));
    }

    void income(long household, int year, String wages, String transfers, String productionCosts, String outOfPocket) {
        registry.income(household, year).wages(wages).transfers(transfers).productionCosts(productionCosts)
                .eligibleOutOfPocket(outOfPocket).insert();
    }

    /** Whether the run warned the household of an income below the line, and the line its detail names. */
    List<String> incomeWarnings(long run, long household) {
        return jdbc.sql("select detail from screening_warning where last_run_id = :r and household_id = :h "
                + "and rule = 'INCOME_BELOW_LINE'").param("r", run).param("h", household).query(String.class).list();
    }

    String runPage(long run) throws Exception {
        return mvc.perform(get("/warnings/runs/" + run).with(as(Role.COUNTY_ANALYST, COUNTY))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void theServerRunComparesWithTheLineInForceOnThePeriodsLastDayAndKeepsIt() throws Exception {
        // 监测标准 at 8,700 for 2035 (set before changes were kept: 6,700; raised from 2035-01-01); the comparison takes it
        casework.incomeLine("220000000000", 2035, 6700);
        casework.incomeLineChange("220000000000", 2035, 8700, LocalDate.of(2035, 1, 1), "提高监测标准");
        long h = household(VILLAGE, validId("220322", LocalDate.of(1966, 3, 3), 71));
        income(h, 2035, "8000", "0", "0", "0"); // 8,000 a head: under 8,700, over 6,700
        long run = runAndWait("2035-06");
        assertThat(incomeWarnings(run, h)).singleElement().asString().contains("line=8700.00", "per_capita=8000.00");
        String page = runPage(run);
        assertThat(page).contains("2035年收入:8,700.00 元/人·年(吉林省的标准,2035-01-01起执行)", "2035-06-30");

        // a later adjustment does not rewrite the run: it keeps the line it compared with
        casework.incomeLineChange("220000000000", 2035, 9000, LocalDate.of(2035, 1, 1), "再次调整");
        assertThat(runPage(run)).contains("8,700.00").doesNotContain("9,000.00");

        // 2036: raised to 8,700 only from July; a June run still compares with 6,700 and does not warn, a July one does
        casework.incomeLine("220000000000", 2036, 6700);
        casework.incomeLineChange("220000000000", 2036, 8700, LocalDate.of(2036, 7, 1), "下半年起提高");
        long h2 = household(VILLAGE, validId("220322", LocalDate.of(1967, 3, 3), 72));
        income(h2, 2036, "8000", "0", "0", "0");
        long june = runAndWait("2036-06");
        assertThat(incomeWarnings(june, h2)).isEmpty();
        assertThat(runPage(june)).contains("2036年收入:6,700.00 元/人·年(吉林省的标准)");
        long july = runAndWait("2036-07");
        assertThat(incomeWarnings(july, h2)).singleElement().asString().contains("line=8700.00");

        // a county's own line wins over the province's for its households
        casework.incomeLineChange(COUNTY, 2036, 7900, LocalDate.of(2036, 1, 1), "县定标准");
        long county = runAndWait("2036-08");
        assertThat(incomeWarnings(county, h2)).isEmpty();
        assertThat(runPage(county)).contains("7,900.00", "梨树县");
    }

    @Test
    void aYearWithoutALineIsNotComparedWithAGuess() throws Exception {
        long h = household(VILLAGE, validId("220322", LocalDate.of(1968, 3, 3), 73));
        income(h, 2038, "10", "0", "0", "0"); // far below any line, but no line is set for 2038
        long run = runAndWait("2038-03");
        assertThat(incomeWarnings(run, h)).isEmpty();
        assertThat(runPage(run)).contains("2026年收入").doesNotContain("2038年收入");
    }

    @Test
    void aRegisteredIncomeBelowTheLineIsWarnedByAServerRunAndOneAboveItIsNot() throws Exception {
        String period = "2032-05";
        String poorId = validId("220322", LocalDate.of(1961, 4, 4), 41);
        String richId = validId("220322", LocalDate.of(1962, 4, 4), 42);
        long poor = household(VILLAGE, poorId);
        long rich = household(VILLAGE, richId);
        // one ACTIVE member each: per-capita value = wages + transfers − production costs − eligible out-of-pocket
        casework.incomeLine(COUNTY, 2032, 6700); // the line 监测标准 sets (no line: the rule compares with none)
        income(poor, 2032, "7000.00", "500.50", "600.00", "300.00");   // 6,600.50 < 6,700
        income(poor, 2031, "20000", "0", "0", "0");                    // an older year: not the latest
        income(poor, 2033, "20000", "0", "0", "0");                    // after the period's year: not used
        income(rich, 2032, "7000.00", "500.50", "600.00", "200.00");   // 6,700.50 ≥ 6,700
        income(rich, 2030, "100", "0", "0", "0");

        long run = runAndWait(period);
        List<String> warned = jdbc.sql("select household_id || ',' || source || ',' || detail from screening_warning "
                        + "where period = :p and last_run_id = :r and rule = 'INCOME_BELOW_LINE' and household_id in (:a, :b)")
                .param("p", period).param("r", run).param("a", poor).param("b", rich).query(String.class).list();
        assertThat(warned).hasSize(1);
        assertThat(warned.get(0)).startsWith(poor + ",incomes,").contains("year=2032", "6600.50");

        // the household page shows the incomes read-only, newest year first, yuan with two decimals
        String page = mvc.perform(get("/households/" + poor).with(as(Role.VILLAGE_MONITOR, VILLAGE)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("收入", "工资性收入", "7,000.00", "500.50", "20,000.00");
        assertThat(page.indexOf(">2033<")).isPositive().isLessThan(page.indexOf(">2031<"));
    }

    @Test
    void aYearImportedWithOnlyItsPerCapitaFigureIsComparedWithThatFigure() throws Exception {
        // the national person list gives 人均纯收入 only: the import keeps it (itemised = false, the items at zero)
        String period = "2034-05";
        long low = household(VILLAGE, validId("220322", LocalDate.of(1963, 5, 5), 43));
        long high = household(VILLAGE, validId("220322", LocalDate.of(1964, 5, 5), 44));
        casework.incomeLine(COUNTY, 2034, 6700);
        for (Object[] o : new Object[][] {{low, "6500.00"}, {high, "6800.00"}}) {
            jdbc.sql("""
                    insert into household_income (household_id, year, wages, business, property, transfers, production_costs,
                                                  eligible_out_of_pocket, recorded_at, per_capita, itemised)
                    values (:h, 2034, 0, 0, 0, 0, 0, 0, now(), :pc, false)""")
                    .param("h", o[0]).param("pc", new java.math.BigDecimal((String) o[1])).update();
        }
        long run = runAndWait(period);
        assertThat(incomeWarnings(run, low)).singleElement().asString().contains("year=2034", "per_capita=6500.00");
        assertThat(incomeWarnings(run, high)).isEmpty();
    }

    /** A warning as a finished run of the county stored it; returns its id. */
    long warning(long run, String period, long household, String village, String rule, String riskType, int line) {
        return jdbc.sql("""
                insert into screening_warning (period, household_id, village_code, rule, person_hash, risk_type, source, line,
                  detail, first_run_id, last_run_id) values (:p, :h, :v, :r, '\\x01'::bytea, :rt, 'major_diagnoses', :l, 'x', :run, :run)
                returning id""").param("p", period).param("h", household).param("v", village).param("r", rule)
                .param("rt", riskType, java.sql.Types.VARCHAR).param("l", line).param("run", run).query(Long.class).single();
    }

    long storedRun(String period, String county) {
        return jdbc.sql("insert into screening_run (period, county_code, status, rules, started_by, started_at) "
                + "values (:p, :c, 'DONE', 'defaults', 'test', now()) returning id").param("p", period).param("c", county)
                .query(Long.class).single();
    }

    @Test
    void anAnalystTurnsWarningsIntoLeadsOneLeadPerHouseholdOnlyInTheCounty() throws Exception {
        String period = "2031-05";
        long h = household(VILLAGE, validId("220322", LocalDate.of(1961, 5, 5), 51));
        long run = storedRun(period, COUNTY);
        long w1 = warning(run, period, h, VILLAGE, "MAJOR_DIAGNOSIS", "ILLNESS", 7);
        long w2 = warning(run, period, h, VILLAGE, "INCOME_BELOW_LINE", null, 9);
        String otherCounty = jdbc.sql("select code from area where level = 3 and code like '2203%' and code <> :c "
                + "order by code limit 1").param("c", COUNTY).query(String.class).single();
        String otherVillage = jdbc.sql("select code from area where level = 5 and code like :c order by code limit 1")
                .param("c", otherCounty.substring(0, 6) + "%").query(String.class).single();
        long hOther = household(otherVillage, validId(otherCounty.substring(0, 6), LocalDate.of(1962, 5, 5), 52));
        long wOther = warning(storedRun(period, otherCounty), period, hOther, otherVillage, "MAJOR_DIAGNOSIS", "ILLNESS", 3);

        // a village monitor may see the warnings but not turn them into leads
        String page = mvc.perform(get("/warnings").param("period", period).with(as(Role.VILLAGE_MONITOR, VILLAGE)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain("intake-button");
        mvc.perform(post("/warnings/intake").param("warning", String.valueOf(w1)).with(as(Role.VILLAGE_MONITOR, VILLAGE))
                .with(csrf())).andExpect(status().isForbidden());
        assertThat(leadsOf(h)).isZero();

        // the county analyst: two warnings of one household make one lead (the second joins); the other county's refused
        mvc.perform(post("/warnings/intake").param("warning", String.valueOf(w1), String.valueOf(w2), String.valueOf(wOther))
                        .param("period", period).with(as(Role.COUNTY_ANALYST, COUNTY)).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("intake", new WarningIntake.Summary(1, 1, 0, 1)));
        assertThat(leadsOf(h)).isOne();
        assertThat(leadsOf(hOther)).isZero();
        var lead = jdbc.sql("select id, description, suggested_risks::text as risks, source_ref from lead where household_id = :h")
                .param("h", h).query().singleRow();
        long leadId = ((Number) lead.get("id")).longValue();
        assertThat((String) lead.get("description")).contains("新确诊大病", "major_diagnoses:7").doesNotContain("220322");
        assertThat(lead.get("risks")).isEqualTo("{ILLNESS}");
        assertThat(lead.get("source_ref")).isEqualTo("warning:" + w1 + " run:" + run);
        assertThat(jdbc.sql("select count(*) from lead_report where lead_id = :l").param("l", leadId).query(Long.class).single())
                .isPositive();
        assertThat(jdbc.sql("select lead_id from screening_warning where id in (:a, :b)").param("a", w1).param("b", w2)
                .query(Long.class).list()).containsOnly(leadId);
        assertThat(jdbc.sql("select count(*) from screening_warning where id = :w and intake_outcome is null")
                .param("w", wOther).query(Long.class).single()).isOne();

        // the list shows it; a second click opens nothing new
        String after = mvc.perform(get("/warnings").param("period", period).with(as(Role.COUNTY_ANALYST, COUNTY)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(after).contains("triage-form", "intake-button", "已转线索", "/leads/" + leadId);
        mvc.perform(post("/warnings/intake").param("warning", String.valueOf(w1)).with(as(Role.COUNTY_ANALYST, COUNTY))
                        .with(csrf())).andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("intake", new WarningIntake.Summary(0, 0, 1, 0)));
        assertThat(leadsOf(h)).isOne();
    }

    String autoIntakeRules(String value) {
        String before = jdbc.sql("select value from casework_setting where name = 'auto_intake_rules'").query(String.class).single();
        jdbc.sql("update casework_setting set value = :v where name = 'auto_intake_rules'").param("v", value).update();
        return before;
    }

    @Test
    void aRunTurnsTheNewWarningsOfTheChosenRuleIntoLeadsInItsCountyAndARerunOpensNone() throws Exception {
        String period = "2032-09";
        String sickId = validId("220322", LocalDate.of(1963, 7, 7), 61);
        long sick = household(VILLAGE, sickId);
        long poor = household(OTHER_VILLAGE, validId("220322", LocalDate.of(1964, 7, 7), 62));
        casework.incomeLine(COUNTY, 2032, 6700);
        income(poor, 2032, "100", "0", "0", "0"); // INCOME_BELOW_LINE, a rule not chosen
        upload("MAJOR_DIAGNOSES", period, "major_diagnoses.csv",
                ("id_number,diagnosed_on,disease\n" + sickId + ",2032-09-03,肺癌\n").getBytes(StandardCharsets.UTF_8), 302);
        String before = autoIntakeRules("MAJOR_DIAGNOSIS");
        try {
            long run = runAndWait(period);
            assertThat(jdbc.sql("select count(*) from screening_warning where last_run_id = :r and household_id = :h "
                    + "and rule = 'INCOME_BELOW_LINE'").param("r", run).param("h", poor).query(Long.class).single()).isOne();
            List<Long> opened = jdbc.sql("select household_id from lead where opened_by_name like :n")
                    .param("n", "比对自动转入（运行 #" + run + "，%").query(Long.class).list();
            assertThat(opened).containsExactly(sick);
            assertThat(leadsOf(poor)).isZero();
            var lead = jdbc.sql("select id, village_code, channel, opened_by, opened_by_name, source_ref from lead "
                    + "where household_id = :h").param("h", sick).query().singleRow();
            assertThat(lead.get("village_code")).isEqualTo(VILLAGE);
            assertThat(lead.get("channel")).isEqualTo("DEPARTMENT_SCREENING");
            assertThat((String) lead.get("opened_by_name")).isEqualTo("比对自动转入（运行 #" + run + "，COUNTY_ANALYST"
                    + jdbc.sql("select started_by_account from screening_run where id = :r").param("r", run)
                    .query(Long.class).single() + "发起）");
            long leadId = ((Number) lead.get("id")).longValue();
            assertThat(jdbc.sql("select intake_outcome || ':' || lead_id from screening_warning where last_run_id = :r "
                    + "and household_id = :h").param("r", run).param("h", sick).query(String.class).single())
                    .isEqualTo("OPENED:" + leadId);
            assertThat(jdbc.sql("select auto_opened || '/' || auto_joined || '/' || auto_refused from screening_run "
                    + "where id = :r").param("r", run).query(String.class).single()).isEqualTo("1/0/0");
            assertThat(jdbc.sql("select count(*) from audit_event where action = 'LEAD_AUTO_INTAKE' and household_id = :h "
                    + "and detail like :d").param("h", sick).param("d", "%run:" + run + "%").query(Long.class).single()).isOne();
            String record = mvc.perform(get("/warnings/runs/" + run).with(as(Role.COUNTY_ANALYST, COUNTY)))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(record).contains("自动转为线索", "新开线索 1 条，并入 0 条");

            // the same period again: the warnings are not new, so nothing more is opened
            long again = runAndWait(period);
            assertThat(jdbc.sql("select count(*) from lead where opened_by_name like :n")
                    .param("n", "比对自动转入（运行 #" + again + "，%").query(Long.class).single()).isZero();
            assertThat(leadsOf(sick)).isOne();
            assertThat(jdbc.sql("select auto_opened from screening_run where id = :r").param("r", again)
                    .query(Integer.class).single()).isZero();
        } finally {
            autoIntakeRules(before);
        }
    }

    @Test
    void withNoRuleChosenARunOpensNoLead() throws Exception {
        String period = "2032-10";
        String sickId = validId("220322", LocalDate.of(1965, 8, 8), 63);
        long sick = household(VILLAGE, sickId);
        upload("MAJOR_DIAGNOSES", period, "major_diagnoses.csv",
                ("id_number,diagnosed_on,disease\n" + sickId + ",2032-10-03,肺癌\n").getBytes(StandardCharsets.UTF_8), 302);
        String before = autoIntakeRules("");
        try {
            long run = runAndWait(period);
            assertThat(jdbc.sql("select count(*) from screening_warning where last_run_id = :r and household_id = :h")
                    .param("r", run).param("h", sick).query(Long.class).single()).isOne();
            assertThat(leadsOf(sick)).isZero();
            assertThat(jdbc.sql("select auto_opened from screening_run where id = :r").param("r", run)
                    .query(Integer.class).optional()).isEmpty();
        } finally {
            autoIntakeRules(before);
        }
    }

    long leadsOf(long household) {
        return jdbc.sql("select count(*) from lead where household_id = :h").param("h", household).query(Long.class).single();
    }
}
