package cn.shouwang.server.household;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MonitoringCategory;
import cn.shouwang.core.household.Relation;
import cn.shouwang.core.household.RiskType;
import cn.shouwang.core.household.SchoolingStage;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonListColumnTest {

    @Test
    void headersAreFoundWithTheirAliasesAndFullWidthParentheses() {
        assertThat(PersonListColumn.byHeader("县（市、区、旗）")).contains(PersonListColumn.COUNTY);
        assertThat(PersonListColumn.byHeader(" 务工时间（月）")).contains(PersonListColumn.MONTHS_IN_WORK);
        assertThat(PersonListColumn.byHeader("身份证号码")).contains(PersonListColumn.ID_NUMBER);
        assertThat(PersonListColumn.byHeader("易返贫致贫户（监测对象）类型")).contains(PersonListColumn.MONITORING_CATEGORY);
        assertThat(PersonListColumn.byHeader("致贫/返贫风险3")).contains(PersonListColumn.RISK_3);
        assertThat(PersonListColumn.byHeader("备注")).isEmpty();
    }

    @Test
    void noHeaderOrAliasNamesTwoColumns() {
        Set<String> seen = new HashSet<>();
        for (PersonListColumn c : PersonListColumn.values()) {
            assertThat(seen.add(PersonListColumn.normalize(c.header()))).as(c.header()).isTrue();
            for (String a : c.aliases()) assertThat(seen.add(PersonListColumn.normalize(a))).as(a).isTrue();
        }
    }

    @Test
    void valueWordsReadAndWriteBothWays() {
        for (Relation r : Relation.values()) assertThat(PersonListColumn.relation(PersonListColumn.relationWord(r))).contains(r);
        for (HealthStatus h : HealthStatus.values()) assertThat(PersonListColumn.health(PersonListColumn.healthWord(h))).contains(h);
        for (LabourCapacity l : LabourCapacity.values()) assertThat(PersonListColumn.labour(PersonListColumn.labourWord(l))).contains(l);
        for (MonitoringCategory c : MonitoringCategory.values()) {
            assertThat(PersonListColumn.category(PersonListColumn.categoryWord(c))).contains(c);
        }
        for (RiskType r : RiskType.values()) assertThat(PersonListColumn.riskType(PersonListColumn.riskWord(r))).contains(r);
        assertThat(PersonListColumn.relation("之外孙女")).contains(Relation.GRANDCHILD);
        assertThat(PersonListColumn.relation("之侄子")).contains(Relation.OTHER);
        assertThat(PersonListColumn.schooling("八年级")).contains(SchoolingStage.JUNIOR);
        assertThat(PersonListColumn.schooling("")).contains(SchoolingStage.NONE);
        assertThat(PersonListColumn.category("1")).contains(MonitoringCategory.MARGINAL_AT_RISK);
        assertThat(PersonListColumn.yesNo("Y")).contains(true);
        assertThat(PersonListColumn.yesNo("0")).contains(false);
        assertThat(PersonListColumn.yesNo("也许")).isEmpty();
        assertThat(PersonListColumn.formerlyPoor("脱贫户")).contains(true);
        assertThat(PersonListColumn.formerlyPoor("普通农户")).contains(false);
    }
}
