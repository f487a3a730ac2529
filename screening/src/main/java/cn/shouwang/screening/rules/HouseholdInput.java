package cn.shouwang.screening.rules;

import cn.shouwang.screening.feed.FeedRow;
import cn.shouwang.screening.feed.Household;
import cn.shouwang.screening.feed.Income;
import cn.shouwang.screening.feed.Member;
import cn.shouwang.screening.feed.MonitoredRow;
import java.io.Serializable;
import java.util.List;

/**
 * Everything one household's warnings depend on. Order of the lists does not matter: the evaluator decides
 * ties by line numbers only.
 *
 * @param household   its households.csv row
 * @param members     its accepted members.csv rows (any status)
 * @param incomes     all its incomes.csv rows (the evaluator picks the latest)
 * @param monitored   all its monitored.csv rows
 * @param rows        the accepted department rows whose id number is one of its members (water excluded)
 * @param waterChecks the water_supply rows of its village (area_code equal to the household's)
 */
public record HouseholdInput(Household household, List<Member> members, List<Income> incomes,
                             List<MonitoredRow> monitored, List<FeedRow> rows, List<FeedRow> waterChecks)
        implements Serializable {
}
