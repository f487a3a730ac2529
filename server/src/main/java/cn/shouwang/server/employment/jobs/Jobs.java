package cn.shouwang.server.employment.jobs;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.employment.Access.Range;
import cn.shouwang.server.employment.Access.Refused;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdIncomeApi;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Public-welfare jobs (公益岗位) and their paid months. Every read takes the area in its WHERE; a paid month is one wage
 * line, credited in the same transaction to the household's WAGES income of the month's year (source
 * {@value #SOURCE}, ref {@code job-wage-<id>}), once: the line is unique per job and month.
 */
@Service
public class Jobs {
    public static final String SOURCE = "PUBLIC_WELFARE_JOB";
    /** The measure groups a job may back. */
    static final Set<String> MEASURE_GROUPS = Set.of("PUBLIC_WELFARE_JOB", "EMPLOYMENT");

    private final JdbcClient jdbc;
    private final HouseholdApi households;
    private final HouseholdIncomeApi incomes;
    private final CaseworkApi casework;
    private final AuditApi audit;
    private final Clock clock;

    Jobs(JdbcClient jdbc, HouseholdApi households, HouseholdIncomeApi incomes, CaseworkApi casework, AuditApi audit,
         Clock clock) {
        this.jdbc = jdbc;
        this.households = households;
        this.incomes = incomes;
        this.casework = casework;
        this.audit = audit;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public record Job(long id, String post, String villageCode, String fundingLevel, BigDecimal monthlyPay,
                      long householdId, long memberId, LocalDate startOn, @Nullable LocalDate endOn,
                      @Nullable Long measureId, int version, int paidMonths, BigDecimal paidTotal) {
        public boolean activeOn(LocalDate day) {
            return !startOn.isAfter(day) && (endOn == null || !endOn.isBefore(day));
        }
    }

    public record Wage(long id, LocalDate month, BigDecimal amount, LocalDate paidOn) {}

    /** A list's filter: the area, the funding level (null: any), only jobs held today (null: all, false: ended). */
    public record Filter(AreaScope area, @Nullable String fundingLevel, @Nullable Boolean active, int year) {}

    private static final String SELECT = """
            select j.*, (select count(*) from welfare_job_wage w where w.job_id = j.id) as paid_months,
                   (select coalesce(sum(amount), 0) from welfare_job_wage w where w.job_id = j.id
                     and extract(year from w.month) = :year) as paid_total
              from welfare_job j""";

    private static Job job(ResultSet rs, int i) throws SQLException {
        return new Job(rs.getLong("id"), rs.getString("post"), rs.getString("village_code"),
                rs.getString("funding_level"), rs.getBigDecimal("monthly_pay"), rs.getLong("household_id"),
                rs.getLong("member_id"), rs.getObject("start_on", LocalDate.class),
                rs.getObject("end_on", LocalDate.class), (Long) rs.getObject("measure_id"), rs.getInt("version"),
                rs.getInt("paid_months"), rs.getBigDecimal("paid_total"));
    }

    private String where(Filter f, java.util.Map<String, Object> params) {
        Range r = Range.of(f.area());
        params.put("lo", r.lo());
        params.put("hi", r.hi());
        params.put("today", today());
        params.put("year", f.year());
        StringBuilder w = new StringBuilder(" where j.village_code between :lo and :hi");
        if (f.fundingLevel() != null) {
            w.append(" and j.funding_level = :level");
            params.put("level", f.fundingLevel());
        }
        if (Boolean.TRUE.equals(f.active())) w.append(" and j.start_on <= :today and (j.end_on is null or j.end_on >= :today)");
        if (Boolean.FALSE.equals(f.active())) w.append(" and (j.end_on < :today or j.start_on > :today)");
        return w.toString();
    }

    public int count(Filter f) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        String w = where(f, p);
        return jdbc.sql("select count(*) from welfare_job j" + w).params(p).query(Integer.class).single();
    }

    public List<Job> list(Filter f, int page, int size) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        String w = where(f, p);
        p.put("limit", size);
        p.put("offset", (long) (page - 1) * size);
        return jdbc.sql(SELECT + w + " order by j.village_code, j.post, j.id limit :limit offset :offset").params(p)
                .query(Jobs::job).list();
    }

    public Optional<Job> find(long id, AreaScope scope, int year) {
        Range r = Range.of(scope);
        return jdbc.sql(SELECT + " where j.id = :id and j.village_code between :lo and :hi")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi()).param("year", year)
                .query(Jobs::job).optional();
    }

    public List<Wage> wages(long jobId) {
        return jdbc.sql("select id, month, amount, paid_on from welfare_job_wage where job_id = :j order by month desc")
                .param("j", jobId).query((rs, i) -> new Wage(rs.getLong(1), rs.getObject(2, LocalDate.class),
                        rs.getBigDecimal(3), rs.getObject(4, LocalDate.class))).list();
    }

    /** The jobs of a household within the scope (the measure backings, the household's lines). */
    public List<Job> ofHousehold(long householdId, AreaScope scope) {
        Range r = Range.of(scope);
        return jdbc.sql(SELECT + " where j.household_id = :h and j.village_code between :lo and :hi order by j.start_on")
                .param("h", householdId).param("lo", r.lo()).param("hi", r.hi()).param("year", today().getYear())
                .query(Jobs::job).list();
    }

    /** The household's jobs that back a plan measure (MeasureBackingApi: the caller has checked the household's scope). */
    public List<Job> backingMeasures(long householdId) {
        return jdbc.sql(SELECT + " where j.household_id = :h and j.measure_id is not null order by j.start_on")
                .param("h", householdId).param("year", today().getYear()).query(Jobs::job).list();
    }

    /**
     * Records a job for a registry member inside the writer's scope; the job's village is the member's household's. A
     * measure, if given, must be one of that household's plan measures of group 公益岗位 or 就业帮扶.
     */
    @Transactional
    public long create(JobCmd c, AreaScope scope) {
        HouseholdApi.MemberRef m = households.memberRefs(List.of(c.memberId()), scope).get(c.memberId());
        if (m == null) throw new Refused("employment.refused.person");
        if (!"ACTIVE".equals(m.status())) throw new Refused("employment.refused.personInactive", m.name());
        if (c.endOn() != null && c.endOn().isBefore(c.startOn())) throw new Refused("employment.refused.endBeforeStart");
        checkMeasure(c.measureId(), m.householdId(), scope);
        CurrentUser by = CurrentUsers.find();
        long id = jdbc.sql("""
                insert into welfare_job (post, village_code, funding_level, monthly_pay, household_id, member_id,
                                         start_on, end_on, measure_id, created_by, created_at)
                values (:post, :v, :level, :pay, :h, :m, :start, :end, :measure, :by, :now) returning id""")
                .param("post", c.post().strip()).param("v", m.villageCode()).param("level", c.fundingLevel().name())
                .param("pay", c.monthlyPay()).param("h", m.householdId()).param("m", m.id())
                .param("start", c.startOn()).param("end", c.endOn()).param("measure", c.measureId())
                .param("by", by == null ? null : by.accountId()).param("now", Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.record(AuditAction.JOB_CREATE, m.householdId(), m.id(), m.villageCode(), List.of(
                new AuditApi.Change("post", null, c.post().strip()),
                new AuditApi.Change("monthlyPay", null, c.monthlyPay().toPlainString())), "job " + id);
        return id;
    }

    void checkMeasure(@Nullable Long measureId, long householdId, AreaScope scope) {
        if (measureId == null) return;
        boolean ok = casework.measuresOf(householdId, scope).stream()
                .anyMatch(x -> x.id() == measureId && MEASURE_GROUPS.contains(x.group()));
        if (!ok) throw new Refused("employment.refused.measure");
    }

    /** Ends a job on a day (the person left, the post was closed); the form's version must still be the job's. */
    @Transactional
    public void end(long id, LocalDate endOn, int version, AreaScope scope) {
        Job j = find(id, scope, today().getYear()).orElseThrow(() -> new cn.shouwang.server.access.OutOfScopeException("job"));
        if (endOn.isBefore(j.startOn())) throw new Refused("employment.refused.endBeforeStart");
        LocalDate lastPaid = jdbc.sql("select max(month) from welfare_job_wage where job_id = :j").param("j", id)
                .query(LocalDate.class).optional().orElse(null);
        if (lastPaid != null && endOn.isBefore(lastPaid)) throw new Refused("employment.refused.endBeforePaid", lastPaid.toString().substring(0, 7));
        int n = jdbc.sql("update welfare_job set end_on = :end, version = version + 1 where id = :id and version = :v")
                .param("end", endOn).param("id", id).param("v", version).update();
        if (n == 0) throw new Refused("employment.refused.conflict");
        audit.record(AuditAction.JOB_END, j.householdId(), j.memberId(), j.villageCode(), List.of(
                new AuditApi.Change("endOn", j.endOn() == null ? null : j.endOn().toString(), endOn.toString())),
                "job " + id);
    }

    /**
     * Pays one month of a job: the month must lie in the job's term and not after this month; the amount defaults to
     * the monthly pay. The wage line and the household's income credit are written together.
     */
    @Transactional
    public long pay(long jobId, YearMonth month, @Nullable BigDecimal amount, @Nullable LocalDate paidOn, AreaScope scope) {
        Job j = lockedJob(jobId, scope);
        return payLocked(j, month, amount == null ? j.monthlyPay() : amount, paidOn == null ? today() : paidOn, scope);
    }

    /** Pays every month of the job's term up to this month that has no wage line yet, at the monthly pay. */
    @Transactional
    public int payDue(long jobId, AreaScope scope) {
        Job j = lockedJob(jobId, scope);
        Set<LocalDate> paid = new java.util.HashSet<>(jdbc.sql("select month from welfare_job_wage where job_id = :j")
                .param("j", jobId).query(LocalDate.class).list());
        int n = 0;
        for (YearMonth m : dueMonths(j.startOn(), j.endOn(), YearMonth.from(today()))) {
            if (paid.contains(m.atDay(1))) continue;
            payLocked(j, m, j.monthlyPay(), today(), scope);
            n++;
        }
        return n;
    }

    /** The months of a term from its first month up to {@code upTo} (or its end, if earlier). */
    static List<YearMonth> dueMonths(LocalDate start, @Nullable LocalDate end, YearMonth upTo) {
        List<YearMonth> out = new ArrayList<>();
        YearMonth last = end == null || YearMonth.from(end).isAfter(upTo) ? upTo : YearMonth.from(end);
        for (YearMonth m = YearMonth.from(start); !m.isAfter(last); m = m.plusMonths(1)) out.add(m);
        return out;
    }

    private Job lockedJob(long jobId, AreaScope scope) {
        Range r = Range.of(scope);
        // the job's row locked: two clerks paying the same month wait for each other; the unique line decides
        jdbc.sql("select id from welfare_job where id = :id and village_code between :lo and :hi for update")
                .param("id", jobId).param("lo", r.lo()).param("hi", r.hi()).query(Long.class).optional()
                .orElseThrow(() -> new cn.shouwang.server.access.OutOfScopeException("job"));
        return find(jobId, scope, today().getYear()).orElseThrow();
    }

    private long payLocked(Job j, YearMonth month, BigDecimal amount, LocalDate paidOn, AreaScope scope) {
        if (month.isBefore(YearMonth.from(j.startOn())) || (j.endOn() != null && month.isAfter(YearMonth.from(j.endOn())))) {
            throw new Refused("employment.refused.monthOutsideTerm", month.toString());
        }
        if (month.isAfter(YearMonth.from(today()))) throw new Refused("employment.refused.monthAhead", month.toString());
        if (amount.signum() <= 0) throw new Refused("employment.refused.amount");
        if (paidOn.isAfter(today())) throw new Refused("employment.refused.paidAhead");
        CurrentUser by = CurrentUsers.find();
        Long wageId = jdbc.sql("""
                insert into welfare_job_wage (job_id, month, amount, paid_on, recorded_by, recorded_at)
                values (:j, :m, :a, :p, :by, :now) on conflict (job_id, month) do nothing returning id""")
                .param("j", j.id()).param("m", month.atDay(1)).param("a", amount).param("p", paidOn)
                .param("by", by == null ? null : by.accountId()).param("now", Timestamp.from(clock.instant()))
                .query(Long.class).optional().orElse(null);
        if (wageId == null) throw new Refused("employment.refused.monthPaid", month.toString());
        incomes.credit(new HouseholdIncomeApi.IncomeCredit(j.householdId(), month.getYear(), HouseholdIncomeApi.Item.WAGES,
                amount, SOURCE, "job-wage-" + wageId, j.post() + " " + month), scope);
        audit.record(AuditAction.JOB_WAGE_PAY, j.householdId(), j.memberId(), j.villageCode(), List.of(
                new AuditApi.Change("month", null, month.toString()),
                new AuditApi.Change("amount", null, amount.toPlainString())), "job " + j.id());
        return wageId;
    }
}
