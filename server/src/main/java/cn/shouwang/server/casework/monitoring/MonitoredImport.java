package cn.shouwang.server.casework.monitoring;

import cn.shouwang.core.casework.CaseState;
import cn.shouwang.core.casework.DisasterSubtype;
import cn.shouwang.core.casework.MeasureState;
import cn.shouwang.core.casework.MonitoringStatus;
import cn.shouwang.core.casework.StatusChange;
import cn.shouwang.core.household.RiskType;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.casework.shared.CaseworkSettingsStore;
import cn.shouwang.server.casework.shared.CodeKind;
import cn.shouwang.server.casework.shared.LeadStates;
import cn.shouwang.server.household.ImportedMonitoring;
import cn.shouwang.server.household.PersonListColumn;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Casework's answer to the registry import's {@link ImportedMonitoring}: the monitored households of a national person
 * list become (or update) {@code monitored_household} rows with their officers and plan measures, each write with one
 * {@code monitoring_history} line 导入 naming the import.
 *
 * <ul>
 * <li>Category, risk types (with the natural-disaster sub-type), identification month, status and elimination month
 * follow the file. A month equal to the stored day's month is no change (the stored day is kept).</li>
 * <li>Officers: an officer of the file who is not among the household's current officers (same name and unit) takes
 * over from today (for a new monitored household from its identification day); the current officers not named in the
 * file end the day before. A stored officer whose phone differs from the file's gets the file's (sealed).</li>
 * <li>Measures: one per measure column with a value (several when the cell separates them with ';', as the export in
 * national layout writes them); a cell holding only a yes word (是, √, 1) is a measure named by its
 * group, a no word (否, 无, 0) none. A measure already in the plan (same group and text) is left as it is — a
 * re-import never duplicates nor resets one. The national list holds no state: a measure of a household whose risk is
 * eliminated is DELIVERED (an elimination needs delivered assistance, policy.md §7), of a household still monitored
 * IN_PROGRESS. Start: the identification day; end: the elimination month's last day, else the end of this year; cost
 * 0 and funding source 导入时未注明 (the list has neither); responsible person: the file's first officer, else
 * 导入时未注明.</li>
 * <li>Left alone, with the reason in {@link Outcome#refused()}: a household with an open lead (identification or
 * elimination: its workflow decides what happens to the household), an unknown or inactive category or risk type, no
 * risk type, no identification month, an elimination month before the identification month, a village outside the
 * importing user's area, and on {@link #apply} a household the registry has not given an id.</li>
 * </ul>
 *
 * Reads a batch with one query per table and writes with JDBC batches, in the caller's transaction (mandatory: an
 * import is all or nothing).
 */
@Component
class MonitoredImport implements ImportedMonitoring {
    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final PersonalDataApi pd;
    private final CaseworkSettingsStore settings;
    private final MessageSource messages;
    private final Clock clock;

    MonitoredImport(JdbcClient jdbc, DataSource ds, PersonalDataApi pd, CaseworkSettingsStore settings,
                    MessageSource messages, Clock clock) {
        this.jdbc = jdbc;
        this.batch = new NamedParameterJdbcTemplate(ds);
        this.pd = pd;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
    }

    /** A household as stored. */
    private record Stored(long householdId, String category, List<String> risks, @Nullable String subtype,
                          LocalDate identifiedOn, String status, @Nullable LocalDate eliminatedMonth) {}

    private record StoredOfficer(long id, long householdId, String name, String unit, String phone, LocalDate from) {}

    /** What the batch's households already have in casework: one query per table. */
    private record Known(Map<Long, Stored> monitored, Map<Long, String> openLeads, Map<Long, List<StoredOfficer>> officers,
                         Map<Long, Set<String>> measures, Set<String> categories, Set<String> risks) {}

