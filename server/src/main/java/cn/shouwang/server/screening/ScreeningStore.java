package cn.shouwang.server.screening;

import cn.shouwang.core.person.IdNumber;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads for the pages. Every query carries the area scope in its WHERE clause. */
@Repository
class ScreeningStore {
    private final JdbcClient jdbc;
    private final PersonalDataApi personalData;

    ScreeningStore(JdbcClient jdbc, PersonalDataApi personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    record UploadRow(long id, String kind, String period, String countyCode, String fileName, String sha256, long size,
                     long rows, long rejected, String uploadedBy, OffsetDateTime uploadedAt, boolean current,
                     boolean pending) {
        /** current, pending (waiting for its uploader's confirmation) or replaced */
        public String state() { return current ? "current" : pending ? "pending" : "replaced"; }
    }

    List<UploadRow> uploads(AreaScope scope, @Nullable String period) {
        return jdbc.sql("""
                select id, kind, period, county_code, file_name, sha256, size_bytes, row_count, rejected_rows, uploaded_by,
                       uploaded_at, is_current, pending_until is not null from screening_upload
                where county_code like :s and (:p::text is null or period = :p)
                order by period desc, kind, id desc limit 500""")
                .param("s", scope.likePattern()).param("p", period)
                .query((rs, i) -> new UploadRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getString(10),
                        rs.getObject(11, OffsetDateTime.class), rs.getBoolean(12), rs.getBoolean(13))).list();
    }

