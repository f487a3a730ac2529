package cn.shouwang.server.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.household.RiskType;
import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The registry exported as the national person list: the PersonListColumn headers in order, one row per active
 * member with the household's fields, incomes and monitoring repeated; id numbers and phones as text cells, in full
 * only for a county analyst or an administrator (a village monitor's file is masked, health empty, and the page says
 * why); every export audited; an area outside the one in view refused; chunks joined seamlessly.
 */
class NationalExportWebTest extends ServerTest {
    @Autowired RegistryFixtures registry;
    @Autowired ImportedMonitoring monitoring;
    @Autowired PlatformTransactionManager tm;
    @Autowired NationalExport export;

    String village;
    String county;

    /** A village of each test's own, so that a file holds exactly that test's households. */
    void village(int n) {
        village = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' order by code offset :n limit 1""").param("n", 20 + n)
                .query(String.class).single();
        county = village.substring(0, 6) + "000000";
    }

    static RequestPostProcessor as(Role role, String area) {
        return user(new AccountPrincipal(new CurrentUser(97, "t-national", "测试", role, new AreaScope(area)),
                "{noop}x", false, true));
    }

    /** The sheet as rows of column header → cell, and the cells themselves for their types. */
    record Sheet2(List<String> headers, List<Map<String, Cell>> rows) {
        String text(int row, PersonListColumn c) {
            Cell cell = rows.get(row).get(c.header());
            return cell == null ? null : cell.getCellType() == CellType.NUMERIC
                    ? String.valueOf(cell.getNumericCellValue()) : cell.getStringCellValue();
        }
    }

    Sheet2 download(RequestPostProcessor who, String area) throws Exception {
        return download(who, area, "");
    }

