package cn.shouwang.server.employment.workshops;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.employment.Access.Range;
import cn.shouwang.server.employment.Access.Refused;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdIncomeApi;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Assistance workshops (帮扶车间) and the people they employ. A month's wages are paid for every worker employed in that
 * month at once; each wage line is credited to the worker's household (WAGES, source {@value #SOURCE}, ref
 * {@code workshop-wage-<id>}) in the same transaction, once per worker and month.
 */
@Service
public class Workshops {
    public static final String SOURCE = "WORKSHOP_WAGES";

    private final JdbcClient jdbc;
    private final HouseholdApi households;
    private final HouseholdIncomeApi incomes;
    private final AuditApi audit;
    private final Clock clock;

    Workshops(JdbcClient jdbc, HouseholdApi households, HouseholdIncomeApi incomes, AuditApi audit, Clock clock) {
        this.jdbc = jdbc;
        this.households = households;
        this.incomes = incomes;
        this.audit = audit;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public record Workshop(long id, String name, String owner, String products, String villageCode, int version,
                           int workers, BigDecimal wagesThisYear) {}

    public record Worker(long id, long householdId, long memberId, BigDecimal monthlyWage, LocalDate startOn,
                         @Nullable LocalDate endOn, int paidMonths) {
        public boolean employedIn(YearMonth m) {
            return !YearMonth.from(startOn).isAfter(m) && (endOn == null || !YearMonth.from(endOn).isBefore(m));
        }
    }

    private static final String SELECT = """
            select s.*, (select count(*) from workshop_worker k where k.workshop_id = s.id
                          and k.start_on <= :today and (k.end_on is null or k.end_on >= :today)) as workers,
                   (select coalesce(sum(w.amount), 0) from workshop_wage w join workshop_worker k on k.id = w.worker_id
                     where k.workshop_id = s.id and extract(year from w.month) = :year) as wages
              from workshop s""";

    private Workshop row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Workshop(rs.getLong("id"), rs.getString("name"), rs.getString("owner"), rs.getString("products"),
                rs.getString("village_code"), rs.getInt("version"), rs.getInt("workers"), rs.getBigDecimal("wages"));
    }

    public int count(AreaScope area) {
        Range r = Range.of(area);
        return jdbc.sql("select count(*) from workshop where village_code between :lo and :hi")
                .param("lo", r.lo()).param("hi", r.hi()).query(Integer.class).single();
    }

    public List<Workshop> list(AreaScope area, int page, int size) {
        Range r = Range.of(area);
        return jdbc.sql(SELECT + " where s.village_code between :lo and :hi order by s.village_code, s.name, s.id "
                        + "limit :limit offset :offset")
                .param("lo", r.lo()).param("hi", r.hi()).param("today", today()).param("year", today().getYear())
                .param("limit", size).param("offset", (long) (page - 1) * size).query(this::row).list();
    }

