package cn.shouwang.server.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every 导出Excel of the product, downloaded as a user of the right role over the demo data and opened with POI, follows
 * the convention county staff expect (platform README, "Excel exports"): a Chinese file name
 * {@code <area>_<what>_<period>.xlsx} with an ASCII fallback, a bold title line, the filter conditions in words, a bold
 * header frozen below them with an autofilter over the rows, columns as wide as their text, dates as date cells,
 * amounts as numbers with two decimals, names where codes would be. The list of exports is {@link #EXPORTS}; a new
 * export route (found in the handler mappings by its name) that is not in it fails {@link #everyExportRouteIsListed}.
 * A few exports' figures are checked against the database, and one file is read by LibreOffice.
 */
class ExportConventionTest extends ServerTest {
    static final AtomicLong IDS = new AtomicLong(970_000);
    static final String COUNTY = "220322000000";
    static final String VILLAGE = "220322103205";

    /** One export as a user downloads it. */
    record Export(String url, Role role, String area, String... params) {
        @Override
        public String toString() {
            return url + (params.length == 0 ? "" : " " + String.join("=", params));
        }
    }

    /** Every Excel export of the product; add a new one here. */
    static final List<Export> EXPORTS = List.of(
            new Export("/households/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/households/export/national", Role.COUNTY_ANALYST, COUNTY, "area", VILLAGE),
            new Export("/households/classes/export", Role.COUNTY_ANALYST, COUNTY, "show", "ALL"),
            new Export("/warnings/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/what-if/export", Role.COUNTY_ANALYST, COUNTY, "year", "2025", "line", "7000"),
            new Export("/leads/export", Role.COUNTY_ANALYST, COUNTY, "urgency", "all"),
            new Export("/monitored/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/monitored/ledger", Role.COUNTY_ANALYST, COUNTY),
            new Export("/monitored/ledger", Role.COUNTY_ANALYST, COUNTY, "layout", "villages"),
            new Export("/assistance/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/rechecks/export", Role.COUNTY_ANALYST, COUNTY, "state", "ALL"),
            new Export("/quality/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/admin/standards/history/export", Role.ADMIN, "220000000000"),
            new Export("/visits/export", Role.TOWNSHIP_STAFF, "220322103000", "show", "ALL"),
            new Export("/villages/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/insurance/policies/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/insurance/claims/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/social-assistance/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/social-assistance/payments/bank", Role.COUNTY_ANALYST, COUNTY),
            new Export("/social-assistance/reconciliation/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/projects/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/projects/assets/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/projects/dividends/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/employment/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/employment/jobs/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/employment/workshops/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/credit/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/credit/loans/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/elder-visits/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/elder-visits/coverage/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/moral-bank/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/visits/grids/export", Role.COUNTY_ANALYST, COUNTY),
            // {id}: the demo's first sweep (孤家子镇, in 梨树县)
            new Export("/visits/sweeps/{id}/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/visits/sweeps/{id}/pending/export", Role.COUNTY_ANALYST, COUNTY),
            new Export("/reports/review.xlsx", Role.COUNTY_ANALYST, COUNTY));

    /**
     * Downloads that are not a list's export, with why: files to fill in (the header must be the first row for a
     * person to type below it), an import's problems (they point at the uploaded file's rows), a background job's
     * file (the same workbook as /households/export/national), a feed file in feeds.md's CSV layout.
     */
    static final Set<String> NOT_LIST_EXPORTS = Set.of(
            "/households/imports/template.xlsx", "/households/imports/incomes-template.xlsx",
            "/households/imports/{id}/problems.xlsx", "/households/export/national/jobs/{id}",
            "/households/export/national/jobs/{id}/progress", "/households/export/national/jobs/{id}/file",
            "/social-assistance/civil-list/{id}/problems", "/projects/dividends/payments");

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    static RequestPostProcessor as(Role role, String area) {
        long id = IDS.incrementAndGet();
        return user(new AccountPrincipal(new CurrentUser(id, "x" + id, role.name() + id, role, new AreaScope(area)),
                "x", false, true));
    }

    @Test
    void everyExportRouteIsListed() {
        Set<String> listed = new HashSet<>();
        EXPORTS.forEach(e -> listed.add(e.url()));
        Set<String> found = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            boolean get = info.getMethodsCondition().getMethods().isEmpty()
                    || info.getMethodsCondition().getMethods().contains(RequestMethod.GET);
            if (!get) return;
            for (String p : info.getPatternValues()) {
                if (p.contains("export") || p.contains("ledger") || p.endsWith(".xlsx") || p.endsWith("/bank")
                        || p.endsWith("/problems") || p.endsWith("/payments") && p.contains("dividends")) {
                    found.add(p);
                }
            }
        });
        found.removeAll(NOT_LIST_EXPORTS);
        assertThat(found).as("export routes not in ExportConventionTest.EXPORTS").isSubsetOf(listed);
        assertThat(listed).as("listed exports that no longer answer").isSubsetOf(found);
    }

    @Test
    void everyExportFollowsTheConvention() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Export e : EXPORTS) {
            try {
                Downloaded d = download(e);
                problems.addAll(d.problems().stream().map(p -> e + ": " + p).toList());
            } catch (AssertionError | Exception ex) {
                problems.add(e + ": " + ex.getMessage());
            }
        }
        assertThat(problems).isEmpty();
    }

    /** The monitored list and the ledger against the database: households, persons, the measures' costs. */
    @Test
    void figuresMatchTheDatabase() throws Exception {
        int monitored = jdbc.sql("select count(*) from monitored_household where village_code like '220322%'")
                .query(Integer.class).single();
        assertThat(monitored).as("the demo has monitored households in 梨树县").isPositive();
        Downloaded list = download(new Export("/monitored/export", Role.COUNTY_ANALYST, COUNTY));
        assertThat(list.rows()).hasSize(monitored);

        Downloaded ledger = download(new Export("/monitored/ledger", Role.COUNTY_ANALYST, COUNTY));
        int no = ledger.column("户编号");
        int member = ledger.column("家庭成员");
        assertThat(ledger.rows().stream().map(r -> r.get(no)).distinct().count()).isEqualTo(monitored);
        int persons = jdbc.sql("""
                select count(*) from member m join monitored_household mh on mh.household_id = m.household_id
                 where mh.village_code like '220322%' and m.status = 'ACTIVE'""").query(Integer.class).single();
        assertThat(ledger.rows().stream().filter(r -> !r.get(member).isEmpty()).count()).isEqualTo(persons);
        int measures = jdbc.sql("""
                select count(*) from plan_measure p join monitored_household mh on mh.household_id = p.household_id
                 where mh.village_code like '220322%'""").query(Integer.class).single();
        int group = ledger.column("措施类别");
        assertThat(ledger.rows().stream().filter(r -> !r.get(group).isEmpty()).count()).isEqualTo(measures);
        int id = ledger.column("身份证号");
        assertThat(ledger.rows().stream().map(r -> r.get(id)).filter(s -> !s.isEmpty())).allMatch(s -> s.contains("*"));
        // a sheet per village: as many sheets as villages with monitored households
        int villages = jdbc.sql("select count(distinct village_code) from monitored_household where village_code like '220322%'")
                .query(Integer.class).single();
        assertThat(download(new Export("/monitored/ledger", Role.COUNTY_ANALYST, COUNTY, "layout", "villages")).sheets())
                .isEqualTo(villages);

        BigDecimal cost = jdbc.sql("select coalesce(sum(cost), 0) from plan_measure where village_code like '220322%'")
                .query(BigDecimal.class).single();
        Downloaded assistance = download(new Export("/assistance/export", Role.COUNTY_ANALYST, COUNTY));
        int c = assistance.column("金额");
        BigDecimal sum = assistance.numbers().stream().map(r -> r.get(c)).filter(java.util.Objects::nonNull)
                .map(v -> BigDecimal.valueOf(v)).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
        assertThat(sum).isEqualByComparingTo(cost);
        assertThat(assistance.rows()).hasSize(jdbc.sql("select count(*) from plan_measure where village_code like '220322%'")
                .query(Integer.class).single());
    }

    /** Id numbers in full only for a role that may see them and asked, audited as a full view; masked otherwise. */
    @Test
    void theLedgerShowsFullIdNumbersOnlyWhenAllowedAndChosenAndAuditsIt() throws Exception {
        long before = fullViews();
        Downloaded full = download(new Export("/monitored/ledger", Role.COUNTY_ANALYST, COUNTY, "fullIds", "true"));
        int id = full.column("身份证号");
        List<String> ids = full.rows().stream().map(r -> r.get(id)).filter(s -> !s.isEmpty()).toList();
        assertThat(ids).isNotEmpty().allMatch(s -> s.matches("\\d{17}[0-9X]"));
        assertThat(full.lines().get(1)).contains("含完整身份证号：是");
        assertThat(fullViews()).isEqualTo(before + 1);
        Downloaded township = download(new Export("/monitored/ledger", Role.TOWNSHIP_STAFF, "220322103000", "fullIds", "true"));
        assertThat(township.rows().stream().map(r -> r.get(township.column("身份证号"))).filter(s -> !s.isEmpty()))
                .isNotEmpty().allMatch(s -> s.contains("*"));
        assertThat(fullViews()).isEqualTo(before + 1);
        // the township's ledger holds only its own villages
        assertThat(township.rows().stream().map(r -> r.get(0)).distinct().toList()).allSatisfy(v ->
                assertThat(jdbc.sql("select count(*) from area where name = :n and code like '220322103%'").param("n", v)
                        .query(Integer.class).single()).isPositive());
    }

    long fullViews() {
        return jdbc.sql("select count(*) from audit_event where action = 'ID_NUMBER_VIEW' and detail like 'monitored ledger%'")
                .query(Long.class).single();
    }

    /** LibreOffice reads the ledger and the household list: the same rows as POI. */
    @Test
    void libreOfficeReadsTheFiles(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("soffice"), "soffice is not on the PATH");
        for (Export e : List.of(new Export("/monitored/ledger", Role.COUNTY_ANALYST, COUNTY),
                new Export("/assistance/export", Role.COUNTY_ANALYST, COUNTY))) {
            Downloaded d = download(e);
            Path xlsx = dir.resolve("f" + Math.abs(e.url().hashCode()) + ".xlsx");
            Files.write(xlsx, d.bytes());
            Process p = new ProcessBuilder("soffice", "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                    "--outdir", dir.toString(), xlsx.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
            Path csv = dir.resolve(xlsx.getFileName().toString().replace(".xlsx", ".csv"));
            assertThat(csv).exists();
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            assertThat(lines.get(0)).startsWith(d.lines().get(0));
            assertThat(lines.get(d.headerRow())).startsWith(String.join(",", d.header().subList(0, 3)));
            assertThat(lines.stream().skip(d.headerRow() + 1).filter(l -> !l.isBlank()).count()).isEqualTo(d.rows().size());
        }
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** A downloaded workbook, its first sheet read: the lines above the header, the header, the rows as shown. */
    record Downloaded(byte[] bytes, String fileName, int sheets, List<String> lines, int headerRow, List<String> header,
                      List<List<String>> rows, List<List<Double>> numbers, List<String> problems) {
        int column(String header) {
            for (int i = 0; i < this.header.size(); i++) if (this.header.get(i).contains(header)) return i;
            throw new AssertionError("no column " + header + " in " + this.header);
        }
    }

    static final Pattern FILE = Pattern.compile("filename\\*=UTF-8''([^;]+)");
    static final Pattern NAME = Pattern.compile("[^_/\\\\]+_[^_/\\\\]+_\\d{4}(-\\d{2}(-\\d{2})?)?\\.xlsx");
    static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    static final Pattern AREA_CODE = Pattern.compile("\\b\\d{12}\\b");
    static final Pattern DATE_LIKE = Pattern.compile("^\\d{4}[-/.年]\\d{1,2}");
    static final Pattern ENUM = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)+|[A-Z]{4,}");

    Downloaded download(Export e) throws Exception {
        String url = e.url().contains("{id}") ? e.url().replace("{id}", String.valueOf(jdbc.sql(
                "select min(id) from field_sweep where area_lo like '220322%'").query(Long.class).single())) : e.url();
        var b = get(url).with(as(e.role(), e.area()));
        for (int i = 0; i < e.params().length; i += 2) b = b.param(e.params()[i], e.params()[i + 1]);
        MockHttpServletResponse r = mvc.perform(b).andReturn().getResponse();
        List<String> problems = new ArrayList<>();
        assertThat(r.getStatus()).as(e + " status").isEqualTo(200);
        assertThat(r.getContentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        String cd = r.getHeader("Content-Disposition");
        Matcher m = FILE.matcher(cd == null ? "" : cd);
        String name = m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : "";
        if (!NAME.matcher(name).matches() || !CJK.matcher(name).find()) problems.add("file name '" + name + "' (" + cd + ")");
        if (cd == null || !cd.matches("attachment; filename=\"[ -~&&[^\"]]+\\.xlsx\"; filename\\*=.*")) {
            problems.add("no ASCII fallback: " + cd);
        }
        byte[] bytes = r.getContentAsByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            XSSFSheet s = wb.getSheetAt(0);
            var pane = s.getPaneInformation();
            int headerRow = pane == null ? 0 : pane.getHorizontalSplitTopRow() - 1;
            if (headerRow < 2) problems.add("the header is row " + (headerRow + 1) + ": no title and filter lines above it");
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < headerRow; i++) {
                Cell c = s.getRow(i) == null ? null : s.getRow(i).getCell(0);
                lines.add(c == null ? "" : c.getStringCellValue());
            }
            if (headerRow >= 2) {
                Cell title = s.getRow(0).getCell(0);
                if (lines.get(0).isBlank() || !wb.getFontAt(title.getCellStyle().getFontIndex()).getBold()) {
                    problems.add("no bold title line");
                }
                if (!lines.get(1).startsWith("区域：")) problems.add("no filter line: " + lines.get(1));
            }
            Row h = s.getRow(headerRow);
            List<String> header = new ArrayList<>();
            for (int i = 0; i < h.getLastCellNum(); i++) {
                Cell c = h.getCell(i);
                header.add(c == null ? "" : c.getStringCellValue());
                if (c == null || !wb.getFontAt(c.getCellStyle().getFontIndex()).getBold()) problems.add("header cell " + i + " not bold");
                if (c != null && s.getColumnWidth(i) < Math.min(60, width(c.getStringCellValue())) * 256) {
                    problems.add("column " + header.get(i) + " narrower than its header");
                }
            }
            var af = s.getCTWorksheet().getAutoFilter();
            if (af == null) {
                problems.add("no autofilter");
            } else {
                CellRangeAddress a = CellRangeAddress.valueOf(af.getRef());
                if (a.getFirstRow() != headerRow || a.getFirstColumn() != 0 || a.getLastColumn() != header.size() - 1
                        || a.getLastRow() != Math.max(headerRow, s.getLastRowNum())) {
                    problems.add("autofilter " + af.getRef() + " is not the header and the rows");
                }
            }
            List<List<String>> rows = new ArrayList<>();
            List<List<Double>> numbers = new ArrayList<>();
            org.apache.poi.ss.usermodel.DataFormatter f = new org.apache.poi.ss.usermodel.DataFormatter();
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (int ri = headerRow + 1; ri <= s.getLastRowNum(); ri++) {
                Row row = s.getRow(ri);
                if (row == null) continue;
                List<String> cells = new ArrayList<>();
                List<Double> nums = new ArrayList<>();
                for (int i = 0; i < header.size(); i++) {
                    Cell c = row.getCell(i);
                    String shown = c == null ? "" : f.formatCellValue(c);
                    cells.add(shown);
                    nums.add(c != null && c.getCellType() == CellType.NUMERIC ? c.getNumericCellValue() : null);
                    if (c == null || shown.isEmpty()) continue;
                    String col = header.get(i);
                    // the national person list writes its months as text YYYY-MM, as national-export.md lays it out
                    if (e.url().endsWith("/national") && col.endsWith("时间") && shown.matches("\\d{4}-\\d{2}")) continue;
                    String problem = cellProblem(col, c, shown);
                    if (problem != null) seen.merge(col + ": " + problem, 1, Integer::sum);
                }
                rows.add(cells);
                numbers.add(nums);
            }
            seen.forEach((p, n) -> problems.add(p + " (" + n + " cells)"));
            return new Downloaded(bytes, name, wb.getNumberOfSheets(), lines, headerRow, header, rows, numbers, problems);
        }
    }

    /** What is wrong with a cell for its column, by the column's name; null when nothing. */
    static String cellProblem(String col, Cell c, String shown) {
        boolean numeric = c.getCellType() == CellType.NUMERIC;
        if (col.contains("日期") || col.endsWith("月份") || col.endsWith("时间")) {
            // words in a date column (调整机制启用前已设) are fine; a date written as text or a bare number is not
            if (numeric && !DateUtil.isCellDateFormatted(c) || !numeric && DATE_LIKE.matcher(shown).find()) {
                return "not a date cell: " + shown;
            }
        }
        if (col.contains("金额") || col.contains("(元)") || col.contains("（元）") || col.contains("万元")) {
            if (!numeric) return "an amount as text: " + shown;
            if (!c.getCellStyle().getDataFormatString().equals("#,##0.00")) {
                return "an amount formatted " + c.getCellStyle().getDataFormatString();
            }
        }
        if (col.equals("村") || col.endsWith("村") || col.contains("区域") || col.contains("乡镇") || col.equals("地区")) {
            if (AREA_CODE.matcher(shown).find()) return "an area code where its name belongs: " + shown;
        }
        if (!numeric && ENUM.matcher(shown).matches()) return "a code where its name belongs: " + shown;
        return null;
    }

    static int width(String s) {
        return s.codePoints().map(cp -> cp >= 0x2E80 ? 2 : 1).sum();
    }
}
