package cn.shouwang.server.casework.monitoring;

import cn.shouwang.core.area.AreaCode;
import cn.shouwang.core.casework.AssistanceOfficer;
import cn.shouwang.core.casework.DisasterSubtype;
import cn.shouwang.core.casework.EliminationMethod;
import cn.shouwang.core.casework.GuaranteeFlags;
import cn.shouwang.core.casework.HomeCheck;
import cn.shouwang.core.casework.HouseholdFacts;
import cn.shouwang.core.casework.IncomeAssessment;
import cn.shouwang.core.casework.IncomeCheck;
import cn.shouwang.core.casework.Measure;
import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.core.casework.MeasureState;
import cn.shouwang.core.casework.MemberFacts;
import cn.shouwang.core.casework.MonitoredHousehold;
import cn.shouwang.core.casework.MonitoringStatus;
import cn.shouwang.core.casework.Plan;
import cn.shouwang.core.casework.RiskTypes;
import cn.shouwang.core.casework.StatusChange;
import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.casework.identification.LeadStore;
import cn.shouwang.server.casework.shared.Forms;
import cn.shouwang.server.casework.shared.Scopes;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Monitored households, their officers, history and plan measures; and the few registry facts casework reads
 * (head's name, members' labour capacity, certificates, insurance). Every read by id carries the scope.
 */
@Repository
public class MonitoredStore {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final PersonalDataApi pd;

    private final HouseholdApi households;

    MonitoredStore(JdbcClient jdbc, Clock clock, PersonalDataApi pd, HouseholdApi households) {
        this.households = households;
        this.jdbc = jdbc;
        this.clock = clock;
        this.pd = pd;
    }

    // ---- the registry, read-only --------------------------------------------------------------------------


    public Optional<HouseholdApi.Ref> householdByNo(String householdNo, AreaScope scope) {
        return households.refByNo(householdNo, scope);
    }

    public Optional<HouseholdApi.Ref> household(long id, AreaScope scope) {
        return households.ref(id, scope);
    }

    /** The household of a member with this id-number hash, within one village (a self-report names its village). */
    public Optional<Long> householdByIdHash(byte[] hash, String villageCode) {
        return households.householdOfIdNumberHash(hash, villageCode);
    }

    /** Every visit that recorded income and guarantees: verifications of their cases and home checks. */
    private static final String VISITS = """
            select household_id, visited_on, recorded_at, comparison_value, housing_unsafe, child_out_of_school, water_unsafe,
              member_uninsured, eligible_out_of_pocket, rigid_costs_resolved, wages, income_line
            from lead_verification where household_id in (:h)
            union all
            select household_id, visited_on, recorded_at, comparison_value, housing_unsafe, child_out_of_school, water_unsafe,
              member_uninsured, eligible_out_of_pocket, rigid_costs_resolved, wages, income_line
            from home_check where household_id in (:h)""";

    /** What the checks need: members from the registry, the latest visit's flags, all income checks. */
    public HouseholdFacts facts(long householdId) {
        return facts(List.of(householdId)).get(householdId);
    }

    /**
     * {@link #facts(long)} of many households in two queries (members, visits), for lists that check each of them.
     * Every id given has its facts (no member, no visit: empty lists and the defaults).
     */
    public java.util.Map<Long, HouseholdFacts> facts(java.util.Collection<Long> householdIds) {
        java.util.Map<Long, HouseholdFacts> out = new java.util.HashMap<>();
        factsAndIncomes(householdIds).forEach((h, f) -> out.put(h, f.facts()));
        return out;
    }

    /** A household's facts and its latest income check (null: never visited). */
    public record FactsAndIncome(HouseholdFacts facts, cn.shouwang.core.casework.@Nullable LatestIncome income) {}

