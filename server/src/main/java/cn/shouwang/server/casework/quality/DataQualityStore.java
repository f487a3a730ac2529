package cn.shouwang.server.casework.quality;

import cn.shouwang.core.area.AreaCode;
import cn.shouwang.core.casework.DataQuality;
import cn.shouwang.core.casework.DataQualityRule;
import cn.shouwang.core.casework.DisasterSubtype;
import cn.shouwang.core.casework.EliminationMethod;
import cn.shouwang.core.casework.LatestIncome;
import cn.shouwang.core.casework.GuaranteeFlags;
import cn.shouwang.core.casework.HouseholdFacts;
import cn.shouwang.core.casework.Measure;
import cn.shouwang.core.casework.MemberFacts;
import cn.shouwang.core.casework.MonitoredHousehold;
import cn.shouwang.core.casework.MonitoringStatus;
import cn.shouwang.core.casework.Plan;
import cn.shouwang.core.casework.RiskTypes;
import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.casework.identification.LeadStore;
import cn.shouwang.server.casework.monitoring.MonitoredStore;
import cn.shouwang.server.casework.shared.Scopes;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The data-quality checks of policy.md §6 for every monitored household of an area at once. Four queries fetch
 * the facts of all of them (households, members, latest verification, measures), each scoped in SQL; the core's
 * {@link DataQuality} then decides per household, so the list and the household page cannot disagree.
 */
@Repository
class DataQualityStore {
    private final JdbcClient jdbc;
    private final PersonalDataApi pd;

    private final HouseholdApi registry;

