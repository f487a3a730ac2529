package cn.shouwang.server.household;

import cn.shouwang.core.area.AreaLevel;
import cn.shouwang.core.household.LabourCapacity;
import cn.shouwang.core.household.MemberStatus;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.personaldata.HealthDetails;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The household registry: every query carries the caller's area scope in its WHERE clause, every write
 * checks the household's version (optimistic locking) and leaves an audit row with the changed values
 * (personal ones masked) in the same transaction.
 */
@Service
public class Registry implements HouseholdApi {
    static final int EXPORT_LIMIT = 1_000_000;
    /** What the audit log keeps for a changed health value. */
    static final String HIDDEN = "***";
    /** The one answer for an id number that cannot be registered, whatever the reason (see checkIdNumberUsable). */
    static final String UNUSABLE = "registry.idNumber.unusable";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final PersonalDataApi pd;
    private final AuditApi audit;
    private final AreaApi areas;
    private final Clock clock;
    /** For the audit row of a refused attempt: its own transaction, kept when the refused write rolls back. */
    private final TransactionTemplate separately;
    /** HouseholdMoved, HeadChanged, MemberDied: published in the write's transaction (docs/architecture.md, Events). */
    private final ApplicationEventPublisher events;

    private final cn.shouwang.server.household.classes.FormerlyPoorClasses classes;

    Registry(JdbcClient jdbc, DataSource ds, PersonalDataApi pd, AuditApi audit, AreaApi areas, Clock clock,
             PlatformTransactionManager tm, ApplicationEventPublisher events,
             cn.shouwang.server.household.classes.FormerlyPoorClasses classes) {
        this.classes = classes;
        this.jdbc = jdbc;
        JdbcTemplate t = new JdbcTemplate(ds);
        t.setFetchSize(2000);
        this.streaming = new NamedParameterJdbcTemplate(t);
        this.pd = pd;
        this.audit = audit;
        this.areas = areas;
        this.clock = clock;
        this.separately = new TransactionTemplate(tm);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.events = events;
    }

    @Override
    public boolean anyInEdition(int editionId) {
        // household_area_edition (household V8): an index-only probe, not a scan of the registry
        return jdbc.sql("select exists (select 1 from household where area_edition_id = :e)")
                .param("e", editionId).query(Boolean.class).single();
    }

    // ------------------------------------------------------------------ reads

    @Override
    public void streamForScreening(AreaScope county, ScreeningRows rows) {
        ScopeRange r = ScopeRange.of(county);
        Map<String, Object> p = Map.of("lo", r.lo(), "hi", r.hi());
        streaming.query("""
                select h.id, h.village_code, h.formerly_poor,
                       (select m.id_number_enc from member m where m.household_id = h.id and m.relation = 'HEAD'
                         and m.status = 'ACTIVE' limit 1) as head, h.household_no
                from household h where h.village_code between :lo and :hi order by h.id""", p, (ResultSet rs) -> {
            byte[] head = rs.getBytes(4);
            rows.household(rs.getLong(1), rs.getString(5), rs.getString(2), head == null ? null : pd.open(head),
                    rs.getBoolean(3));
        });
        streaming.query("select household_id, id_number_enc, relation, labour_capacity, status from member "
                + "where area_code between :lo and :hi order by household_id, id", p, (ResultSet rs) -> {
            rows.member(rs.getLong(1), pd.open(rs.getBytes(2)), rs.getString(3), rs.getString(4), rs.getString(5));
        });
        // A year imported with only the national list's 人均纯收入 (not itemised) goes to the engine as that figure times
        // the active members, so the engine's one rule ((net − out-of-pocket) ÷ active members) gives the figure back,
        // as the what-if counts it (household V10); a year with neither items nor a figure has no income.
        streaming.query("""
                select i.household_id, i.year,
                       case when i.itemised then i.wages
                            else i.per_capita * (select count(*) from member m
                                                  where m.household_id = i.household_id and m.status = 'ACTIVE') end,
                       case when i.itemised then i.business else 0 end, case when i.itemised then i.property else 0 end,
                       case when i.itemised then i.transfers else 0 end,
                       case when i.itemised then i.production_costs else 0 end,
                       case when i.itemised then i.eligible_out_of_pocket else 0 end
                from household_income i join household h on h.id = i.household_id
                where h.village_code between :lo and :hi and (i.itemised or i.per_capita is not null)
                order by i.household_id, i.year""", p, (ResultSet rs) -> {
            rows.income(rs.getLong(1), rs.getInt(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                    rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8));
        });
    }


    private static final String ROW_SELECT = """
            select h.id, h.household_no, h.village_code, h.area_edition_id, h.village_group,
                   h.formerly_poor, h.poverty_exit_year, h.phone_enc,
                   (select m.name from member m where m.household_id = h.id and m.relation = 'HEAD' and m.status = 'ACTIVE') as head_name,
                   (select count(*) from member m where m.household_id = h.id and m.status = 'ACTIVE') as size
              from household h
            """;

    /** A row as read, before its village's name (area's data) is put in: {@link #named}. */
    private record RawRow(Views.HouseholdRow row, int editionId) {}

    private RawRow householdRow(ResultSet rs, int i) throws SQLException {
        byte[] phone = rs.getBytes("phone_enc");
        return new RawRow(new Views.HouseholdRow(rs.getLong("id"), rs.getString("household_no"), rs.getString("village_code"),
                null, rs.getString("village_group"), rs.getString("head_name"),
                rs.getInt("size"), rs.getBoolean("formerly_poor"), (Integer) rs.getObject("poverty_exit_year"),
                phone == null ? "" : PersonalDataApi.maskPhone(pd.open(phone))), rs.getInt("area_edition_id"));
    }

    private static Views.HouseholdRow withVillageName(Views.HouseholdRow r, @Nullable String name) {
        return new Views.HouseholdRow(r.id(), r.householdNo(), r.villageCode(), name, r.villageGroup(), r.headName(),
                r.size(), r.formerlyPoor(), r.exitYear(), r.phoneMasked());
    }

    /** Village names of a page of rows: one {@link AreaApi#names} per edition among them (usually one). */
    private List<Views.HouseholdRow> named(List<RawRow> raw) {
        Map<Integer, Map<String, String>> byEdition = new HashMap<>();
        raw.stream().collect(Collectors.groupingBy(RawRow::editionId,
                        Collectors.mapping(r -> r.row().villageCode(), Collectors.toSet())))
                .forEach((edition, codes) -> byEdition.put(edition, areas.names(edition, codes)));
        return raw.stream().map(r -> withVillageName(r.row(), byEdition.get(r.editionId()).get(r.row().villageCode())))
                .toList();
    }

    /** A WHERE clause and its parameters for a filter within a scope; empty when the filter leaves the scope. */
    private record Where(String sql, Map<String, Object> params) {}

