package cn.shouwang.server.screening;

import cn.shouwang.server.household.HouseholdApi;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;

/**
 * Fills {@code screening_warning.household_no} for warnings stored before runs wrote it (screening's V5): at start-up,
 * {@value #BATCH} households at a time, the numbers asked of the registry ({@link HouseholdApi#householdNumbers}).
 * Only rows still without a number are touched, so it can run at every start; once they are all filled it is one
 * look at an empty partial index. A household's number does not change (a move keeps it), so a copy once written
 * stays right.
 */
@Component
class WarningHouseholdNumbers {
    private static final Logger log = LoggerFactory.getLogger(WarningHouseholdNumbers.class);
    static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final HouseholdApi households;

    WarningHouseholdNumbers(JdbcClient jdbc, HouseholdApi households) {
        this.jdbc = jdbc;
        this.households = households;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        try {
            long n = fill();
            if (n > 0) log.info("household number filled in on {} earlier warnings", n);
        } catch (RuntimeException e) {
            // the list shows these warnings without a number until the next start tries again
            log.warn("filling in the household number of earlier warnings failed: {}", e.toString());
        }
    }

    /** Fills the missing numbers; returns how many warnings got one. Each batch commits on its own. */
    long fill() {
        long filled = 0;
        long after = 0;
        while (true) {
            List<Long> ids = jdbc.sql("select distinct household_id from screening_warning where household_no is null "
                            + "and household_id > :after order by household_id limit :n")
                    .param("after", after).param("n", BATCH).query(Long.class).list();
            if (ids.isEmpty()) return filled;
            after = ids.get(ids.size() - 1);
            Map<Long, String> numbers = households.householdNumbers(ids);
            if (numbers.isEmpty()) continue;
            Long[] hid = numbers.keySet().toArray(Long[]::new);
            String[] no = new String[hid.length];
            for (int i = 0; i < hid.length; i++) no[i] = numbers.get(hid[i]);
            filled += jdbc.sql("""
                    update screening_warning w set household_no = t.no
                    from unnest(:hid::bigint[], :no::text[]) as t(hid, no)
                    where w.household_id = t.hid and w.household_no is null""")
                    .param("hid", new SqlArrayValue("bigint", (Object[]) hid))
                    .param("no", new SqlArrayValue("text", (Object[]) no)).update();
        }
    }
}
