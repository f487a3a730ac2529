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

    record WarningFilter(String period, AreaScope area, @Nullable String rule) {}

    record WarningRow(long id, String period, long householdId, String householdNo, String villageCode, String rule,
                      String maskedIdNumber, @Nullable String riskType, String source, @Nullable Integer line,
                      String detail, long firstRunId, long lastRunId, int seenCount,
                      @Nullable String intakeOutcome, @Nullable Long leadId) {}

    /** The list's rows: screening's own table only (the household number is the warning's copy, household_no). */
    private static final String WARNING_WHERE = "from screening_warning w "
            + "where w.period = :p and w.village_code like :s and (:r::text is null or w.rule = :r) ";

    private static final String WARNING_COLUMNS = "select w.id, w.period, w.household_id, coalesce(w.household_no, ''), "
            + "w.village_code, w.rule, w.id_number_enc, w.risk_type, w.source, w.line, w.detail, w.first_run_id, "
            + "w.last_run_id, w.seen_count, w.intake_outcome, w.lead_id ";

    long countWarnings(WarningFilter f) {
        return jdbc.sql("select count(*) " + WARNING_WHERE).param("p", f.period()).param("s", f.area().likePattern())
                .param("r", f.rule()).query(Long.class).single();
    }

    /** Warnings of a period in an area per rule, most first: one grouped count on the (period, village_code, rule) index. */
    List<RuleCount> countWarningsPerRule(String period, AreaScope area) {
        return jdbc.sql("select rule, count(*) from screening_warning where period = :p and village_code like :s "
                        + "group by rule order by count(*) desc, rule")
                .param("p", period).param("s", area.likePattern())
                .query((rs, i) -> new RuleCount(rs.getString(1), rs.getLong(2))).list();
    }

    List<WarningRow> warnings(WarningFilter f, int page, int size) {
        return jdbc.sql(WARNING_COLUMNS + WARNING_WHERE + "order by w.household_no, w.rule, w.id limit :l offset :o")
                .param("p", f.period()).param("s", f.area().likePattern()).param("r", f.rule())
                .param("l", size).param("o", (long) (page - 1) * size)
                .query((rs, i) -> warning(rs)).list();
    }

    /** Streams every warning the filter shows (for the Excel export). */
    void eachWarning(WarningFilter f, Consumer<WarningRow> each) {
        jdbc.sql(WARNING_COLUMNS + WARNING_WHERE + "order by w.household_no, w.rule, w.id")
                .param("p", f.period()).param("s", f.area().likePattern()).param("r", f.rule())
                .query((java.sql.ResultSet rs) -> each.accept(warning(rs)));
    }

    private WarningRow warning(java.sql.ResultSet rs) throws java.sql.SQLException {
        byte[] enc = rs.getBytes(7);
        // decrypted only to mask it: the full number never leaves this method
        String masked = enc == null ? "" : IdNumber.mask(personalData.open(enc));
        return new WarningRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                rs.getString(6), masked, rs.getString(8), rs.getString(9), (Integer) rs.getObject(10), rs.getString(11),
                rs.getLong(12), rs.getLong(13), rs.getInt(14), rs.getString(15), (Long) rs.getObject(16));
    }

    /** What turning a warning into a lead needs; found only inside {@code scope} (the SQL holds the area). */
    record WarningForIntake(long id, String period, long householdId, String rule, @Nullable String riskType,
                            String source, @Nullable Integer line, long lastRunId, @Nullable String intakeOutcome,
                            @Nullable Long leadId) {}

    Optional<WarningForIntake> warningForIntake(long id, AreaScope scope) {
        return jdbc.sql("select id, period, household_id, rule, risk_type, source, line, last_run_id, intake_outcome, lead_id "
                        + "from screening_warning where id = :id and village_code like :s for update")
                .param("id", id).param("s", scope.likePattern())
                .query((rs, i) -> new WarningForIntake(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), (Integer) rs.getObject(7), rs.getLong(8), rs.getString(9),
                        (Long) rs.getObject(10)))
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