    /** {@link #facts(java.util.Collection)} with each household's latest income check, in the same two queries. */
    public java.util.Map<Long, FactsAndIncome> factsAndIncomes(java.util.Collection<Long> householdIds) {
        java.util.Map<Long, FactsAndIncome> out = new java.util.HashMap<>();
        if (householdIds.isEmpty()) return out;
        // the disability grade is sealed with the health status (member.health_enc): opened here, kept as a yes/no
        // the registry's members of every household in one query (HouseholdApi: member is household's table)
        java.util.Map<Long, List<MemberFacts>> members = new java.util.HashMap<>();
        households.memberFacts(householdIds).forEach((h, list) -> members.put(h, list.stream()
                .map(m -> new MemberFacts(m.status(), m.labourCapacity(), m.disabilityCertificate(), m.medicalInsurance()))
                .toList()));
        record Latest(GuaranteeFlags flags, BigDecimal oop, boolean rigid,
                      cn.shouwang.core.casework.@Nullable LatestIncome income) {}
        java.util.Map<Long, Latest> latest = new java.util.HashMap<>();
        java.util.Map<Long, List<IncomeCheck>> checks = new java.util.HashMap<>();
        // newest first per household: the first row is the latest visit, a verification or a later home check
        // (same day: the one recorded last)
        jdbc.sql("select * from (" + VISITS + ") v order by household_id, visited_on desc, recorded_at desc")
                .param("h", householdIds)
                .query((rs, i) -> {
                    long h = rs.getLong("household_id");
                    latest.computeIfAbsent(h, k -> {
                        try {
                            return new Latest(new GuaranteeFlags(rs.getBoolean("housing_unsafe"),
                                    rs.getBoolean("child_out_of_school"), rs.getBoolean("water_unsafe"),
                                    rs.getBoolean("member_uninsured")), rs.getBigDecimal("eligible_out_of_pocket"),
                                    rs.getBoolean("rigid_costs_resolved"),
                                    new cn.shouwang.core.casework.LatestIncome(rs.getObject("visited_on", LocalDate.class),
                                            rs.getBigDecimal("wages"), rs.getBigDecimal("comparison_value"),
                                            rs.getBigDecimal("income_line")));
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    return checks.computeIfAbsent(h, k -> new java.util.ArrayList<>())
                            .add(new IncomeCheck(rs.getObject("visited_on", LocalDate.class), rs.getBigDecimal("comparison_value")));
                }).list();
        Latest none = new Latest(GuaranteeFlags.SECURE, BigDecimal.ZERO, false, null);
        for (Long h : householdIds) {
            Latest l = latest.getOrDefault(h, none);
            out.put(h, new FactsAndIncome(new HouseholdFacts(members.getOrDefault(h, List.of()), l.flags(), l.oop(),
                    l.rigid(), checks.getOrDefault(h, List.of())), l.income()));
        }
        return out;
    }

    // ---- monitored households -----------------------------------------------------------------------------

    public record MonitoredRow(MonitoredHousehold household, int version) {}

    public Optional<MonitoredRow> find(long householdId, AreaScope scope) {
        Scopes s = Scopes.of(scope);
        return rows(jdbc.sql("select * from monitored_household where household_id = :h and village_code between :lo and :hi")
                .param("h", householdId).param("lo", s.lo()).param("hi", s.hi())).stream().findFirst();
    }

    /**
     * The monitored households (status MONITORED) of a scope, by village and household, at most {@code limit}, each with
     * its officers and history: three queries however many there are.
     */
    public List<MonitoredRow> monitoredIn(AreaScope scope, int limit) {
        Scopes s = Scopes.of(scope);
        return rows(jdbc.sql("select * from monitored_household where village_code between :lo and :hi "
                        + "and status = 'MONITORED' order by village_code, household_id limit :limit")
                .param("lo", s.lo()).param("hi", s.hi()).param("limit", limit));
    }

    /** The rows of a query on monitored_household, with their officers and history (one query each for all rows). */
    private List<MonitoredRow> rows(JdbcClient.StatementSpec query) {
        List<MonitoredRowParts> parts = query.query((rs, i) -> parts(rs)).list();
        if (parts.isEmpty()) return List.of();
        List<Long> ids = parts.stream().map(MonitoredRowParts::householdId).toList();
        // officers for the domain: the phone is not needed by any rule, so a placeholder stands in for it
        java.util.Map<Long, List<AssistanceOfficer>> officers = new java.util.HashMap<>();
        officerRows(ids).forEach(o -> officers.computeIfAbsent(o.householdId(), k -> new java.util.ArrayList<>())
                .add(new AssistanceOfficer(o.name(), o.unit(), "00000", o.from(), o.to())));
        java.util.Map<Long, List<StatusChange>> history = history(ids);
        return parts.stream().map(p -> new MonitoredRow(p.household(officers.getOrDefault(p.householdId(), List.of()),
                history.getOrDefault(p.householdId(), List.of())), p.version())).toList();
    }

    /** Households monitored now inside the scope (one range scan of monitored_village). */
    public java.util.Set<Long> monitoredIn(AreaScope scope) {
        Scopes s = Scopes.of(scope);
        return new java.util.HashSet<>(jdbc.sql("""
                select household_id from monitored_household
                 where village_code between :lo and :hi and status = 'MONITORED'""")
                .param("lo", s.lo()).param("hi", s.hi()).query(Long.class).list());
    }

    public boolean isMonitored(long householdId) {
        return jdbc.sql("select exists (select 1 from monitored_household where household_id = :h and status = 'MONITORED')")
                .param("h", householdId).query(Boolean.class).single();
    }

    /** A monitored_household row, waiting for its officers and history. */
    private record MonitoredRowParts(long householdId, String village, String headName, String category, RiskTypes risks,
                                     LocalDate identifiedOn, MonitoringStatus status, @Nullable EliminationMethod method,
                                     @Nullable YearMonth eliminatedMonth, int version) {
        MonitoredHousehold household(List<AssistanceOfficer> officers, List<StatusChange> history) {
            return new MonitoredHousehold(householdId, new AreaCode(village), headName, category, risks, identifiedOn,
                    status, officers, history, method, eliminatedMonth);
        }
    }

    private static MonitoredRowParts parts(ResultSet rs) throws SQLException {
        long h = rs.getLong("household_id");
        String sub = rs.getString("disaster_subtype");
        String method = rs.getString("elimination_method");
        LocalDate elim = rs.getObject("eliminated_month", LocalDate.class);
        return new MonitoredRowParts(h, rs.getString("village_code"), rs.getString("head_name"),
                rs.getString("category"),
                new RiskTypes(LeadStore.strings(rs.getArray("risk_types")), sub == null ? null : DisasterSubtype.valueOf(sub)),
                rs.getObject("identified_on", LocalDate.class), MonitoringStatus.valueOf(rs.getString("status")),
                method == null ? null : EliminationMethod.valueOf(method),
                elim == null ? null : YearMonth.from(elim), rs.getInt("version"));
    }

    /** Officers with their phones still sealed; the service opens them for display, masked. */
    record OfficerRow(long id, String name, String unit, byte[] phoneEnc, LocalDate from, @Nullable LocalDate to,
                      long householdId) {}

    List<OfficerRow> officerRows(long householdId) {
        return officerRows(List.of(householdId));
    }

    private List<OfficerRow> officerRows(java.util.Collection<Long> householdIds) {
        return jdbc.sql("select id, name, unit, phone_enc, from_date, to_date, household_id from assistance_officer "
                        + "where household_id in (:h) order by from_date, id")
                .param("h", householdIds)
                .query((rs, i) -> new OfficerRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getLong(7))).list();
    }

    private java.util.Map<Long, List<StatusChange>> history(java.util.Collection<Long> householdIds) {
        java.util.Map<Long, List<StatusChange>> out = new java.util.HashMap<>();
        jdbc.sql("select on_date, kind, note, by_name, household_id from monitoring_history where household_id in (:h) "
                        + "order by id")
                .param("h", householdIds)
                .query((rs, i) -> out.computeIfAbsent(rs.getLong(5), k -> new java.util.ArrayList<>())
                        .add(new StatusChange(rs.getObject(1, LocalDate.class), StatusChange.Kind.valueOf(rs.getString(2)),
                                rs.getString(3), rs.getString(4)))).list();
        return out;
    }

    public void insertMonitored(MonitoredHousehold m, long leadId) {
        jdbc.sql("""
                insert into monitored_household (household_id, village_code, head_name, category, risk_types, disaster_subtype,
                  identified_on, status, lead_id, updated_at)
                values (:h, :v, :head, :cat, :risks, :sub, :on, :status, :lead, :now)
                on conflict (household_id) do update set category = excluded.category, risk_types = excluded.risk_types,
                  disaster_subtype = excluded.disaster_subtype, identified_on = excluded.identified_on, status = excluded.status,
                  elimination_method = null, eliminated_month = null, lead_id = excluded.lead_id,
                  version = monitored_household.version + 1, updated_at = excluded.updated_at""")
                .param("h", m.householdId()).param("v", m.village().value()).param("head", m.headName())
                .param("cat", m.category()).param("risks", m.riskTypes().codes().toArray(String[]::new))
                .param("sub", m.riskTypes().disasterSubtype() == null ? null : m.riskTypes().disasterSubtype().name())
                .param("on", m.identifiedOn()).param("status", m.status().name()).param("lead", leadId)
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    public boolean updateStatus(MonitoredHousehold m, int version) {
        return jdbc.sql("""
                update monitored_household set status = :status, elimination_method = :method, eliminated_month = :month,
                  category = :cat, risk_types = :risks, disaster_subtype = :sub, version = version + 1, updated_at = :now
                where household_id = :h and version = :version""")
                .param("status", m.status().name())
                .param("method", m.eliminationMethod() == null ? null : m.eliminationMethod().name())
                .param("month", m.eliminatedMonth() == null ? null : m.eliminatedMonth().atDay(1))
                .param("cat", m.category()).param("risks", m.riskTypes().codes().toArray(String[]::new))
                .param("sub", m.riskTypes().disasterSubtype() == null ? null : m.riskTypes().disasterSubtype().name())
                .param("now", Timestamp.from(clock.instant())).param("h", m.householdId()).param("version", version)
                .update() == 1;
    }

    /** Appends the history lines of {@code after} that {@code before} did not have. */
    public void appendHistory(@Nullable MonitoredHousehold before, MonitoredHousehold after) {
        int from = before == null ? 0 : before.history().size();
        for (StatusChange c : after.history().subList(from, after.history().size())) {
            jdbc.sql("insert into monitoring_history (household_id, on_date, kind, note, by_name, recorded_at) "
                            + "values (:h, :on, :kind, :note, :by, :now)")
                    .param("h", after.householdId()).param("on", c.on()).param("kind", c.kind().name())
                    .param("note", c.note()).param("by", c.by()).param("now", Timestamp.from(clock.instant()))
                    .update();
        }
    }

    public void insertOfficer(long householdId, AssistanceOfficer o, byte[] phoneEnc) {
        // the current officer's term ends the day before the new one starts (as MonitoredHousehold.assignOfficer)
        jdbc.sql("update assistance_officer set to_date = :end where household_id = :h and (to_date is null or to_date >= :from)")
                .param("end", o.from().minusDays(1)).param("h", householdId).param("from", o.from()).update();
        jdbc.sql("insert into assistance_officer (household_id, name, unit, phone_enc, from_date, to_date, created_at) "
                        + "values (:h, :n, :u, :p, :f, :t, :now)")
                .param("h", householdId).param("n", o.name()).param("u", o.unit()).param("p", phoneEnc)
                .param("f", o.from()).param("t", o.to()).param("now", Timestamp.from(clock.instant())).update();
    }

    record MonitoredListRow(long householdId, String villageCode, String headName, String category, List<String> riskTypes,
                            LocalDate identifiedOn, MonitoringStatus status, @Nullable YearMonth eliminatedMonth,
                            int measures, int delivered) {}

    static final java.util.Map<String, String> MONITORED_SORTS = java.util.Map.of("village", "m.village_code",
            "head", "m.head_name", "category", "m.category", "identified", "m.identified_on", "status", "m.status");

    List<MonitoredListRow> list(AreaScope scope, @Nullable MonitoringStatus status, int page, int size) {
        return list(scope, status, page, size, null, null);
    }

    List<MonitoredListRow> list(AreaScope scope, @Nullable MonitoringStatus status, int page, int size,
                                @Nullable String sort, @Nullable String dir) {
        return list(scope, status, null, null, page, size, sort, dir);
    }

    /** The list with 统计调度's filters: a category and a risk type (either may be null: any). */
    List<MonitoredListRow> list(AreaScope scope, @Nullable MonitoringStatus status, @Nullable String category,
                                @Nullable String risk, int page, int size, @Nullable String sort, @Nullable String dir) {
        Scopes s = Scopes.of(scope);
        String order = Forms.orderBy(sort, dir, MONITORED_SORTS, "m.village_code, m.head_name, m.household_id",
                "m.household_id");
        return jdbc.sql("""
                select m.household_id, m.village_code, m.head_name, m.category, m.risk_types, m.identified_on, m.status,
                  m.eliminated_month,
                  (select count(*) from plan_measure p where p.household_id = m.household_id and p.state <> 'STOPPED'),
                  (select count(*) from plan_measure p where p.household_id = m.household_id and p.state = 'DELIVERED')
                from monitored_household m
                where m.village_code between :lo and :hi and (cast(:status as text) is null or m.status = :status)
                  and (cast(:category as text) is null or m.category = :category)
                  and (cast(:risk as text) is null or :risk = any(m.risk_types))
                order by %s limit :limit offset :offset""".formatted(order))
                .param("lo", s.lo()).param("hi", s.hi()).param("status", status == null ? null : status.name())
                .param("category", category).param("risk", risk)
                .param("limit", size).param("offset", (page - 1) * size)
                .query((rs, i) -> {
                    LocalDate em = rs.getObject(8, LocalDate.class);
                    return new MonitoredListRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            LeadStore.strings(rs.getArray(5)), rs.getObject(6, LocalDate.class),
                            MonitoringStatus.valueOf(rs.getString(7)), em == null ? null : YearMonth.from(em),
                            rs.getInt(9), rs.getInt(10));
                }).list();
    }

    /** The households' officers in charge now ({@code to} empty), by household (one query), for the ledger. */
    java.util.Map<Long, List<OfficerRow>> currentOfficers(java.util.Collection<Long> householdIds) {
        java.util.Map<Long, List<OfficerRow>> out = new java.util.HashMap<>();
        if (householdIds.isEmpty()) return out;
        for (OfficerRow o : officerRows(householdIds)) {
            if (o.to() == null) out.computeIfAbsent(o.householdId(), k -> new java.util.ArrayList<>()).add(o);
        }
        return out;
    }

    /** The households' measures (stopped ones too: the ledger shows their state), by household and start (one query). */
    java.util.Map<Long, List<MeasureListRow>> measuresOf(java.util.Collection<Long> householdIds) {
        java.util.Map<Long, List<MeasureListRow>> out = new java.util.HashMap<>();
        if (householdIds.isEmpty()) return out;
        jdbc.sql("""
                select p.id, p.household_id, p.village_code, '', p.measure_group, p.description,
                  p.responsible_person, p.start_date, p.end_date, p.cost, p.funding_source, p.state
                from plan_measure p where p.household_id = any(:ids) order by p.household_id, p.start_date, p.id""")
                .param("ids", householdIds.toArray(Long[]::new))
                .query((rs, i) -> new MeasureListRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        MeasureGroup.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7),
                        rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class), rs.getBigDecimal(10),
                        rs.getString(11), MeasureState.valueOf(rs.getString(12)))).list()
                .forEach(m -> out.computeIfAbsent(m.householdId(), k -> new java.util.ArrayList<>()).add(m));
        return out;
    }

    int count(AreaScope scope, @Nullable MonitoringStatus status) {
        return count(scope, status, null, null);
    }

    int count(AreaScope scope, @Nullable MonitoringStatus status, @Nullable String category, @Nullable String risk) {
        Scopes s = Scopes.of(scope);
        return jdbc.sql("select count(*) from monitored_household where village_code between :lo and :hi "
                        + "and (cast(:status as text) is null or status = :status) "
                        + "and (cast(:category as text) is null or category = :category) "
                        + "and (cast(:risk as text) is null or :risk = any(risk_types))")
                .param("lo", s.lo()).param("hi", s.hi()).param("status", status == null ? null : status.name())
                .param("category", category).param("risk", risk)
                .query(Integer.class).single();
    }

    /** Monitored households of a scope, for the checks pages (elimination candidates, data quality). */
    // ---- home checks --------------------------------------------------------------------------------------

    /** A home check as the page lists it. */
    record HomeCheckRow(LocalDate visitedOn, String findings, BigDecimal perCapita, BigDecimal comparisonValue,
                        BigDecimal line, GuaranteeFlags guarantees, boolean rigidCostsResolved, String by) {}

    public void insertHomeCheck(MonitoredHousehold m, HomeCheck c, IncomeAssessment a) {
        jdbc.sql("""
                insert into home_check (household_id, village_code, visited_on, findings, wages, business, property, transfers,
                  production_costs, eligible_out_of_pocket, household_size, per_capita, comparison_value, income_line,
                  housing_unsafe, child_out_of_school, water_unsafe, member_uninsured, rigid_costs_resolved,
                  actor_id, actor_name, recorded_at)
                values (:h, :v, :on, :findings, :w, :b, :p, :t, :pc, :oop, :size, :pcap, :cmp, :line, :hu, :cos, :wu, :mu,
                  :rigid, :aid, :aname, :now)""")
                .param("h", m.householdId()).param("v", m.village().value()).param("on", c.on())
                .param("findings", c.findings().strip())
                .param("w", c.income().wages()).param("b", c.income().business()).param("p", c.income().property())
                .param("t", c.income().transfers()).param("pc", c.income().productionCosts())
                .param("oop", c.eligibleOutOfPocket()).param("size", c.householdSize())
                .param("pcap", a.perCapita()).param("cmp", a.comparisonValue()).param("line", a.line())
                .param("hu", c.guarantees().housingUnsafe()).param("cos", c.guarantees().childOutOfSchool())
                .param("wu", c.guarantees().waterUnsafe()).param("mu", c.guarantees().memberUninsured())
                .param("rigid", c.rigidCostsResolved()).param("aid", c.by().id()).param("aname", c.by().name())
                .param("now", Timestamp.from(clock.instant())).update();
    }

    List<HomeCheckRow> homeChecks(long householdId) {
        return jdbc.sql("select visited_on, findings, per_capita, comparison_value, income_line, housing_unsafe, "
                        + "child_out_of_school, water_unsafe, member_uninsured, rigid_costs_resolved, actor_name "
                        + "from home_check where household_id = :h order by visited_on desc, id desc")
                .param("h", householdId)
                .query((rs, i) -> new HomeCheckRow(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4), rs.getBigDecimal(5), new GuaranteeFlags(rs.getBoolean(6), rs.getBoolean(7),
                        rs.getBoolean(8), rs.getBoolean(9)), rs.getBoolean(10), rs.getString(11))).list();
    }

    // ---- plan measures ------------------------------------------------------------------------------------

    public record MeasureRow(Measure measure, int version) {}

    /** The household's measures inside the scope, as other modules see them (CaseworkApi.measuresOf). */
    public List<cn.shouwang.server.casework.CaseworkApi.MeasureRef> measureRefs(long householdId,
                                                                             cn.shouwang.server.access.AreaScope scope) {
        cn.shouwang.server.casework.shared.Scopes r = cn.shouwang.server.casework.shared.Scopes.of(scope);
        return jdbc.sql("""
                select id, household_id, measure_group, description, start_date, end_date, state from plan_measure
                 where household_id = :h and village_code between :lo and :hi order by start_date, id""")
                .param("h", householdId).param("lo", r.lo()).param("hi", r.hi())
                .query((rs, i) -> new cn.shouwang.server.casework.CaseworkApi.MeasureRef(rs.getLong(1), rs.getLong(2),
                        rs.getString(3), rs.getString(4), rs.getObject(5, java.time.LocalDate.class),
                        rs.getObject(6, java.time.LocalDate.class), rs.getString(7)))
                .list();
    }

    public List<MeasureRow> measures(long householdId) {
        return jdbc.sql("select * from plan_measure where household_id = :h order by start_date, id")
                .param("h", householdId).query((rs, i) -> new MeasureRow(measure(rs), rs.getInt("version"))).list();
    }

    /** The plans of many households in one query (every id given has one, perhaps empty). */
    public java.util.Map<Long, Plan> plans(java.util.Collection<Long> householdIds) {
        java.util.Map<Long, List<Measure>> measures = new java.util.HashMap<>();
        if (!householdIds.isEmpty()) {
            jdbc.sql("select * from plan_measure where household_id in (:h) order by start_date, id")
                    .param("h", householdIds)
                    .query((rs, i) -> measures.computeIfAbsent(rs.getLong("household_id"), k -> new java.util.ArrayList<>())
                            .add(measure(rs))).list();
        }
        java.util.Map<Long, Plan> out = new java.util.HashMap<>();
        for (Long h : householdIds) out.put(h, new Plan(h, measures.getOrDefault(h, List.of())));
        return out;
    }

    public Plan plan(long householdId) {
        return new Plan(householdId, measures(householdId).stream().map(MeasureRow::measure).toList());
    }

    public static Measure measure(ResultSet rs) throws SQLException {
        return new Measure(rs.getLong("id"), MeasureGroup.valueOf(rs.getString("measure_group")), rs.getString("description"),
                rs.getString("responsible_person"), rs.getObject("start_date", LocalDate.class),
                rs.getObject("end_date", LocalDate.class), rs.getBigDecimal("cost"), rs.getString("funding_source"),
                MeasureState.valueOf(rs.getString("state")), rs.getObject("changed_on", LocalDate.class));
    }

    public long nextMeasureId() {
        return jdbc.sql("select nextval('plan_measure_id_seq')").query(Long.class).single();
    }

    public void insertMeasure(long householdId, String villageCode, Measure m) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into plan_measure (id, household_id, village_code, measure_group, description, responsible_person,
                  start_date, end_date, cost, funding_source, state, changed_on, created_at, updated_at)
                values (:id, :h, :v, :g, :d, :r, :s, :e, :c, :f, :state, :changed, :now, :now)""")
                .param("id", m.id()).param("h", householdId).param("v", villageCode).param("g", m.group().name())
                .param("d", m.description()).param("r", m.responsiblePerson()).param("s", m.start()).param("e", m.end())
                .param("c", m.cost()).param("f", m.fundingSource()).param("state", m.state().name())
                .param("changed", m.changedOn()).param("now", now).update();
    }

    public boolean updateMeasureState(Measure m, int version) {
        return jdbc.sql("update plan_measure set state = :s, changed_on = :on, version = version + 1, updated_at = :now "
                        + "where id = :id and version = :version")
                .param("s", m.state().name()).param("on", m.changedOn()).param("now", Timestamp.from(clock.instant()))
                .param("id", m.id()).param("version", version).update() == 1;
    }

    /** Live measures in a scope with their household, for the assistance page. */
    public record MeasureListRow(long id, long householdId, String villageCode, String headName, MeasureGroup group,
                          String description, String responsiblePerson, LocalDate start, LocalDate end, BigDecimal cost,
                          String fundingSource, MeasureState state) {}

    public static final java.util.Map<String, String> MEASURE_SORTS = java.util.Map.of("village", "p.village_code",
            "head", "m.head_name", "group", "p.measure_group", "start", "p.start_date", "end", "p.end_date",
            "cost", "p.cost", "state", "p.state");

    public List<MeasureListRow> measureList(AreaScope scope, @Nullable MeasureState state, int page, int size) {
        return measureList(scope, state, page, size, null, null);
    }

    public List<MeasureListRow> measureList(AreaScope scope, @Nullable MeasureState state, int page, int size,
                                     @Nullable String sort, @Nullable String dir) {
        Scopes s = Scopes.of(scope);
        String order = Forms.orderBy(sort, dir, MEASURE_SORTS, "p.end_date, p.id", "p.id");
        return jdbc.sql("""
                select p.id, p.household_id, p.village_code, coalesce(m.head_name, ''), p.measure_group, p.description,
                  p.responsible_person, p.start_date, p.end_date, p.cost, p.funding_source, p.state
                from plan_measure p left join monitored_household m on m.household_id = p.household_id
                where p.village_code between :lo and :hi and (cast(:state as text) is null or p.state = :state)
                order by %s limit :limit offset :offset""".formatted(order))
                .param("lo", s.lo()).param("hi", s.hi()).param("state", state == null ? null : state.name())
                .param("limit", size).param("offset", (page - 1) * size)
                .query((rs, i) -> new MeasureListRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        MeasureGroup.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7),
                        rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class), rs.getBigDecimal(10),
                        rs.getString(11), MeasureState.valueOf(rs.getString(12)))).list();
    }

    public int measureCount(AreaScope scope, @Nullable MeasureState state) {
        Scopes s = Scopes.of(scope);
        return jdbc.sql("select count(*) from plan_measure where village_code between :lo and :hi "
                        + "and (cast(:state as text) is null or state = :state)")
                .param("lo", s.lo()).param("hi", s.hi()).param("state", state == null ? null : state.name())
                .query(Integer.class).single();
    }

    /** The county's monitored households for the comparison ({@link CaseworkApi#monitoredForScreening}). */
    public void forScreening(cn.shouwang.server.access.AreaScope county, CaseworkApi.MonitoredRows rows) {
        jdbc.sql("select household_id, category, risk_types, to_char(identified_on, 'YYYY-MM'), status "
                        + "from monitored_household where village_code like :s order by household_id")
                .param("s", county.likePattern())
                .query((java.sql.ResultSet rs) -> {
                    java.sql.Array a = rs.getArray(3);
                    rows.monitored(rs.getLong(1), rs.getString(2), a == null ? List.of() : List.of((String[]) a.getArray()),
                            rs.getString(4), "MONITORED".equals(rs.getString(5)));
                });
    }
}
