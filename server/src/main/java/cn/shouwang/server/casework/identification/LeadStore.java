package cn.shouwang.server.casework.identification;

import cn.shouwang.core.area.AreaCode;
import cn.shouwang.core.casework.Actor;
import cn.shouwang.core.casework.CaseRole;
import cn.shouwang.core.casework.CaseState;
import cn.shouwang.core.casework.DisasterSubtype;
import cn.shouwang.core.casework.EliminationMethod;
import cn.shouwang.core.casework.GuaranteeFlags;
import cn.shouwang.core.casework.IncomeAssessment;
import cn.shouwang.core.casework.IncomeBreakdown;
import cn.shouwang.core.casework.JoinedReport;
import cn.shouwang.core.casework.Lead;
import cn.shouwang.core.casework.LeadChannel;
import cn.shouwang.core.casework.PublishNotice;
import cn.shouwang.core.casework.RiskTypes;
import cn.shouwang.core.casework.StepRecord;
import cn.shouwang.core.casework.VerifyHousehold;
import cn.shouwang.core.casework.Workflow;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.casework.shared.Forms;
import cn.shouwang.server.casework.shared.LeadStates;
import cn.shouwang.server.casework.shared.Scopes;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Leads and eliminations in SQL. Every read by id carries the caller's scope in its WHERE clause. */
@Repository
public class LeadStore {
    private final JdbcClient jdbc;
    private final Clock clock;

    private final HouseholdApi households;

