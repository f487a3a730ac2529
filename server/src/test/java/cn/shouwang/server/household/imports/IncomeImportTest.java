package cn.shouwang.server.household.imports;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The income import (收入导入) on real PostgreSQL, through the registry import's job, staging and pages: each kind of
 * row problem with its reason, sheet, line and column in Chinese; the preview's new, changed (field by field) and
 * unchanged years; the atomic apply with its audit rows (the household's history); the same file twice changes
 * nothing; a file lacking an item column is refused whole; the template reads back.
 */
class IncomeImportTest extends ServerTest {
    @Autowired RegistryImports imports;
    @Autowired ImportStore store;
    @Autowired PreviewPages pages;
    @Autowired ImportTemplate template;
    @Autowired RegistryFixtures registry;

    static final String HEADER = "户编号,年度,工资性收入,生产经营性收入,财产性收入,转移性收入,生产经营性支出,合规自付支出\n";
    static final String TITLE = "2025年度监测户收入表,,,,,,,\n";

    CurrentUser county() {
        long id = jdbc.sql("select id from account where username = 'county'").query(Long.class).single();
        return new CurrentUser(id, "county", "county", Role.COUNTY_ANALYST, new AreaScope("220322000000"));
    }

    String village(String county, int offset) {
        return jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code like :c order by code offset :o limit 1""")
                .param("c", county + "%").param("o", offset).query(String.class).single();
    }

    /** A village of another county than the importer's. */
    String outsideVillage() {
        return jdbc.sql("""
                select code from area where edition_id = (select id from area_edition where is_current)
                   and level = 5 and code not like '220322%' order by code limit 1""").query(String.class).single();
    }

    ImportStore.Import run(String csv) throws Exception {
        long id = imports.upload(ImportStore.Kind.INCOMES, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                "incomes.csv", county());
        return await(id);
    }

    ImportStore.Import await(long id) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < until) {
            ImportStore.Import i = store.find(id).orElseThrow();
            if (!i.state().running()) return i;
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " still running");
    }

    List<String> problems(long id, int line) {
        return jdbc.sql("select code from import_problem where import_id = :i and line = :l and error order by code")
                .param("i", id).param("l", line).query(String.class).list();
    }

    List<String> texts(long id, PreviewPages.Kind kind) {
        return pages.page(id, kind, county().scope(), 1, 100, Locale.SIMPLIFIED_CHINESE).lines().stream()
                .map(l -> l.where() + " | " + l.who() + " | " + String.join("; ", l.details())).toList();
    }

    @Test
    void everyProblemOfAnIncomeRowSaysWhatAndWhere() throws Exception {
        String v = village("220322", 50);
        long ok = registry.household(v).head("赵收入").insert();
        long twice = registry.household(v).head("钱两次").insert();
        long outside = registry.household(outsideVillage()).head("孙外县").insert();
        int year = LocalDate.now(clock).getYear() - 1;
        String csv = TITLE + HEADER
                + registry.householdNo(ok) + "," + year + ",12000,0,0,2400,1000,800\n"                 // line 3: sound
                + "22032299999999999," + year + ",1,0,0,0,0,0\n"                                       // 4: unknown
                + registry.householdNo(outside) + "," + year + ",1,0,0,0,0,0\n"                        // 5: outside
                + registry.householdNo(ok) + "," + (year - 1) + ",-5,0,0,0,0,0\n"                       // 6: negative
                + registry.householdNo(ok) + "," + (year - 2) + ",12k,0,0,0,0,0\n"                      // 7: not a number
                + registry.householdNo(ok) + ",1999,1,0,0,0,0,0\n"                                     // 8: year too early
                + registry.householdNo(ok) + "," + (year + 2) + ",1,0,0,0,0,0\n"                        // 9: year to come
                + registry.householdNo(twice) + "," + year + ",1,0,0,0,0,0\n"                          // 10: twice
                + registry.householdNo(twice) + "," + year + ",2,0,0,0,0,0\n"                          // 11: twice
                + "," + year + ",1,0,0,0,0,0\n";                                                       // 12: no number
        ImportStore.Import imp = run(csv);
        assertThat(imp.state()).isEqualTo(ImportStore.State.PREVIEWED);
        assertThat(imp.kind()).isEqualTo(ImportStore.Kind.INCOMES);
        long id = imp.id();
        assertThat(problems(id, 3)).isEmpty();
        assertThat(problems(id, 4)).containsExactly("registry.import.income.problem.unknown");
        assertThat(problems(id, 5)).containsExactly("registry.import.problem.household.outside");
        assertThat(problems(id, 6)).containsExactly("registry.import.income.problem.negative");
        assertThat(problems(id, 7)).containsExactly("registry.import.income.problem.notNumber");
        assertThat(problems(id, 8)).containsExactly("registry.import.income.problem.year");
        assertThat(problems(id, 9)).containsExactly("registry.import.income.problem.year");
        assertThat(problems(id, 10)).containsExactly("registry.import.income.problem.twice");
        assertThat(problems(id, 11)).containsExactly("registry.import.income.problem.twice");
        assertThat(problems(id, 12)).containsExactly("registry.import.problem.householdNo.missing");
        assertThat(imp.count("problemRows")).isEqualTo(9);
        assertThat(imp.count("incomesNew")).isEqualTo(1);

        List<String> words = texts(id, PreviewPages.Kind.problems);
        assertThat(String.join("\n", words))
                .contains("第 4 行 |  | 档案中没有户编号为 22032299999999999 的户")
                .contains("第 6 行 |  | C 工资性收入 列：金额 -5 为负数")
                .contains("第 7 行 |  | C 工资性收入 列：“12k”不是金额")
                .contains("B 年度 列：年度 1999 不在 2000 至 " + LocalDate.now(clock).getYear() + " 年之间")
                .contains(registry.householdNo(twice) + " 的 " + year + " 年度收入在文件中出现多次（第 10、11 行）")
                .contains("户编号 " + registry.householdNo(outside) + " 已登记在您管辖范围以外");

        // the problem rows as a workbook, each with its reason
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        imports.problemRows(id, county().scope(), out, Locale.SIMPLIFIED_CHINESE);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(9);
        }
        // with problems, an apply needs the user's consent to leave them out; with it, only the sound row lands
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> imports.startApply(id, false, county())))
                .isInstanceOf(RegistryImports.NotApplicable.class);
        imports.applyNow(id, true, county());
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(ImportStore.State.APPLIED);
        assertThat(jdbc.sql("select count(*) from household_income where household_id in (:h)")
                .param("h", List.of(ok, twice, outside)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void newChangedAndUnchangedYearsApplyAtomicallyAuditedAndTheSameFileTwiceChangesNothing() throws Exception {
        String v = village("220322", 51);
        long fresh = registry.household(v).head("李新年").insert();
        long corrected = registry.household(v).head("周更正").member("周妻", "SPOUSE", "ORDINARY", null).insert();
        long same = registry.household(v).head("吴不变").insert();
        long perCapita = registry.household(v).head("郑人均").insert();
        registry.income(corrected, 2024).wages("10000").business("500").insert();
        registry.income(same, 2024).wages("8000").transfers("1200").insert();
        jdbc.sql("""
                insert into household_income (household_id, year, wages, business, property, transfers, production_costs,
                                              eligible_out_of_pocket, per_capita, itemised, recorded_at)
                values (:h, 2024, 0, 0, 0, 0, 0, 0, 5432.10, false, now())""").param("h", perCapita).update();
        int versionBefore = version(corrected);
        String csv = HEADER
                + registry.householdNo(fresh) + ",2024,9000,0,0,0,0,0\n"
                + registry.householdNo(corrected) + ",2024年,12000,500,0,0,0,300\n"
                + registry.householdNo(same) + ",2024,8000,,0,1200,0,0\n"
                + registry.householdNo(perCapita) + ",2024,6000,0,0,0,0,0\n";
        ImportStore.Import imp = run(csv);
        assertThat(imp.state()).as(() -> jdbc.sql("select code from import_problem").query(String.class).list().toString())
                .isEqualTo(ImportStore.State.PREVIEWED);
        assertThat(imp.count("problemRows")).isZero();
        assertThat(imp.count("incomesNew")).isEqualTo(1);
        assertThat(imp.count("incomesChanged")).isEqualTo(2);
        assertThat(imp.count("incomesUnchanged")).isEqualTo(1);
        String changed = String.join("\n", texts(imp.id(), PreviewPages.Kind.incomesChanged));
        String correctedLine = changed.lines().filter(l -> l.contains("周更正")).findFirst().orElseThrow();
        assertThat(correctedLine).as("only the items that differ").contains("工资性收入:10000.00 → 12000.00")
                .contains("合规自付支出:0.00 → 300.00").doesNotContain("生产经营性收入");
        // a per-capita-only year: its items were not known, its figure goes
        assertThat(changed).contains("人均纯收入:5432.10 → —").contains("生产经营性收入:— → 0.00");
        assertThat(String.join("\n", texts(imp.id(), PreviewPages.Kind.incomesNew))).contains("李新年").contains("2024 年度");

        imports.applyNow(imp.id(), false, county());
        assertThat(store.find(imp.id()).orElseThrow().state()).isEqualTo(ImportStore.State.APPLIED);
        assertThat(amount("wages", fresh)).isEqualByComparingTo("9000");
        assertThat(amount("wages", corrected)).isEqualByComparingTo("12000");
        assertThat(amount("eligible_out_of_pocket", corrected)).isEqualByComparingTo("300");
        assertThat(amount("wages", perCapita)).isEqualByComparingTo("6000");
        assertThat(jdbc.sql("select itemised and per_capita is null from household_income where household_id = :h")
                .param("h", perCapita).query(Boolean.class).single()).isTrue();
        assertThat(version(corrected)).isEqualTo(versionBefore + 1);
        List<String> audit = jdbc.sql("""
                select action || ' ' || household_id || ' ' || detail from audit_event
                 where household_id in (:h) and action like 'INCOME%' order by household_id""")
                .param("h", List.of(fresh, corrected, same, perCapita)).query(String.class).list();
        assertThat(audit).containsExactlyInAnyOrder("INCOME_ADD " + fresh + " 2024", "INCOME_UPDATE " + corrected + " 2024",
                "INCOME_UPDATE " + perCapita + " 2024");
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'REGISTRY_IMPORT' and detail like '%incomes.csv%'")
                .query(Long.class).single()).isPositive();

        // the same file again: every year unchanged, nothing written, nothing audited
        long auditRows = jdbc.sql("select count(*) from audit_event").query(Long.class).single();
        int versionAfter = version(corrected);
        ImportStore.Import again = run(csv);
        assertThat(again.count("incomesUnchanged")).isEqualTo(4);
        assertThat(again.count("incomesNew") + again.count("incomesChanged")).isZero();
        imports.applyNow(again.id(), false, county());
        assertThat(version(corrected)).isEqualTo(versionAfter);
        assertThat(jdbc.sql("select count(*) from audit_event").query(Long.class).single())
                .as("only the import's own row").isEqualTo(auditRows + 1);
    }

    @Test
    void aFileWithoutAnItemColumnIsRefusedWholeAndTheTemplateReadsBack() throws Exception {
        ImportStore.Import imp = run("户编号,年度,工资性收入\n22032210100400001,2024,100\n");
        assertThat(imp.state()).isEqualTo(ImportStore.State.FAILED);
        assertThat(imp.failureCode()).isEqualTo("registry.import.income.failure.columns");
        assertThat(imp.failureArgs().get(0)).contains("生产经营性收入").contains("合规自付支出");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        template.writeIncomes(county().scope(), "收入", out);
        long id = imports.upload(ImportStore.Kind.INCOMES, new ByteArrayInputStream(out.toByteArray()), "template.xlsx", county());
        ImportStore.Import t = await(id);
        assertThat(t.state()).isEqualTo(ImportStore.State.PREVIEWED);
        assertThat(t.rowsRead()).isEqualTo(1);
        // the example's household number is no household's: the one problem is that, not the layout
        assertThat(jdbc.sql("select code from import_problem where import_id = :i").param("i", id).query(String.class).list())
                .containsExactly("registry.import.income.problem.unknown");
    }

    @Test
    void aHouseholdNumberExcelKeptAsANumberIsSaidSoAndNotLookedUp() throws Exception {
        long h = registry.household(village("220322", 54)).head("蒋数字").insert();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            var sheet = wb.createSheet("收入");
            String[] headers = HEADER.strip().split(",");
            var header = sheet.createRow(0);
            for (int i = 0; i < headers.length; i++) header.createCell(i).setCellValue(headers[i]);
            var row = sheet.createRow(1);
            // 17 digits as a double: what a workbook keeps when the column was not text (the last digits are gone)
            row.createCell(0).setCellValue(Double.parseDouble(registry.householdNo(h)));
            row.createCell(1).setCellValue(2024);
            for (int i = 2; i < headers.length; i++) row.createCell(i).setCellValue(100);
            wb.write(out);
        }
        long id = imports.upload(ImportStore.Kind.INCOMES, new ByteArrayInputStream(out.toByteArray()), "incomes.xlsx", county());
        ImportStore.Import imp = await(id);
        assertThat(problems(id, 2)).as("not an unknown household, nor another one").containsExactly(
                "registry.import.problem.householdNo.digitsLost");
        assertThat(imp.count("incomesNew") + imp.count("incomesChanged")).isZero();
        assertThat(String.join("\n", texts(id, PreviewPages.Kind.problems)))
                .contains("A 户编号 列：户编号被 Excel 存为数字，后几位已丢失");
    }

    @Test
    void aPreviewWhoseStagingACrashEmptiedIsReadAgainAtStart() throws Exception {
        String v = village("220322", 52);
        long h = registry.household(v).head("冯重读").insert();
        ImportStore.Import imp = run(HEADER + registry.householdNo(h) + ",2024,100,0,0,0,0,0\n");
        assertThat(imp.count("incomesNew")).isEqualTo(1);
        // what PostgreSQL does to the unlogged staging after a crash
        jdbc.sql("delete from import_income where import_id = :i").param("i", imp.id()).update();
        imports.recover();
        ImportStore.Import again = await(imp.id());
        assertThat(again.state()).isEqualTo(ImportStore.State.PREVIEWED);
        assertThat(jdbc.sql("select count(*) from import_income where import_id = :i").param("i", imp.id())
                .query(Long.class).single()).isEqualTo(1);
        imports.applyNow(imp.id(), false, county());
        assertThat(amount("wages", h)).isEqualByComparingTo("100");
    }

    BigDecimal amount(String column, long household) {
        return jdbc.sql("select " + column + " from household_income where household_id = :h and year = 2024")
                .param("h", household).query(BigDecimal.class).single();
    }

    int version(long household) {
        return jdbc.sql("select version from household where id = :h").param("h", household).query(Integer.class).single();
    }
}
