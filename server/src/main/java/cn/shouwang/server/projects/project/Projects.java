package cn.shouwang.server.projects.project;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.projects.Money;
import cn.shouwang.server.projects.ProjectsAccess;
import cn.shouwang.server.projects.ProjectsAccess.Range;
import cn.shouwang.server.projects.Refused;
import cn.shouwang.server.projects.StaleVersion;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 衔接资金项目: the projects, their budget by fund source, spending by month and linked households. Every read ranges
 * over the caller's area; every write is one transaction, checks the project's version and is audited.
 *
 * <p>Spending never exceeds the budget: a line that would take the total above it is refused (with what is left), and
 * the budget cannot be lowered below what was spent. So the share spent runs from 0.00% to 100.00%; a project with a
 * budget of zero has no share.
 */
@Service("projectsProjects")
public class Projects {
    private final JdbcClient jdbc;
    private final AuditApi audit;
    private final AreaApi areas;
    private final HouseholdApi households;
    private final Clock clock;

    Projects(JdbcClient jdbc, AuditApi audit, AreaApi areas, HouseholdApi households, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.areas = areas;
        this.households = households;
        this.clock = clock;
    }

    /** A project as the pages show it. */
    public record Row(long id, String name, ProjectType type, String areaCode, int year, ProjectState state,
                      BigDecimal budget, BigDecimal spent, String note, int version, long households) {
        public @Nullable BigDecimal share() {
            return Money.share(spent, budget);
        }
    }

    /** The list's filters (null: any). */
    public record Filter(@Nullable Integer year, @Nullable ProjectType type, @Nullable ProjectState state,
                         @Nullable String q) {
        String q2() {
            return q == null || q.isBlank() ? null : "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
        }
    }

    private static final String SELECT = "\n" + """
            select p.id, p.name, p.type, p.area_code, p.year, p.state, p.budget, p.spent, p.note, p.version,
                   (select count(*) from project_household ph where ph.project_id = p.id) as linked
              from project p""";