    LeadStore(JdbcClient jdbc, Clock clock, HouseholdApi households) {
        this.households = households;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A row of a list, with what the list shows. */
    public record LeadRow(long id, Workflow workflow, @Nullable LeadChannel channel, String villageCode,
                   @Nullable Long householdId, String headName, String description, CaseState state,
                   LocalDate openedOn, LocalDate dueOn, @Nullable LocalDate fastTrackedOn, @Nullable LocalDate closedOn,
                   @Nullable String noticeBatch, int version) {}

    /** A case as loaded: the domain object plus the stored version for optimistic locking. */
    public record Loaded(Lead lead, LeadRow row) {}

    private static final String ROW_COLUMNS = "id, workflow, channel, village_code, household_id, head_name, description, "
            + "state, opened_on, due_on, fast_tracked_on, closed_on, notice_batch, version";

    private static LeadRow row(ResultSet rs) throws SQLException {
        String ch = rs.getString("channel");
        long hh = rs.getLong("household_id");
        Long household = rs.wasNull() ? null : hh;
        return new LeadRow(rs.getLong("id"), Workflow.valueOf(rs.getString("workflow")),
                ch == null ? null : LeadChannel.valueOf(ch), rs.getString("village_code"), household,
                rs.getString("head_name"), rs.getString("description"), CaseState.valueOf(rs.getString("state")),
                rs.getObject("opened_on", LocalDate.class), rs.getObject("due_on", LocalDate.class),
                rs.getObject("fast_tracked_on", LocalDate.class), rs.getObject("closed_on", LocalDate.class),
                rs.getString("notice_batch"), rs.getInt("version"));
    }

    public long nextId() {
        return jdbc.sql("select nextval('lead_id_seq')").query(Long.class).single();
    }

    public void insert(Lead l, LocalDate dueOn, byte @Nullable [] phoneEnc, byte @Nullable [] idEnc, byte @Nullable [] idHash) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into lead (id, workflow, channel, village_code, household_id, head_name, description, suggested_risks,
                  source_ref, reporter_phone_enc, reporter_id_enc, reporter_id_hash, opened_on, opened_by, opened_by_name,
                  state, due_on, created_at, updated_at)
                values (:id, :wf, :ch, :v, :hh, :head, :desc, :risks, :src, :phone, :idenc, :idhash, :opened, :by, :byName,
                  :state, :due, :now, :now)""")
                .param("id", l.id()).param("wf", l.workflow().name())
                .param("ch", l.channel() == null ? null : l.channel().name())
                .param("v", l.village().value()).param("hh", l.householdId()).param("head", l.headName())
                .param("desc", l.description()).param("risks", l.suggestedRisks().toArray(String[]::new))
                .param("src", l.sourceRef()).param("phone", phoneEnc).param("idenc", idEnc).param("idhash", idHash)
                .param("opened", l.openedOn())
                .param("by", l.openedBy() == null ? null : l.openedBy().id())
                .param("byName", l.openedBy() == null ? null : l.openedBy().name())
                .param("state", l.state().name()).param("due", dueOn).param("now", now)
                .update();
    }

    public Optional<Loaded> find(long id, AreaScope scope) {
        Scopes s = Scopes.of(scope);
        Optional<LeadRow> row = jdbc.sql("select " + ROW_COLUMNS + " from lead where id = :id and village_code between :lo and :hi")
                .param("id", id).param("lo", s.lo()).param("hi", s.hi())
                .query((rs, i) -> row(rs)).optional();
        return row.map(r -> new Loaded(restore(r), r));
    }

    /** What a report with a client key (the field form's idempotency key) stored: a lead, or a joined report. */
    public record Keyed(@Nullable Long leadId, @Nullable Long householdId, boolean joined) {}

    /**
     * Makes tries with one client key wait for each other until the first commits, so that a queue sent twice at
     * once stores one report and answers every try with it (without the lock both tries find nothing and race).
     */
    public void lockClientKey(java.util.UUID key) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('casework.lead.client_key ' || :k, 0))")
                .param("k", key.toString()).query((rs, i) -> 1).list();
    }

    /**
     * Makes reports on one household wait for each other until the first commits: the second then joins the lead the
     * first opened instead of failing on the one-open-lead-per-household index.
     */
    public void lockHousehold(long householdId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('casework.intake ' || :h, 0))")
                .param("h", householdId).query((rs, i) -> 1).list();
    }

    /** The lead or the joined report that keeps this client key, if a report with it was stored before. */
    public Optional<Keyed> byClientKey(java.util.UUID key) {
        Optional<Keyed> lead = jdbc.sql("select id, household_id from lead where client_key = :k").param("k", key)
                .query((rs, i) -> new Keyed(rs.getLong(1), (Long) rs.getObject(2), false)).optional();
        if (lead.isPresent()) return lead;
        return jdbc.sql("select lead_id, household_id from lead_report where client_key = :k").param("k", key)
                .query((rs, i) -> new Keyed((Long) rs.getObject(1), (Long) rs.getObject(2), true)).optional();
    }

    /** Gives the lead just opened, or the household's report just joined (this transaction's last), its client key. */
    public void keepClientKey(boolean joined, long id, long householdId, java.util.UUID key) {
        if (!joined) {
            jdbc.sql("update lead set client_key = :k where id = :id").param("k", key).param("id", id).update();
        } else {
            jdbc.sql("""
                    update lead_report set client_key = :k
                     where id = (select max(id) from lead_report where household_id = :h)""")
                    .param("k", key).param("h", householdId).update();
        }
    }

    /** The open identification lead of each household of the scope that has one (household id → lead id). */
    public java.util.Map<Long, Long> openLeadsIn(AreaScope scope) {
        Scopes s = Scopes.of(scope);
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        jdbc.sql("select household_id, id from lead where household_id is not null and workflow = 'IDENTIFICATION' and "
                        + LeadStates.OPEN + " and village_code between :lo and :hi")
                .param("lo", s.lo()).param("hi", s.hi())
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> out.put(rs.getLong(1), rs.getLong(2)));
        return out;
    }

    /** Who opened an open lead and when (the offline queue's conflict shows it). */
    public record Opener(long leadId, LocalDate openedOn, @Nullable String openedBy, @Nullable String openedByName) {}

    public Optional<Opener> openIdentification(long householdId, AreaScope scope) {
        Scopes s = Scopes.of(scope);
        return jdbc.sql("select id, opened_on, opened_by, opened_by_name from lead where household_id = :h"
                        + " and workflow = 'IDENTIFICATION' and " + LeadStates.OPEN + " and village_code between :lo and :hi")
                .param("h", householdId).param("lo", s.lo()).param("hi", s.hi())
                .query((rs, i) -> new Opener(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getString(4))).optional();
    }

    /** The household's open case of a workflow, if any (for joining). */
    public Optional<Long> openCase(long householdId, Workflow w) {
        return jdbc.sql("select id from lead where household_id = :h and workflow = :w and " + LeadStates.OPEN)
                .param("h", householdId).param("w", w.name()).query(Long.class).optional();
    }

    private Lead restore(LeadRow r) {
        Object[] extra = jdbc.sql("select suggested_risks, source_ref, opened_by, opened_by_name, rejection_reason, "
                        + "notice_from, notice_to from lead where id = :id")
                .param("id", r.id())
                .query((rs, i) -> new Object[] {strings(rs.getArray(1)), rs.getString(2), rs.getObject(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class)})
                .single();
        AreaCode village = new AreaCode(r.villageCode());
        List<StepRecord> steps = jdbc.sql("select action, from_state, to_state, actor_id, actor_name, actor_role, actor_area, "
                        + "on_date, recorded_at, note from lead_step where lead_id = :id order by seq")
                .param("id", r.id())
                .query((rs, i) -> new StepRecord(cn.shouwang.core.casework.CaseAction.valueOf(rs.getString(1)),
                        CaseState.valueOf(rs.getString(2)), CaseState.valueOf(rs.getString(3)),
                        new Actor(rs.getString(4), rs.getString(5), CaseRole.valueOf(rs.getString(6)),
                                new AreaCode(rs.getString(7))),
                        rs.getObject(8, LocalDate.class), rs.getTimestamp(9).toInstant(), rs.getString(10)))
                .list();
        List<JoinedReport> joined = jdbc.sql("select channel, reported_on, description, risk_codes, source_ref, reported_by "
                        + "from lead_report where lead_id = :id order by id")
                .param("id", r.id())
                .query((rs, i) -> new JoinedReport(LeadChannel.valueOf(rs.getString(1)), rs.getObject(2, LocalDate.class),
                        rs.getString(3), strings(rs.getArray(4)), rs.getString(5), rs.getString(6)))
                .list();
        VerifyHousehold v = latestVerification(r.id(), village).orElse(null);
        Actor openedBy = null;
        if (extra[2] != null) {
            // the opener's role and area are not needed by any rule; the record keeps who it was
            openedBy = new Actor(String.valueOf(extra[2]), (String) extra[3], CaseRole.VILLAGE_MONITOR, village);
        }
        PublishNotice notice = null;
        if (extra[5] != null) {
            Actor by = steps.stream().filter(s -> s.action() == cn.shouwang.core.casework.CaseAction.PUBLISH_NOTICE)
                    .reduce((a, b) -> b).map(StepRecord::by).orElse(new Actor("0", "-", CaseRole.VILLAGE_MONITOR, village));
            notice = new PublishNotice(by, (LocalDate) extra[5], (LocalDate) extra[6], r.noticeBatch() == null ? "-" : r.noticeBatch());
        }
        @SuppressWarnings("unchecked") List<String> risks = (List<String>) extra[0];
        return Lead.restore(r.id(), r.workflow(), r.channel(), village, r.householdId(), r.headName(), r.description(),
                risks, (String) extra[1], r.openedOn(), openedBy, r.state(), steps, joined, v, notice,
                r.fastTrackedOn(), (String) extra[4], r.closedOn());
    }

    Optional<VerifyHousehold> latestVerification(long leadId, AreaCode village) {
        return jdbc.sql("select * from lead_verification where lead_id = :id order by id desc limit 1")
                .param("id", leadId)
                .query((rs, i) -> verification(rs, village)).optional();
    }

    static VerifyHousehold verification(ResultSet rs, AreaCode village) throws SQLException {
        String sub = rs.getString("disaster_subtype");
        String method = rs.getString("elimination_method");
        return new VerifyHousehold(
                new Actor(rs.getString("actor_id"), rs.getString("actor_name"), CaseRole.VILLAGE_MONITOR, village),
                rs.getObject("visited_on", LocalDate.class), rs.getString("findings"),
                new IncomeBreakdown(rs.getBigDecimal("wages"), rs.getBigDecimal("business"), rs.getBigDecimal("property"),
                        rs.getBigDecimal("transfers"), rs.getBigDecimal("production_costs")),
                rs.getBigDecimal("eligible_out_of_pocket"), rs.getInt("household_size"),
                new GuaranteeFlags(rs.getBoolean("housing_unsafe"), rs.getBoolean("child_out_of_school"),
                        rs.getBoolean("water_unsafe"), rs.getBoolean("member_uninsured")),
                new RiskTypes(strings(rs.getArray("risk_types")), sub == null ? null : DisasterSubtype.valueOf(sub)),
                rs.getString("category"), rs.getBoolean("rigid_costs_resolved"), rs.getBoolean("consent_signed"),
                method == null ? null : EliminationMethod.valueOf(method));
    }

    public static List<String> strings(@Nullable Array a) throws SQLException {
        if (a == null) return List.of();
        return new ArrayList<>(Arrays.asList((String[]) a.getArray()));
    }

    /**
     * Writes what a step changed: the new log line, the case's state (only if nobody changed it since it was
     * read — else false), and the verification if the step was one.
     */
    public boolean saveStep(Lead before, Lead after, int version, @Nullable IncomeAssessment assessment) {
        Timestamp now = Timestamp.from(clock.instant());
        int n = jdbc.sql("""
                update lead set state = :state, fast_tracked_on = :ft, rejection_reason = :reason, closed_on = :closed,
                  notice_from = :nf, notice_to = :nt, notice_batch = :nb, version = version + 1, updated_at = :now
                where id = :id and version = :version""")
                .param("state", after.state().name()).param("ft", after.fastTrackedOn())
                .param("reason", after.rejectionReason()).param("closed", after.closedOn())
                .param("nf", after.notice() == null ? null : after.notice().from())
                .param("nt", after.notice() == null ? null : after.notice().to())
                .param("nb", after.notice() == null ? null : after.notice().batch())
                .param("now", now).param("id", after.id()).param("version", version)
                .update();
        if (n == 0) return false;
        StepRecord s = after.lastStep();
        if (s == null) throw new IllegalStateException("no step");
        jdbc.sql("""
                insert into lead_step (lead_id, seq, action, from_state, to_state, actor_id, actor_name, actor_role, actor_area,
                  on_date, recorded_at, note)
                values (:lead, :seq, :action, :from, :to, :aid, :aname, :arole, :aarea, :on, :at, :note)""")
                .param("lead", after.id()).param("seq", after.steps().size()).param("action", s.action().name())
                .param("from", s.from().name()).param("to", s.to().name()).param("aid", s.by().id())
                .param("aname", s.by().name()).param("arole", s.by().role().name()).param("aarea", s.by().area().value())
                .param("on", s.on()).param("at", Timestamp.from(s.recordedAt())).param("note", s.note())
                .update();
        VerifyHousehold v = after.verification();
        if (v != null && v != before.verification() && assessment != null) {
            jdbc.sql("""
                    insert into lead_verification (lead_id, household_id, village_code, visited_on, findings, wages, business,
                      property, transfers, production_costs, eligible_out_of_pocket, household_size, per_capita,
                      comparison_value, income_line, housing_unsafe, child_out_of_school, water_unsafe, member_uninsured,
                      risk_types, disaster_subtype, category, rigid_costs_resolved, consent_signed, elimination_method,
                      actor_id, actor_name, recorded_at)
                    values (:lead, :hh, :v, :on, :findings, :w, :b, :p, :t, :pc, :oop, :size, :pcap, :cmp, :line, :hu, :cos,
                      :wu, :mu, :risks, :sub, :cat, :rigid, :consent, :method, :aid, :aname, :at)""")
                    .param("lead", after.id()).param("hh", after.householdId()).param("v", after.village().value())
                    .param("on", v.on()).param("findings", v.findings())
                    .param("w", v.income().wages()).param("b", v.income().business()).param("p", v.income().property())
                    .param("t", v.income().transfers()).param("pc", v.income().productionCosts())
                    .param("oop", v.eligibleOutOfPocket()).param("size", v.householdSize())
                    .param("pcap", assessment.perCapita()).param("cmp", assessment.comparisonValue())
                    .param("line", assessment.line())
                    .param("hu", v.guarantees().housingUnsafe()).param("cos", v.guarantees().childOutOfSchool())
                    .param("wu", v.guarantees().waterUnsafe()).param("mu", v.guarantees().memberUninsured())
                    .param("risks", v.riskTypes().codes().toArray(String[]::new))
                    .param("sub", v.riskTypes().disasterSubtype() == null ? null : v.riskTypes().disasterSubtype().name())
                    .param("cat", v.category()).param("rigid", v.rigidCostsResolved()).param("consent", v.consentSigned())
                    .param("method", v.eliminationMethod() == null ? null : v.eliminationMethod().name())
                    .param("aid", v.by().id()).param("aname", v.by().name()).param("at", now)
                    .update();
        }
        return true;
    }

    public void addReport(@Nullable Long leadId, @Nullable Long householdId, String villageCode, JoinedReport r) {
        jdbc.sql("""
                insert into lead_report (lead_id, household_id, village_code, channel, reported_on, description, risk_codes,
                  source_ref, reported_by, created_at)
                values (:lead, :hh, :v, :ch, :on, :desc, :risks, :src, :by, :now)""")
                .param("lead", leadId).param("hh", householdId).param("v", villageCode)
                .param("ch", r.channel().name()).param("on", r.reportedOn()).param("desc", r.description())
                .param("risks", r.riskCodes().toArray(String[]::new)).param("src", r.sourceRef())
                .param("by", r.reportedBy()).param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * Where a self-report's reference leads within the scope: the lead it opened or joined, or the monitored household
     * it was added to; empty when there is no such report in the scope.
     */
    Optional<String> selfReportPlace(String reference, AreaScope scope) {
        Scopes s = Scopes.of(scope);
        Optional<Long> lead = jdbc.sql("""
                select id from lead where source_ref = :r and channel = 'SELF_REPORT' and village_code between :lo and :hi""")
                .param("r", reference).param("lo", s.lo()).param("hi", s.hi()).query(Long.class).optional();
        if (lead.isPresent()) return Optional.of("/leads/" + lead.get());
        return jdbc.sql("""
                select lead_id, household_id from lead_report
                 where source_ref = :r and channel = 'SELF_REPORT' and village_code between :lo and :hi""")
                .param("r", reference).param("lo", s.lo()).param("hi", s.hi())
                .query((rs, i) -> rs.getObject(1) != null ? "/leads/" + rs.getLong(1) : "/monitored/" + rs.getLong(2))
                .optional();
    }

    /** Filters of the lead list. {@code urgency}: "overdue", "soon" or null. */
    record Filter(Workflow workflow, @Nullable String state, boolean openOnly, @Nullable String urgency, @Nullable String q) {}

    /** The lead list's sortable columns (request key → SQL). */
    static final Map<String, String> SORTS = Map.of("no", "id", "village", "village_code", "head", "head_name",
            "opened", "opened_on", "state", "state", "due", "due_on");

    List<LeadRow> list(AreaScope scope, Filter f, LocalDate today, LocalDate soonUntil, int page, int size) {
        return list(scope, f, today, soonUntil, page, size, null, null);
    }

    List<LeadRow> list(AreaScope scope, Filter f, LocalDate today, LocalDate soonUntil, int page, int size,
                       @Nullable String sort, @Nullable String dir) {
        StringBuilder where = new StringBuilder();
        String order = Forms.orderBy(sort, dir, SORTS, "(" + LeadStates.CLOSED + "), due_on, id", "id");
        JdbcClient.StatementSpec spec = jdbc.sql("select " + ROW_COLUMNS + " from lead " + where(scope, f, today, soonUntil, where)
                + " order by " + order + " limit :limit offset :offset");
        return bind(spec, scope, f, today, soonUntil).param("limit", size).param("offset", (page - 1) * size)
                .query((rs, i) -> row(rs)).list();
    }

    int count(AreaScope scope, Filter f, LocalDate today, LocalDate soonUntil) {
        JdbcClient.StatementSpec spec = jdbc.sql("select count(*) from lead " + where(scope, f, today, soonUntil, new StringBuilder()));
        return bind(spec, scope, f, today, soonUntil).query(Integer.class).single();
    }

    private static String where(AreaScope scope, Filter f, LocalDate today, LocalDate soonUntil, StringBuilder w) {
        w.append("where village_code between :lo and :hi and workflow = :wf");
        if (f.openOnly()) w.append(" and " + LeadStates.OPEN);
        if (f.state() != null) w.append(" and state = :state");
        if ("overdue".equals(f.urgency())) w.append(" and " + LeadStates.OPEN + " and due_on < :today");
        if ("soon".equals(f.urgency())) w.append(" and " + LeadStates.OPEN + " and due_on >= :today and due_on <= :soon");
        if (f.q() != null) w.append(" and head_name like :q");
        return w.toString();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, AreaScope scope, Filter f, LocalDate today,
                                                 LocalDate soonUntil) {
        Scopes s = Scopes.of(scope);
        spec = spec.param("lo", s.lo()).param("hi", s.hi()).param("wf", f.workflow().name());
        if (f.state() != null) spec = spec.param("state", f.state());
        if ("overdue".equals(f.urgency()) || "soon".equals(f.urgency())) spec = spec.param("today", today);
        if ("soon".equals(f.urgency())) spec = spec.param("soon", soonUntil);
        if (f.q() != null) spec = spec.param("q", "%" + f.q().replace("%", "").replace("_", "") + "%");
        return spec;
    }

    /** Open and overdue identification leads per direct child area of the scope (township per county, …). */
    public record AreaCount(String areaCode, int open, int overdue) {}

    public List<AreaCount> countsByChild(AreaScope scope, LocalDate today) {
        Scopes s = Scopes.of(scope);
        int len = Math.min(12, childPrefixLength(scope.prefix().length()));
        return jdbc.sql("""
                select rpad(substr(village_code, 1, :len), 12, '0') as area, count(*) as open,
                       count(*) filter (where due_on < :today) as overdue
                from lead where village_code between :lo and :hi and workflow = 'IDENTIFICATION'
                  and\s""" + LeadStates.OPEN + " group by 1 order by 1")
                .param("len", len).param("today", today).param("lo", s.lo()).param("hi", s.hi())
                .query((rs, i) -> new AreaCount(rs.getString(1), rs.getInt(2), rs.getInt(3))).list();
    }

    private static int childPrefixLength(int prefixLength) {
        return switch (prefixLength) {
            case 2 -> 4;
            case 4 -> 6;
            case 6 -> 9;
            default -> 12;
        };
    }

    /** The cases printed on one notice: one village, one batch. */
    List<LeadRow> noticeBatch(AreaScope scope, String villageCode, String batch) {
        Scopes s = Scopes.of(scope);
        return jdbc.sql("select " + ROW_COLUMNS + " from lead where village_code = :v and village_code between :lo and :hi "
                        + "and notice_batch = :b order by head_name, id")
                .param("v", villageCode).param("lo", s.lo()).param("hi", s.hi()).param("b", batch)
                .query((rs, i) -> row(rs)).list();
    }

    List<StepRecord> steps(long leadId) {
        return restoreSteps(leadId);
    }

    private List<StepRecord> restoreSteps(long leadId) {
        return jdbc.sql("select action, from_state, to_state, actor_id, actor_name, actor_role, actor_area, on_date, "
                        + "recorded_at, note from lead_step where lead_id = :id order by seq")
                .param("id", leadId)
                .query((rs, i) -> new StepRecord(cn.shouwang.core.casework.CaseAction.valueOf(rs.getString(1)),
                        CaseState.valueOf(rs.getString(2)), CaseState.valueOf(rs.getString(3)),
                        new Actor(rs.getString(4), rs.getString(5), CaseRole.valueOf(rs.getString(6)),
                                new AreaCode(rs.getString(7))),
                        rs.getObject(8, LocalDate.class), rs.getTimestamp(9).toInstant(), rs.getString(10)))
                .list();
    }

    /** The verification figures for the detail page. */
    record VerificationView(LocalDate visitedOn, String findings, java.math.BigDecimal perCapita,
                            java.math.BigDecimal comparisonValue, java.math.BigDecimal line, int householdSize,
                            List<String> riskTypes, String category, boolean housingUnsafe, boolean childOutOfSchool,
                            boolean waterUnsafe, boolean memberUninsured, boolean consentSigned) {}

    Optional<VerificationView> verificationView(long leadId) {
        return jdbc.sql("select * from lead_verification where lead_id = :id order by id desc limit 1")
                .param("id", leadId)
                .query((rs, i) -> new VerificationView(rs.getObject("visited_on", LocalDate.class), rs.getString("findings"),
                        rs.getBigDecimal("per_capita"), rs.getBigDecimal("comparison_value"), rs.getBigDecimal("income_line"),
                        rs.getInt("household_size"), strings(rs.getArray("risk_types")), rs.getString("category"),
                        rs.getBoolean("housing_unsafe"), rs.getBoolean("child_out_of_school"), rs.getBoolean("water_unsafe"),
                        rs.getBoolean("member_uninsured"), rs.getBoolean("consent_signed")))
                .optional();
    }

    /** Another case of the same household, for the lead page: how it went and, if rejected, why. */
    record OtherCase(LeadRow row, @Nullable String rejectionReason) {}

    /** The household's other cases inside the scope, newest first. */
    List<OtherCase> otherCases(long householdId, long exceptLeadId, AreaScope scope) {
        Scopes s = Scopes.of(scope);
        return jdbc.sql("select " + ROW_COLUMNS + ", rejection_reason from lead where household_id = :h and id <> :id "
                        + "and village_code between :lo and :hi order by opened_on desc, id desc")
                .param("h", householdId).param("id", exceptLeadId).param("lo", s.lo()).param("hi", s.hi())
                .query((rs, i) -> new OtherCase(row(rs), rs.getString("rejection_reason"))).list();
    }

    /** Links an unmatched lead to its household, if nobody changed the lead since it was read. */
    public boolean setHousehold(long leadId, int version, long householdId) {
        return jdbc.sql("update lead set household_id = :h, version = version + 1, updated_at = :now "
                        + "where id = :id and version = :v and household_id is null")
                .param("h", householdId).param("now", Timestamp.from(clock.instant())).param("id", leadId)
                .param("v", version).update() == 1;
    }

    @Nullable String villageGroup(long householdId) {
        return households.villageGroup(householdId).orElse(null);
    }
}