    Sheet2 download(RequestPostProcessor who, String area, String year) throws Exception {
        var r = mvc.perform(get("/households/export/national").param("area", area).param("year", year).with(who))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(r.getHeader("Content-Disposition")).contains(".xlsx");
        XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.getContentAsByteArray()));
        Sheet s = wb.getSheetAt(0);
        List<String> headers = new ArrayList<>();
        int header = s.getPaneInformation().getHorizontalSplitTopRow() - 1; // below the title lines
        for (Cell c : s.getRow(header)) headers.add(c.getStringCellValue());
        List<Map<String, Cell>> rows = new ArrayList<>();
        for (int i = header + 1; i <= s.getLastRowNum(); i++) {
            Row row = s.getRow(i);
            Map<String, Cell> m = new HashMap<>();
            for (Cell c : row) m.put(headers.get(c.getColumnIndex()), c);
            rows.add(m);
        }
        return new Sheet2(headers, rows);
    }

    long householdWithEverything(String head, String idNumber) {
        long h = registry.household(village).head(head).idNumber(idNumber).phone("13812345678")
                .member("甲配偶", "SPOUSE", "WEAK", "DISABLED", null).insert();
        registry.income(h, 2025).wages("12000").business("3000.50").productionCosts("1000").eligibleOutOfPocket("800").insert();
        registry.income(h, 2024).wages("1").insert();
        new TransactionTemplate(tm).executeWithoutResult(s -> monitoring.apply(List.of(new ImportedMonitoring.Monitored(h,
                registry.householdNo(h), village, head, "UNSTABLE_FORMERLY_POOR",
                List.of(RiskType.ILLNESS, RiskType.NATURAL_DISASTER), "冰雹", YearMonth.of(2024, 5), false, null,
                List.of(new ImportedMonitoring.Officer("王帮扶", "县农业农村局", "13900001111")),
                List.of(new ImportedMonitoring.Measure(MeasureGroup.INDUSTRY, "养牛"),
                        new ImportedMonitoring.Measure(MeasureGroup.HEALTH, "是")))), "test"));
        return h;
    }

    @Test
    void aCountyAnalystGetsTheNationalLayoutInFull() throws Exception {
        village(0);
        String id = registry.newIdNumber(village.substring(0, 6));
        long h = householdWithEverything("甲户主", id);
        Sheet2 s = download(as(Role.COUNTY_ANALYST, county), village);

        assertThat(s.headers()).containsExactlyElementsOf(PersonListColumn.layout().stream().map(PersonListColumn::header).toList());
        assertThat(s.rows()).hasSize(2);
        Map<String, Cell> head = s.rows().get(0);
        Cell idCell = head.get(PersonListColumn.ID_NUMBER.header());
        assertThat(idCell.getCellType()).isEqualTo(CellType.STRING);
        assertThat(idCell.getStringCellValue()).isEqualTo(id);
        assertThat(idCell.getCellStyle().getDataFormatString()).isEqualTo("@");
        assertThat(s.text(0, PersonListColumn.HOUSEHOLD_PHONE)).isEqualTo("13812345678");
        assertThat(head.get(PersonListColumn.HOUSEHOLD_PHONE.header()).getCellType()).isEqualTo(CellType.STRING);
        assertThat(s.text(0, PersonListColumn.HOUSEHOLD_NO)).isEqualTo(registry.householdNo(h));
        assertThat(s.text(0, PersonListColumn.NAME)).isEqualTo("甲户主");
        assertThat(s.text(0, PersonListColumn.RELATION)).isEqualTo("户主");
        assertThat(s.text(1, PersonListColumn.RELATION)).isEqualTo("配偶");
        assertThat(s.text(1, PersonListColumn.HEALTH)).isEqualTo("残疾");
        assertThat(s.text(1, PersonListColumn.LABOUR)).isEqualTo("弱劳动力或半劳动力");
        assertThat(s.text(0, PersonListColumn.HOUSEHOLD_SIZE)).isEqualTo("2.0");
        assertThat(s.text(0, PersonListColumn.VILLAGE)).isNotBlank();
        assertThat(s.text(0, PersonListColumn.COUNTY)).isEqualTo(jdbc.sql("""
                select name from area where edition_id = (select id from area_edition where is_current) and code = :c""")
                .param("c", county).query(String.class).single());
        // the latest income year, amounts as numbers; per capita (12000 + 3000.50 − 1000) ÷ 2
        assertThat(head.get(PersonListColumn.WAGES.header()).getNumericCellValue()).isEqualTo(12000.0);
        assertThat(head.get(PersonListColumn.BUSINESS.header()).getNumericCellValue()).isEqualTo(3000.5);
        assertThat(head.get(PersonListColumn.INCOME_PER_CAPITA.header()).getNumericCellValue()).isEqualTo(7000.25);
        // the monitoring, in the national words
        assertThat(s.text(1, PersonListColumn.MONITORING_CATEGORY)).isEqualTo("脱贫不稳定户");
        assertThat(s.text(0, PersonListColumn.RISK_ELIMINATED)).isEqualTo("否");
        assertThat(s.text(0, PersonListColumn.RISK_IDENTIFIED)).isEqualTo("2024-05");
        assertThat(s.text(0, PersonListColumn.RISK_1)).isEqualTo("因病");
        assertThat(s.text(0, PersonListColumn.RISK_2)).isEqualTo("因自然灾害");
        assertThat(s.text(0, PersonListColumn.RISK_3)).isNull();
        assertThat(s.text(0, PersonListColumn.DISASTER_SUBTYPE)).isEqualTo("冰雹");
        assertThat(s.text(0, PersonListColumn.OFFICER)).isEqualTo("王帮扶");
        assertThat(s.text(0, PersonListColumn.OFFICER_PHONE)).isEqualTo("13900001111");
        assertThat(s.text(0, PersonListColumn.MEASURE_INDUSTRY)).isEqualTo("养牛");
        assertThat(s.text(0, PersonListColumn.MEASURE_HEALTH)).isEqualTo("健康帮扶");
        // 数据日期 names the income year (the import reads it so): its last day, or today for this year
        assertThat(head.get(PersonListColumn.EXPORT_DATE.header()).getLocalDateTimeCellValue().toLocalDate())
                .isEqualTo(LocalDate.now(clock).getYear() > 2025 ? LocalDate.of(2025, 12, 31) : LocalDate.now(clock));
        // another year on request
        Sheet2 earlier = download(as(Role.COUNTY_ANALYST, county), village, "2024");
        assertThat(earlier.rows().get(0).get(PersonListColumn.WAGES.header()).getNumericCellValue()).isEqualTo(1.0);
        assertThat(earlier.rows().get(0).get(PersonListColumn.EXPORT_DATE.header()).getLocalDateTimeCellValue().toLocalDate())
                .isEqualTo(LocalDate.of(2024, 12, 31));

        String audit = jdbc.sql("select detail from audit_event where action = 'EXPORT' order by id desc limit 1")
                .query(String.class).single();
        assertThat(audit).contains("national person list").contains("area=" + village).contains("1 households, 2 persons")
                .contains("income year 2024")
                .contains("in full").doesNotContain(id);
    }

    @Test
    void aPerCapitaOnlyYearIsExportedWithItsFigureAndNoItems() throws Exception {
        village(6);
        long h = registry.household(village).head("乙人均").member("乙配偶", "SPOUSE", "ORDINARY", null).insert();
        jdbc.sql("""
                insert into household_income (household_id, year, wages, business, property, transfers, production_costs,
                                              eligible_out_of_pocket, per_capita, itemised, claims, recorded_at)
                values (:h, 2024, 0, 0, 0, 0, 0, 0, 8123.40, false, 500, now())""").param("h", h).update();
        Sheet2 s = download(as(Role.COUNTY_ANALYST, county), village, "2024");
        assertThat(s.rows()).hasSize(2);
        assertThat(s.rows().get(0).get(PersonListColumn.INCOME_PER_CAPITA.header()).getNumericCellValue()).isEqualTo(8123.4);
        assertThat(s.rows().get(0).get(PersonListColumn.CLAIMS.header()).getNumericCellValue()).isEqualTo(500.0);
        assertThat(s.text(0, PersonListColumn.WAGES)).as("items not known: left empty, not zero").isNull();
        assertThat(s.text(0, PersonListColumn.OUT_OF_POCKET)).isNull();
    }

    @Test
    void aFullExportLeavesNoReadableTemporaryFile() throws Exception {
        village(4);
        String id = registry.newIdNumber(village.substring(0, 6));
        householdWithEverything("戊户主", id);
        // POI's temporary files (TempFile: java.io.tmpdir/poifiles), caught while they exist: a sink that looks at them
        // each time it is handed bytes (the sheet's file is complete once the workbook's parts before it are out)
        java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "poifiles");
        java.nio.file.Files.createDirectories(tmp);
        java.util.Set<String> seen = new java.util.TreeSet<>();
        java.io.ByteArrayOutputStream spy = new java.io.ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                try (var files = java.nio.file.Files.list(tmp)) {
                    files.filter(f -> holdsInClear(f, id)).forEach(f -> seen.add(f.toString()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                super.write(b, off, len);
            }
        };
        org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                new org.springframework.security.authentication.UsernamePasswordAuthenticationToken("x", "x", List.of()));
        try {
            export.write(new AreaScope(village), true, 2025, spy);
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        assertThat(seen).as("temporary files holding the id number in clear").isEmpty();
        XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(spy.toByteArray()));
        assertThat(wb.getSheetAt(0).getRow(4).getCell(PersonListColumn.ID_NUMBER.ordinal()).getStringCellValue()).isEqualTo(id);
    }

    /** Whether a file holds the text as it is or gzipped (as much as inflates: a file being written has no trailer). */
    static boolean holdsInClear(java.nio.file.Path f, String text) {
        try {
            byte[] raw = java.nio.file.Files.readAllBytes(f);
            if (new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) return true;
            java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
            try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(raw))) {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) plain.write(buf, 0, n);
            } catch (java.io.IOException notGzipOrCut) {
                // encrypted, not compressed or cut short: what inflated so far is looked at
            }
            return plain.toString(java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
        } catch (java.io.IOException gone) {
            return false; // deleted meanwhile, or not a regular file
        }
    }

    @Test
    void aVillageMonitorsFileIsMaskedAndThePageSaysWhy() throws Exception {
        village(1);
        String id = registry.newIdNumber(village.substring(0, 6));
        householdWithEverything("乙户主", id);
        var monitor = as(Role.VILLAGE_MONITOR, village);
        Sheet2 s = download(monitor, village);
        String cell = s.text(0, PersonListColumn.ID_NUMBER);
        assertThat(cell).isEqualTo(cn.shouwang.core.person.IdNumber.mask(id)).doesNotContain(id.substring(6, 14));
        assertThat(s.text(0, PersonListColumn.HOUSEHOLD_PHONE)).isEqualTo("138****5678");
        assertThat(s.text(0, PersonListColumn.OFFICER_PHONE)).isEqualTo("139****1111");
        assertThat(s.text(1, PersonListColumn.HEALTH)).isNull();
        assertThat(jdbc.sql("select detail from audit_event where action = 'EXPORT' order by id desc limit 1")
                .query(String.class).single()).endsWith("masked");

        String list = mvc.perform(get("/households").with(monitor)).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("导出全国系统人口名单").contains("完整信息只有县级分析员和系统管理员可以导出");
        String analysts = mvc.perform(get("/households").with(as(Role.COUNTY_ANALYST, county))).andReturn().getResponse()
                .getContentAsString();
        assertThat(analysts).contains("含完整身份证号");
    }

    @Test
    void anAreaOutsideTheOneInViewIsNotExported() throws Exception {
        village(2);
        String other = jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like '2203%' and code <> :v order by code limit 1""")
                .param("v", village).query(String.class).single();
        mvc.perform(get("/households/export/national").param("area", other).with(as(Role.VILLAGE_MONITOR, village)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/households/export/national").param("area", "x").with(as(Role.VILLAGE_MONITOR, village)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/households/export/national").with(as(Role.DATA_OFFICER, village)))
                .andExpect(status().isForbidden());
    }

    @Test
    void householdsAcrossChunkBordersComeOnceEachInOrder() throws Exception {
        village(3);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long h = registry.household(village).head("丙" + i).member("丙子" + i, "CHILD", "NONE", null).insert();
            numbers.add(registry.householdNo(h));
        }
        long empty = registry.household(village).head("丁已故").insert();
        registry.memberStatus(empty, "DECEASED");
        int before = export.chunk;
        export.chunk = 2;
        try {
            Sheet2 s = download(as(Role.COUNTY_ANALYST, county), village);
            List<String> got = new ArrayList<>();
            for (int i = 0; i < s.rows().size(); i++) got.add(s.text(i, PersonListColumn.HOUSEHOLD_NO));
            List<String> expected = new ArrayList<>();
            for (String n : numbers.stream().sorted().toList()) { expected.add(n); expected.add(n); }
            assertThat(got).containsExactlyElementsOf(expected);
            assertThat(s.text(9, PersonListColumn.ROW_NO)).isEqualTo("10.0");
        } finally {
            export.chunk = before;
        }
    }
}
