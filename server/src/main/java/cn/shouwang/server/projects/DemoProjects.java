package cn.shouwang.server.projects;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.projects.asset.AssetCmd;
import cn.shouwang.server.projects.asset.AssetKind;
import cn.shouwang.server.projects.asset.Assets;
import cn.shouwang.server.projects.asset.OwnerType;
import cn.shouwang.server.projects.dividend.DividendCmd;
import cn.shouwang.server.projects.dividend.Dividends;
import cn.shouwang.server.projects.project.ProjectCmd;
import cn.shouwang.server.projects.project.ProjectState;
import cn.shouwang.server.projects.project.ProjectType;
import cn.shouwang.server.projects.project.Projects;
import cn.shouwang.server.projects.project.SpendingCmd;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo profile only, when the module is empty: linkage-fund projects of 梨树县 for the year (county, the demo township
 * 孤家子镇, the demo village 团山子村 and a few other villages) with budgets by source and monthly spending near article
 * 004's 85.65%, the assets they built (a village photovoltaic station first), households of 团山子村 linked to the
 * station's project and this month's dividends paid to them, one paid less than due (a DIVIDEND_SHORTFALL for the
 * comparison). Everything goes through the module's services, so payments reach the households' income through
 * HouseholdIncomeApi. Names come from the bundle (no Chinese in Java).
 */
@Component("projectsDemo")
@Profile("demo")
@Order(33)
class DemoProjects implements ApplicationRunner {
    static final String COUNTY = "220322000000";
    static final String TOWNSHIP = "220322103000";
    static final String VILLAGE = "220322103205";

    private final Projects projects;
    private final Assets assets;
    private final Dividends dividends;
    private final HouseholdApi households;
    private final AreaApi areas;
    private final MessageSource messages;
    private final Clock clock;

    DemoProjects(Projects projects, Assets assets, Dividends dividends, HouseholdApi households, AreaApi areas,
                 MessageSource messages, Clock clock) {
        this.projects = projects;
        this.assets = assets;
        this.dividends = dividends;
        this.households = households;
        this.areas = areas;
        this.messages = messages;
        this.clock = clock;
    }

    private String text(String key) {
        return messages.getMessage("projects.demo." + key, null, java.util.Locale.SIMPLIFIED_CHINESE);
    }

    private static BigDecimal yuan(String v) {
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_UP);
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (projects.any() || areas.find(VILLAGE).isEmpty()) return;
        CurrentUser by = new CurrentUser(0, "demo", "demo", Role.COUNTY_ANALYST, new AreaScope(COUNTY));
        LocalDate today = LocalDate.now(clock);
        int year = today.getYear();
        // share spent of each: 85.65% for the station, the cattle and the water works (article 004), others around it
        long station = project(by, "station", ProjectType.INDUSTRY, VILLAGE, year, ProjectState.COMPLETED,
                "1200000", "300000", "0", "100000", "0", "1370400", today);
        long cattle = project(by, "cattle", ProjectType.INDUSTRY, TOWNSHIP, year, ProjectState.IN_PROGRESS,
                "1500000", "500000", "0", "0", "0", "1713000", today);
        long water = project(by, "water", ProjectType.INFRASTRUCTURE, COUNTY, year, ProjectState.IN_PROGRESS,
                "2000000", "800000", "300000", "400000", "0", "2997750", today);
        project(by, "jobs", ProjectType.EMPLOYMENT, VILLAGE, year, ProjectState.IN_PROGRESS,
                "0", "0", "0", "240000", "0", "205560", today);
        List<AreaInfo> others = areas.villages("220322", 40).stream().filter(v -> !v.code().equals(VILLAGE)).toList();
        if (others.size() >= 3) {
            project(by, "road", ProjectType.INFRASTRUCTURE, others.get(0).code(), year, ProjectState.ACCEPTED,
                    "600000", "200000", "0", "50000", "0", "850000", today);
            project(by, "greenhouse", ProjectType.INDUSTRY, others.get(1).code(), year, ProjectState.IN_PROGRESS,
                    "400000", "100000", "0", "0", "20000", "390000", today);
            project(by, "clinic", ProjectType.PUBLIC_SERVICE, others.get(2).code(), year, ProjectState.PLANNED,
                    "0", "150000", "0", "50000", "0", "0", today);
        }

        long stationAsset = assets.create(station, new AssetCmd(text("asset.station"), AssetKind.OPERATING,
                OwnerType.VILLAGE_COLLECTIVE, text("asset.station.owner"), VILLAGE, yuan("1370400"), yuan("180000"),
                text("asset.station.managedBy"), null), by);
        assets.create(cattle, new AssetCmd(text("asset.barn"), AssetKind.OPERATING, OwnerType.ENTERPRISE,
                text("asset.barn.owner"), TOWNSHIP, yuan("1600000"), yuan("120000"), text("asset.barn.owner"), null), by);
        assets.create(water, new AssetCmd(text("asset.waterworks"), AssetKind.PUBLIC_WELFARE,
                OwnerType.VILLAGE_COLLECTIVE, text("asset.waterworks.owner"), VILLAGE, yuan("850000"), yuan("0"), "",
                null), by);

        // households of the demo village linked to the station, paid this month's dividend; the third paid short
        List<Long> ids = households.withActiveHead(new AreaScope(VILLAGE), VILLAGE, 6);
        Map<Long, String> numbers = households.householdNumbers(ids);
        String period = YearMonth.from(today).toString();
        int i = 0;
        for (long h : ids) {
            projects.link(station, numbers.get(h), projects.require(station, by.scope()).version(), by);
            BigDecimal due = yuan("500");
            BigDecimal paid = i == 2 ? yuan("200") : due;
            dividends.record(stationAsset, new DividendCmd(h, period, due, paid, today), by);
            i++;
        }
    }

    private long project(CurrentUser by, String key, ProjectType type, String area, int year, ProjectState state,
                         String central, String provincial, String city, String county, String other, String spent,
                         LocalDate today) {
        long id = projects.create(new ProjectCmd(text(key), type, area, year, state, yuan(central), yuan(provincial),
                yuan(city), yuan(county), yuan(other), "", null), by);
        BigDecimal total = yuan(spent);
        if (total.signum() == 0) return id;
        // spread over the months of the year so far, the rest in the last month
        int months = today.getMonthValue();
        BigDecimal part = total.divide(BigDecimal.valueOf(months), 0, RoundingMode.DOWN);
        BigDecimal left = total;
        for (int m = 1; m <= months; m++) {
            BigDecimal amount = m == months ? left : part;
            left = left.subtract(amount);
            if (amount.signum() == 0) continue;
            projects.spend(id, new SpendingCmd(YearMonth.of(year, m).toString(), amount, "",
                    projects.require(id, by.scope()).version()), by);
        }
        return id;
    }
}