    private Optional<Where> where(HouseholdFilter f, AreaScope scope) {
        ScopeRange range = ScopeRange.of(scope);
        if (f.area() != null && f.area().matches("\\d{12}")) {
            range = range.narrow(ScopeRange.of(new AreaScope(f.area())).prefix());
            if (range == null) return Optional.empty();
        }
        StringBuilder sql = new StringBuilder(" where h.village_code between :lo and :hi");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("lo", range.lo());
        p.put("hi", range.hi());
        if (f.formerlyPoor() != null) {
            sql.append(" and h.formerly_poor = :poor");
            p.put("poor", f.formerlyPoor());
        }
        String q = f.q() == null ? "" : f.q().strip();
        if (!q.isEmpty()) {
            Optional<IdNumber> id = IdNumber.parse(q);
            if (id.isPresent()) {
                sql.append(" and h.id = (select m.household_id from member m where m.id_number_hash = :hash)");
                p.put("hash", pd.idNumberHash(id.get()));
            } else if (q.matches("\\d{17}")) {
                sql.append(" and h.household_no = :no");
                p.put("no", q);
            } else if (q.matches("\\d{1,16}")) {
                sql.append(" and h.household_no >= :noLo and h.household_no < :noHi");
                p.put("noLo", q);
                p.put("noHi", q + ":");
            } else {
                List<String> counties = countiesIn(range.prefix());
                if (counties.isEmpty()) return Optional.empty();
                StringBuilder any = new StringBuilder();
                for (int i = 0; i < counties.size(); i++) {
                    if (i > 0) any.append(" or ");
                    any.append("m.name_grams @> cast(:g").append(i).append(" as text[])");
                    p.put("g" + i, NameGrams.query(counties.get(i), q));
                }
                sql.append(" and h.id in (select m.household_id from member m where (").append(any)
                   .append(") and strpos(m.name, :name) > 0 and m.area_code between :lo and :hi)");
                p.put("name", q);
            }
        }
        return Optional.of(new Where(sql.toString(), p));
    }

    /** Whether a filter keeps every household of its area (no search, no 脱贫户 choice). */
    private static boolean unfiltered(HouseholdFilter f) {
        return (f.q() == null || f.q().isBlank()) && f.formerlyPoor() == null;
    }

    /** The 6-digit county codes at or below a scope prefix (a county or finer scope is its own county). */
    private List<String> countiesIn(String prefix) {
        if (prefix.length() >= 6) return List.of(prefix.substring(0, 6));
        return areas.countyCodes(prefix);
    }

    public Views.Page<Views.HouseholdRow> search(HouseholdFilter f, AreaScope scope) {
        int size = f.sizeOrDefault();
        int page = f.pageOr1();
        Optional<Where> w = where(f, scope);
        if (w.isEmpty()) return new Views.Page<>(List.of(), 0, 1, size);
        long total = unfiltered(f)
                // the whole area: its villages' counts (household V4, kept by triggers), not a count over a city's
                // hundreds of thousands of rows on every list page
                ? jdbc.sql("select coalesce(sum(households), 0) from registry_village_count"
                        + " where village_code between :lo and :hi").params(w.get().params()).query(Long.class).single()
                : jdbc.sql("select count(*) from household h" + w.get().sql()).params(w.get().params())
                        .query(Long.class).single();
        List<Views.HouseholdRow> rows = named(jdbc.sql(ROW_SELECT + w.get().sql()
                        + " order by " + f.sortColumn() + (f.descending() ? " desc" : " asc") + ", h.id limit :limit offset :offset")
                .params(w.get().params()).param("limit", size).param("offset", (long) (page - 1) * size)
                .query(this::householdRow).list());
        return new Views.Page<>(rows, total, page, size);
    }

    @Override
    public List<HouseholdApi.Pick> pick(String q, AreaScope scope, int limit) {
        String t = q == null ? "" : q.strip();
        if (t.codePointCount(0, t.length()) < 2 || SearchTokens.looksLikeIdNumber(t)) return List.of();
        Optional<Where> w = where(new HouseholdFilter(t, null, null, null, null, 1, limit), scope);
        if (w.isEmpty()) return List.of();
        return named(jdbc.sql(ROW_SELECT + w.get().sql() + " order by h.household_no limit :limit")
                .params(w.get().params()).param("limit", Math.max(1, Math.min(limit, 50)))
                .query(this::householdRow).list()).stream()
                .map(r -> new HouseholdApi.Pick(r.householdNo(), r.villageName(), r.villageGroup(), r.headName()))
                .toList();
    }

