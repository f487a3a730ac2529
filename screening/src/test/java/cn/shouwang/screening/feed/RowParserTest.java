package cn.shouwang.screening.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.shouwang.core.person.IdNumber;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowParserTest {
    static HeaderMap h(FeedKind k, String... header) { return HeaderMap.of(k, List.of(header)); }

    @Test void idNumbersAreTrimmedLowercaseXIsReadAsXAndProblemsMatchCore() throws Exception {
        HeaderMap m = h(FeedKind.INSURANCE_ENROLLMENT, "id_number", "year");
        FeedRow r = RowParser.department(m, RawRecord.of("  22032219490411729x ", "2024"), 2);
        assertThat(PackedId.text(r.key())).isEqualTo("22032219490411729X");
        assertThat(r.date()).isEqualTo(2024);
        assertThat(reason(m, "22038220090630186", "2024")).isEqualTo("id_number format");
        assertThat(reason(m, "220322194911284976", "2024")).isEqualTo("id_number check character");
        assertThat(reason(m, "220322194913284976", "2024")).isEqualTo("id_number birth date");
        assertThat(reason(m, "", "2024")).isEqualTo("id_number empty");
        assertThat(reason(m, "220322194911284977", "20x4")).isEqualTo("year integer");
    }

    @Test void idNumbersExcelStoredAsNumbersAreDigitsLostNeverChecked() throws Exception {
        HeaderMap m = h(FeedKind.INSURANCE_ENROLLMENT, "id_number", "year");
        for (String sci : List.of("2.20322E+17", "2.20322e17", " 2.20322199001011E+17 ")) {
            assertThat(reason(m, sci, "2024")).as(sci).isEqualTo("id_number digits lost");
        }
        // a workbook's number cell: 15 digits kept and three zeros; its check character is not what is said
        RawRecord number = RawRecord.ofCells(List.of(new SheetCell("220322194911284000", true), new SheetCell("2024", true)));
        assertThatThrownBy(() -> RowParser.department(m, number, 2)).isInstanceOf(RowRejected.class)
                .hasMessage("id_number digits lost");
        // even when those digits happen to form a valid number: it is someone else's
        String f = "22032219491128400";
        String valid = f + IdNumber.checkCharacter(f);
        RawRecord lucky = RawRecord.ofCells(List.of(new SheetCell(valid, true), new SheetCell("2024", true)));
        assertThatThrownBy(() -> RowParser.department(m, lucky, 2)).hasMessage("id_number digits lost");
        RawRecord text = RawRecord.ofCells(List.of(new SheetCell(valid, false), new SheetCell("2024", true)));
        assertThat(RowParser.department(m, text, 2).key()).isEqualTo(Values.idNumber(valid));
        HeaderMap members = h(FeedKind.MEMBERS, "household_id", "id_number", "relation", "labour_capacity", "status");
        assertThatThrownBy(() -> RowParser.member(members, RawRecord.of("H1", "2.20322E+17", "HEAD", "NONE", "ACTIVE"), 2))
                .hasMessage("id_number digits lost");
    }

    @Test void packedIdParsingAgreesWithCoreOnRandomText() {
        SplittableRandom r = new SplittableRandom(7);
        String chars = "0123456789Xx ";
        for (int i = 0; i < 20000; i++) {
            String s;
            if (i % 2 == 0) { // near-valid numbers
                LocalDate b = LocalDate.of(1900, 1, 1).plusDays(r.nextInt(45000));
                String f = "220322" + b.toString().replace("-", "") + String.format("%03d", r.nextInt(1000));
                s = f + (r.nextInt(4) == 0 ? "0123456789X".charAt(r.nextInt(11)) : IdNumber.checkCharacter(f));
                if (r.nextInt(5) == 0) s = s.toLowerCase();
            } else {
                StringBuilder sb = new StringBuilder();
                int n = 15 + r.nextInt(6);
                for (int k = 0; k < n; k++) sb.append(chars.charAt(r.nextInt(chars.length())));
                s = sb.toString();
            }
            long v = Values.idNumber(s);
            IdNumber.Problem p = IdNumber.problem(s);
            if (p == null) assertThat(PackedId.text(v)).as(s).isEqualTo(IdNumber.of(s).value());
            else assertThat(Values.idProblem(v)).as(s).isEqualTo(p.code());
        }
    }

    @Test void theThreeDateFormsAndNothingElse() {
        int d = (int) LocalDate.of(2024, 6, 3).toEpochDay();
        assertThat(Values.date("2024-06-03")).isEqualTo(d);
        assertThat(Values.date("2024/06/03")).isEqualTo(d);
        assertThat(Values.date("20240603")).isEqualTo(d);
        assertThat(Values.date("2024/6/3")).as("Excel's short form").isEqualTo(d);
        assertThat(Values.date(" 2024-06-03 ")).isEqualTo(d);
        assertThat(Values.date("2024-6-3")).isEqualTo(Values.INVALID);
        assertThat(Values.date("2024-02-30")).isEqualTo(Values.INVALID);
        assertThat(Values.date("2023-02-29")).isEqualTo(Values.INVALID);
        assertThat(Values.date("2024-02-29")).isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
        assertThat(Values.date("03/06/2024")).isEqualTo(Values.INVALID);
        assertThat(Values.date("")).isEqualTo(Values.INVALID);
        assertThat(Values.month("2024-06")).isEqualTo(2024 * 12 + 5);
        assertThat(Values.month("2024/13")).isEqualTo(Values.INVALID);
        assertThat(Values.month("2024-13")).isEqualTo(Values.INVALID);
    }

    @Test void amountsAreExactFenAndBadOnesReject() throws Exception {
        assertThat(Values.amount("1234.5")).isEqualTo(123450);
        assertThat(Values.amount("10000.01")).isEqualTo(1000001);
        assertThat(Values.amount("0")).isZero();
        assertThat(Values.amount("5.001")).isEqualTo(-1);
        assertThat(Values.amount("-1")).isEqualTo(-1);
        assertThat(Values.amount("")).isEqualTo(-1);
        assertThat(Values.amount("1,234")).isEqualTo(-1);
        assertThat(Values.amount("1e3")).isEqualTo(-1);
        HeaderMap m = h(FeedKind.SCHOOL_COSTS, "身份证号", "school_year", "stage", "个人自付");
        assertThat(reason(m, "220322200706212534", "2023", "SENIOR", "-1")).isEqualTo("out_of_pocket amount");
        assertThat(reason(m, "220322200706212534", "2023", "SENIOR", "")).isEqualTo("out_of_pocket amount");
        FeedRow ok = RowParser.department(m, RawRecord.of("220322200706212534", "2023", "senior", "10000.01"), 4);
        assertThat(ok.amount()).isEqualTo(1000001);
        assertThat(ok.code()).isEqualTo("SENIOR");
    }

    @Test void chineseHeadersInAnyOrderAndUnknownColumnsIgnored() throws Exception {
        HeaderMap m = h(FeedKind.MEDICAL_CLAIMS, "备注", "个人自付", "结算日期", "公民身份号码", "总费用", "医保支付");
        FeedRow r = RowParser.department(m, RawRecord.of("x", "12.30", "2024/06/01", "220322200706212534", "30", "17.70"), 2);
        assertThat(r.amount()).isEqualTo(1230);
        assertThat(r.date()).isEqualTo((int) LocalDate.of(2024, 6, 1).toEpochDay());
        HeaderMap bom = h(FeedKind.HOUSING_APPRAISALS, "\uFEFF证件号码", "APPRAISED_ON", " grade ");
        assertThat(bom.indexOf(Column.ID_NUMBER)).isZero();
        assertThat(bom.indexOf(Column.APPRAISED_ON)).isEqualTo(1);
    }

    @Test void aMissingRequiredColumnNamesIt() {
        assertThatThrownBy(() -> h(FeedKind.MEDICAL_CLAIMS, "id_number", "settled_on"))
                .isInstanceOf(HeaderMap.MissingColumnsException.class).hasMessageContaining("out_of_pocket");
    }

    @Test void disabilityGradeOutsideOneToFourIsARangeReject() {
        HeaderMap m = h(FeedKind.DISABILITY_CERTIFICATES, "id_number", "grade", "kind", "issued_on");
        assertThat(reason(m, "220322198712165666", "5", "肢体", "2024-06-30")).isEqualTo("grade range");
        assertThat(reason(m, "220322198712165666", "2", "肢体", "2024-06-31")).isEqualTo("issued_on date");
    }

    @Test void registryRows() throws Exception {
        HeaderMap m = h(FeedKind.MEMBERS, "户编号", "身份证号", "姓名", "与户主关系", "劳动能力", "状态");
        Member mem = RowParser.member(m, RawRecord.of("H1", "220322200706212534", "张三", "户主", "弱劳动力或半劳动力", "ACTIVE"), 2);
        assertThat(mem.labourCapacity().canWork()).isTrue();
        HeaderMap mon = h(FeedKind.MONITORED, "household_id", "category", "risk_types", "identified_month", "status");
        MonitoredRow r = RowParser.monitored(mon, RawRecord.of("H1", "X", "ILLNESS;ACCIDENT", "2023-10", "MONITORED"), 2);
        assertThat(r.has(cn.shouwang.core.household.RiskType.ACCIDENT)).isTrue();
        assertThatThrownBy(() -> RowParser.monitored(mon, RawRecord.of("H1", "X", "ILLNES", "2023-10", "MONITORED"), 2))
                .isInstanceOf(RowRejected.class).hasMessage("risk_types");
    }

    static String reason(HeaderMap m, String... fields) {
        try {
            RowParser.department(m, RawRecord.of(fields), 2);
            return null;
        } catch (RowRejected e) {
            return e.reason();
        }
    }
}