    public Optional<Workshop> find(long id, AreaScope scope) {
        Range r = Range.of(scope);
        return jdbc.sql(SELECT + " where s.id = :id and s.village_code between :lo and :hi")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi()).param("today", today())
                .param("year", today().getYear()).query(this::row).optional();
    }

    public List<Worker> workers(long workshopId) {
        return jdbc.sql("""
                select k.id, k.household_id, k.member_id, k.monthly_wage, k.start_on, k.end_on,
                       (select count(*) from workshop_wage w where w.worker_id = k.id)
                  from workshop_worker k where k.workshop_id = :s order by k.start_on, k.id""")
                .param("s", workshopId).query((rs, i) -> new Worker(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getBigDecimal(4), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
                        rs.getInt(7))).list();
    }

    @Transactional
    public long create(WorkshopCmd c, AreaScope scope) {
        if (!AreaScope.isAreaCode(c.villageCode()) || !scope.covers(c.villageCode())) {
            throw new OutOfScopeException("village");
        }
        CurrentUser by = CurrentUsers.find();
        long id = jdbc.sql("""
                insert into workshop (name, owner, products, village_code, created_by, created_at)
                values (:n, :o, :p, :v, :by, :now) returning id""")
                .param("n", c.name().strip()).param("o", c.owner().strip())
                .param("p", c.products() == null ? "" : c.products().strip()).param("v", c.villageCode())
                .param("by", by == null ? null : by.accountId()).param("now", Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.record(AuditAction.WORKSHOP_CREATE, null, null, c.villageCode(),
                List.of(new AuditApi.Change("name", null, c.name().strip())), "workshop " + id);
        return id;
    }

    /** Employs a registry member (inside the writer's scope) in the workshop from a day at a monthly wage. */
    @Transactional
    public long addWorker(long workshopId, long memberId, BigDecimal wage, LocalDate startOn, AreaScope scope) {
        Workshop s = find(workshopId, scope).orElseThrow(() -> new OutOfScopeException("workshop"));
        HouseholdApi.MemberRef m = households.memberRefs(List.of(memberId), scope).get(memberId);
        if (m == null) throw new Refused("employment.refused.person");
        if (!"ACTIVE".equals(m.status())) throw new Refused("employment.refused.personInactive", m.name());
        if (wage == null || wage.signum() <= 0) throw new Refused("employment.refused.amount");
        Long id = jdbc.sql("""
                insert into workshop_worker (workshop_id, household_id, member_id, monthly_wage, start_on, created_at)
                values (:s, :h, :m, :w, :start, :now) on conflict do nothing returning id""")
                .param("s", workshopId).param("h", m.householdId()).param("m", memberId).param("w", wage)
                .param("start", startOn).param("now", Timestamp.from(clock.instant())).query(Long.class)
                .optional().orElseThrow(() -> new Refused("employment.refused.workerTwice", m.name()));
        audit.record(AuditAction.WORKSHOP_WORKER_ADD, m.householdId(), memberId, s.villageCode(), List.of(
                new AuditApi.Change("workshop", null, s.name()),
                new AuditApi.Change("monthlyWage", null, wage.toPlainString())), "workshop " + workshopId);
        return id;
    }

    /**
     * Pays a month's wages to every worker employed in it who has not been paid for it: returns how many were paid.
     * A month after this one is refused.
     */
    @Transactional
    public int payMonth(long workshopId, YearMonth month, AreaScope scope) {
        Range r = Range.of(scope);
        jdbc.sql("select id from workshop where id = :id and village_code between :lo and :hi for update")
                .param("id", workshopId).param("lo", r.lo()).param("hi", r.hi()).query(Long.class).optional()
                .orElseThrow(() -> new OutOfScopeException("workshop"));
        if (month.isAfter(YearMonth.from(today()))) throw new Refused("employment.refused.monthAhead", month.toString());
        Workshop s = find(workshopId, scope).orElseThrow();
        CurrentUser by = CurrentUsers.find();
        int n = 0;
        for (Worker k : workers(workshopId)) {
            if (!k.employedIn(month)) continue;
            Long wageId = jdbc.sql("""
                    insert into workshop_wage (worker_id, month, amount, paid_on, recorded_by, recorded_at)
                    values (:k, :m, :a, :p, :by, :now) on conflict (worker_id, month) do nothing returning id""")
                    .param("k", k.id()).param("m", month.atDay(1)).param("a", k.monthlyWage()).param("p", today())
                    .param("by", by == null ? null : by.accountId()).param("now", Timestamp.from(clock.instant()))
                    .query(Long.class).optional().orElse(null);
            if (wageId == null) continue;
            try {
                incomes.credit(new HouseholdIncomeApi.IncomeCredit(k.householdId(), month.getYear(),
                        HouseholdIncomeApi.Item.WAGES, k.monthlyWage(), SOURCE, "workshop-wage-" + wageId,
                        s.name() + " " + month), scope);
            } catch (IllegalArgumentException e) {
                // a worker from beyond the payer's area (a township employed them): the township pays the month
                throw new Refused("employment.refused.workerOutside");
            }
            audit.record(AuditAction.WORKSHOP_WAGE_PAY, k.householdId(), k.memberId(), s.villageCode(), List.of(
                    new AuditApi.Change("month", null, month.toString()),
                    new AuditApi.Change("amount", null, k.monthlyWage().toPlainString())), "workshop " + workshopId);
            n++;
        }
        return n;
    }
}
