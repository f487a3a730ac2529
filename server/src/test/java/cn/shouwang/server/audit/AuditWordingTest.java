package cn.shouwang.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.server.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The audit page's 内容 column: every detail form the product writes reads as a sentence, in Chinese and English. */
class AuditWordingTest extends ServerTest {

    @Autowired AuditWording wording;

    /** Forms seen in the demo's audit log and in the writers (action, detail as recorded). */
    static final String[][] FORMS = {
            {"INCOME_CREDIT", "2025"},
            {"PROJECT_SPENDING", "project-12 2026-05"},
            {"FIELD_VISIT_RECORD", "visit 31 home"},
            {"FIELD_VISIT_RECORD", "visit 32 away photo"},
            {"FIELD_VISIT_RECORD", "visit 33 home risks ILLNESS -> JOINED_LEAD 7"},
            {"FIELD_VISIT_RECORD", "visit 34 away risks ILLNESS,SCHOOLING -> OPENED 8 photo"},
            {"FIELD_HOUSEHOLD_PLACE", "grid 4"},
            {"FIELD_HOUSEHOLD_PLACE", "grid 4 group 9"},
            {"FIELD_HOUSEHOLD_PLACE", "unplaced"},
            {"VILLAGE_INCOME_UPDATE", "year 2025"},
            {"FIGURES_SNAPSHOT_TAKE", "2026-11 RECONSTRUCTED"},
            {"SOCIAL_PAYMENT_PAID", "payment-55"},
            {"PROJECT_ADD", "project-3"},
            {"PROJECT_HOUSEHOLD_LINK", "project-3"},
            {"FIELD_GROUP_CREATE", "grid 4 group 9"},
            {"DIVIDEND_RECORD", "dividend-5 2026-06"},
            {"FIELD_GRID_CREATE", "grid 4"},
            {"FIELD_GRID_UPDATE", "grid 4 moved -1"},
            {"PROJECT_ASSET_ADD", "asset-2 project-3"},
            {"SOCIAL_PAYMENTS_DUE", "period 2026-10, 120 added"},
            {"SOCIAL_CIVIL_LIST_IMPORT", "accepted 民政名单.csv: 40 rows, 38 registered, 12 layers added"},
            {"SOCIAL_CIVIL_LIST_IMPORT", "refused 民政名单.csv: 3 problems"},
            {"VILLAGE_DOCUMENT_UPLOAD", "document 6 PHOTO PNG 2345678 bytes"},
            {"SOCIAL_LAYER_ADD", "layer-17"},
            {"DEMO_LOAD", "2000 households, 6500 persons, seed 42"},
            {"FIELD_SWEEP_CLOSE", "sweep 2 closed after its end date"},
            {"FIELD_SWEEP_CLOSE", "sweep 2 closed"},
            {"FIELD_SWEEP_OPEN", "sweep 2 2026-03-01..2026-04-30 812 households"},
            {"LEAD_JOIN", "lead 19 FIELD_SCREENING"},
            {"LEAD_OPEN", "SELF_REPORT lead 20"},
            {"LEAD_VERIFY", "lead 20: 入户核实属实"},
            {"RISK_ELIMINATED", "lead 20 ASSISTANCE"},
            {"MONITORED_NEW_REPORT", "DEPARTMENT_SCREENING"},
            {"LEAD_AUTO_INTAKE", "张三 [county] warning:77 run:5 → OPENED 21"},
            {"AREA_IMPORT", "edition 2024, 1234 areas from jilin-divisions.csv, current"},
            {"AREA_EDITION_CURRENT", "edition id 3"},
            {"UPLOAD", "upload:9 MEDICAL_CLAIMS 2026-10 file:医保.xlsx sha256:3b0c4429 rows:300 rejected:2 replaces:4"},
            {"UPLOAD_DISCARD", "upload:9 MEDICAL_CLAIMS 2026-10 file:医保.xlsx sha256:3b0c4429 rows:300 rejected:2 abandoned by the uploader"},
            {"WARNING_DISMISS", "warnings 2026-10 MEDICAL_PERSON:5,NOT_INSURED:6 reason DATA_ERROR note 已核实"},
            {"WARNING_ASSIGN", "warnings 2026-10 MEDICAL_PERSON:5 to 220322103205 due 2026-11-15"},
            {"INSURANCE_CLAIM_OPEN", "claim-4 warning-77"},
            {"LOAN_REPAYMENT", "loan 8"},
            {"JOB_WAGE_PAY", "job 3"},
            {"MORAL_REDEEM", "entry 12 肥皂 x2"},
            {"ELDER_VISIT", "visit 5 on 2026-10-02 lead 22"},
            {"FIELD_RHYTHM_UPDATE", "1/3/6 -> 1/2/6"},
            {"FIELD_OFFLINE_CONFLICT", "VISIT 5d1c MOVED"},
            {"MEASURE_ADD", "EMPLOYMENT 1200.00 介绍到县城务工"},
            {"EXPORT", "national person list; area=220322; 300 households, 900 persons; income year 2025; masked"},
            {"EXPORT", "sweep 2 not yet visited 40 rows"},
            {"EXPORT", "monitored ledger sheet per village; 30 households, 90 persons; id numbers masked"},
    };

