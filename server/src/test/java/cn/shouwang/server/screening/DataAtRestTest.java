package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import cn.shouwang.server.platform.DataDirectory;
import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Nothing the server leaves under its data directory holds a plain id number, and everything there is the
 * server's own (0700 directories, 0600 files): after a run that succeeded, a run that failed, an upload killed
 * half-way (its incoming file and Tomcat's multipart temp file left behind), a run folder of an earlier release,
 * a department file stored in clear or a workbook stored sealed by an earlier release, and a restart. An XLSX
 * upload is stored as its sealed CSV rendering, so runs make no folder and read the same as from the CSV.
 */
class DataAtRestTest extends ServerTest {
    static final String COUNTY = ScreeningWebTest.COUNTY;
    static final String VILLAGE = ScreeningWebTest.VILLAGE;
    /** An 18-character id number as it would sit in a CSV: not part of a longer run of digits. */
    static final Pattern ID_LIKE = Pattern.compile("(?<![0-9])[1-6][0-9]{5}(19|20)[0-9]{9}[0-9Xx](?![0-9Xx])");

    @Autowired RegistryFixtures registry;
    @Autowired RunService runs;
    @Autowired MultipartConfigElement multipart;
    @Autowired DataDirectory data;
    @Autowired ScreeningFiles files;
    @Value("${shouwang.screening.dir}") String screeningDir;

    Path dataDir() {
        return data.root();
    }

    long household(String village, String idNumber) {
        return registry.household(village).idNumber(idNumber).insert();
    }

    /** Uploads as the county's data officer; a file replacing the current one is confirmed, as the officer would. */
    void upload(String period, byte[] content) throws Exception {
        var officer = ScreeningWebTest.as(Role.DATA_OFFICER, COUNTY);
        Long current = jdbc.sql("select id from screening_upload where period = :p and county_code = :c "
                        + "and kind = 'MAJOR_DIAGNOSES' and is_current")
                .param("p", period).param("c", COUNTY).query(Long.class).optional().orElse(null);
        mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", "major_diagnoses.csv", "text/csv", content))
                        .param("kind", "MAJOR_DIAGNOSES").param("period", period).with(officer).with(csrf()))
                .andExpect(status().is(302));
        if (current == null) return;
        long pending = jdbc.sql("select max(id) from screening_upload where period = :p and county_code = :c "
                        + "and kind = 'MAJOR_DIAGNOSES' and pending_until is not null")
                .param("p", period).param("c", COUNTY).query(Long.class).single();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/uploads/" + pending + "/confirm")
                        .param("current", String.valueOf(current)).param("period", period).with(officer).with(csrf()))
                .andExpect(status().is(302));
    }

    /** A major-diagnoses file: each person diagnosed in the period. */
    static byte[] diagnoses(String period, String... ids) {
        StringBuilder sb = new StringBuilder("id_number,diagnosed_on,disease\n");
        for (String id : ids) sb.append(id).append(',').append(period).append("-05,肺癌\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Starts a run of the county and waits for it; returns its id and final status. */
    Object[] run(String period) throws Exception {
        MvcResult r = mvc.perform(post("/warnings/runs").param("period", period)
                .with(ScreeningWebTest.as(Role.COUNTY_ANALYST, COUNTY)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        long id = Long.parseLong(r.getResponse().getRedirectedUrl().substring("/warnings/runs/".length()));
        for (int i = 0; i < 600; i++) {
            String s = jdbc.sql("select status from screening_run where id = :id").param("id", id).query(String.class).single();
            if (!s.equals("RUNNING") && runs.progress(id) == null) return new Object[] {id, s};
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not finish");
    }

    boolean warned(long run, long household) {
        return jdbc.sql("select count(*) from screening_warning where last_run_id = :r and household_id = :h "
                + "and rule = 'MAJOR_DIAGNOSIS'").param("r", run).param("h", household).query(Long.class).single() == 1;
    }

    String storedPath(String period) {
        return jdbc.sql("select stored_path from screening_upload where period = :p and is_current")
                .param("p", period).query(String.class).single();
    }

    /** What a previous release or a killed process leaves: world-readable, in clear (missing folders 0755). */
    static Path plainFile(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    /** Every file under the data directory: no valid id number in clear; 0700 directories and 0600 files. */
    void assertNothingPlainOnDisk(String when) throws IOException {
        Path root = dataDir();
        List<String> plain = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isSymbolicLink(p)) {
                    modes.add("symbolic link " + root.relativize(p));
                    continue;
                }
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                if (!perms.equals(dir ? "rwx------" : "rw-------")) modes.add(perms + " " + root.relativize(p));
                if (dir) continue;
                Matcher m = ID_LIKE.matcher(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    if (IdNumber.parse(m.group()).isPresent()) {
                        plain.add(root.relativize(p) + " (" + IdNumber.mask(m.group()) + ")");
                        break;
                    }
                }
            }
        }
        assertThat(plain).as("files holding a plain id number " + when).isEmpty();
        assertThat(modes).as("files and directories not 0600/0700 " + when).isEmpty();
    }

    /** A workbook of {@code rows} (first the header), every cell text. */
    static byte[] workbook(String[][] rows) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            var sheet = wb.createSheet("诊断");
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) row.createCell(c).setCellValue(rows[r][c]);
            }
            wb.write(out);
        }
        return out.toByteArray();
    }

    void uploadXlsx(String period, byte[] xlsx) throws Exception {
        mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", "major_diagnoses.xlsx",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx))
                        .param("kind", "MAJOR_DIAGNOSES").param("period", period)
                        .with(ScreeningWebTest.as(Role.DATA_OFFICER, COUNTY)).with(csrf()))
                .andExpect(status().is(302));
    }

    Path runsDir() {
        return Path.of(screeningDir).toAbsolutePath().resolve("runs");
    }

    /**
     * An XLSX upload is stored as its sealed CSV rendering, written while it is checked; runs read it as a stream like
     * any CSV upload, so no run folder is ever made: the comparison's folder is watched during the upload and the run.
     */
    @Test
    void anXlsxUploadIsStoredAsItsSealedCsvRenderingAndARunMakesNoFolder() throws Exception {
        String period = "2033-04";
        String sickId = ScreeningWebTest.validId("220322", LocalDate.of(1956, 4, 4), 94);
        long sick = household(VILLAGE, sickId);
        byte[] xlsx = workbook(new String[][] {{"id_number", "diagnosed_on", "disease"}, {sickId, period + "-05", "肺癌"}});
        files.sweepRunFolders(); // what earlier tests' "killed servers" left
        assertThat(runsDir()).doesNotExist();
        Path watched = Path.of(screeningDir).toAbsolutePath();
        List<String> created = new ArrayList<>();
        try (java.nio.file.WatchService watch = watched.getFileSystem().newWatchService()) {
            watched.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            uploadXlsx(period, xlsx);
            Object[] ok = run(period);
            assertThat(ok[1]).isEqualTo("DONE");
            assertThat(warned((Long) ok[0], sick)).as("the run read the XLSX upload").isTrue();
            for (java.nio.file.WatchKey key; (key = watch.poll()) != null; key.reset()) {
                for (var event : key.pollEvents()) created.add(String.valueOf(event.context()));
            }
        }
        assertThat(created).as("made in the comparison's folder during the upload and the run").doesNotContain("runs");
        assertThat(runsDir()).as("no run folder").doesNotExist();
        var row = jdbc.sql("select file_name, sha256, size_bytes, stored_path from screening_upload where period = :p and is_current")
                .param("p", period).query().singleRow();
        assertThat(row.get("file_name")).isEqualTo("major_diagnoses.xlsx");
        assertThat(row.get("sha256")).as("of the file received").isEqualTo(ScreeningWebTest.sha256(xlsx));
        assertThat(((Number) row.get("size_bytes")).longValue()).isEqualTo(xlsx.length);
        Path stored = Path.of((String) row.get("stored_path"));
        assertThat(stored.getFileName().toString()).endsWith("-major_diagnoses.csv.sealed");
        try (var in = files.open(stored)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("\uFEFFid_number,diagnosed_on,disease\n" + sickId + "," + period + "-05,肺癌\n");
        }
        assertNothingPlainOnDisk("after a run on an XLSX upload");
    }

    /** A refused XLSX upload leaves neither its workbook nor the part of its sealed CSV rendering written meanwhile. */
    @Test
    void aRefusedXlsxUploadLeavesNoFile() throws Exception {
        String period = "2033-08";
        byte[] xlsx = workbook(new String[][] {{"id_number", "diagnosed_on", "disease"},
                {"12345", period + "-05", "肺癌"}, {"67890", period + "-06", "肺癌"}});
        mvc.perform(multipart("/uploads").file(new MockMultipartFile("file", "major_diagnoses.xlsx",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx))
                        .param("kind", "MAJOR_DIAGNOSES").param("period", period)
                        .with(ScreeningWebTest.as(Role.DATA_OFFICER, COUNTY)).with(csrf()))
                .andExpect(status().is(422));
        Path folder = Path.of(screeningDir).toAbsolutePath().resolve("uploads").resolve(COUNTY).resolve(period);
        try (Stream<Path> left = Files.isDirectory(folder) ? Files.list(folder) : Stream.empty()) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("files left by a refused upload").isEmpty();
        }
        assertThat(jdbc.sql("select count(*) from screening_upload where period = :p").param("p", period)
                .query(Long.class).single()).isZero();
    }

    /** The rows of a major-diagnoses file for {@code period}: matches, an unknown person, rejects, awkward text. */
    static String[][] mixedDiagnoses(String period, String[] ids, String stranger) {
        return new String[][] {
                {"身份证号", "诊断日期", "疾病"},
                {ids[0], period + "-05", "肺癌, 晚期"},
                {ids[1], period + "-28", "他说\"尿毒症\""},
                {},
                {ids[2], "2001-01-01", "旧病\n复发"},
                {stranger, period + "-10", "白血病"},
                {ids[0].substring(0, 17), period + "-06", "短号"},
                {ids[2], "not a date", ""},
                {ids[2], period + "-01", "心脏病\r\n二次"},
        };
    }

    static byte[] csv(String[][] rows) {
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) sb.append(',');
                String v = row[c];
                boolean q = v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r");
                sb.append(q ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** What a run stored: its MAJOR_DIAGNOSIS warnings (period written as P), rejects and per-file counts. */
    List<String> outcome(long run, String period) {
        List<String> out = new ArrayList<>(jdbc.sql("""
                select household_id || ' ' || rule || ' ' || encode(person_hash, 'hex') || ' ' || source || ':' || line
                       || ' ' || replace(detail, :p, 'P')
                from screening_warning where last_run_id = :r and rule = 'MAJOR_DIAGNOSIS' order by 1""")
                .param("r", run).param("p", period).query(String.class).list());
        out.addAll(jdbc.sql("select 'reject ' || source || ':' || line || ' ' || reason from screening_reject where run_id = :r "
                        + "order by line, reason").param("r", run).query(String.class).list());
        out.addAll(jdbc.sql("select 'file ' || kind || ' ' || status || ' ' || read_rows || ' ' || rejected || ' ' || unmatched "
                + "from screening_run_file where run_id = :r order by kind").param("r", run).query(String.class).list());
        return out;
    }

    @Test
    void aRunOnAnXlsxUploadGivesTheSameWarningsAndRejectsAsTheSameDataUploadedAsCsv() throws Exception {
        String asCsv = "2033-05", asXlsx = "2033-06";
        String[] ids = new String[3];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ScreeningWebTest.validId("220322", LocalDate.of(1950 + i, 5, 5), 80 + i);
            household(VILLAGE, ids[i]);
        }
        String stranger = ScreeningWebTest.validId("220322", LocalDate.of(1949, 9, 9), 79);
        upload(asCsv, csv(mixedDiagnoses(asCsv, ids, stranger)));
        uploadXlsx(asXlsx, workbook(mixedDiagnoses(asXlsx, ids, stranger)));
        Object[] a = run(asCsv);
        Object[] b = run(asXlsx);
        assertThat(a[1]).isEqualTo("DONE");
        assertThat(b[1]).isEqualTo("DONE");
        List<String> fromCsv = outcome((Long) a[0], asCsv);
        assertThat(outcome((Long) b[0], asXlsx)).isEqualTo(fromCsv);
        assertThat(fromCsv).as("warnings, rejects and counts were compared").hasSizeGreaterThanOrEqualTo(5)
                .anyMatch(s -> s.contains("MAJOR_DIAGNOSIS") && s.contains(":2 "))
                .anyMatch(s -> s.startsWith("reject ") && s.contains(":7 "))
                .anyMatch(s -> s.startsWith("file MAJOR_DIAGNOSES"));
        assertNothingPlainOnDisk("after runs on the same data as CSV and XLSX");
    }

    /**
     * A sealed XLSX upload an earlier release stored ({@code <uuid>-<kind>.xlsx.sealed}) is converted at start to its
     * sealed CSV rendering, by the code that renders uploads; the row keeps its file name, SHA-256 and size.
     */
    @Test
    void aSealedXlsxUploadOfAnEarlierReleaseIsConvertedAtStart() throws Exception {
        String period = "2033-07";
        String sickId = ScreeningWebTest.validId("220322", LocalDate.of(1955, 7, 7), 77);
        long sick = household(VILLAGE, sickId);
        byte[] xlsx = workbook(new String[][] {{"id_number", "diagnosed_on", "disease"}, {}, {sickId, period + "-05", "肺癌"}});
        Path legacy;
        try (ScreeningFiles.Storing s = files.newStored(COUNTY, period, "major_diagnoses", "xlsx")) {
            s.out().write(xlsx);
            legacy = s.commit();
        }
        assertThat(legacy.getFileName().toString()).endsWith("-major_diagnoses.xlsx.sealed");
        jdbc.sql("""
                insert into screening_upload (kind, period, county_code, file_name, stored_path, sha256, size_bytes, row_count,
                    uploaded_by, uploaded_at) values ('MAJOR_DIAGNOSES', :p, :c, '诊断.xlsx', :sp, :h, :sz, 1, 'old', now())""")
                .param("p", period).param("c", COUNTY).param("sp", legacy.toString())
                .param("h", ScreeningWebTest.sha256(xlsx)).param("sz", xlsx.length).update();

        ScreeningFiles.StartUp start = runs.startUp();
        assertThat(start.xlsxConverted()).as("XLSX uploads converted").isPositive();
        assertThat(legacy).as("the sealed workbook").doesNotExist();
        Path converted = Path.of(storedPath(period));
        assertThat(converted.getFileName().toString())
                .isEqualTo(legacy.getFileName().toString().replace(".xlsx.sealed", ".csv.sealed"));
        try (var in = files.open(converted)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("\uFEFFid_number,diagnosed_on,disease\n\n" + sickId + "," + period + "-05,肺癌\n");
        }
        assertThat(jdbc.sql("select file_name || ' ' || sha256 || ' ' || size_bytes from screening_upload where period = :p")
                .param("p", period).query(String.class).single())
                .isEqualTo("诊断.xlsx " + ScreeningWebTest.sha256(xlsx) + " " + xlsx.length);
        assertThat(runs.startUp().xlsxConverted()).as("once").isZero();

        Object[] ok = run(period);
        assertThat(ok[1]).isEqualTo("DONE");
        assertThat(warned((Long) ok[0], sick)).as("a run read the converted upload").isTrue();
        assertThat(jdbc.sql("select source || ':' || line from screening_warning where last_run_id = :r and household_id = :h "
                        + "and rule = 'MAJOR_DIAGNOSIS'").param("r", ok[0]).param("h", sick).query(String.class).single()).as("the sheet's row").isEqualTo("major_diagnoses:3");
        assertThat(runsDir()).doesNotExist();
        assertNothingPlainOnDisk("after the conversion and a run");
    }

    @Test
    void noFileUnderTheDataDirectoryHoldsAPlainIdNumberAfterRunsAKilledUploadAndARestart() throws Exception {
        String period = "2033-01";
        String sickId = ScreeningWebTest.validId("220322", LocalDate.of(1958, 1, 1), 91);
        String strangerId = ScreeningWebTest.validId("220322", LocalDate.of(1959, 1, 1), 92);
        long sick = household(VILLAGE, sickId);

        // a first version, replaced by a second: both kept or deleted per the setting, never in clear
        upload(period, diagnoses(period, strangerId));
        upload(period, diagnoses(period, sickId, strangerId));
        Object[] ok = run(period);
        assertThat(ok[1]).isEqualTo("DONE");
        assertThat(warned((Long) ok[0], sick)).as("the run read the stored upload").isTrue();
        assertNothingPlainOnDisk("after a successful run");

        // a run that fails after the registry was exported: the stored file was tampered with
        Path stored = Path.of(storedPath(period));
        byte[] bytes = Files.readAllBytes(stored);
        bytes[bytes.length / 2] ^= 1;
        Files.write(stored, bytes);
        Object[] failed = run(period);
        assertThat(failed[1]).isEqualTo("FAILED");
        // the failure is kept as a message code and shown in the reader's language
        String zh = mvc.perform(get("/warnings/runs/" + failed[0]).with(ScreeningWebTest.as(Role.COUNTY_ANALYST, COUNTY)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(zh).contains("比对失败：上报文件“major_diagnoses.csv”无法打开：已损坏，或不是用本服务器的密钥加密的");
        String en = mvc.perform(get("/warnings/runs/" + failed[0]).param("lang", "en")
                        .with(ScreeningWebTest.as(Role.COUNTY_ANALYST, COUNTY)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(en).contains("The comparison failed: Uploaded file “major_diagnoses.csv” cannot be opened: damaged, "
                + "or not sealed with this server’s key").doesNotContain("无法打开");
        assertNothingPlainOnDisk("after a failed run");

        // a killed upload, a killed run, and a department file stored in clear by the previous release
        String earlier = "2033-02";
        assertThat(Path.of(multipart.getLocation())).as("Tomcat's multipart temp files stay under the data directory")
                .isAbsolute().startsWith(dataDir());
        Path uploads = Path.of(screeningDir).toAbsolutePath().resolve("uploads").resolve(COUNTY);
        plainFile(uploads.resolve(period).resolve("incoming-" + UUID.randomUUID() + ".csv"), diagnoses(period, sickId, strangerId));
        plainFile(Path.of(multipart.getLocation()).resolve("upload_" + UUID.randomUUID().toString().replace('-', '_')
                + "_00000042.tmp"), diagnoses(period, sickId));
        Path killedRun = Path.of(screeningDir).toAbsolutePath().resolve("runs").resolve("999999-killed");
        plainFile(killedRun.resolve("registry").resolve("members.csv"), ("household_id,id_number\n1," + sickId + "\n").getBytes());
        plainFile(killedRun.resolve("feeds").resolve("major_diagnoses.csv"), diagnoses(period, sickId));
        plainFile(killedRun.resolve("out").resolve("warnings.csv"), ("2033-01,1," + sickId + ",MAJOR_DIAGNOSIS\n").getBytes());
        byte[] legacy = diagnoses(earlier, sickId);
        Path legacyFile = plainFile(uploads.resolve(earlier).resolve(UUID.randomUUID() + "-major_diagnoses.csv"), legacy);
        jdbc.sql("""
                insert into screening_upload (kind, period, county_code, file_name, stored_path, sha256, size_bytes, row_count,
                    uploaded_by, uploaded_at) values ('MAJOR_DIAGNOSES', :p, :c, 'old.csv', :sp, :h, :sz, 1, 'old', now())""")
                .param("p", earlier).param("c", COUNTY).param("sp", legacyFile.toString())
                .param("h", ScreeningWebTest.sha256(legacy)).param("sz", legacy.length).update();

        // the restart: what the data directory and the comparison do at start (the shared test server keeps running)
        assertThat(data.sweepMultipart()).as("multipart temp files").isOne();
        ScreeningFiles.StartUp start = runs.startUp();
        assertThat(start.runFolders()).as("run folders").isPositive();
        assertThat(start.incoming()).as("incoming files").isPositive();
        assertThat(start.sealedInPlace()).as("uploads sealed in place").isPositive();
        assertNothingPlainOnDisk("after a restart");
        Path sealed = Path.of(storedPath(earlier));
        assertThat(sealed.getFileName().toString()).isEqualTo(legacyFile.getFileName() + ".sealed");
        try (var in = files.open(sealed)) {
            assertThat(in.readAllBytes()).as("sealed in place, same content").isEqualTo(legacy);
        }

        // the file of the previous release is still there for the runs, sealed in place
        Object[] later = run(earlier);
        assertThat(later[1]).isEqualTo("DONE");
        assertThat(warned((Long) later[0], sick)).as("a run read the upload sealed at start-up").isTrue();
        assertNothingPlainOnDisk("after a run on the upload sealed at start-up");
    }

    @Test
    void withUploadsAtRestDeleteAStoredUploadGoesWhenARunHasStoredWhatItReadAndAReplacedOneAtOnce() throws Exception {
        String period = "2033-03";
        String sickId = ScreeningWebTest.validId("220322", LocalDate.of(1957, 3, 3), 93);
        long sick = household(VILLAGE, sickId);
        files.atRest(ScreeningFiles.AtRest.DELETE);
        try {
            upload(period, diagnoses(period, ScreeningWebTest.validId("220322", LocalDate.of(1957, 3, 4), 94)));
            Path first = Path.of(storedPath(period));
            assertThat(first).exists();
            upload(period, diagnoses(period, sickId));
            Path second = Path.of(storedPath(period));
            assertThat(first).as("replaced: no run will read it").doesNotExist();
            assertThat(second).exists();

            Object[] ok = run(period);
            assertThat(ok[1]).isEqualTo("DONE");
            assertThat(warned((Long) ok[0], sick)).isTrue();
            assertThat(second).as("read and its warnings stored").doesNotExist();
            assertNothingPlainOnDisk("after a run with uploads-at-rest=delete");

            // a later run of the period has nothing to read for the kind, and its record says why
            Object[] again = run(period);
            assertThat(again[1]).isEqualTo("DONE");
            assertThat(jdbc.sql("select status || ':' || sha256 from screening_run_file where run_id = :r and kind = 'MAJOR_DIAGNOSES'")
                    .param("r", again[0]).query(String.class).single())
                    .isEqualTo("deleted:" + ScreeningWebTest.sha256(diagnoses(period, sickId)));
        } finally {
            files.atRest(ScreeningFiles.AtRest.SEALED);
        }
    }
}