    @Override
    public Optional<HouseholdApi.Ref> ref(long id, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        return jdbc.sql(REF_SELECT + " where h.id = :id and h.village_code between :lo and :hi")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi()).query(Registry::ref).optional();
    }

    @Override
    public Optional<HouseholdApi.Ref> refByNo(String householdNo, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        return jdbc.sql(REF_SELECT + " where h.household_no = :no and h.village_code between :lo and :hi")
                .param("no", householdNo).param("lo", r.lo()).param("hi", r.hi()).query(Registry::ref).optional();
    }

    @Override
    public Map<Long, HouseholdApi.Ref> refs(java.util.Collection<Long> ids, AreaScope scope) {
        Map<Long, HouseholdApi.Ref> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        ScopeRange r = ScopeRange.of(scope);
        jdbc.sql(REF_SELECT + " where h.id = any(:ids) and h.village_code between :lo and :hi")
                .param("ids", ids.toArray(Long[]::new)).param("lo", r.lo()).param("hi", r.hi())
                .query(Registry::ref).list().forEach(x -> out.put(x.id(), x));
        return out;
    }

    @Override
    public Map<Long, HouseholdApi.MemberRef> memberRefs(java.util.Collection<Long> memberIds, AreaScope scope) {
        Map<Long, HouseholdApi.MemberRef> out = new HashMap<>();
        if (memberIds.isEmpty()) return out;
        ScopeRange r = ScopeRange.of(scope);
        jdbc.sql("""
                select m.id, m.household_id, h.household_no, h.village_code, m.name, m.status
                  from member m join household h on h.id = m.household_id
                 where m.id = any(:ids) and h.village_code between :lo and :hi""")
                .param("ids", memberIds.toArray(Long[]::new)).param("lo", r.lo()).param("hi", r.hi())
                .query((rs, i) -> new HouseholdApi.MemberRef(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)))
                .list().forEach(x -> out.put(x.id(), x));
        return out;
    }

    @Override
    public Map<Long, List<HouseholdApi.LedgerMember>> ledgerMembers(java.util.Collection<Long> householdIds,
                                                                    AreaScope scope, boolean fullIdNumbers) {
        Map<Long, List<HouseholdApi.LedgerMember>> out = new HashMap<>();
        if (householdIds.isEmpty()) return out;
        ScopeRange r = ScopeRange.of(scope);
        jdbc.sql("""
                select h.id, h.household_no, m.name, m.relation, m.id_number_enc
                  from household h join member m on m.household_id = h.id and m.status = 'ACTIVE'
                 where h.id = any(:ids) and h.village_code between :lo and :hi
                 order by h.id, m.relation = 'HEAD' desc, m.id""")
                .param("ids", householdIds.toArray(Long[]::new)).param("lo", r.lo()).param("hi", r.hi())
                .query((rs, i) -> {
                    String id = pd.open(rs.getBytes(5));
                    return new HouseholdApi.LedgerMember(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            fullIdNumbers ? id : IdNumber.mask(id));
                })
                .list().forEach(m -> out.computeIfAbsent(m.householdId(), k -> new java.util.ArrayList<>()).add(m));
        return out;
    }

    @Override
    public Map<Long, String> headIdNumbers(java.util.Collection<Long> ids, AreaScope scope) {
        Map<Long, String> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        ScopeRange r = ScopeRange.of(scope);
        jdbc.sql("""
                select h.id, m.id_number_enc from household h
                  join member m on m.household_id = h.id and m.relation = 'HEAD' and m.status = 'ACTIVE'
                 where h.id = any(:ids) and h.village_code between :lo and :hi""")
                .param("ids", ids.toArray(Long[]::new)).param("lo", r.lo()).param("hi", r.hi())
                .query((rs, i) -> Map.entry(rs.getLong(1), pd.open(rs.getBytes(2)))).list()
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    @Override
    public void roster(AreaScope scope, java.util.function.Consumer<HouseholdApi.RosterRow> rows) {
        ScopeRange r = ScopeRange.of(scope);
        jdbc.sql("""
                select h.id, h.household_no, h.village_code, h.village_group, h.formerly_poor,
                       coalesce(min(m.name) filter (where m.relation = 'HEAD' and m.status = 'ACTIVE'), '') as head,
                       count(m.id) filter (where m.status = 'ACTIVE') as members
                  from household h left join member m on m.household_id = h.id
                 where h.village_code between :lo and :hi
                 group by h.id order by h.village_code, h.household_no""")
                .param("lo", r.lo()).param("hi", r.hi())
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs ->
                        rows.accept(new HouseholdApi.RosterRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(6), rs.getInt(7), rs.getBoolean(5))));
    }

    @Override
    public java.util.Map<Long, Integer> versions(AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        java.util.Map<Long, Integer> out = new java.util.HashMap<>();
        jdbc.sql("select id, version from household where village_code between :lo and :hi")
                .param("lo", r.lo()).param("hi", r.hi())
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> out.put(rs.getLong(1), rs.getInt(2)));
        return out;
    }

    private static final String REF_SELECT = """
            select h.id, h.household_no, h.village_code,
              coalesce((select m.name from member m where m.household_id = h.id and m.relation = 'HEAD'
                        and m.status = 'ACTIVE' limit 1), '') as head,
              (select count(*) from member m where m.household_id = h.id and m.status = 'ACTIVE') as members
            from household h""";

    private static HouseholdApi.Ref ref(ResultSet rs, int i) throws SQLException {
        return new HouseholdApi.Ref(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5));
    }

    @Override
    public Optional<Long> householdOfIdNumberHash(byte[] idNumberHash, String villageCode) {
        return jdbc.sql("select m.household_id from member m join household h on h.id = m.household_id "
                        + "where m.id_number_hash = :h and h.village_code = :v")
                .param("h", idNumberHash).param("v", villageCode).query(Long.class).optional();
    }

    @Override
    public List<HouseholdApi.MemberFacts> memberFacts(long householdId) {
        // the disability grade is sealed with the health status (member.health_enc): opened here, handed out as a yes/no
        return jdbc.sql("select status, labour_capacity, health_enc, medical_insurance from member where household_id = :h")
                .param("h", householdId)
                .query((rs, i) -> new HouseholdApi.MemberFacts(MemberStatus.valueOf(rs.getString(1)),
                        LabourCapacity.valueOf(rs.getString(2)), pd.openHealth(rs.getBytes(3)).disabilityGrade() != null,
                        rs.getBoolean(4)))
                .list();
    }

    @Override
    public Map<Long, List<HouseholdApi.MemberFacts>> memberFacts(java.util.Collection<Long> householdIds) {
        Map<Long, List<HouseholdApi.MemberFacts>> facts = new HashMap<>();
        if (householdIds.isEmpty()) return facts;
        jdbc.sql("select household_id, status, labour_capacity, health_enc, medical_insurance from member "
                        + "where household_id = any(:ids)")
                .param("ids", householdIds.toArray(Long[]::new))
                .query(rs -> {
                    facts.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new HouseholdApi.MemberFacts(
                            MemberStatus.valueOf(rs.getString(2)), LabourCapacity.valueOf(rs.getString(3)),
                            pd.openHealth(rs.getBytes(4)).disabilityGrade() != null, rs.getBoolean(5)));
                });
        return facts;
    }

    @Override
    public Map<Long, String> householdNumbers(java.util.Collection<Long> householdIds) {
        Map<Long, String> numbers = new HashMap<>();
        if (householdIds.isEmpty()) return numbers;
        jdbc.sql("select id, household_no from household where id = any(:ids)")
                .param("ids", householdIds.toArray(Long[]::new))
                .query(rs -> { numbers.put(rs.getLong(1), rs.getString(2)); });
        return numbers;
    }

    @Override
    public List<Long> withActiveHead(AreaScope scope, String firstVillage, int limit) {
        ScopeRange r = ScopeRange.of(scope);
        return jdbc.sql("""
                select h.id from household h where h.village_code between :lo and :hi
                  and exists (select 1 from member m where m.household_id = h.id and m.relation = 'HEAD' and m.status = 'ACTIVE')
                order by (h.village_code = :v) desc, h.village_code, h.id limit :limit""")
                .param("lo", r.lo()).param("hi", r.hi()).param("v", firstVillage).param("limit", limit)
                .query(Long.class).list();
    }

    @Override
    public Optional<String> villageGroup(long householdId) {
        return jdbc.sql("select village_group from household where id = :h").param("h", householdId)
                .query(String.class).optional();
    }

    @Override
    public Optional<String> villageOf(long householdId) {
        return jdbc.sql("select village_code from household where id = :h").param("h", householdId)
                .query(String.class).optional();
    }

    /** Streams every row the filter shows (up to {@link #EXPORT_LIMIT}), for the Excel export. */
    // one transaction: the cursor streams (fetch size) and the audit row is written with it
    @Transactional
    public long export(HouseholdFilter f, AreaScope scope, Consumer<Views.HouseholdRow> sink) {
        Optional<Where> w = where(f, scope);
        if (w.isEmpty()) return 0;
        long[] n = {0};
        Map<String, Object> params = new LinkedHashMap<>(w.get().params());
        params.put("limit", EXPORT_LIMIT);
        // village names: those of the current edition in the scope at once, any other (edition, village) once
        Map<String, String> names = new HashMap<>();
        int current = areas.currentEdition().map(e -> e.id()).orElse(-1);
        for (var v : areas.villages(ScopeRange.of(scope).prefix(), 1_000_000)) names.put(current + ":" + v.code(), v.name());
        streaming.query(ROW_SELECT + w.get().sql() + " order by " + f.sortColumn()
                + (f.descending() ? " desc" : " asc") + ", h.id limit :limit", params, rs -> {
            RawRow r = householdRow(rs, 0);
            String name = names.computeIfAbsent(r.editionId() + ":" + r.row().villageCode(), k -> areas
                    .find(r.editionId(), r.row().villageCode()).map(a -> a.name()).orElse(null));
            sink.accept(withVillageName(r.row(), name));
            n[0]++;
        });
        audit.record(AuditAction.EXPORT, null, null, scope.areaCode(), List.of(),
                n[0] + " households; filter q=" + (f.q() == null ? "" : maskedQuery(f.q())) + " area=" + f.area());
        return n[0];
    }

    /** The filter as the audit log keeps it: anything that looks like an id number masked, valid or not. */
    private static String maskedQuery(String q) {
        String t = q.strip();
        return t.matches("\\d{14,17}[0-9Xx]?") && t.length() >= 15 ? IdNumber.mask(t) : t;
    }

    private Views.Member memberRow(ResultSet rs, int i) throws SQLException {
        return new Views.Member(rs.getLong("id"), rs.getLong("household_id"),
                IdNumber.mask(pd.open(rs.getBytes("id_number_enc"))), rs.getString("name"), rs.getString("sex"),
                rs.getObject("birth_date", LocalDate.class).getYear(), rs.getString("relation"), rs.getString("labour_capacity"),
                rs.getString("schooling_stage"),
                rs.getBoolean("medical_insurance"), rs.getString("status"), rs.getObject("status_date", LocalDate.class));
    }

    @Override
    public Optional<Views.Household> findHousehold(long id, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        return jdbc.sql("""
                select h.* from household h
                 where h.id = :id and h.village_code between :lo and :hi""")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi())
                .query((rs, i) -> {
                    byte[] phone = rs.getBytes("phone_enc");
                    return new Views.Household(rs.getLong("id"), rs.getString("household_no"), rs.getInt("area_edition_id"),
                            rs.getString("village_code"), areas.find(rs.getInt("area_edition_id"), rs.getString("village_code"))
                                    .map(a -> a.name()).orElse(null), rs.getString("village_group"),
                            rs.getString("address"), rs.getBoolean("formerly_poor"), (Integer) rs.getObject("poverty_exit_year"),
                            phone == null ? "" : PersonalDataApi.maskPhone(pd.open(phone)), phone != null,
                            rs.getInt("version"), rs.getObject("created_at", OffsetDateTime.class),
                            rs.getObject("updated_at", OffsetDateTime.class), List.of());
                })
                .optional()
                .map(h -> new Views.Household(h.id(), h.householdNo(), h.areaEditionId(), h.villageCode(), h.villageName(),
                        h.villageGroup(), h.address(), h.formerlyPoor(), h.exitYear(), h.phoneMasked(), h.hasPhone(),
                        h.version(), h.createdAt(), h.updatedAt(), members(h.id())));
    }

    @Override
    public Map<Long, HouseholdApi.LatestPerCapita> latestPerCapita(java.util.Collection<Long> householdIds) {
        Map<Long, HouseholdApi.LatestPerCapita> out = new java.util.HashMap<>();
        if (householdIds.isEmpty()) return out;
        jdbc.sql("""
                select distinct on (household_id) household_id, year, per_capita from household_per_capita
                 where household_id = any(:ids) order by household_id, year desc""")
                .param("ids", householdIds.toArray(Long[]::new))
                .query((rs, i) -> out.put(rs.getLong(1), new HouseholdApi.LatestPerCapita(rs.getInt(2),
                        rs.getBigDecimal(3)))).list();
        return out;
    }

    @Override
    public HouseholdApi.ClassFigures classFigures(AreaScope scope, java.util.Locale locale) {
        Map<String, Long> by = new java.util.LinkedHashMap<>();
        long due = 0;
        for (var f : classes.figures(scope, scope.prefix().length())) {
            by.merge(f.classCode() == null ? "" : f.classCode(), f.households(), Long::sum);
            due += f.due();
        }
        Map<String, String> names = new java.util.LinkedHashMap<>();
        classes.classes(scope.areaCode()).forEach(c -> names.put(c.code(), c.name(locale)));
        return new HouseholdApi.ClassFigures(by, due, names);
    }

    @Override
    public HouseholdApi.Counts counts(AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        return jdbc.sql("""
                select coalesce(sum(households), 0), coalesce(sum(persons), 0) from registry_village_count
                 where village_code between :lo and :hi""")
                .param("lo", r.lo()).param("hi", r.hi())
                .query((rs, i) -> new HouseholdApi.Counts(rs.getLong(1), rs.getLong(2))).single();
    }

    @Override
    public Map<String, HouseholdApi.Counts> countsByVillage(java.util.Collection<String> villageCodes, AreaScope scope) {
        Map<String, HouseholdApi.Counts> out = new java.util.HashMap<>();
        if (villageCodes.isEmpty()) return out;
        ScopeRange r = ScopeRange.of(scope);
        jdbc.sql("""
                select village_code, sum(households), sum(persons) from registry_village_count
                 where village_code between :lo and :hi and village_code in (:codes) group by village_code""")
                .param("lo", r.lo()).param("hi", r.hi()).param("codes", villageCodes)
                .query((rs, i) -> out.put(rs.getString(1).strip(), new HouseholdApi.Counts(rs.getLong(2), rs.getLong(3))))
                .list();
        return out;
    }

    private List<Views.Member> members(long householdId) {
        return jdbc.sql("""
                select * from member where household_id = :h
                 order by case status when 'ACTIVE' then 0 else 1 end,
                          case relation when 'HEAD' then 0 when 'SPOUSE' then 1 else 2 end, birth_date""")
                .param("h", householdId).query(this::memberRow).list();
    }

    @Override
    public Optional<Views.Member> findMember(IdNumber id, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        return jdbc.sql("select * from member where id_number_hash = :hash and area_code between :lo and :hi")
                .param("hash", pd.idNumberHash(id)).param("lo", r.lo()).param("hi", r.hi())
                .query(this::memberRow).optional();
    }

    public Optional<Views.Member> member(long memberId, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        return jdbc.sql("select * from member where id = :id and area_code between :lo and :hi")
                .param("id", memberId).param("lo", r.lo()).param("hi", r.hi())
                .query(this::memberRow).optional();
    }

    /** The household's annual incomes, newest year first. */
    public List<Views.Income> incomes(long householdId, AreaScope scope) {
        if (findHouseholdVersion(householdId, scope) == null) throw new NotFound();
        return jdbc.sql("""
                select year, wages, business, property, transfers, production_costs, eligible_out_of_pocket, per_capita, itemised, claims
                  from household_income where household_id = :h order by year desc""")
                .param("h", householdId).query(Registry::income).list();
    }

    @Override
    public Optional<Views.Income> latestIncome(long householdId, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        return jdbc.sql("""
                select i.year, i.wages, i.business, i.property, i.transfers, i.production_costs, i.eligible_out_of_pocket,
                       i.per_capita, i.itemised, i.claims
                  from household_income i join household h on h.id = i.household_id
                 where i.household_id = :h and i.itemised and h.village_code between :lo and :hi
                 order by i.year desc limit 1""")
                .param("h", householdId).param("lo", r.lo()).param("hi", r.hi()).query(Registry::income).optional();
    }

    /** The first year an income may be recorded for (household_income's check allows 2000 to 2100). */
    static final int FIRST_INCOME_YEAR = 2000;

    /**
     * Adds a year's income ({@code correctedYear} null) or corrects a stored year: checks and bumps the household's
     * version like every registry write, and audits the items that changed (old → new) as INCOME_ADD or
     * INCOME_UPDATE with the year as the row's detail. A year already recorded is refused on an add (it is corrected
     * instead), a year after this one or before {@link #FIRST_INCOME_YEAR} always.
     */
    @Transactional
    public void saveIncome(long householdId, @Nullable Integer correctedYear, IncomeCmd c, AreaScope scope) {
        int thisYear = LocalDate.now(clock).getYear();
        int year = correctedYear != null ? correctedYear : c.year();
        if (correctedYear == null && (year < FIRST_INCOME_YEAR || year > thisYear)) {
            throw new FieldProblem("year", "registry.income.year.range", String.valueOf(FIRST_INCOME_YEAR),
                    String.valueOf(thisYear));
        }
        bumpVersion(householdId, c.householdVersion(), scope);
        Views.Income old = jdbc.sql("""
                select year, wages, business, property, transfers, production_costs, eligible_out_of_pocket, per_capita, itemised, claims
                  from household_income where household_id = :h and year = :y for update""")
                .param("h", householdId).param("y", year).query(Registry::income).optional().orElse(null);
        if (correctedYear == null && old != null) {
            throw new FieldProblem("year", "registry.income.year.exists", String.valueOf(year));
        }
        if (correctedYear != null && old == null) throw new NotFound();
        List<AuditApi.Change> ch = new ArrayList<>();
        diff(ch, "wages", old == null ? null : amount(old.wages()), amount(c.wages()));
        diff(ch, "business", old == null ? null : amount(old.business()), amount(c.business()));
        diff(ch, "property", old == null ? null : amount(old.property()), amount(c.property()));
        diff(ch, "transfers", old == null ? null : amount(old.transfers()), amount(c.transfers()));
        diff(ch, "productionCosts", old == null ? null : amount(old.productionCosts()), amount(c.productionCosts()));
        diff(ch, "eligibleOutOfPocket", old == null ? null : amount(old.eligibleOutOfPocket()),
                amount(c.eligibleOutOfPocket()));
        // a per-capita-only year (imported, itemised = false) saved through the form becomes an itemised one
        if (old != null && !old.itemised()) {
            ch.add(new AuditApi.Change("perCapita", old.perCapita() == null ? null : amount(old.perCapita()), null));
        }
        if (old != null && ch.isEmpty()) return; // nothing changed: no row to write, nothing for the history
        CurrentUser by = CurrentUsers.find();
        jdbc.sql("""
                insert into household_income (household_id, year, wages, business, property, transfers, production_costs,
                                              eligible_out_of_pocket, recorded_by, recorded_at)
                values (:h, :y, :w, :b, :p, :t, :pc, :oop, :by, :now)
                on conflict (household_id, year) do update set wages = excluded.wages, business = excluded.business,
                       property = excluded.property, transfers = excluded.transfers,
                       production_costs = excluded.production_costs,
                       eligible_out_of_pocket = excluded.eligible_out_of_pocket, recorded_by = excluded.recorded_by,
                       recorded_at = excluded.recorded_at, itemised = true, per_capita = null""")
                .param("h", householdId).param("y", year).param("w", c.wages()).param("b", c.business())
                .param("p", c.property()).param("t", c.transfers()).param("pc", c.productionCosts())
                .param("oop", c.eligibleOutOfPocket()).param("by", by == null ? null : by.accountId())
                .param("now", now()).update();
        String village = jdbc.sql("select village_code from household where id = :id").param("id", householdId)
                .query(String.class).single();
        audit.record(old == null ? AuditAction.INCOME_ADD : AuditAction.INCOME_UPDATE, householdId, null, village, ch,
                String.valueOf(year));
    }

    private static Views.Income income(ResultSet rs, int i) throws SQLException {
        return new Views.Income(rs.getInt(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBoolean(9),
                rs.getBigDecimal(10));
    }

    /** An amount as the history shows it: yuan with two decimals. */
    private static String amount(java.math.BigDecimal v) {
        return v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** The household's history: every audited write and full view, newest first. */
    public List<Views.HistoryEntry> history(long householdId, AreaScope scope) {
        if (findHouseholdVersion(householdId, scope) == null) throw new NotFound();
        var entries = audit.history(householdId, 500);
        // villages are recorded by code (an import) or as "code name" (a page): a user reads their names
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (var e : entries) {
            for (var c : e.changes()) {
                if (!"village".equals(c.field())) continue;
                for (String v : new String[] {c.old(), c.now()}) if (v != null && VILLAGE_VALUE.matcher(v).matches()) codes.add(v.substring(0, 12));
            }
        }
        Map<String, String> names = codes.isEmpty() ? Map.of()
                : areas.currentEdition().map(ed -> areas.names(ed.id(), codes)).orElse(Map.of());
        java.util.function.UnaryOperator<String> village = v -> v == null || !VILLAGE_VALUE.matcher(v).matches() ? v
                : names.getOrDefault(v.substring(0, 12), v.length() > 13 ? v.substring(13) : v);
        return entries.stream()
                .map(e -> new Views.HistoryEntry(e.id(), e.at(), e.username(), e.action(), e.memberId(), e.ip(),
                        e.changes().stream().map(c -> "village".equals(c.field())
                                ? new Views.Change(c.field(), village.apply(c.old()), village.apply(c.now()))
                                : new Views.Change(c.field(), c.old(), c.now())).toList(),
                        e.detail()))
                .toList();
    }

    private static final java.util.regex.Pattern VILLAGE_VALUE = java.util.regex.Pattern.compile("\\d{12}( .*)?");

    // ------------------------------------------------------------------ writes

    /** Thrown when a record does not exist or lies outside the caller's area; pages and API answer 404. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    public static class NotFound extends RuntimeException {
        public NotFound() {
            super("not found in your area");
        }
    }

    private @Nullable Integer findHouseholdVersion(long id, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        return jdbc.sql("select version from household where id = :id and village_code between :lo and :hi")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi()).query(Integer.class).optional().orElse(null);
    }

    /** Bumps the household's version if it still is {@code expected}; else nothing changes and the save is refused. */
    void bumpVersion(long householdId, @Nullable Integer expected, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        int n = jdbc.sql("""
                update household set version = version + 1, updated_at = :now
                 where id = :id and version = :v and village_code between :lo and :hi""")
                .param("now", now()).param("id", householdId).param("v", expected == null ? -1 : expected)
                .param("lo", r.lo()).param("hi", r.hi()).update();
        if (n == 0) {
            if (findHouseholdVersion(householdId, scope) == null) throw new NotFound();
            throw new ConcurrentEditException();
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private AreaInfo village(String code, AreaScope scope) {
        if (!scope.covers(code)) throw new FieldProblem("villageCode", "registry.village.outOfScope");
        AreaInfo a = areas.find(code).orElseThrow(() -> new FieldProblem("villageCode", "registry.village.unknown"));
        if (a.level() != AreaLevel.VILLAGE) throw new FieldProblem("villageCode", "registry.village.notVillage");
        return a;
    }

    /**
     * Refuses an id number that cannot be registered, after every other field of the write has been checked.
     * Inside the caller's scope it says which household has it; anywhere else the answer is the one generic
     * message also given to a number nobody can register (a birth date after today), so a caller cannot learn
     * that a person is registered in another area — and the attempt is audited (the number masked), in its own
     * transaction so that the refusal's rollback keeps it.
     */
    private void checkIdNumberUsable(IdNumber id, byte[] hash, String field, @Nullable Long exceptMember, AreaScope scope,
                                     String callerArea, @Nullable Long householdId, String what) {
        if (id.birthDate().isAfter(LocalDate.now(clock))) throw new FieldProblem(field, UNUSABLE);
        Optional<Object[]> holder = jdbc.sql("""
                select m.id, h.household_no, h.village_code from member m join household h on h.id = m.household_id
                 where m.id_number_hash = :hash""")
                .param("hash", hash)
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})
                .optional()
                .filter(o -> !Objects.equals(o[0], exceptMember));
        if (holder.isEmpty()) return;
        // say where only when the caller may see that household
        if (scope.covers((String) holder.get()[2])) throw new FieldProblem(field, "registry.idNumber.takenIn", holder.get()[1]);
        // not on the household's history, which the caller reads: only the audit log (analysts) shows the attempt
        separately.executeWithoutResult(s -> audit.record(AuditAction.ID_NUMBER_TAKEN_ATTEMPT, null, null, callerArea,
                List.of(new AuditApi.Change(field, null, id.masked())),
                householdId == null ? what : what + ", household id " + householdId));
        throw new FieldProblem(field, UNUSABLE);
    }

    @Transactional
    public long create(NewHouseholdCmd c, AreaScope scope) {
        HouseholdCmd h = c.household();
        AreaInfo v = village(h.villageCode(), scope);
        String no = blank(h.householdNo()) ? nextHouseholdNo(v.code()) : h.householdNo().strip();
        if (!no.startsWith(v.code())) throw new FieldProblem("household.householdNo", "registry.householdNo.village");
        if (jdbc.sql("select exists (select 1 from household where household_no = :no)").param("no", no)
                .query(Boolean.class).single()) {
            throw new FieldProblem("household.householdNo", "registry.householdNo.taken");
        }
        // the id number last: every other field has passed, so its answer is the only one left to give
        IdNumber headId = IdNumber.of(c.headIdNumber());
        byte[] hash = pd.idNumberHash(headId);
        checkIdNumberUsable(headId, hash, "headIdNumber", null, scope, v.code(), null, "household create");
        long id;
        try {
            id = jdbc.sql("""
                    insert into household (household_no, area_edition_id, village_code, village_group, address,
                                           formerly_poor, poverty_exit_year, phone_enc, version, created_at, updated_at)
                    values (:no, :ed, :v, :g, :addr, :poor, :exit, :phone, 0, :now, :now) returning id""")
                    .param("no", no).param("ed", v.editionId()).param("v", v.code())
                    .param("g", trim(h.villageGroup())).param("addr", trim(h.address()))
                    .param("poor", h.poor()).param("exit", h.poor() ? h.exitYear() : null)
                    .param("phone", blank(h.phone()) ? null : pd.seal(h.phone().strip()))
                    .param("now", now()).query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new FieldProblem("household.householdNo", "registry.householdNo.taken");
        }
        long memberId = insertMember(id, v.code(), headId, hash, c.headName().strip(),
                new MemberCmd(null, c.headName(), cn.shouwang.core.household.Relation.HEAD,
                        cn.shouwang.core.household.LabourCapacity.ORDINARY, cn.shouwang.core.household.HealthStatus.HEALTHY,
                        null, cn.shouwang.core.household.SchoolingStage.NONE, true, null), "headIdNumber");
        List<AuditApi.Change> ch = new ArrayList<>();
        ch.add(new AuditApi.Change("householdNo", null, no));
        ch.add(new AuditApi.Change("village", null, v.code() + " " + v.name()));
        ch.addAll(householdChanges(null, h));
        ch.add(new AuditApi.Change("headName", null, c.headName().strip()));
        ch.add(new AuditApi.Change("headIdNumber", null, headId.masked()));
        audit.record(AuditAction.HOUSEHOLD_CREATE, id, memberId, v.code(), ch, null);
        return id;
    }

    private String nextHouseholdNo(String village) {
        String max = jdbc.sql("select max(household_no) from household where household_no between :lo and :hi")
                .param("lo", village + "00000").param("hi", village + "99999").query(String.class).optional().orElse(null);
        int next = max == null ? 1 : Integer.parseInt(max.substring(12)) + 1;
        return village + String.format("%05d", next);
    }

    private long insertMember(long householdId, String village, IdNumber id, byte[] hash, String name, MemberCmd m,
                              String idField) {
        try {
            return jdbc.sql("""
                    insert into member (household_id, area_code, id_number_hash, id_number_enc, name, name_grams, sex,
                                        birth_date, relation, labour_capacity, health_enc, schooling_stage,
                                        medical_insurance, status)
                    values (:h, :area, :hash, :enc, :name, cast(:grams as text[]), :sex, :birth, :rel, :lab, :health,
                            :school, :ins, 'ACTIVE') returning id""")
                    .param("h", householdId).param("area", village).param("hash", hash).param("enc", pd.seal(id.value()))
                    .param("name", name).param("grams", NameGrams.of(village.substring(0, 6), name))
                    .param("sex", id.sex() == cn.shouwang.core.person.Sex.MALE ? "M" : "F").param("birth", id.birthDate())
                    .param("rel", m.relation().name()).param("lab", m.labourCapacity().name())
                    .param("health", pd.sealHealth(new HealthDetails(m.health(), m.disabilityGrade())))
                    .param("school", m.schoolingStage().name()).param("ins", m.insured())
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw duplicate(e, idField);
        }
    }

    private static FieldProblem duplicate(DuplicateKeyException e, String idField) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("member_one_head")) return new FieldProblem("relation", "registry.head.taken");
        // a race lost to another writer: where the number went is not the caller's to know
        if (msg.contains("member_id_number_unique")) return new FieldProblem(idField, UNUSABLE);
        return new FieldProblem("form", "registry.duplicate");
    }

    private record Stored(String villageCode, @Nullable String group, @Nullable String address, boolean poor,
                          @Nullable Integer exit, @Nullable String phone) {}

    private List<AuditApi.Change> householdChanges(@Nullable Stored old, HouseholdCmd h) {
        List<AuditApi.Change> ch = new ArrayList<>();
        diff(ch, "villageGroup", old == null ? null : old.group(), trim(h.villageGroup()));
        diff(ch, "address", old == null ? null : old.address(), trim(h.address()));
        diff(ch, "formerlyPoor", old == null ? null : String.valueOf(old.poor()), String.valueOf(h.poor()));
        diff(ch, "exitYear", old == null || old.exit() == null ? null : old.exit().toString(),
                h.poor() && h.exitYear() != null ? h.exitYear().toString() : null);
        diff(ch, "phone", old == null || old.phone() == null ? null : PersonalDataApi.maskPhone(old.phone()),
                blank(h.phone()) ? null : PersonalDataApi.maskPhone(h.phone()));
        return ch;
    }

    private static void diff(List<AuditApi.Change> ch, String field, @Nullable String old, @Nullable String now) {
        if (!Objects.equals(old, now)) ch.add(new AuditApi.Change(field, old, now));
    }

    @Transactional
    public void update(long id, HouseholdCmd h, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        Stored old = jdbc.sql("""
                select village_code, village_group, address, formerly_poor, poverty_exit_year, phone_enc
                  from household where id = :id and village_code between :lo and :hi for update""")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi())
                .query((rs, i) -> {
                    byte[] phone = rs.getBytes("phone_enc");
                    return new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            (Integer) rs.getObject(5), phone == null ? null : pd.open(phone));
                })
                .optional().orElseThrow(NotFound::new);
        bumpVersion(id, h.version(), scope);
        List<AuditApi.Change> ch = new ArrayList<>();
        String village = old.villageCode();
        if (!old.villageCode().equals(h.villageCode())) {
            AreaInfo v = village(h.villageCode(), scope);
            village = v.code();
            ch.add(new AuditApi.Change("village", old.villageCode(), v.code() + " " + v.name()));
            jdbc.sql("update household set village_code = :v, area_edition_id = :ed where id = :id")
                    .param("v", v.code()).param("ed", v.editionId()).param("id", id).update();
            moveMembersArea(id, v.code());
            String no = jdbc.sql("select household_no from household where id = :id").param("id", id)
                    .query(String.class).single();
            CurrentUser by = CurrentUsers.find();
            events.publishEvent(new HouseholdMoved(id, no, old.villageCode(), v.code(), LocalDate.now(clock),
                    by == null ? "system" : by.displayName()));
        }
        ch.addAll(householdChanges(old, h));
        String newPhone = blank(h.phone()) ? null : h.phone().strip();
        jdbc.sql("""
                update household set village_group = :g, address = :addr, formerly_poor = :poor,
                       poverty_exit_year = :exit, phone_enc = :phone where id = :id""")
                .param("g", trim(h.villageGroup())).param("addr", trim(h.address())).param("poor", h.poor())
                .param("exit", h.poor() ? h.exitYear() : null)
                .param("phone", newPhone == null ? null : Objects.equals(newPhone, old.phone()) ? keepPhone(id) : pd.seal(newPhone))
                .param("id", id).update();
        audit.record(AuditAction.HOUSEHOLD_UPDATE, id, null, village, ch, null);
    }

    private byte[] keepPhone(long id) {
        return jdbc.sql("select phone_enc from household where id = :id").param("id", id).query(byte[].class).single();
    }

    /** Members follow their household's village (scope filters and name-search keys use it). */
    private void moveMembersArea(long householdId, String village) {
        List<Object[]> ms = jdbc.sql("select id, name from member where household_id = :h").param("h", householdId)
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
        for (Object[] m : ms) {
            jdbc.sql("update member set area_code = :a, name_grams = cast(:g as text[]) where id = :id")
                    .param("a", village).param("g", NameGrams.of(village.substring(0, 6), (String) m[1]))
                    .param("id", m[0]).update();
        }
    }

    /** The household's active head (id and name), or null. */
    private @Nullable Object[] activeHead(long householdId) {
        return jdbc.sql("select id, name from member where household_id = :h and relation = 'HEAD' and status = 'ACTIVE'")
                .param("h", householdId).query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional()
                .orElse(null);
    }

    /** Publishes HouseholdMembersChanged, and HeadChanged when the household's active head is no longer {@code before}. */
    private void headChanged(long householdId, @Nullable Object[] before) {
        // every member change passes here: the household's active members for casework's monitored persons
        int active = jdbc.sql("select count(*) from member where household_id = :h and status = 'ACTIVE'")
                .param("h", householdId).query(Integer.class).single();
        events.publishEvent(new HouseholdMembersChanged(householdId, active));
        Object[] after = activeHead(householdId);
        Long from = before == null ? null : (Long) before[0];
        Long to = after == null ? null : (Long) after[0];
        if (Objects.equals(from, to)) return;
        String village = jdbc.sql("select village_code from household where id = :id").param("id", householdId)
                .query(String.class).single();
        events.publishEvent(new HeadChanged(householdId, village, from, to, after == null ? null : (String) after[1]));
    }

    @Transactional
    public long addMember(long householdId, MemberCmd m, AreaScope scope) {
        if (blank(m.idNumber())) throw new FieldProblem("idNumber", "registry.idNumber.EMPTY");
        bumpVersion(householdId, m.householdVersion(), scope);
        Object[] head = activeHead(householdId);
        String village = jdbc.sql("select village_code from household where id = :id").param("id", householdId)
                .query(String.class).single();
        if (m.relation() == cn.shouwang.core.household.Relation.HEAD && jdbc.sql("""
                select exists (select 1 from member where household_id = :h and relation = 'HEAD' and status = 'ACTIVE')""")
                .param("h", householdId).query(Boolean.class).single()) {
            throw new FieldProblem("relation", "registry.head.taken");
        }
        IdNumber id = IdNumber.of(m.idNumber());
        byte[] hash = pd.idNumberHash(id);
        checkIdNumberUsable(id, hash, "idNumber", null, scope, village, householdId, "member add");
        long memberId = insertMember(householdId, village, id, hash, m.name().strip(), m, "idNumber");
        List<AuditApi.Change> ch = new ArrayList<>();
        ch.add(new AuditApi.Change("idNumber", null, id.masked()));
        ch.addAll(memberChanges(null, m));
        audit.record(AuditAction.MEMBER_ADD, householdId, memberId, village, ch, m.name().strip());
        headChanged(householdId, head);
        return memberId;
    }

    private record StoredMember(long householdId, String area, String name, String relation, String labour,
                                HealthDetails health, String schooling, boolean insurance, String status) {}

    private StoredMember lockMember(long memberId, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        return jdbc.sql("""
                select household_id, area_code, name, relation, labour_capacity, health_enc,
                       schooling_stage, medical_insurance, status
                  from member where id = :id and area_code between :lo and :hi for update""")
                .param("id", memberId).param("lo", r.lo()).param("hi", r.hi())
                .query((rs, i) -> new StoredMember(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), pd.openHealth(rs.getBytes(6)), rs.getString(7), rs.getBoolean(8),
                        rs.getString(9)))
                .optional().orElseThrow(NotFound::new);
    }

    private static List<AuditApi.Change> memberChanges(@Nullable StoredMember o, MemberCmd m) {
        List<AuditApi.Change> ch = new ArrayList<>();
        diff(ch, "name", o == null ? null : o.name(), m.name().strip());
        diff(ch, "relation", o == null ? null : o.relation(), m.relation().name());
        diff(ch, "labourCapacity", o == null ? null : o.labour(), m.labourCapacity().name());
        // health is personal information: the audit log records that it changed, never the values
        if (o == null || o.health().status() != m.health()) ch.add(new AuditApi.Change("health", null, HIDDEN));
        if (o == null ? m.disabilityGrade() != null : !Objects.equals(o.health().disabilityGrade(), m.disabilityGrade())) {
            ch.add(new AuditApi.Change("disabilityGrade", null, HIDDEN));
        }
        diff(ch, "schoolingStage", o == null ? null : o.schooling(), m.schoolingStage().name());
        diff(ch, "medicalInsurance", o == null ? null : String.valueOf(o.insurance()), String.valueOf(m.insured()));
        return ch;
    }

    @Transactional
    public void updateMember(long memberId, MemberCmd m, AreaScope scope) {
        StoredMember o = lockMember(memberId, scope);
        bumpVersion(o.householdId(), m.householdVersion(), scope);
        Object[] head = activeHead(o.householdId());
        List<AuditApi.Change> ch = memberChanges(o, m);
        if (m.relation() == cn.shouwang.core.household.Relation.HEAD && jdbc.sql("""
                select exists (select 1 from member where household_id = :h and relation = 'HEAD' and status = 'ACTIVE'
                                                      and id <> :m)""")
                .param("h", o.householdId()).param("m", memberId).query(Boolean.class).single()) {
            throw new FieldProblem("relation", "registry.head.taken");
        }
        if (!blank(m.idNumber())) {
            IdNumber id = IdNumber.of(m.idNumber());
            byte[] hash = pd.idNumberHash(id);
            byte[] oldHash = jdbc.sql("select id_number_hash from member where id = :id").param("id", memberId)
                    .query(byte[].class).single();
            if (!java.util.Arrays.equals(hash, oldHash)) {
                checkIdNumberUsable(id, hash, "idNumber", memberId, scope, o.area(), o.householdId(), "member update");
                String oldMasked = IdNumber.mask(pd.open(jdbc.sql("select id_number_enc from member where id = :id")
                        .param("id", memberId).query(byte[].class).single()));
                try {
                    jdbc.sql("""
                            update member set id_number_hash = :hash, id_number_enc = :enc, sex = :sex, birth_date = :birth
                             where id = :id""")
                            .param("hash", hash).param("enc", pd.seal(id.value()))
                            .param("sex", id.sex() == cn.shouwang.core.person.Sex.MALE ? "M" : "F")
                            .param("birth", id.birthDate()).param("id", memberId).update();
                } catch (DuplicateKeyException e) {
                    throw duplicate(e, "idNumber");
                }
                ch.add(new AuditApi.Change("idNumber", oldMasked, id.masked()));
            }
        }
        try {
            jdbc.sql("""
                    update member set name = :name, name_grams = cast(:grams as text[]), relation = :rel,
                           labour_capacity = :lab, health_enc = :health,
                           schooling_stage = :school, medical_insurance = :ins
                     where id = :id""")
                    .param("name", m.name().strip()).param("grams", NameGrams.of(o.area().substring(0, 6), m.name()))
                    .param("rel", m.relation().name()).param("lab", m.labourCapacity().name())
                    .param("health", pd.sealHealth(new HealthDetails(m.health(), m.disabilityGrade())))
                    .param("school", m.schoolingStage().name()).param("ins", m.insured())
                    .param("id", memberId).update();
        } catch (DuplicateKeyException e) {
            throw duplicate(e, "idNumber");
        }
        audit.record(AuditAction.MEMBER_UPDATE, o.householdId(), memberId, o.area(), ch, m.name().strip());
        headChanged(o.householdId(), head);
    }

    @Transactional
    public void moveMember(long memberId, MoveMemberCmd c, AreaScope scope) {
        StoredMember o = lockMember(memberId, scope);
        ScopeRange r = ScopeRange.of(scope);
        Object[] target = jdbc.sql("""
                select id, village_code from household
                 where household_no = :no and village_code between :lo and :hi""")
                .param("no", c.targetHouseholdNo().strip()).param("lo", r.lo()).param("hi", r.hi())
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional()
                .orElseThrow(() -> new FieldProblem("targetHouseholdNo", "registry.move.unknownTarget"));
        long targetId = (Long) target[0];
        String targetVillage = (String) target[1];
        if (targetId == o.householdId()) throw new FieldProblem("targetHouseholdNo", "registry.move.sameHousehold");
        if (!"ACTIVE".equals(o.status())) throw new FieldProblem("targetHouseholdNo", "registry.move.notActive");
        bumpVersion(o.householdId(), c.householdVersion(), scope);
        Object[] fromHead = activeHead(o.householdId());
        Object[] toHead = activeHead(targetId);
        jdbc.sql("update household set version = version + 1, updated_at = :now where id = :id")
                .param("now", now()).param("id", targetId).update();
        try {
            jdbc.sql("""
                    update member set household_id = :h, area_code = :a, name_grams = cast(:g as text[]), relation = :rel
                     where id = :id""")
                    .param("h", targetId).param("a", targetVillage)
                    .param("g", NameGrams.of(targetVillage.substring(0, 6), o.name()))
                    .param("rel", c.relation().name()).param("id", memberId).update();
        } catch (DuplicateKeyException e) {
            throw duplicate(e, "targetHouseholdNo");
        }
        String fromNo = jdbc.sql("select household_no from household where id = :id").param("id", o.householdId())
                .query(String.class).single();
        List<AuditApi.Change> ch = List.of(new AuditApi.Change("household", fromNo, c.targetHouseholdNo().strip()),
                new AuditApi.Change("relation", o.relation(), c.relation().name()));
        audit.record(AuditAction.MEMBER_MOVE_OUT, o.householdId(), memberId, o.area(), ch, o.name());
        audit.record(AuditAction.MEMBER_MOVE_IN, targetId, memberId, targetVillage, ch, o.name());
        headChanged(o.householdId(), fromHead);
        headChanged(targetId, toHead);
    }

    @Transactional
    public void recordDeath(long memberId, DeathCmd c, AreaScope scope) {
        StoredMember o = lockMember(memberId, scope);
        if ("DECEASED".equals(o.status())) throw new FieldProblem("date", "registry.death.already");
        bumpVersion(o.householdId(), c.householdVersion(), scope);
        Object[] head = activeHead(o.householdId());
        jdbc.sql("update member set status = 'DECEASED', status_date = :d where id = :id")
                .param("d", c.date()).param("id", memberId).update();
        events.publishEvent(new MemberDied(memberId, o.householdId(), o.area(), c.date()));
        headChanged(o.householdId(), head);
        audit.record(AuditAction.MEMBER_DEATH, o.householdId(), memberId, o.area(),
                List.of(new AuditApi.Change("status", o.status(), "DECEASED"),
                        new AuditApi.Change("statusDate", null, c.date().toString())), o.name());
    }

    /** The full id number and the birth date it carries, once; the view is audited (ID_NUMBER_VIEW). */
    @Transactional
    public Views.RevealedIdNumber revealIdNumber(long memberId, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        Object[] m = jdbc.sql("""
                        select household_id, area_code, id_number_enc, birth_date from member
                         where id = :id and area_code between :lo and :hi""")
                .param("id", memberId).param("lo", r.lo()).param("hi", r.hi())
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getBytes(3),
                        rs.getObject(4, LocalDate.class)})
                .optional().orElseThrow(NotFound::new);
        audit.record(AuditAction.ID_NUMBER_VIEW, (Long) m[0], memberId, (String) m[1], List.of(), null);
        return new Views.RevealedIdNumber(pd.open((byte[]) m[2]), (LocalDate) m[3]);
    }

    /**
     * The member's health status and disability grade (decrypted), for the audited "显示" on the household page,
     * the member form and the API; every call leaves a HEALTH_VIEW row.
     */
    @Transactional
    public HealthDetails revealHealth(long memberId, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        Object[] m = jdbc.sql("select household_id, area_code, health_enc from member where id = :id and area_code between :lo and :hi")
                .param("id", memberId).param("lo", r.lo()).param("hi", r.hi())
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getBytes(3)})
                .optional().orElseThrow(NotFound::new);
        audit.record(AuditAction.HEALTH_VIEW, (Long) m[0], memberId, (String) m[1], List.of(), null);
        return pd.openHealth((byte[]) m[2]);
    }

    /** The full phone number, once; the view is audited. */
    @Transactional
    public String revealPhone(long householdId, AreaScope scope) {
        ScopeRange r = ScopeRange.of(scope);
        Object[] h = jdbc.sql("select village_code, phone_enc from household where id = :id and village_code between :lo and :hi")
                .param("id", householdId).param("lo", r.lo()).param("hi", r.hi())
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getBytes(2)})
                .optional().orElseThrow(NotFound::new);
        if (h[1] == null) return "";
        audit.record(AuditAction.PHONE_VIEW, householdId, null, (String) h[0], List.of(), null);
        return pd.open((byte[]) h[1]);
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static @Nullable String trim(@Nullable String s) {
        return blank(s) ? null : s.strip();
    }

    // ------------------------------------------------------------------ per-capita values (household V7)

    @Override
    public List<BelowLine> belowLine(AreaScope scope, int year, Map<String, java.math.BigDecimal> todayByCounty,
                                     java.math.BigDecimal proposed) {
        return PerCapita.belowLine(streaming, scope, year, todayByCounty, proposed);
    }

    @Override
    public void newlyBelow(AreaScope scope, int year, Map<String, java.math.BigDecimal> todayByCounty,
                           java.math.BigDecimal proposed, int limit, java.util.function.Consumer<NewlyBelow> rows) {
        PerCapita.newlyBelow(streaming, scope, year, todayByCounty, proposed, limit, rows);
    }

    @Override
    public List<Integer> incomeYears(AreaScope scope) {
        return PerCapita.incomeYears(jdbc, scope);
    }
}