    DataQualityStore(JdbcClient jdbc, PersonalDataApi pd, HouseholdApi registry) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.pd = pd;
    }

    /** One finding: a rule a monitored household fails, and since when if the rule has a date. */
    record Finding(long householdId, String householdNo, String villageCode, String headName, DataQualityRule rule,
                   @Nullable LocalDate since) {}

    private record Household(long id, String no, String village, String head, MonitoredHousehold m) {}

    // monitored households, and those whose risk was eliminated in the last twelve months (the elimination checks)
    private static final String IN_SCOPE = " m.village_code between :lo and :hi "
            + "and (m.status = 'MONITORED' or m.eliminated_month >= :since) ";

    /** The first month whose eliminations are still checked: the last twelve, this one included. */
    static LocalDate eliminatedSince(LocalDate asOf) {
        return asOf.withDayOfMonth(1).minusMonths(11);
    }

    /** Every finding of the area's monitored households, ordered by village and household number. */
    List<Finding> findings(AreaScope scope, LocalDate asOf) {
        Scopes s = Scopes.of(scope);
        LocalDate since = eliminatedSince(asOf);
        List<Household> households = jdbc.sql("""
                select m.household_id, null, m.village_code, m.head_name, m.category, m.risk_types,
                  m.disaster_subtype, m.identified_on, m.status, m.elimination_method, m.eliminated_month
                from monitored_household m
                where""" + IN_SCOPE)
                .param("lo", s.lo()).param("hi", s.hi()).param("since", since)
                .query((rs, i) -> {
                    String sub = rs.getString(7);
                    String how = rs.getString(10);
                    LocalDate month = rs.getObject(11, LocalDate.class);
                    MonitoredHousehold m = new MonitoredHousehold(rs.getLong(1), new AreaCode(rs.getString(3)),
                            rs.getString(4), rs.getString(5),
                            new RiskTypes(LeadStore.strings(rs.getArray(6)), sub == null ? null : DisasterSubtype.valueOf(sub)),
                            rs.getObject(8, LocalDate.class), MonitoringStatus.valueOf(rs.getString(9)), List.of(), List.of(),
                            how == null ? null : EliminationMethod.valueOf(how),
                            month == null ? null : java.time.YearMonth.from(month));
                    return new Household(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), m);
                }).list();
        if (households.isEmpty()) return List.of();
        // the registry's part, asked of its owner in one query each: household numbers (the order) and members
        List<Long> ids = households.stream().map(Household::id).toList();
        Map<Long, String> numbers = registry.householdNumbers(ids);
        households = households.stream()
                .map(h -> new Household(h.id(), numbers.getOrDefault(h.id(), ""), h.village(), h.head(), h.m()))
                .sorted(java.util.Comparator.comparing(Household::village).thenComparing(Household::no)
                        .thenComparing(Household::id))
                .toList();
        Map<Long, List<MemberFacts>> members = new HashMap<>();
        registry.memberFacts(ids).forEach((id, list) -> members.put(id, list.stream()
                .map(m -> new MemberFacts(m.status(), m.labourCapacity(), m.disabilityCertificate(), m.medicalInsurance()))
                .toList()));

        record Latest(GuaranteeFlags flags, BigDecimal oop, boolean rigid, @Nullable LatestIncome income) {}
        Map<Long, Latest> latest = new HashMap<>();
        // the latest visit of each: an identification or elimination verification or a later home check (收入核查),
        // as MonitoredStore.facts reads them; the same day: the one recorded last
        jdbc.sql("""
                select distinct on (v.household_id) v.household_id, v.housing_unsafe, v.child_out_of_school,
                  v.water_unsafe, v.member_uninsured, v.eligible_out_of_pocket, v.rigid_costs_resolved, v.visited_on,
                  v.wages, v.comparison_value, v.income_line
                from (select household_id, housing_unsafe, child_out_of_school, water_unsafe, member_uninsured,
                        eligible_out_of_pocket, rigid_costs_resolved, visited_on, recorded_at, wages, comparison_value,
                        income_line from lead_verification
                      union all
                      select household_id, housing_unsafe, child_out_of_school, water_unsafe, member_uninsured,
                        eligible_out_of_pocket, rigid_costs_resolved, visited_on, recorded_at, wages, comparison_value,
                        income_line from home_check) v
                join monitored_household m on m.household_id = v.household_id
                where""" + IN_SCOPE + "order by v.household_id, v.visited_on desc, v.recorded_at desc")
                .param("lo", s.lo()).param("hi", s.hi()).param("since", since)
                .query(rs -> {
                    latest.put(rs.getLong(1), new Latest(new GuaranteeFlags(rs.getBoolean(2), rs.getBoolean(3),
                            rs.getBoolean(4), rs.getBoolean(5)), rs.getBigDecimal(6), rs.getBoolean(7),
                            new LatestIncome(rs.getObject(8, LocalDate.class), rs.getBigDecimal(9), rs.getBigDecimal(10),
                                    rs.getBigDecimal(11))));
                });

        Map<Long, List<Measure>> measures = new HashMap<>();
        jdbc.sql("select p.* from plan_measure p join monitored_household m on m.household_id = p.household_id where"
                        + IN_SCOPE + "order by p.start_date, p.id")
                .param("lo", s.lo()).param("hi", s.hi()).param("since", since)
                .query(rs -> {
                    measures.computeIfAbsent(rs.getLong("household_id"), k -> new ArrayList<>())
                            .add(MonitoredStore.measure(rs));
                });

        Latest none = new Latest(GuaranteeFlags.SECURE, BigDecimal.ZERO, false, null); // as MonitoredStore.facts
        List<Finding> found = new ArrayList<>();
        for (Household h : households) {
            Latest l = latest.getOrDefault(h.id(), none);
            HouseholdFacts facts = new HouseholdFacts(members.getOrDefault(h.id(), List.of()), l.flags(), l.oop(),
                    l.rigid(), List.of());
            Plan plan = new Plan(h.id(), measures.getOrDefault(h.id(), List.of()));
            for (DataQualityRule r : DataQuality.check(h.m(), plan, facts, l.income(), asOf)) {
                found.add(new Finding(h.id(), h.no(), h.village(), h.head(), r, since(r, h.m())));
            }
        }
        return found;
    }

    /**
     * The one-month rules date from the end of that month, an elimination's findings from its month; the others hold
     * since some record changed, which is not kept.
     */
    private static @Nullable LocalDate since(DataQualityRule r, MonitoredHousehold m) {
        if (m.status() == MonitoringStatus.RISK_ELIMINATED) {
            return m.eliminatedMonth() == null ? null : m.eliminatedMonth().atDay(1);
        }
        return switch (r) {
            case NO_MEASURE_AFTER_ONE_MONTH, UNSAFE_WATER_WITHOUT_WATER_MEASURE, UNSAFE_HOUSING_WITHOUT_HOUSING_MEASURE ->
                    m.identifiedOn().plusMonths(1);
            default -> null;
        };
    }
}
