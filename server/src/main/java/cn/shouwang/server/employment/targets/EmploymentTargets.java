package cn.shouwang.server.employment.targets;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.employment.Access.Range;
import cn.shouwang.server.employment.Access.Refused;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Jobs to create per area and year, and the jobs held in the year against them: public-welfare jobs and workshop places
 * whose term overlaps the year, counted by the child area of their village (article 004: 6,904 jobs, 107% of target).
 */
@Service
public class EmploymentTargets {
    private final JdbcClient jdbc;
    private final AuditApi audit;
    private final Clock clock;

    EmploymentTargets(JdbcClient jdbc, AuditApi audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** One area's line: target (null: none set), jobs and workshop places held in the year, their share of it. */
    public record Line(String areaCode, @Nullable Integer target, long jobs, long workshopPlaces) {
        public long total() {
            return jobs + workshopPlaces;
        }

        /** Per cent of the target, one decimal; null without a target. */
        public @Nullable BigDecimal percent() {
            if (target == null || target == 0) return null;
            return BigDecimal.valueOf(total() * 100).divide(BigDecimal.valueOf(target), 1, RoundingMode.HALF_UP);
        }
    }

    /** Counts per area of {@code digits} digits below {@code area}, keyed by the area's 12-digit code. */
    public Map<String, long[]> counts(AreaScope area, int digits, int year) {
        Range r = Range.of(area);
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        Map<String, long[]> out = new HashMap<>();
        jdbc.sql("""
                select rpad(substring(village_code, 1, :d), 12, '0') as a, count(*) from welfare_job
                 where village_code between :lo and :hi and start_on <= :to and (end_on is null or end_on >= :from)
                 group by 1""")
                .param("d", digits).param("lo", r.lo()).param("hi", r.hi()).param("from", from).param("to", to)
                .query((rs, i) -> out.computeIfAbsent(rs.getString(1), k -> new long[2])[0] = rs.getLong(2)).list();
        jdbc.sql("""
                select rpad(substring(s.village_code, 1, :d), 12, '0') as a, count(*) from workshop_worker k
                  join workshop s on s.id = k.workshop_id
                 where s.village_code between :lo and :hi and k.start_on <= :to and (k.end_on is null or k.end_on >= :from)
                 group by 1""")
                .param("d", digits).param("lo", r.lo()).param("hi", r.hi()).param("from", from).param("to", to)
                .query((rs, i) -> out.computeIfAbsent(rs.getString(1), k -> new long[2])[1] = rs.getLong(2)).list();
        return out;
    }

    public Map<String, Integer> targets(List<String> areaCodes, int year) {
        Map<String, Integer> out = new HashMap<>();
        if (areaCodes.isEmpty()) return out;
        jdbc.sql("select area_code, jobs from employment_target where area_code = any(:a) and year = :y")
                .param("a", areaCodes.toArray(String[]::new)).param("y", year)
                .query((rs, i) -> out.put(rs.getString(1), rs.getInt(2))).list();
        return out;
    }

    /**
     * Sets an area's target for a year: the area must lie strictly below the setter's own area (a county sets its
     * townships' and villages', a township its villages'), or be it for a county (no one above it keeps targets here).
     */
    @Transactional
    public void set(String areaCode, int year, int jobs, CurrentUser by) {
        if (!AreaScope.isAreaCode(areaCode) || !by.scope().covers(areaCode)) throw new OutOfScopeException("area");
        if (areaCode.equals(by.scope().areaCode()) && by.scope().level() != 3) throw new Refused("employment.refused.ownTarget");
        if (jobs < 0) throw new Refused("employment.refused.target");
        Integer old = jdbc.sql("select jobs from employment_target where area_code = :a and year = :y")
                .param("a", areaCode).param("y", year).query(Integer.class).optional().orElse(null);
        jdbc.sql("""
                insert into employment_target (area_code, year, jobs, set_by, set_at) values (:a, :y, :j, :by, :now)
                on conflict (area_code, year) do update set jobs = :j, version = employment_target.version + 1,
                  set_by = :by, set_at = :now""")
                .param("a", areaCode).param("y", year).param("j", jobs).param("by", by.accountId())
                .param("now", Timestamp.from(clock.instant())).update();
        audit.record(AuditAction.EMPLOYMENT_TARGET_SET, null, null, areaCode, List.of(new cn.shouwang.server.audit.AuditApi.Change(
                "jobs", old == null ? null : old.toString(), String.valueOf(jobs))), String.valueOf(year));
    }

    static CurrentUser me() {
        return CurrentUsers.require();
    }
}