    private static Row row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Row(rs.getLong(1), rs.getString(2), ProjectType.valueOf(rs.getString(3)), rs.getString(4),
                rs.getInt(5), ProjectState.valueOf(rs.getString(6)), rs.getBigDecimal(7), rs.getBigDecimal(8),
                rs.getString(9), rs.getInt(10), rs.getLong(11));
    }

    private static final String WHERE = "\n" + """
             where p.area_code between :lo and :hi
               and (cast(:year as integer) is null or p.year = :year)
               and (cast(:type as text) is null or p.type = :type)
               and (cast(:state as text) is null or p.state = :state)
               and (cast(:q as text) is null or p.name like :q)""";

    private JdbcClient.StatementSpec filtered(String sql, Filter f, AreaScope scope) {
        Range r = Range.of(scope);
        return jdbc.sql(sql).param("lo", r.lo()).param("hi", r.hi()).param("year", f.year())
                .param("type", f.type() == null ? null : f.type().name())
                .param("state", f.state() == null ? null : f.state().name()).param("q", f.q2());
    }

    public long count(Filter f, AreaScope scope) {
        return filtered("select count(*) from project p" + WHERE, f, scope).query(Long.class).single();
    }

    /** A page of the list (newest year first, then by area and name); {@code size} 0 for every row (the export). */
    public List<Row> list(Filter f, AreaScope scope, int page, int size) {
        String sql = SELECT + WHERE + " order by p.year desc, p.area_code, p.name, p.id"
                + (size > 0 ? " limit " + size + " offset " + (long) (page - 1) * size : "");
        return filtered(sql, f, scope).query(Projects::row).list();
    }

    public Optional<Row> find(long id, AreaScope scope) {
        Range r = Range.of(scope);
        return jdbc.sql(SELECT + " where p.id = :id and p.area_code between :lo and :hi")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi()).query(Projects::row).optional();
    }

    /** The project or 404. */
    public Row require(long id, AreaScope scope) {
        return find(id, scope).orElseThrow(() -> new OutOfScopeException("project " + id));
    }

    public Map<FundSource, BigDecimal> funds(long id) {
        Map<FundSource, BigDecimal> m = new EnumMap<>(FundSource.class);
        for (FundSource s : FundSource.values()) m.put(s, BigDecimal.ZERO.setScale(2));
        jdbc.sql("select source, amount from project_fund where project_id = :id").param("id", id)
                .query((rs, i) -> Map.entry(FundSource.valueOf(rs.getString(1)), rs.getBigDecimal(2))).list()
                .forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /** What was spent in a month (the lines added up) and the running total after it. */
    public record MonthSpent(YearMonth month, BigDecimal amount, BigDecimal total) {}

    public List<MonthSpent> spending(long id) {
        List<MonthSpent> out = new ArrayList<>();
        BigDecimal[] total = {BigDecimal.ZERO};
        jdbc.sql("select month, sum(amount) from project_spending where project_id = :id group by month order by month")
                .param("id", id).query((rs, i) -> Map.entry(rs.getDate(1).toLocalDate(), rs.getBigDecimal(2))).list()
                .forEach(e -> {
                    total[0] = total[0].add(e.getValue());
                    out.add(new MonthSpent(YearMonth.from(e.getKey()), e.getValue(), total[0]));
                });
        return out;
    }

    /** A linked household as the project page shows it (only those within the reader's area). */
    public record Linked(long householdId, String householdNo, String villageCode, String headName) {}

    public List<Linked> households(long id, AreaScope scope) {
        List<Long> ids = jdbc.sql("select household_id from project_household where project_id = :id order by linked_at, household_id")
                .param("id", id).query(Long.class).list();
        Map<Long, HouseholdApi.Ref> refs = households.refs(ids, scope);
        return ids.stream().map(refs::get).filter(Objects::nonNull)
                .map(r -> new Linked(r.id(), r.householdNo(), r.villageCode(), r.headName())).toList();
    }

    /** Whether the household is linked to the project (dividends go only to linked households). */
    public boolean isLinked(long projectId, long householdId) {
        return jdbc.sql("select exists (select 1 from project_household where project_id = :p and household_id = :h)")
                .param("p", projectId).param("h", householdId).query(Boolean.class).single();
    }

    // ------------------------------------------------------------------ writes

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private void requireArea(String areaCode, CurrentUser by) {
        if (!by.scope().covers(areaCode) || areas.find(areaCode).isEmpty()) {
            throw new Refused("areaCode", "projects.area.outside");
        }
    }

    @Transactional
    public long create(ProjectCmd c, CurrentUser by) {
        ProjectsAccess.requireWrite(by);
        requireArea(c.areaCode(), by);
        long id = jdbc.sql("""
                insert into project (name, type, area_code, year, state, budget, spent, note, created_by, created_at)
                values (:n, :t, :a, :y, :s, :b, 0, :note, :by, :now) returning id""")
                .param("n", c.name().strip()).param("t", c.type().name()).param("a", c.areaCode())
                .param("y", c.year()).param("s", c.state().name()).param("b", c.budget())
                .param("note", c.note() == null ? "" : c.note().strip()).param("by", ProjectsAccess.account(by)).param("now", now())
                .query(Long.class).single();
        writeFunds(id, c.funds());
        audit.record(AuditAction.PROJECT_ADD, null, null, c.areaCode(), List.of(
                new AuditApi.Change("name", null, c.name().strip()),
                new AuditApi.Change("budget", null, c.budget().toPlainString())), "project-" + id);
        return id;
    }

    private void writeFunds(long id, Map<FundSource, BigDecimal> funds) {
        jdbc.sql("delete from project_fund where project_id = :id").param("id", id).update();
        for (var e : funds.entrySet()) {
            if (e.getValue().signum() == 0) continue;
            jdbc.sql("insert into project_fund (project_id, source, amount) values (:id, :s, :a)")
                    .param("id", id).param("s", e.getKey().name()).param("a", e.getValue()).update();
        }
    }

    /** The project locked for a write, within the writer's area (else 404), at the version the form was read. */
    private Row lock(long id, @Nullable Integer version, CurrentUser by) {
        ProjectsAccess.requireWrite(by);
        Range r = Range.of(by.scope());
        jdbc.sql("select id from project where id = :id and area_code between :lo and :hi for update")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi()).query(Long.class).optional()
                .orElseThrow(() -> new OutOfScopeException("project " + id));
        Row row = require(id, by.scope());
        if (version == null || version != row.version()) throw new StaleVersion("project " + id);
        return row;
    }

    @Transactional
    public void update(long id, ProjectCmd c, CurrentUser by) {
        Row old = lock(id, c.version(), by);
        requireArea(c.areaCode(), by);
        BigDecimal budget = c.budget();
        if (budget.compareTo(old.spent()) < 0) {
            throw new Refused(null, "projects.budget.belowSpent", old.spent().toPlainString());
        }
        jdbc.sql("""
                update project set name = :n, type = :t, area_code = :a, year = :y, state = :s, budget = :b, note = :note,
                       version = version + 1 where id = :id""")
                .param("n", c.name().strip()).param("t", c.type().name()).param("a", c.areaCode())
                .param("y", c.year()).param("s", c.state().name()).param("b", budget)
                .param("note", c.note() == null ? "" : c.note().strip()).param("id", id).update();
        writeFunds(id, c.funds());
        List<AuditApi.Change> changes = new ArrayList<>();
        change(changes, "name", old.name(), c.name().strip());
        change(changes, "type", old.type().name(), c.type().name());
        change(changes, "areaCode", old.areaCode(), c.areaCode());
        change(changes, "year", String.valueOf(old.year()), String.valueOf(c.year()));
        change(changes, "state", old.state().name(), c.state().name());
        change(changes, "budget", old.budget().toPlainString(), budget.toPlainString());
        audit.record(AuditAction.PROJECT_UPDATE, null, null, c.areaCode(), changes, "project-" + id);
    }

    private static void change(List<AuditApi.Change> changes, String field, String old, String now) {
        if (!old.equals(now)) changes.add(new AuditApi.Change(field, old, now));
    }

    /** Adds a month's spending; refused when the total would go above the budget or below zero. */
    @Transactional
    public void spend(long id, SpendingCmd c, CurrentUser by) {
        Row p = lock(id, c.version(), by);
        BigDecimal amount = c.amount().setScale(2, java.math.RoundingMode.HALF_UP);
        if (amount.signum() == 0) throw new Refused("amount", "projects.spending.zero");
        BigDecimal total = p.spent().add(amount);
        if (total.compareTo(p.budget()) > 0) {
            throw new Refused("amount", "projects.spending.overBudget", p.budget().subtract(p.spent()).toPlainString());
        }
        if (total.signum() < 0) throw new Refused("amount", "projects.spending.belowZero", p.spent().toPlainString());
        LocalDate first = c.yearMonth().atDay(1);
        jdbc.sql("""
                insert into project_spending (project_id, month, amount, note, recorded_by, recorded_at)
                values (:id, :m, :a, :note, :by, :now)""")
                .param("id", id).param("m", first).param("a", amount).param("note", c.note() == null ? "" : c.note().strip())
                .param("by", ProjectsAccess.account(by)).param("now", now()).update();
        jdbc.sql("update project set spent = :s, version = version + 1 where id = :id")
                .param("s", total).param("id", id).update();
        audit.record(AuditAction.PROJECT_SPENDING, null, null, p.areaCode(), List.of(
                new AuditApi.Change("spent", p.spent().toPlainString(), total.toPlainString())),
                "project-" + id + " " + c.month());
    }

    /** Links a household (by its number, within the writer's area) to the project. */
    @Transactional
    public long link(long id, String householdNo, @Nullable Integer version, CurrentUser by) {
        Row p = lock(id, version, by);
        HouseholdApi.Ref h = households.refByNo(householdNo == null ? "" : householdNo.strip(), by.scope())
                .orElseThrow(() -> new Refused("householdNo", "projects.household.notFound"));
        int added = jdbc.sql("""
                insert into project_household (project_id, household_id, village_code, linked_by, linked_at)
                values (:p, :h, :v, :by, :now) on conflict do nothing""")
                .param("p", id).param("h", h.id()).param("v", h.villageCode()).param("by", ProjectsAccess.account(by))
                .param("now", now()).update();
        if (added == 0) throw new Refused("householdNo", "projects.household.already");
        jdbc.sql("update project set version = version + 1 where id = :id").param("id", id).update();
        audit.record(AuditAction.PROJECT_HOUSEHOLD_LINK, h.id(), null, h.villageCode(), List.of(
                new AuditApi.Change("project", null, p.name())), "project-" + id);
        return h.id();
    }

    /** Unlinks a household; refused while dividends of the project's assets are recorded for it. */
    @Transactional
    public void unlink(long id, long householdId, @Nullable Integer version, CurrentUser by) {
        Row p = lock(id, version, by);
        HouseholdApi.Ref h = households.ref(householdId, by.scope())
                .orElseThrow(() -> new OutOfScopeException("household " + householdId));
        boolean dividends = jdbc.sql("""
                select exists (select 1 from project_dividend d join project_asset a on a.id = d.asset_id
                                where a.project_id = :p and d.household_id = :h)""")
                .param("p", id).param("h", householdId).query(Boolean.class).single();
        if (dividends) throw new Refused(null, "projects.household.hasDividends");
        if (jdbc.sql("delete from project_household where project_id = :p and household_id = :h")
                .param("p", id).param("h", householdId).update() == 0) {
            throw new OutOfScopeException("link " + id + "/" + householdId);
        }
        jdbc.sql("update project set version = version + 1 where id = :id").param("id", id).update();
        audit.record(AuditAction.PROJECT_HOUSEHOLD_UNLINK, h.id(), null, h.villageCode(), List.of(
                new AuditApi.Change("project", p.name(), null)), "project-" + id);
    }

    // ------------------------------------------------------------------ figures

    /** Budget, spent and count of one area (a child of the area in view, or the level itself). */
    public record AreaFigure(String key, long projects, BigDecimal budget, BigDecimal spent) {
        public @Nullable BigDecimal share() {
            return Money.share(spent, budget);
        }

        public BigDecimal budgetWan() {
            return Money.wan(budget);
        }

        public BigDecimal spentWan() {
            return Money.wan(spent);
        }
    }

    /**
     * The figures per child area of {@code scope} (the first {@code digits} digits of the project's area code; a
     * project of the area itself, above its children, has a key of its own), with the list's filters.
     */
    public List<AreaFigure> figures(Filter f, AreaScope scope, int digits) {
        return filtered("select substr(p.area_code, 1, " + digits + ") as k, count(*), sum(p.budget), sum(p.spent) "
                        + "from project p" + WHERE + " group by k order by k", f, scope)
                .query((rs, i) -> new AreaFigure(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
                .list();
    }

    /** The figures of one village's own projects of a year, for the village page. */
    public AreaFigure village(String villageCode, int year) {
        return jdbc.sql("""
                select count(*), coalesce(sum(budget), 0), coalesce(sum(spent), 0) from project
                 where area_code = :v and year = :y""").param("v", villageCode).param("y", year)
                .query((rs, i) -> new AreaFigure(villageCode, rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3)))
                .single();
    }

    /** Whether the module holds any project (the demo fills an empty module only). */
    public boolean any() {
        return jdbc.sql("select exists (select 1 from project)").query(Boolean.class).single();
    }
}
