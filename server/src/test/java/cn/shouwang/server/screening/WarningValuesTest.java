package cn.shouwang.server.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The values read back from a warning's detail: amount, material change at the setting's boundary, sentences. */
class WarningValuesTest {

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource m = new ResourceBundleMessageSource();
        m.setBasenames("i18n/screening");
        m.setDefaultEncoding("UTF-8");
        m.setFallbackToSystemLocale(false);
        return m;
    }

    @Test
    void theAmountOfEachAmountRuleAndNoneForEventRules() {
        assertThat(WarningValues.amount("MEDICAL_PERSON", "out_of_pocket=23400.00;threshold=20000.00")).isEqualByComparingTo("23400");
        assertThat(WarningValues.amount("DIVIDEND_SHORTFALL", "due=1000.00;paid=250.50")).isEqualByComparingTo("749.50");
        assertThat(WarningValues.amount("INCOME_BELOW_LINE", "year=2025;per_capita=5914.50;line=8700.00")).isEqualByComparingTo("5914.50");
        assertThat(WarningValues.amount("MAJOR_DIAGNOSIS", "diagnosed_on=2025-03-01")).isNull();
        assertThat(WarningValues.amount("MEDICAL_PERSON", "garbage")).isNull();
    }

    @Test
    void anAmountComesBackAtExactlyTheSettingAndNotJustBelow() {
        String then = "out_of_pocket=20000.00;threshold=20000.00";
        assertThat(WarningValues.changedMaterially("MEDICAL_PERSON", then, "out_of_pocket=23999.99;threshold=20000.00", 20)).isFalse();
        assertThat(WarningValues.changedMaterially("MEDICAL_PERSON", then, "out_of_pocket=24000.00;threshold=20000.00", 20)).isTrue();
        assertThat(WarningValues.changedMaterially("MEDICAL_PERSON", then, "out_of_pocket=24000.00;threshold=20000.00", 25)).isFalse();
        // income below the line: the per-capita income falling by the share, not rising
        String income = "year=2025;per_capita=5000.00;line=8700.00";
        assertThat(WarningValues.changedMaterially("INCOME_BELOW_LINE", income, "year=2025;per_capita=4000.01;line=8700.00", 20)).isFalse();
        assertThat(WarningValues.changedMaterially("INCOME_BELOW_LINE", income, "year=2025;per_capita=4000.00;line=8700.00", 20)).isTrue();
        assertThat(WarningValues.changedMaterially("INCOME_BELOW_LINE", income, "year=2026;per_capita=8000.00;line=8700.00", 20)).isFalse();
    }

    @Test
    void anEventComesBackWhenItIsAnotherEventOrWorse() {
        assertThat(WarningValues.changedMaterially("UNSAFE_HOUSE", "grade=C;appraised_on=2025-01-01", "grade=C;appraised_on=2025-06-01", 20)).isFalse();
        assertThat(WarningValues.changedMaterially("UNSAFE_HOUSE", "grade=C;appraised_on=2025-01-01", "grade=D;appraised_on=2025-06-01", 20)).isTrue();
        assertThat(WarningValues.changedMaterially("NOT_INSURED", "year=2025", "year=2025", 20)).isFalse();
        assertThat(WarningValues.changedMaterially("NOT_INSURED", "year=2025", "year=2026", 20)).isTrue();
        assertThat(WarningValues.changedMaterially("ACCIDENT", "occurred_on=2025-03-03", "occurred_on=2025-04-04", 20)).isTrue();
        assertThat(WarningValues.changedMaterially("JOB_LOSS", "wages=1.00;income=1.00", "wages=1.00;income=1.00", 20)).isTrue();
    }

    @Test
    void everyRuleHasAChineseSentenceWithItsValues() {
        var m = messages();
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        assertThat(WarningReasons.sentence("INCOME_BELOW_LINE", "year=2025;per_capita=5914.50;line=8700.00", m, zh))
                .isEqualTo("人均可支配收入 5,914.50 元，低于 2025 年监测标准 8,700.00 元");
        assertThat(WarningReasons.sentence("MEDICAL_PERSON", "out_of_pocket=23400.00;threshold=20000.00", m, zh))
                .isEqualTo("本年自付医疗费用 23,400.00 元，超过 20,000.00 元");
        assertThat(WarningReasons.sentence("MEDICAL_PERSON", "out_of_pocket=5000.00;threshold=5000.00", m, zh))
                .isEqualTo("本年自付医疗费用 5,000.00 元，达到 5,000.00 元");
        assertThat(WarningReasons.sentence("DIVIDEND_SHORTFALL", "due=1200.00;paid=200.00", m, zh))
                .isEqualTo("本月应付分红 1,200.00 元，实付 200.00 元，少付 1,000.00 元");
        assertThat(WarningReasons.sentence("NEW_ASSISTANCE", "kind=MINIMUM_LIVING;started_on=2025-06-03", m, zh))
                .isEqualTo("2025-06-03 起纳入最低生活保障");
        assertThat(WarningReasons.sentence("SCHOOL_COST", "stage=SENIOR;out_of_pocket=12000.00", m, zh)).startsWith("高中在读");
        assertThat(WarningReasons.sentence("DEATH_OF_WORKER", "event_on=2025-06-01;age=70;only_member_able_to_work=Y", m, zh))
                .contains("唯一有劳动能力");
        String[][] details = {
                {"MEDICAL_HOUSEHOLD", "out_of_pocket=30000.00;net_income=40000.00"}, {"MAJOR_DIAGNOSIS", "diagnosed_on=2025-06-01"},
                {"NOT_INSURED", "year=2025"}, {"UNSAFE_HOUSE", "grade=D;appraised_on=2025-06-01"},
                {"DROPOUT", "status=DROPPED_OUT;reported_on=2025-06-01;age=12"}, {"NEW_DISABILITY", "grade=1;issued_on=2025-06-01"},
                {"DEATH_OF_WORKER", "event_on=2025-06-01;age=40"}, {"ACCIDENT", "occurred_on=2025-06-01"},
                {"DISASTER_LOSS", "loss=6000.00;net_income=20000.00"}, {"DISASTER_LOSS", "loss=6000.00"},
                {"JOB_LOSS", "wages=30000.00;income=40000.00"}, {"UNSAFE_WATER", "status=NOT_OK;checked_on=2025-06-01"}};
        for (String[] d : details) {
            String s = WarningReasons.sentence(d[0], d[1], m, zh);
            assertThat(s).as(d[0]).doesNotContain("=", "{").matches(".*[\\u4e00-\\u9fa5].*");
        }
        for (cn.shouwang.screening.rules.Rule r : cn.shouwang.screening.rules.Rule.values()) {
            assertThat(m.getMessage("screening.reason." + r.name(), null, null, zh)).as(r.name()).isNotNull();
        }
        // a detail it cannot read is shown as it is, never as a wrong sentence
        assertThat(WarningReasons.sentence("MEDICAL_PERSON", "x", m, zh)).isEqualTo("x");
    }
}
