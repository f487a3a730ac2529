package cn.shouwang.screening.run;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.screening.cli.ScreeningMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry errors are reported, never guessed; unusable input gives one line and a non-zero exit. */
class RegistryAndCommandLineTest {
    @TempDir Path dir;

    // valid id numbers
    static final String P1 = "220322197303260131", P2 = "220322197401285623", P3 = "220322194008113864",
            P4 = "220322197611040106", P5 = "22032219770630643X";

    void registry() throws Exception {
        Path reg = Files.createDirectories(dir.resolve("registry"));
        Files.writeString(reg.resolve("households.csv"), """
                household_id,area_code,head_id_number,formerly_poor
                H1,220322103001,220322197303260131,N
                H2,220322103001,220322194008113864,N
                H3,220322103002,220322197611040106,Y
                H1,220322103001,220322197303260131,N
                H4,220322103002,22032219730326013,N
                """);
        Files.writeString(reg.resolve("members.csv"), """
                household_id,id_number,name,relation,labour_capacity,status
                H1,220322197303260131,甲,HEAD,ORDINARY,ACTIVE
                H1,220322197401285623,乙,SPOUSE,ORDINARY,ACTIVE
                H2,220322194008113864,丙,HEAD,NONE,ACTIVE
                H2,220322197401285623,乙,SPOUSE,ORDINARY,ACTIVE
                H3,220322197611040106,丁,HEAD,WEAK,DECEASED
                H9,22032219770630643X,戊,HEAD,ORDINARY,ACTIVE
                H4,220323198503097931,己,HEAD,ORDINARY,ACTIVE
                """);
        Files.writeString(reg.resolve("incomes.csv"), """
                household_id,year,wages,business,property,transfers,production_costs,eligible_out_of_pocket
                H1,2023,90000,0,0,0,0,0
                H2,2023,90000,0,0,0,0,0
                H3,2023,90000,0,0,0,0,0
                """);
        Path feeds = Files.createDirectories(dir.resolve("feeds"));
        Files.writeString(feeds.resolve("major_diagnoses.csv"), """
                id_number,diagnosed_on,disease
                220322197401285623,2024-06-01,x
                22032219770630643x,2024-06-01,x
                220322197303260131,2024-06-01,x
                220323198503097931,2024-06-01,x
                """);
    }

