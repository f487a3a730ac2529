package cn.shouwang.server.screening;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.household.HouseholdApi;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link ScreeningApi} from the run and warning tables (ranges on indexed codes), and the page's 处置情况 figures. */
@Component
class WarningFigures implements ScreeningApi {
    private final JdbcClient jdbc;
    private final ScreeningStore store;
    private final CaseworkApi casework;
    private final HouseholdApi households;
    private final Clock clock;
    private final cn.shouwang.server.personaldata.PersonalDataApi personalData;

    WarningFigures(JdbcClient jdbc, ScreeningStore store, CaseworkApi casework, HouseholdApi households, Clock clock,
                   cn.shouwang.server.personaldata.PersonalDataApi personalData) {
        this.personalData = personalData;
        this.jdbc = jdbc;
        this.store = store;
        this.casework = casework;
        this.households = households;
        this.clock = clock;
    }

    private static final java.util.List<String> CLAIM_RULES =
            java.util.List.of("MEDICAL_PERSON", "MEDICAL_HOUSEHOLD", "SCHOOL_COST", "DISASTER_LOSS");

    @Override
    public java.util.Optional<WarningForClaim> warningForClaim(long id, AreaScope scope) {
        record Row(long householdId, String householdNo, String village, String rule, String period, byte @Nullable [] enc,
                   java.math.@Nullable BigDecimal amount, String detail) {}
        return jdbc.sql("""
                select household_id, coalesce(household_no, ''), village_code, rule, period, id_number_enc, amount, detail
                  from screening_warning where id = :id and village_code like :s and rule in (:rules)""")
                .param("id", id).param("s", scope.likePattern()).param("rules", CLAIM_RULES)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getBytes(6), rs.getBigDecimal(7), rs.getString(8)))
                .optional()
                .map(r -> {
                    Long member = null;
                    if (r.enc() != null) {
                        // opened only to find the registry's member: the number never leaves this method
                        member = cn.shouwang.core.person.IdNumber.parse(personalData.open(r.enc()))
                                .flatMap(n -> households.findMember(n, scope))
                                .filter(m -> m.householdId() == r.householdId())
                                .map(cn.shouwang.server.household.Views.Member::id).orElse(null);
                    }
                    java.math.BigDecimal amount = r.amount() != null ? r.amount() : WarningValues.amount(r.rule(), r.detail());
                    return new WarningForClaim(id, r.householdId(), r.householdNo(), r.village(), r.rule(), r.period(),
                            member, amount);
                });
    }

    @Override
    public PeriodWarnings latestWarnings(AreaScope scope) {
        String p = scope.prefix();
        String lo = (p + "000000000000").substring(0, 12);
        String hi = (p + "999999999999").substring(0, 12);
        // a county's run covers the scope when the county lies in it, or the scope lies in the county
        String county = p.length() >= 6 ? p.substring(0, 6) + "000000" : null;
        String period = jdbc.sql("""
                select max(period) from screening_run
                 where status = :done and (county_code between :lo and :hi or county_code = :county)""")
                .param("done", RunStatus.DONE.name()).param("lo", lo).param("hi", hi).param("county", county == null ? "" : county)
                .query(String.class).optional().orElse(null);
        if (period == null) return new PeriodWarnings(null, 0, 0);
        return jdbc.sql("""
                select count(*), count(intake_outcome) from screening_warning
                 where period = :p and village_code between :lo and :hi""")
                .param("p", period).param("lo", lo).param("hi", hi)
                .query((rs, i) -> new PeriodWarnings(period, rs.getLong(1), rs.getLong(2))).single();
    }

    /** One line of the figures: warnings and where they went; {@code confirmed}: leads confirmed (now monitored). */
    record Line(String code, long warnings, long households, long dismissed, long carried, long assigned, long leads,
                long monitored, long confirmed, long open) {}

    /**
     * Per rule, per source file (a department's data) and in all, for a period in an area; {@code departmentOf}: the
     * message key of the department that sends each source file, so a county sees whose data yields households.
     */
    record Figures(List<Line> perRule, List<Line> perSource, @Nullable Line total, Map<String, String> departmentOf) {}

    /**
     * 处置情况: the warnings of a period in an area → dismissed (carried over among them) / assigned / turned into
     * leads / joined a monitored household / leads confirmed, per rule and per department's file. Two grouped
     * queries and one batch question to casework.
     */
    Figures of(String period, AreaScope area) {
        List<ScreeningStore.LeadOf> leads = store.leads(period, area);
        Set<Long> confirmed = leads.isEmpty() ? Set.of()
                : casework.confirmedLeads(leads.stream().map(ScreeningStore.LeadOf::leadId).collect(Collectors.toSet()));
        Map<String, Set<Long>> byRule = new HashMap<>(), bySource = new HashMap<>();
        Set<Long> all = new HashSet<>();
        for (ScreeningStore.LeadOf l : leads) {
            if (!confirmed.contains(l.leadId())) continue;
            byRule.computeIfAbsent(l.rule(), k -> new HashSet<>()).add(l.leadId());
            bySource.computeIfAbsent(l.source(), k -> new HashSet<>()).add(l.leadId());
            all.add(l.leadId());
        }
        List<Line> perRule = new ArrayList<>(), perSource = new ArrayList<>();
        Line total = null;
        for (ScreeningStore.Outcomes o : store.outcomes(period, area)) {
            if (o.rule() != null) perRule.add(line(o.rule(), o, byRule.getOrDefault(o.rule(), Set.of()).size()));
            else if (o.source() != null) perSource.add(line(o.source(), o, bySource.getOrDefault(o.source(), Set.of()).size()));
            else if (o.warnings() > 0) total = line("", o, all.size());
        }
        Comparator<Line> most = Comparator.comparingLong(Line::warnings).reversed().thenComparing(Line::code);
        perRule.sort(most);
        perSource.sort(most);
        Map<String, String> departmentOf = new HashMap<>();
        for (Line l : perSource) {
            try {
                var d = KindNames.department(cn.shouwang.screening.feed.FeedKind.valueOf(l.code().toUpperCase(java.util.Locale.ROOT)));
                if (d != null) departmentOf.put(l.code(), d.messageKey());
            } catch (IllegalArgumentException notAKind) {
                // a source the engine no longer knows: its row keeps the file's name only
            }
        }
        return new Figures(perRule, perSource, total, departmentOf);
    }

    private static Line line(String code, ScreeningStore.Outcomes o, long confirmed) {
        return new Line(code, o.warnings(), o.households(), o.dismissed(), o.carried(), o.assigned(), o.leads(),
                o.monitored(), confirmed, o.open());
    }

    @Override
    public Assigned assigned(AreaScope scope, int limit) {
        long[] counts = store.assignedCounts(scope, LocalDate.now(clock));
        List<ScreeningStore.AssignedRow> rows = counts[0] == 0 ? List.of() : store.assigned(scope, limit);
        Map<Long, HouseholdApi.Ref> refs = households.refs(rows.stream().map(ScreeningStore.AssignedRow::householdId)
                .toList(), scope);
        return new Assigned(counts[0], counts[1], rows.stream().map(r -> new AssignedTodo(r.householdId(),
                r.householdNo(), refs.containsKey(r.householdId()) ? refs.get(r.householdId()).headName() : "",
                r.villageCode(), r.period(), r.warnings(), r.due(), r.assignedArea())).toList());
    }
}