    private Known known(List<Monitored> households, boolean withPhones) {
        Long[] ids = households.stream().map(Monitored::householdId).filter(Objects::nonNull).distinct().toArray(Long[]::new);
        Map<Long, Stored> monitored = new HashMap<>();
        Map<Long, String> open = new HashMap<>();
        Map<Long, List<StoredOfficer>> officers = new HashMap<>();
        Map<Long, Set<String>> measures = new HashMap<>();
        if (ids.length > 0) {
            jdbc.sql("""
                    select household_id, category, risk_types, disaster_subtype, identified_on, status, eliminated_month
                      from monitored_household where household_id = any(:ids)""").param("ids", ids)
                    .query(rs -> {
                        monitored.put(rs.getLong(1), new Stored(rs.getLong(1), rs.getString(2),
                                Arrays.asList((String[]) rs.getArray(3).getArray()), rs.getString(4),
                                rs.getObject(5, LocalDate.class), rs.getString(6), rs.getObject(7, LocalDate.class)));
                    });
            jdbc.sql("select household_id, state from lead where household_id = any(:ids) and " + LeadStates.OPEN
                            + " order by id")
                    .param("ids", ids).query(rs -> { open.putIfAbsent(rs.getLong(1), rs.getString(2)); });
            LocalDate today = LocalDate.now(clock);
            jdbc.sql("""
                    select id, household_id, name, unit, phone_enc, from_date from assistance_officer
                     where household_id = any(:ids) and (to_date is null or to_date >= :today) order by from_date, id""")
                    .param("ids", ids).param("today", today)
                    .query(rs -> {
                        officers.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>()).add(new StoredOfficer(rs.getLong(1),
                                rs.getLong(2), rs.getString(3), rs.getString(4),
                                withPhones ? pd.open(rs.getBytes(5)) : "", rs.getObject(6, LocalDate.class)));
                    });
            jdbc.sql("select household_id, measure_group, description from plan_measure where household_id = any(:ids)")
                    .param("ids", ids)
                    .query(rs -> { measures.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(measureKey(rs.getString(2), rs.getString(3))); });
        }
        return new Known(monitored, open, officers, measures, Set.copyOf(settings.activeCodes(CodeKind.CATEGORY)),
                Set.copyOf(settings.activeCodes(CodeKind.RISK_TYPE)));
    }

    private static String measureKey(String group, String description) {
        return group + "\u0000" + description.strip();
    }

    /** The measures a household's row gives: blank and no-word cells none, a yes word the group's name. */
    private static List<Measure> measures(Monitored m) {
        List<Measure> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Measure x : m.measures()) {
            // several measures of a group in one cell, as the national export writes them: separated by ';'
            for (String part : (x.text() == null ? "" : x.text()).split(";")) {
                String t = part.strip();
                if (t.isEmpty()) continue;
                var yes = PersonListColumn.yesNo(t);
                if (yes.isPresent() && !yes.get()) continue;
                if (yes.isPresent()) t = x.group().chinese();
                if (seen.add(measureKey(x.group().name(), t))) out.add(new Measure(x.group(), t));
            }
        }
        return out;
    }

    /** What becomes of one household: a refusal, or its planned writes (nothing for an unchanged household). */
    private record Plan(Monitored m, @Nullable Refused refused, @Nullable Stored before, boolean monitoredChanged,
                        List<Officer> newOfficers, List<StoredOfficer> endOfficers, List<StoredOfficer> phoneChanged,
                        List<Measure> newMeasures) {
        boolean created() {
            return refused == null && before == null;
        }

        boolean changed() {
            return refused == null && before != null && (monitoredChanged || !newOfficers.isEmpty()
                    || !endOfficers.isEmpty() || !phoneChanged.isEmpty() || !newMeasures.isEmpty());
        }
    }

    private Refused refused(Monitored m, String code, String... args) {
        List<String> a = new ArrayList<>();
        a.add(m.householdNo());
        a.addAll(List.of(args));
        return new Refused(m.householdNo(), code, List.copyOf(a));
    }

    private Plan plan(Monitored m, Known k, boolean applying) {
        CurrentUser user = CurrentUsers.find();
        Refused r = null;
        if (applying && m.householdId() == null) r = refused(m, "casework.import.noHousehold");
        else if (user != null && !user.scope().covers(m.villageCode())) r = refused(m, "casework.import.outOfScope");
        else if (m.householdId() != null && k.openLeads().containsKey(m.householdId())) {
            String state = k.openLeads().get(m.householdId());
            r = refused(m, "casework.import.openLead", messages.getMessage("casework.state." + state, null,
                    CaseState.valueOf(state).name(), LocaleContextHolder.getLocale()));
        } else if (!k.categories().contains(m.categoryCode())) {
            r = refused(m, "casework.import.category", categoryName(m.categoryCode()));
        } else if (m.riskTypes().isEmpty()) r = refused(m, "casework.import.noRisk");
        else if (m.riskTypes().size() > 5) r = refused(m, "casework.import.tooManyRisks");
        else if (m.identifiedMonth() == null) r = refused(m, "casework.import.noIdentifiedMonth");
        else if (m.eliminated() && m.eliminatedMonth() != null && m.eliminatedMonth().isBefore(m.identifiedMonth())) {
            r = refused(m, "casework.import.eliminatedBeforeIdentified");
        } else {
            for (RiskType t : m.riskTypes()) {
                if (!k.risks().contains(t.name())) {
                    r = refused(m, "casework.import.riskType", PersonListColumn.riskWord(t));
                    break;
                }
            }
        }
        if (r != null) return new Plan(m, r, null, false, List.of(), List.of(), List.of(), List.of());

        Stored before = m.householdId() == null ? null : k.monitored().get(m.householdId());
        boolean changed = before == null || !before.category().equals(m.categoryCode())
                || !before.risks().equals(riskCodes(m)) || !Objects.equals(before.subtype(), subtype(m))
                || !YearMonth.from(before.identifiedOn()).equals(m.identifiedMonth())
                || !before.status().equals(status(m).name())
                || !Objects.equals(before.eliminatedMonth(), eliminatedMonth(m));

        List<StoredOfficer> current = m.householdId() == null ? List.of()
                : k.officers().getOrDefault(m.householdId(), List.of());
        List<Officer> newOfficers = new ArrayList<>();
        List<StoredOfficer> phoneChanged = new ArrayList<>();
        Set<Long> named = new HashSet<>();
        for (Officer o : m.officers()) {
            if (o.name() == null || o.name().isBlank()) continue;
            StoredOfficer same = current.stream().filter(s -> s.name().equals(o.name().strip())
                    && s.unit().equals(unit(o))).findFirst().orElse(null);
            if (same == null) {
                newOfficers.add(o);
            } else {
                named.add(same.id());
                if (o.phone() != null && !o.phone().isBlank() && !o.phone().strip().equals(same.phone())) {
                    phoneChanged.add(new StoredOfficer(same.id(), same.householdId(), same.name(), same.unit(),
                            o.phone().strip(), same.from()));
                }
            }
        }
        List<StoredOfficer> end = newOfficers.isEmpty() ? List.of()
                : current.stream().filter(s -> !named.contains(s.id())).toList();
        Set<String> have = m.householdId() == null ? Set.of() : k.measures().getOrDefault(m.householdId(), Set.of());
        List<Measure> newMeasures = measures(m).stream().filter(x -> !have.contains(measureKey(x.group().name(), x.text())))
                .toList();
        return new Plan(m, null, before, changed, newOfficers, end, phoneChanged, newMeasures);
    }

    /** A category as people read it: its national name when it is one of the three, else as given. */
    private static String categoryName(String code) {
        return Arrays.stream(cn.shouwang.core.household.MonitoringCategory.values()).filter(c -> c.name().equals(code))
                .findFirst().map(PersonListColumn::categoryWord).orElse(code);
    }

    private static List<String> riskCodes(Monitored m) {
        return m.riskTypes().stream().map(RiskType::name).toList();
    }

    /** The natural-disaster sub-type's code, only with that risk: its Chinese name or code as written, else OTHER. */
    private static @Nullable String subtype(Monitored m) {
        if (!m.riskTypes().contains(RiskType.NATURAL_DISASTER)) return null;
        String t = m.disasterSubtype() == null ? "" : m.disasterSubtype().strip();
        for (DisasterSubtype d : DisasterSubtype.values()) {
            if (d.chinese().equals(t) || d.name().equalsIgnoreCase(t) || (!t.isEmpty() && t.startsWith(d.chinese()))) {
                return d.name();
            }
        }
        return DisasterSubtype.OTHER.name();
    }

    private static MonitoringStatus status(Monitored m) {
        return m.eliminated() ? MonitoringStatus.RISK_ELIMINATED : MonitoringStatus.MONITORED;
    }

    private static @Nullable LocalDate eliminatedMonth(Monitored m) {
        return m.eliminated() && m.eliminatedMonth() != null ? m.eliminatedMonth().atDay(1) : null;
    }

    private static String unit(Officer o) {
        return o.unit() == null ? "" : o.unit().strip();
    }

    private static Outcome outcome(List<Plan> plans) {
        long created = 0, changed = 0, unchanged = 0;
        List<Refused> refused = new ArrayList<>();
        for (Plan p : plans) {
            if (p.refused() != null) refused.add(p.refused());
            else if (p.created()) created++;
            else if (p.changed()) changed++;
            else unchanged++;
        }
        return new Outcome(created, changed, unchanged, List.copyOf(refused));
    }

    @Override
    public Outcome preview(List<Monitored> households) {
        Known k = known(households, true);
        return outcome(households.stream().map(m -> plan(m, k, false)).toList());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome apply(List<Monitored> households, String importLabel) {
        Known k = known(households, true);
        List<Plan> plans = households.stream().map(m -> plan(m, k, true)).toList();
        LocalDate today = LocalDate.now(clock);
        Timestamp now = Timestamp.from(clock.instant());
        CurrentUser user = CurrentUsers.find();
        String by = user == null ? null : user.displayName();
        // a measure needs a responsible person and a funding source (core's Measure); the list may name neither.
        // Stored data is Chinese whatever the importer's language, like the rest of the plan.
        String notGiven = messages.getMessage("casework.import.notGiven", null, java.util.Locale.SIMPLIFIED_CHINESE);

        List<SqlParameterSource> upserts = new ArrayList<>();
        List<SqlParameterSource> history = new ArrayList<>();
        List<SqlParameterSource> ends = new ArrayList<>();
        List<SqlParameterSource> phones = new ArrayList<>();
        List<SqlParameterSource> officers = new ArrayList<>();
        List<SqlParameterSource> measures = new ArrayList<>();
        for (Plan p : plans) {
            if (p.refused() != null || !(p.created() || p.changed())) continue;
            Monitored m = p.m();
            long h = Objects.requireNonNull(m.householdId());
            // a month equal to the stored day's keeps the day (an identification confirmed on the 12th stays the 12th)
            LocalDate identified = p.before() != null && YearMonth.from(p.before().identifiedOn()).equals(m.identifiedMonth())
                    ? p.before().identifiedOn() : Objects.requireNonNull(m.identifiedMonth()).atDay(1);
            if (p.monitoredChanged()) {
                upserts.add(new MapSqlParameterSource().addValue("h", h).addValue("v", m.villageCode())
                        .addValue("head", m.headName()).addValue("cat", m.categoryCode())
                        .addValue("risks", riskCodes(m).toArray(String[]::new)).addValue("sub", subtype(m))
                        .addValue("on", identified).addValue("status", status(m).name())
                        .addValue("month", eliminatedMonth(m)).addValue("now", now));
            }
            history.add(new MapSqlParameterSource().addValue("h", h).addValue("on", today)
                    .addValue("kind", StatusChange.Kind.IMPORTED.name()).addValue("note", importLabel)
                    .addValue("by", by).addValue("now", now));
            LocalDate officerFrom = p.before() == null ? identified : today;
            for (StoredOfficer o : p.endOfficers()) {
                ends.add(new MapSqlParameterSource().addValue("id", o.id())
                        .addValue("end", o.from().isAfter(officerFrom.minusDays(1)) ? o.from() : officerFrom.minusDays(1)));
            }
            for (StoredOfficer o : p.phoneChanged()) {
                phones.add(new MapSqlParameterSource().addValue("id", o.id()).addValue("p", pd.seal(o.phone())));
            }
            for (Officer o : p.newOfficers()) {
                officers.add(new MapSqlParameterSource().addValue("h", h).addValue("n", o.name().strip())
                        .addValue("u", unit(o)).addValue("p", pd.seal(o.phone() == null ? "" : o.phone().strip()))
                        .addValue("f", officerFrom).addValue("now", now));
            }
            String responsible = m.officers().stream().map(Officer::name).filter(n -> n != null && !n.isBlank())
                    .map(String::strip).findFirst().orElse(notGiven);
            boolean delivered = m.eliminated();
            LocalDate end = delivered && m.eliminatedMonth() != null ? m.eliminatedMonth().atEndOfMonth()
                    : LocalDate.of(Math.max(today.getYear(), identified.getYear()), 12, 31);
            if (end.isBefore(identified)) end = identified;
            for (Measure x : p.newMeasures()) {
                measures.add(new MapSqlParameterSource().addValue("h", h).addValue("v", m.villageCode())
                        .addValue("g", x.group().name()).addValue("d", x.text()).addValue("r", responsible)
                        .addValue("s", identified).addValue("e", end).addValue("c", BigDecimal.ZERO).addValue("f", notGiven)
                        .addValue("state", (delivered ? MeasureState.DELIVERED : MeasureState.IN_PROGRESS).name())
                        .addValue("changed", delivered ? end : null).addValue("now", now));
            }
        }
        // households first (officers and history reference them), each table in one JDBC batch
        run("""
                insert into monitored_household (household_id, village_code, head_name, category, risk_types, disaster_subtype,
                  identified_on, status, eliminated_month, updated_at)
                values (:h, :v, :head, :cat, :risks, :sub, :on, :status, :month, :now)
                on conflict (household_id) do update set category = excluded.category, risk_types = excluded.risk_types,
                  disaster_subtype = excluded.disaster_subtype, identified_on = excluded.identified_on,
                  status = excluded.status, eliminated_month = excluded.eliminated_month,
                  elimination_method = case when excluded.status = 'MONITORED' then null
                                            else monitored_household.elimination_method end,
                  version = monitored_household.version + 1, updated_at = excluded.updated_at""", upserts);
        run("update assistance_officer set to_date = :end where id = :id", ends);
        run("update assistance_officer set phone_enc = :p where id = :id", phones);
        run("""
                insert into assistance_officer (household_id, name, unit, phone_enc, from_date, created_at)
                values (:h, :n, :u, :p, :f, :now)""", officers);
        run("""
                insert into plan_measure (household_id, village_code, measure_group, description, responsible_person,
                  start_date, end_date, cost, funding_source, state, changed_on, created_at, updated_at)
                values (:h, :v, :g, :d, :r, :s, :e, :c, :f, :state, :changed, :now, :now)""", measures);
        run("""
                insert into monitoring_history (household_id, on_date, kind, note, by_name, recorded_at)
                values (:h, :on, :kind, :note, :by, :now)""", history);
        return outcome(plans);
    }

    private void run(String sql, List<SqlParameterSource> rows) {
        if (!rows.isEmpty()) batch.batchUpdate(sql, rows.toArray(SqlParameterSource[]::new));
    }
}
