package cn.shouwang.server.casework;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.casework.CaseAction;
import cn.shouwang.core.casework.CaseState;
import cn.shouwang.core.casework.CaseworkProblem;
import cn.shouwang.core.casework.DataQualityRule;
import cn.shouwang.core.casework.DisasterSubtype;
import cn.shouwang.core.casework.EliminationCondition;
import cn.shouwang.core.casework.EliminationMethod;
import cn.shouwang.core.casework.LeadChannel;
import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.casework.MeasureState;
import cn.shouwang.core.casework.MonitoringStatus;
import cn.shouwang.core.casework.StatusChange;
import cn.shouwang.core.casework.Workflow;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The casework pages build message keys from enum constants ({@code #{'casework.state.' + ${s}}}), which the
 * template check of I18nPropertiesSyncTest cannot see. Every constant of those enums has its text in Chinese and
 * English: a missing one showed as ??casework.subtype.DROUGHT_zh_CN?? in the verification form and as
 * ??casework.monitoring.RISK_ELIMINATED_zh_CN?? on every household whose risk had ended.
 */
class CaseworkMessagesTest {

    static final Map<String, Enum<?>[]> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("casework.action.", CaseAction.values());
        KEYS.put("casework.state.", CaseState.values());
        KEYS.put("casework.channel.", LeadChannel.values());
        KEYS.put("casework.workflow.", Workflow.values());
        KEYS.put("casework.condition.", EliminationCondition.values());
        KEYS.put("casework.dq.", DataQualityRule.values());
        KEYS.put("casework.group.", MeasureGroup.values());
        KEYS.put("casework.measureState.", MeasureState.values());
        KEYS.put("casework.measure.to.", MeasureState.values());
        KEYS.put("casework.history.", StatusChange.Kind.values());
        KEYS.put("casework.method.", EliminationMethod.values());
        KEYS.put("casework.monitoring.", MonitoringStatus.values());
        KEYS.put("casework.subtype.", DisasterSubtype.values());
        KEYS.put("casework.problem.", CaseworkProblem.values());
    }

    static Properties bundle(String file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("src/main/resources/i18n", file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void everyEnumConstantShownOnAPageHasItsChineseAndEnglishText() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String file : List.of("casework.properties", "casework_en.properties")) {
            Properties p = bundle(file);
            KEYS.forEach((prefix, values) -> {
                for (Enum<?> v : values) {
                    String text = p.getProperty(prefix + v.name());
                    if (text == null || text.isBlank()) missing.add(file + ": " + prefix + v.name());
                }
            });
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theChineseTextsOfStatesAndConditionsAreTheDomainsOwn() throws IOException {
        Properties zh = bundle("casework.properties");
        for (MonitoringStatus s : MonitoringStatus.values()) {
            assertThat(zh.getProperty("casework.monitoring." + s.name())).isEqualTo(s.chinese());
        }
        for (EliminationMethod m : EliminationMethod.values()) {
            assertThat(zh.getProperty("casework.method." + m.name())).isEqualTo(m.chinese());
        }
        for (DisasterSubtype d : DisasterSubtype.values()) {
            assertThat(zh.getProperty("casework.subtype." + d.name())).isEqualTo(d.chinese());
        }
        for (EliminationCondition c : EliminationCondition.values()) {
            assertThat(zh.getProperty("casework.condition." + c.name())).isEqualTo(c.chinese());
        }
    }
}