    String[] args(String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("screen", "--registry", dir.resolve("registry").toString(),
                "--feeds", dir.resolve("feeds").toString(), "--out", dir.resolve("out").toString(), "--quiet"));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        PrintStream o = System.out, e = System.err;
        ByteArrayOutputStream bo = new ByteArrayOutputStream(), be = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bo, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(be, true, StandardCharsets.UTF_8));
            int code = ScreeningMain.execute(args);
            return new Run(code, bo.toString(StandardCharsets.UTF_8), be.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(o);
            System.setErr(e);
        }
    }

    @Test void registryErrorsGoToRejectsAndThePersonIsNotGuessed() throws Exception {
        registry();
        Run r = cli(args("--period", "2024-06"));
        assertThat(r.code()).as(r.err()).isZero();
        List<String> rejects = Files.readAllLines(dir.resolve("out/rejects.csv"));
        assertThat(rejects).hasSize(7);
        assertThat(String.join("\n", rejects))
                .contains("households,4,no ACTIVE head")      // H3: its head is DECEASED
                .contains("households,5,household_id repeated")
                .contains("households,6,head_id_number format (no ACTIVE head; household still compared)")
                .contains("members,3,id_number in two households: H1 H2")
                .contains("members,5,id_number in two households: H1 H2")
                .contains("members,7,household_id not in households");
        List<String> warnings = Files.readAllLines(dir.resolve("out/warnings.csv"));
        // P2 is in two households and P5 in none: not warned. H4, whose head number is broken, is still compared.
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(1)).startsWith("2024-06,H1," + P1 + ",MAJOR_DIAGNOSIS,ILLNESS,major_diagnoses,4,");
        assertThat(warnings.get(2)).startsWith("2024-06,H4,220323198503097931,MAJOR_DIAGNOSIS,ILLNESS,major_diagnoses,5,");
        assertThat(r.out()).contains("major_diagnoses").contains("MAJOR_DIAGNOSIS");
    }

    @Test void unusableInputGivesOneLineAndNonZero() throws Exception {
        registry();
        Run badPeriod = cli(args("--period", "2024-13"));
        assertThat(badPeriod.code()).isNotZero();
        assertThat(badPeriod.err().strip()).doesNotContain("\n").contains("YYYY-MM").doesNotContain("Exception");

        Files.writeString(dir.resolve("rules.yaml"), "medical_person:\n  threshold_other: lots\n");
        Run badRules = cli(args("--period", "2024-06", "--rules", dir.resolve("rules.yaml").toString()));
        assertThat(badRules.code()).isNotZero();
        assertThat(badRules.err().strip()).doesNotContain("\n").contains("medical_person.threshold_other");

        Files.delete(dir.resolve("registry/members.csv"));
        Run missing = cli(args("--period", "2024-06"));
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err().strip()).doesNotContain("\n").contains("members").contains("缺少");

        Run noDir = cli("screen", "--registry", dir.resolve("nowhere").toString(), "--feeds", dir.toString(),
                "--out", dir.resolve("o").toString(), "--period", "2024-06");
        assertThat(noDir.code()).isNotZero();
        assertThat(noDir.err().strip()).doesNotContain("\n").contains("nowhere");

        Run spark = cli(args("--period", "2024-06", "--engine", "spark"));
        assertThat(spark.code()).isNotZero();
        assertThat(spark.err().strip()).doesNotContain("\n").contains("spark");
    }

    @Test void aDepartmentFileWithoutItsColumnsIsNotComparedAndSaysWhy() throws Exception {
        registry();
        Files.writeString(dir.resolve("feeds/insurance_enrollment.csv"), "id_number,when\n220322197303260131,2024\n");
        Run r = cli(args("--period", "2024-06"));
        assertThat(r.code()).isZero();
        assertThat(Files.readString(dir.resolve("out/rejects.csv"))).contains("insurance_enrollment,1,missing column(s): year");
        assertThat(Files.readString(dir.resolve("out/warnings.csv"))).doesNotContain("NOT_INSURED");
    }

    @Test void idNumbersExcelStoredAsNumbersAreRejectedAsSuchNeverChecked() throws Exception {
        registry();
        Path xlsx = dir.resolve("feeds/insurance_enrollment.xlsx");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             java.io.OutputStream o = Files.newOutputStream(xlsx)) {
            var s = wb.createSheet("参保");
            var h = s.createRow(0);
            h.createCell(0).setCellValue("身份证号");
            h.createCell(1).setCellValue("year");
            var a = s.createRow(1);
            a.createCell(0).setCellValue(Double.parseDouble(P1)); // Excel took it for a number
            a.createCell(1).setCellValue(2024);
            var b = s.createRow(2);
            b.createCell(0).setCellValue(P3);
            b.createCell(1).setCellValue(2024);
            wb.write(o);
        }
        Files.writeString(dir.resolve("feeds/accidents.csv"), "id_number,occurred_on,outcome,source\n2.20322E+17,2024-06-01,DEATH,x\n");
        Run r = cli(args("--period", "2024-06"));
        assertThat(r.code()).as(r.err()).isZero();
        String rejects = Files.readString(dir.resolve("out/rejects.csv"));
        assertThat(rejects).contains("insurance_enrollment,2,id_number digits lost")
                .contains("accidents,2,id_number digits lost")
                .doesNotContain("insurance_enrollment,2,id_number check character")
                .doesNotContain("insurance_enrollment,3,");
        assertThat(Files.readString(dir.resolve("out/summary.txt")))
                .contains("证件号码被 Excel 存为数字，后几位已丢失；请将该列设为文本后重新导出")
                .contains("accidents 1").contains("insurance_enrollment 1");
    }
}