    /** One upload if its county lies within the scope (the API's GET /uploads/{id}); pending ones included. */
    Optional<UploadRow> upload(long id, AreaScope scope) {
        return jdbc.sql("""
                select id, kind, period, county_code, file_name, sha256, size_bytes, row_count, rejected_rows, uploaded_by,
                       uploaded_at, is_current, pending_until is not null from screening_upload
                where id = :id and county_code like :s""")
                .param("id", id).param("s", scope.likePattern())
                .query((rs, i) -> new UploadRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getString(10),
                        rs.getObject(11, OffsetDateTime.class), rs.getBoolean(12), rs.getBoolean(13))).optional();
    }

    /** Why rows of an upload were rejected, as its check stored them (the caller has checked the scope). */
    List<UploadCheck.Reason> uploadReasons(long id) {
        return UploadCheck.Checked.parse(jdbc.sql("select reject_reasons from screening_upload where id = :id")
                .param("id", id).query(String.class).optional().orElse(null));
    }

    /** The current upload of the same period, county and kind as a pending one (what confirming replaces). */
    Optional<Long> currentBeside(long id) {
        return jdbc.sql("""
                select c.id from screening_upload p join screening_upload c on c.period = p.period
                   and c.county_code = p.county_code and c.kind = p.kind and c.is_current where p.id = :id""")
                .param("id", id).query(Long.class).optional();
    }

    record RunRow(long id, String period, String countyCode, RunStatus status, @Nullable String progress, String rules,
                  String startedBy, OffsetDateTime startedAt, @Nullable OffsetDateTime finishedAt,
                  @Nullable Long warnings, @Nullable Long newWarnings, @Nullable Long rejects, @Nullable Integer households,
                  @Nullable Integer persons, @Nullable Long millis, @Nullable String error,
                  @Nullable Integer autoOpened, @Nullable Integer autoJoined, @Nullable Integer autoRefused,
                  java.time.@Nullable LocalDate standardAsOf) {
        public boolean running() { return status.running(); }
    }

    private static final String RUN_COLUMNS = "select id, period, county_code, status, progress, rules, started_by, started_at, "
            + "finished_at, warnings, new_warnings, rejects, households, persons, millis, error, auto_opened, auto_joined, "
            + "auto_refused, standard_as_of from screening_run ";

    private static RunRow run(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new RunRow(rs.getLong(1), rs.getString(2), rs.getString(3), RunStatus.valueOf(rs.getString(4)), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class),
                rs.getObject(9, OffsetDateTime.class), (Long) rs.getObject(10), (Long) rs.getObject(11),
                (Long) rs.getObject(12), (Integer) rs.getObject(13), (Integer) rs.getObject(14), (Long) rs.getObject(15),
                rs.getString(16), (Integer) rs.getObject(17), (Integer) rs.getObject(18), (Integer) rs.getObject(19),
                rs.getObject(20, java.time.LocalDate.class));
    }

    /** Runs of counties the scope covers or lies in (a township or village sees its county's runs listed). */
    List<RunRow> runs(AreaScope scope) {
        return jdbc.sql(RUN_COLUMNS + "where county_code like :s order by id desc limit 50")
                .param("s", scope.likePattern()).query((rs, i) -> run(rs)).list();
    }

    /** A run, if its county lies within the scope. */
    Optional<RunRow> run(long id, AreaScope scope) {
        return jdbc.sql(RUN_COLUMNS + "where id = :id and county_code like :s")
                .param("id", id).param("s", scope.likePattern()).query((rs, i) -> run(rs)).optional();
    }

    /** {@code registry}: the registry read from the database (no file: the page names the registry, not a file). */
    record RunFile(String kind, @Nullable String fileName, @Nullable String sha256, String status, long read,
                   long rejected, long unmatched) {
        public boolean registry() {
            try {
                return cn.shouwang.screening.feed.FeedKind.valueOf(kind).isRegistry();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    List<RunFile> runFiles(long runId) {
        return jdbc.sql("select kind, file_name, sha256, status, read_rows, rejected, unmatched from screening_run_file "
                        + "where run_id = :r order by kind").param("r", runId)
                .query((rs, i) -> new RunFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7))).list();
    }

    record RuleCount(String rule, long warnings) {}

    List<RuleCount> runRules(long runId) {
        return jdbc.sql("select rule, warnings from screening_run_rule where run_id = :r order by rule").param("r", runId)
                .query((rs, i) -> new RuleCount(rs.getString(1), rs.getLong(2))).list();
    }

    /** An income line a run compared with: the year, yuan, the region whose line it was, since when (null: always). */
    record RunLine(int year, java.math.BigDecimal line, String areaCode, java.time.@Nullable LocalDate effectiveFrom) {}

    /** The income lines a run used, by year (kept with the run: a later 标准调整 does not change them). */
    List<RunLine> runLines(long runId) {
        return jdbc.sql("select year, line, area_code, effective_from from screening_run_line where run_id = :r order by year")
                .param("r", runId)
                .query((rs, i) -> new RunLine(rs.getInt(1), rs.getBigDecimal(2), rs.getString(3),
                        rs.getObject(4, java.time.LocalDate.class))).list();
    }

    record RejectRow(String source, int line, String reason) {}

    long rejectCount(long runId) {
        return jdbc.sql("select count(*) from screening_reject where run_id = :r").param("r", runId).query(Long.class).single();
    }

    List<RejectRow> rejects(long runId, int page, int size) {
        return jdbc.sql("select source, line, reason from screening_reject where run_id = :r order by source, line, reason "
                        + "limit :l offset :o").param("r", runId).param("l", size).param("o", (long) (page - 1) * size)
                .query((rs, i) -> new RejectRow(rs.getString(1), rs.getInt(2), rs.getString(3))).list();
    }

    /** What the list shows: a period in an area, optionally one rule, a status and an amount range (yuan). */
    record WarningFilter(String period, AreaScope area, @Nullable String rule, WarningStatus status,
                         java.math.@Nullable BigDecimal min, java.math.@Nullable BigDecimal max) {
        WarningFilter(String period, AreaScope area, @Nullable String rule) {
            this(period, area, rule, WarningStatus.ALL, null, null);
        }
    }

    /** How households are ordered on the list. */
    enum WarningSort {
        HOUSEHOLD("min(w.household_no)"),
        VILLAGE("min(w.village_code), min(w.household_no)"),
        COUNT("count(*) desc, min(w.household_no)"),
        AMOUNT("max(w.amount) desc nulls last, min(w.household_no)");

        final String order;

        WarningSort(String order) {
            this.order = order;
        }

        static WarningSort of(@Nullable String s) {
            for (WarningSort x : values()) if (x.name().equals(s)) return x;
            return HOUSEHOLD;
        }
    }

    record WarningRow(long id, String period, long householdId, String householdNo, String villageCode, String rule,
                      String maskedIdNumber, @Nullable String riskType, String source, @Nullable Integer line,
                      String detail, long firstRunId, long lastRunId, int seenCount,
                      @Nullable String intakeOutcome, @Nullable Long leadId, java.math.@Nullable BigDecimal amount,
                      String recurrence, @Nullable String dismissedReason, @Nullable String dismissedNote,
                      @Nullable String dismissedBy, @Nullable OffsetDateTime dismissedAt, boolean dismissalCarried,
                      @Nullable String assignedArea, java.time.@Nullable LocalDate assignedDue) {
        /** The one status shown: a lead first, then a dismissal, an assignment, else how often it was seen. */
        WarningStatus status() {
            if (intakeOutcome != null) return WarningStatus.LEAD;
            if (dismissedAt != null) return WarningStatus.DISMISSED;
            if (assignedArea != null) return WarningStatus.ASSIGNED;
            return WarningStatus.valueOf(recurrence);
        }
    }

    /**
     * The list's rows: screening's own table only (the household number is the warning's copy, household_no). The
     * area, period, rule, status and amount are all in the WHERE clause.
     */
    private static final String WARNING_WHERE = "from screening_warning w "
            + "where w.period = :p and w.village_code like :s and (:r::text is null or w.rule = :r) "
            + "and (:min::numeric is null or w.amount >= :min) and (:max::numeric is null or w.amount <= :max) ";

    private static String where(WarningFilter f) {
        return WARNING_WHERE + "and " + f.status().sql + " ";
    }

    private static final String WARNING_COLUMNS = "select w.id, w.period, w.household_id, coalesce(w.household_no, ''), "
            + "w.village_code, w.rule, w.id_number_enc, w.risk_type, w.source, w.line, w.detail, w.first_run_id, "
            + "w.last_run_id, w.seen_count, w.intake_outcome, w.lead_id, w.amount, w.recurrence, w.dismissed_reason, "
            + "w.dismissed_note, w.dismissed_by, w.dismissed_at, w.dismissed_from <> w.id, w.assigned_area, w.assigned_due ";

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec q, WarningFilter f) {
        return q.param("p", f.period()).param("s", f.area().likePattern()).param("r", f.rule())
                .param("min", f.min(), java.sql.Types.NUMERIC).param("max", f.max(), java.sql.Types.NUMERIC);
    }

    long countWarnings(WarningFilter f) {
        return bind(jdbc.sql("select count(*) " + where(f)), f).query(Long.class).single();
    }

    /** Households and warnings the filter shows. */
    record Totals(long households, long warnings) {}

    Totals totals(WarningFilter f) {
        return bind(jdbc.sql("select count(distinct w.household_id), count(*) " + where(f)), f)
                .query((rs, i) -> new Totals(rs.getLong(1), rs.getLong(2))).single();
    }

    /** Warnings of a period in an area per rule, most first: one grouped count on the (period, village_code, rule) index. */
    List<RuleCount> countWarningsPerRule(String period, AreaScope area) {
        return jdbc.sql("select rule, count(*) from screening_warning where period = :p and village_code like :s "
                        + "group by rule order by count(*) desc, rule")
                .param("p", period).param("s", area.likePattern())
                .query((rs, i) -> new RuleCount(rs.getString(1), rs.getLong(2))).list();
    }

    /** A household of the list with its warnings of the period (those the filter shows). */
    record HouseholdWarnings(long householdId, String householdNo, String villageCode, List<WarningRow> warnings) {}

    /**
     * One page of households (grouped, ordered and paged in SQL), each with its warnings the filter shows: one
     * query, whatever the number of warnings of the period.
     */
    List<HouseholdWarnings> households(WarningFilter f, WarningSort sort, int page, int size) {
        String sql = "with h as (select w.household_id, row_number() over (order by " + sort.order + ") as rk "
                + where(f) + "group by w.household_id order by " + sort.order + " limit :l offset :o) "
                + WARNING_COLUMNS + ", h.rk " + where(f).replaceFirst("from screening_warning w ",
                "from screening_warning w join h on h.household_id = w.household_id ")
                + "order by h.rk, w.rule, w.id";
        java.util.LinkedHashMap<Long, List<WarningRow>> byHousehold = new java.util.LinkedHashMap<>();
        bind(jdbc.sql(sql), f).param("l", size).param("o", (long) (page - 1) * size)
                .query((java.sql.ResultSet rs) -> {
                    WarningRow w = warning(rs);
                    byHousehold.computeIfAbsent(w.householdId(), k -> new java.util.ArrayList<>()).add(w);
                });
        return byHousehold.values().stream()
                .map(ws -> new HouseholdWarnings(ws.get(0).householdId(), ws.get(0).householdNo(), ws.get(0).villageCode(), ws))
                .toList();
    }

    List<WarningRow> warnings(WarningFilter f, int page, int size) {
        return bind(jdbc.sql(WARNING_COLUMNS + where(f) + "order by w.household_no, w.rule, w.id limit :l offset :o"), f)
                .param("l", size).param("o", (long) (page - 1) * size)
                .query((rs, i) -> warning(rs)).list();
    }

    /** The ids of every warning the filter shows (select-all across pages), at most {@code limit}. */
    List<Long> warningIds(WarningFilter f, int limit) {
        return bind(jdbc.sql("select w.id " + where(f) + "order by w.household_no, w.rule, w.id limit :l"), f)
                .param("l", limit).query(Long.class).list();
    }

    /** Streams every warning the filter shows (for the Excel export), in the list's order. */
    void eachWarning(WarningFilter f, WarningSort sort, Consumer<WarningRow> each) {
        String sql = "with h as (select w.household_id, row_number() over (order by " + sort.order + ") as rk "
                + where(f) + "group by w.household_id) "
                + WARNING_COLUMNS + where(f).replaceFirst("from screening_warning w ",
                "from screening_warning w join h on h.household_id = w.household_id ")
                + "order by h.rk, w.rule, w.id";
        bind(jdbc.sql(sql), f).query((java.sql.ResultSet rs) -> each.accept(warning(rs)));
    }

    void eachWarning(WarningFilter f, Consumer<WarningRow> each) {
        eachWarning(f, WarningSort.HOUSEHOLD, each);
    }

    private WarningRow warning(java.sql.ResultSet rs) throws java.sql.SQLException {
        byte[] enc = rs.getBytes(7);
        // decrypted only to mask it: the full number never leaves this method
        String masked = enc == null ? "" : IdNumber.mask(personalData.open(enc));
        return new WarningRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), masked, rs.getString(8), rs.getString(9), (Integer) rs.getObject(10), rs.getString(11),
                rs.getLong(12), rs.getLong(13), rs.getInt(14), rs.getString(15), (Long) rs.getObject(16),
                rs.getBigDecimal(17), rs.getString(18), rs.getString(19), rs.getString(20), rs.getString(21),
                rs.getObject(22, OffsetDateTime.class), rs.getBoolean(23), rs.getString(24),
                rs.getObject(25, java.time.LocalDate.class));
    }

    // ---- triage --------------------------------------------------------------------------------------------------

    /** A warning a triage action changed: for the audit, one row per household. */
    record Triaged(long id, long householdId, String villageCode, String rule, String period) {}

    /**
     * 忽略: the warnings among {@code ids} inside {@code scope} that are not yet dismissed nor turned into a lead; a
     * village monitor ({@code onlyAssigned}) only those assigned for checking. Returns what changed.
     */
    List<Triaged> dismiss(java.util.Collection<Long> ids, AreaScope scope, boolean onlyAssigned, String reason,
                          @Nullable String note, String by, OffsetDateTime at) {
        return jdbc.sql("""
                update screening_warning set dismissed_reason = :reason, dismissed_note = :note, dismissed_by = :by,
                       dismissed_at = :at, dismissed_from = id
                 where id = any(:ids) and village_code like :s and dismissed_at is null and intake_outcome is null
                   and (not :assigned or assigned_area is not null)
                returning id, household_id, village_code, rule, period""")
                .param("reason", reason).param("note", note).param("by", by).param("at", at)
                .param("ids", ids.toArray(Long[]::new)).param("s", scope.likePattern()).param("assigned", onlyAssigned)
                .query((rs, i) -> new Triaged(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list();
    }

    /** 撤销忽略: dismissed warnings inside {@code scope} become open again (their recurrence stays). */
    List<Triaged> restore(java.util.Collection<Long> ids, AreaScope scope) {
        return jdbc.sql("""
                update screening_warning set dismissed_reason = null, dismissed_note = null, dismissed_by = null,
                       dismissed_at = null, dismissed_from = null
                 where id = any(:ids) and village_code like :s and dismissed_at is not null and intake_outcome is null
                returning id, household_id, village_code, rule, period""")
                .param("ids", ids.toArray(Long[]::new)).param("s", scope.likePattern())
                .query((rs, i) -> new Triaged(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list();
    }

    /**
     * 交办核查: open warnings among {@code ids} inside {@code scope} whose village lies in {@code area} (the township or
     * village that checks them) are assigned to it with a deadline.
     */
    List<Triaged> assign(java.util.Collection<Long> ids, AreaScope scope, AreaScope area, java.time.LocalDate due,
                         String by, OffsetDateTime at) {
        return jdbc.sql("""
                update screening_warning set assigned_area = :area, assigned_due = :due, assigned_by = :by, assigned_at = :at
                 where id = any(:ids) and village_code like :s and village_code like :a
                   and dismissed_at is null and intake_outcome is null
                returning id, household_id, village_code, rule, period""")
                .param("area", area.areaCode()).param("due", due).param("by", by).param("at", at)
                .param("ids", ids.toArray(Long[]::new)).param("s", scope.likePattern()).param("a", area.likePattern())
                .query((rs, i) -> new Triaged(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list();
    }

    /** Open assignments of an area and below: a household's warnings to check, by deadline. */
    record AssignedRow(long householdId, String householdNo, String villageCode, String period, int warnings,
                       java.time.LocalDate due, String assignedArea) {}

    List<AssignedRow> assigned(AreaScope scope, int limit) {
        return jdbc.sql("""
                select household_id, min(household_no), min(village_code), period, count(*), min(assigned_due), min(assigned_area)
                  from screening_warning
                 where assigned_area like :s and dismissed_at is null and intake_outcome is null
                 group by household_id, period order by min(assigned_due), min(household_no) limit :l""")
                .param("s", scope.likePattern()).param("l", limit)
                .query((rs, i) -> new AssignedRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getObject(6, java.time.LocalDate.class), rs.getString(7))).list();
    }

    /** How many households have open assignments in the scope, and how many of them are past the deadline. */
    long[] assignedCounts(AreaScope scope, java.time.LocalDate today) {
        return jdbc.sql("""
                select count(distinct (household_id, period)),
                       count(distinct (household_id, period)) filter (where assigned_due < :today)
                  from screening_warning
                 where assigned_area like :s and dismissed_at is null and intake_outcome is null""")
                .param("s", scope.likePattern()).param("today", today)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    // ---- figures -------------------------------------------------------------------------------------------------

    /**
     * Where warnings went (a period in an area): per rule (with its source), per source (rule null) and in all (both
     * null), in one grouped query on the (period, village_code, rule) index.
     */
    record Outcomes(@Nullable String rule, @Nullable String source, long warnings, long households, long dismissed,
                    long carried, long assigned, long leads, long monitored, long open) {}

    List<Outcomes> outcomes(String period, AreaScope area) {
        return jdbc.sql("""
                select rule, source, count(*), count(distinct household_id),
                       count(*) filter (where dismissed_at is not null and intake_outcome is null),
                       count(*) filter (where dismissed_at is not null and intake_outcome is null and dismissed_from <> id),
                       count(*) filter (where assigned_area is not null and dismissed_at is null and intake_outcome is null),
                       count(*) filter (where intake_outcome in ('OPENED', 'JOINED_LEAD')),
                       count(*) filter (where intake_outcome = 'JOINED_MONITORED'),
                       count(*) filter (where dismissed_at is null and intake_outcome is null and assigned_area is null)
                  from screening_warning where period = :p and village_code like :s
                 group by grouping sets ((rule, source), (source), ())""")
                .param("p", period).param("s", area.likePattern())
                .query((rs, i) -> new Outcomes(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10))).list();
    }

    /** The leads the period's warnings went to (an area), with their rule and source: for the confirmed count. */
    record LeadOf(String rule, String source, long leadId) {}

    List<LeadOf> leads(String period, AreaScope area) {
        return jdbc.sql("select distinct rule, source, lead_id from screening_warning where period = :p "
                        + "and village_code like :s and lead_id is not null")
                .param("p", period).param("s", area.likePattern())
                .query((rs, i) -> new LeadOf(rs.getString(1), rs.getString(2), rs.getLong(3))).list();
    }

    /** What turning a warning into a lead needs; found only inside {@code scope} (the SQL holds the area). */
    record WarningForIntake(long id, String period, long householdId, String rule, @Nullable String riskType,
                            String source, @Nullable Integer line, long lastRunId, @Nullable String intakeOutcome,
                            @Nullable Long leadId, boolean dismissed) {}

    Optional<WarningForIntake> warningForIntake(long id, AreaScope scope) {
        return jdbc.sql("select id, period, household_id, rule, risk_type, source, line, last_run_id, intake_outcome, lead_id, "
                        + "dismissed_at is not null from screening_warning where id = :id and village_code like :s for update")
                .param("id", id).param("s", scope.likePattern())
                .query((rs, i) -> new WarningForIntake(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), (Integer) rs.getObject(7), rs.getLong(8), rs.getString(9),
                        (Long) rs.getObject(10), rs.getBoolean(11)))
                .optional();
    }

    /** Records where the warning went; only once (a warning already turned into a lead keeps its first record). */
    boolean markIntake(long id, String outcome, @Nullable Long leadId) {
        return jdbc.sql("update screening_warning set intake_outcome = :o, lead_id = :l where id = :id and intake_outcome is null")
                .param("o", outcome).param("l", leadId, java.sql.Types.BIGINT).param("id", id).update() == 1;
    }

    /** The latest period with warnings within the scope, to open the warnings page on. */
    Optional<String> latestPeriod(AreaScope scope) {
        return jdbc.sql("select max(period) from screening_warning where village_code like :s")
                .param("s", scope.likePattern()).query(String.class).optional();
    }
}
