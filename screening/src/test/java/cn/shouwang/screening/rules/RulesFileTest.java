package cn.shouwang.screening.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RulesFileTest {
    @Test void theExampleFileIsTheDefaults() throws Exception {
        assertThat(RulesFile.load(Path.of("rules-example.yaml"))).isEqualTo(RulesConfig.defaults());
        assertThat(RulesFile.parse("")).isEqualTo(RulesConfig.defaults());
    }

    @Test void changesTakeEffect() throws Exception {
        RulesConfig c = RulesFile.parse("""
                medical_person: {threshold_other: 15000.5}
                medical_household: {share_of_net_income: 0.4}
                dropout: {min_age: 7, max_age: 16}
                unsafe_house: {grades: [d]}
                accident: {enabled: false}
                income_below_line:
                  monitoring_line: {default: 6800, 2024: 7000.25}
                """);
        assertThat(c.medicalPersonOtherThreshold()).isEqualTo(1_500_050);
        assertThat(c.medicalHouseholdShare().exceededBy(41, 100)).isTrue();
        assertThat(c.medicalHouseholdShare().exceededBy(40, 100)).isFalse();
        assertThat(c.dropoutMinAge()).isEqualTo(7);
        assertThat(c.unsafeHouseGrades()).containsExactly("D");
        assertThat(c.runs(Rule.ACCIDENT)).isFalse();
        assertThat(c.incomeLine(2024)).isEqualTo(700_025);
        assertThat(c.incomeLine(2023)).isEqualTo(680_000);
    }

    @Test void badFilesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> RulesFile.parse("medical_person: {treshold_other: 1}"))
                .hasMessageContaining("medical_person.treshold_other");
        assertThatThrownBy(() -> RulesFile.parse("medical_persons: {}")).hasMessageContaining("medical_persons");
        assertThatThrownBy(() -> RulesFile.parse("school_cost: {threshold: -1}")).hasMessageContaining("school_cost.threshold");
        assertThatThrownBy(() -> RulesFile.parse("school_cost: {threshold: 1.234}")).hasMessageContaining("school_cost.threshold");
        assertThatThrownBy(() -> RulesFile.parse("job_loss: {wage_share: 2}")).hasMessageContaining("job_loss.wage_share");
        assertThatThrownBy(() -> RulesFile.parse("accident: {enabled: perhaps}")).hasMessageContaining("accident.enabled");
        assertThatThrownBy(() -> RulesFile.parse("unsafe_house: {grades: [E]}")).hasMessageContaining("unsafe_house.grades");
        assertThatThrownBy(() -> RulesFile.parse("dropout: {min_age: 16, max_age: 15}")).hasMessageContaining("dropout.min_age");
        assertThatThrownBy(() -> RulesFile.parse("income_below_line: {monitoring_line: {twenty: 1}}"))
                .hasMessageContaining("income_below_line.monitoring_line.twenty");
        assertThatThrownBy(() -> RulesFile.parse("a: [b")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> RulesFile.parse("{\"accident\": {\"enabled\": 1}}")).hasMessageContaining("accident.enabled");
    }
}