    /** Words of a recorded form that must not reach the reader (codes and the writers' English). */
    static final Pattern FORM_WORD = Pattern.compile("->|[A-Za-z_]{2,}");
    /** What may stay: file kinds and units the sentences themselves use, and file names in the samples. */
    static final Set<String> MAY_STAY = Set.of("PNG", "MB", "KB", "SHA", "csv", "xlsx", "jilin", "divisions",
            "county", "d1c");

    @Test
    void everyFormReadsAsASentenceInChineseWithNoWordOfTheFormLeft() {
        List<String> bad = new ArrayList<>();
        for (String[] f : FORMS) {
            String zh = wording.detailWords(f[0], f[1], Locale.SIMPLIFIED_CHINESE);
            Matcher m = FORM_WORD.matcher(zh);
            while (m.find()) {
                if (!MAY_STAY.contains(m.group())) bad.add(f[0] + " | " + f[1] + " → " + zh + " («" + m.group() + "»)");
            }
            if (zh.equals(f[1])) bad.add(f[0] + " | " + f[1] + " shown as recorded");
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void everyFormReadsAsASentenceInEnglishWithNoCodeLeft() {
        // English keeps ordinary words ("Visit No. 3") but never a code, an arrow or an id like project-3
        Pattern code = Pattern.compile("->|\\b[A-Z]+_[A-Z_]+\\b|\\b(RECONSTRUCTED|ILLNESS|OPENED|PHOTO|VISIT)\\b|[a-z]+-\\d+|\\b[a-z]+:\\d+");
        List<String> bad = new ArrayList<>();
        for (String[] f : FORMS) {
            String en = wording.detailWords(f[0], f[1], Locale.ENGLISH);
            if (en.equals(f[1]) || code.matcher(en).find() || en.contains("{")) bad.add(f[0] + " | " + f[1] + " → " + en);
        }
        assertThat(bad).isEmpty();
    }

    @Test
    void valuesReadByTheirNames() {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        assertThat(wording.detailWords("FIELD_VISIT_RECORD", "visit 33 home risks ILLNESS -> JOINED_LEAD 7", zh))
                .isEqualTo("第33号走访，见到本人，发现风险：因病，已并入第7号线索");
        assertThat(wording.detailWords("FIGURES_SNAPSHOT_TAKE", "2026-11 RECONSTRUCTED", zh))
                .isEqualTo("2026年11月，按历史记录重建");
        assertThat(wording.detailWords("VILLAGE_DOCUMENT_UPLOAD", "document 6 PHOTO PNG 2345678 bytes", zh))
                .isEqualTo("第6号资料，照片，PNG 图片，2.2 MB");
        assertThat(wording.detailWords("LEAD_JOIN", "lead 19 FIELD_SCREENING", zh)).isEqualTo("并入第19号线索，来源：基层干部排查");
        assertThat(wording.detailWords("WARNING_ASSIGN", "warnings 2026-10 MEDICAL_PERSON:5 to 220322103205 due 2026-11-15", zh))
                .contains("个人医疗自付超标").contains("团山子村").doesNotContain("220322103205");
        assertThat(wording.detailWords("VILLAGE_DOCUMENT_UPLOAD", "document 6 PHOTO PNG 2345678 bytes", Locale.ENGLISH))
                .startsWith("Document No. 6, Photos, ").endsWith(", 2.2 MB");
    }

    @Test
    void changedFieldsOfEveryWriterHaveLabels() {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        assertThat(wording.change(new AuditApi.Change("worker", null, "刘长海"), java.util.Map.of(), zh)).isEqualTo("网格员：刘长海");
        assertThat(wording.change(new AuditApi.Change("active:稳定脱贫户", "true", "false"), java.util.Map.of(), zh))
                .isEqualTo("有效（稳定脱贫户）：是 → 否");
        assertThat(wording.detailWords("PROJECT_SPENDING", "project-12 2026-05", zh)).isEqualTo("第12号项目，2026年5月");
    }

    @Test
    void aFormNoRowKnowsIsShownAsRecorded() {
        assertThat(wording.detailWords("FIELD_GRID_CREATE", "some form of an earlier release", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("some form of an earlier release");
    }

    /**
     * Every form the demo data writes is worded: a module that adds a new form without a row in the table fails
     * here. Digits are folded so each form is tried once. Other test classes sharing the database add their rows.
     */
    @Test
    void everyFormTheDemoWritesIsWorded() {
        List<String[]> forms = jdbc.sql("""
                        select action, min(detail) from audit.audit_event
                         where detail is not null and detail <> '' and detail not like 'account %'
                         group by action, regexp_replace(detail, '[0-9]+', 'N', 'g')""")
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        assertThat(forms).as("the demo writes audit rows with details").hasSizeGreaterThan(10);
        // rows of actions no longer known are an earlier release's (AuditWebTest writes one): shown as recorded
        Set<String> known = java.util.Arrays.stream(AuditAction.values()).map(Enum::name)
                .collect(java.util.stream.Collectors.toSet());
        List<String> unworded = forms.stream().filter(f -> known.contains(f[0]) && !DetailWording.worded(f[0], f[1]))
                .map(f -> f[0] + " | " + f[1]).toList();
        assertThat(unworded).isEmpty();
    }
}
