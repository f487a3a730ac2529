package cn.shouwang.server.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.StatementCounter;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.household.RegistryFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * How many SQL statements a page takes ({@link StatementCounter}): the elimination list checks every listed household,
 * so it must not read each one's rows by itself; a monitored household's page reads a fixed number of things.
 */
class CaseworkStatementsTest extends ServerTest {
    static final String FEW = "220322104201";  // 长山村, 梨树县: no other test works there
    static final String MANY = "220322104202"; // 船口村

    /** The statements of the elimination list, whatever the number of households. */
    static final int ELIMINATION_MAX = 15;
    /** The statements of a monitored household's page. */
    // 20, and 2 for 复核走访 (the re-check months in force, the household's re-checks); plus 1 for each register beside
    // the core that backs measures (MeasureBackingApi, counted below)
    static final int DETAIL_MAX = 22;

    @Autowired RegistryFixtures registry;
    @Autowired CaseworkFixtures casework;
    /** Each register beside the core answers the plan's backings with one query of its own. */
    @Autowired java.util.List<cn.shouwang.server.casework.MeasureBackingApi> backings;

    private List<Long> monitored(String village, int n) {
        List<Long> ids = new ArrayList<>(jdbc.sql("select household_id from monitored_household where village_code = :v "
                + "order by household_id").param("v", village).query(Long.class).list());
        for (int i = ids.size(); i < n; i++) {
            String head = "计" + (char) ('甲' + i % 10) + i;
            long h = registry.household(village).head(head).member("计妻" + i, "SPOUSE", "ORDINARY", null).insert();
            ids.add(casework.monitored(h, village, head).insert());
        }
        return ids;
    }

    private int statements(String url, RequestPostProcessor who) throws Exception {
        StatementCounter.reset();
        mvc.perform(get(url).with(who)).andExpect(status().isOk());
        return StatementCounter.count();
    }

    @Test
    void theEliminationListAndAMonitoredHouseholdsPageTakeABoundedNumberOfStatements() throws Exception {
        List<Long> few = monitored(FEW, 20);
        List<Long> many = monitored(MANY, 200);
        RequestPostProcessor fewMonitor = CaseworkWebTest.as(Role.VILLAGE_MONITOR, FEW);
        RequestPostProcessor manyMonitor = CaseworkWebTest.as(Role.VILLAGE_MONITOR, MANY);
        statements("/elimination", fewMonitor); // warm-up: settings and code lists read once
        int elimination20 = statements("/elimination", fewMonitor);
        int elimination200 = statements("/elimination", manyMonitor);
        int detail = statements("/monitored/" + many.get(0), manyMonitor);
        System.out.printf("STATEMENTS /elimination 20: %d, 200: %d; /monitored/{id}: %d%n", elimination20, elimination200, detail);
        assertThat(few).hasSize(20);
        assertThat(many).hasSize(200);
        // before the batching: 482 for 20 households, 4,802 for 200, and 36 for a household's page
        assertThat(elimination200).as("200 households take what 20 take").isEqualTo(elimination20);
        assertThat(elimination200).isLessThanOrEqualTo(ELIMINATION_MAX);
        assertThat(detail).isLessThanOrEqualTo(DETAIL_MAX + backings.size());
    }
}
