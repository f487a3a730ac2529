package cn.shouwang.server.projects.dividend;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdIncomeApi;
import cn.shouwang.server.household.HouseholdIncomeApi.IncomeCredit;
import cn.shouwang.server.projects.ProjectsAccess;
import cn.shouwang.server.projects.ProjectsAccess.Range;
import cn.shouwang.server.projects.Refused;
import cn.shouwang.server.projects.StaleVersion;
import cn.shouwang.server.projects.asset.Assets;
import cn.shouwang.server.projects.project.Projects;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 分红: what an asset's dividend owes each linked household per period, and what was paid. Every payment is credited
 * to the household's PROPERTY income of the year it was paid, in the same transaction (HouseholdIncomeApi, source
 * {@value #SOURCE}: reference {@code dividend-<id>} for the payment recorded with the dividend, {@code
 * dividend-<id>-<version>} for each later one), so a payment counts once. Scoped by the household's village.
 */
@Service("projectDividends")
public class Dividends {
    public static final String SOURCE = "DIVIDEND";

    private final JdbcClient jdbc;
    private final AuditApi audit;
    private final Assets assets;
    private final Projects projects;
    private final HouseholdApi households;
    private final HouseholdIncomeApi incomes;
    private final Clock clock;

    Dividends(JdbcClient jdbc, AuditApi audit, Assets assets, Projects projects, HouseholdApi households,
              HouseholdIncomeApi incomes, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.assets = assets;
        this.projects = projects;
        this.households = households;
        this.incomes = incomes;
        this.clock = clock;
    }

    public record Row(long id, long assetId, String assetName, String payer, long householdId, String villageCode,
                      String period, YearMonth dueMonth, BigDecimal due, BigDecimal paid, @Nullable LocalDate paidOn,
                      int version) {
        public BigDecimal shortfall() {
            return due.subtract(paid);
        }

        public boolean short_() {
            return paid.compareTo(due) < 0;
        }
    }

    /** The list's filters: a period ('2026' takes the year's months too), the shortfalls only, one asset. */
    public record Filter(@Nullable String period, boolean shortOnly, @Nullable Long assetId) {}

    private static final String SELECT = "\n" + """
            select d.id, d.asset_id, a.name, case when a.managed_by = '' then a.owner_name else a.managed_by end,
                   d.household_id, d.village_code, d.period, d.due_month, d.due, d.paid, d.paid_on, d.version
              from project_dividend d join project_asset a on a.id = d.asset_id""";
    private static final String WHERE = "\n" + """
             where d.village_code between :lo and :hi
               and (cast(:period as text) is null or d.period = :period or d.period like :period || '-%')
               and (not :short or d.paid < d.due)
               and (cast(:asset as bigint) is null or d.asset_id = :asset)""";

    private static Row row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        java.sql.Date on = rs.getDate(11);
        return new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                rs.getString(7), YearMonth.from(rs.getDate(8).toLocalDate()), rs.getBigDecimal(9), rs.getBigDecimal(10),
                on == null ? null : on.toLocalDate(), rs.getInt(12));
    }

    private JdbcClient.StatementSpec filtered(String sql, Filter f, AreaScope scope) {
        Range r = Range.of(scope);
        return jdbc.sql(sql).param("lo", r.lo()).param("hi", r.hi())
                .param("period", f.period() == null || f.period().isBlank() ? null : f.period().strip())
                .param("short", f.shortOnly()).param("asset", f.assetId());
    }

    public long count(Filter f, AreaScope scope) {
        return filtered("select count(*) from project_dividend d" + WHERE, f, scope).query(Long.class).single();
    }

    /** Due, paid and the number of dividends paid short among what the filters show. */
    public record Totals(BigDecimal due, BigDecimal paid, long shortCount) {
        public BigDecimal shortfall() {
            return due.subtract(paid);
        }
    }

    public Totals totals(Filter f, AreaScope scope) {
        return filtered("select coalesce(sum(d.due), 0), coalesce(sum(d.paid), 0), count(*) filter (where d.paid < d.due) "
                + "from project_dividend d" + WHERE, f, scope)
                .query((rs, i) -> new Totals(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getLong(3))).single();
    }

    public List<Row> list(Filter f, AreaScope scope, int page, int size) {
        return filtered(SELECT + WHERE + " order by d.period desc, d.village_code, d.household_id, d.id"
                + (size > 0 ? " limit " + size + " offset " + (long) (page - 1) * size : ""), f, scope)
                .query(Dividends::row).list();
    }

    public Optional<Row> find(long id, AreaScope scope) {
        Range r = Range.of(scope);
        return jdbc.sql(SELECT + " where d.id = :id and d.village_code between :lo and :hi")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi()).query(Dividends::row).optional();
    }

    /** The month the comparison compares a dividend in: the period's month, December for a year's dividend. */
    static YearMonth dueMonth(String period) {
        return period.length() == 4 ? YearMonth.of(Integer.parseInt(period), 12) : YearMonth.parse(period);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /** Records a dividend (and its payment, credited to the household's income); refused twice for one period. */
    @Transactional
    public long record(long assetId, DividendCmd c, CurrentUser by) {
        ProjectsAccess.requireWrite(by);
        Assets.Row a = assets.require(assetId, by.scope());
        HouseholdApi.Ref h = households.ref(c.householdId(), by.scope())
                .filter(x -> projects.isLinked(a.projectId(), x.id()))
                .orElseThrow(() -> new Refused("householdId", "projects.dividend.household.notLinked"));
        BigDecimal due = c.due().setScale(2, RoundingMode.HALF_UP);
        BigDecimal paid = c.paidOrZero();
        if (paid.compareTo(due) > 0) throw new Refused("paid", "projects.dividend.paidAboveDue", due.toPlainString());
        if (paid.signum() > 0 && c.paidOn() == null) throw new Refused("paidOn", "projects.dividend.paidOn.required");
        if (c.paidOn() != null && c.paidOn().isAfter(LocalDate.now(clock))) {
            throw new Refused("paidOn", "projects.dividend.paidOn.future");
        }
        Long id = jdbc.sql("""
                insert into project_dividend (asset_id, household_id, village_code, period, due_month, due, paid, paid_on,
                                              recorded_by, recorded_at)
                values (:a, :h, :v, :p, :m, :due, :paid, :on, :by, :now)
                on conflict on constraint project_dividend_once do nothing returning id""")
                .param("a", assetId).param("h", h.id()).param("v", h.villageCode()).param("p", c.period())
                .param("m", dueMonth(c.period()).atDay(1)).param("due", due).param("paid", paid)
                .param("on", paid.signum() > 0 ? c.paidOn() : null).param("by", ProjectsAccess.account(by)).param("now", now())
                .query(Long.class).optional().orElse(null);
        if (id == null) throw new Refused("period", "projects.dividend.already", c.period());
        if (paid.signum() > 0) {
            incomes.credit(new IncomeCredit(h.id(), c.paidOn().getYear(), HouseholdIncomeApi.Item.PROPERTY, paid,
                    SOURCE, "dividend-" + id, note(a.name(), c.period())), by.scope());
        }
        audit.record(AuditAction.DIVIDEND_RECORD, h.id(), null, h.villageCode(), List.of(
                new AuditApi.Change("due", null, due.toPlainString()),
                new AuditApi.Change("paid", null, paid.toPlainString())), "dividend-" + id + " " + c.period());
        return id;
    }

    private static String note(String assetName, String period) {
        String n = assetName + " " + period;
        return n.length() > 200 ? n.substring(0, 200) : n;
    }

    /** A further payment of a dividend paid short, credited like the first. */
    @Transactional
    public void pay(long id, PayCmd c, CurrentUser by) {
        ProjectsAccess.requireWrite(by);
        Range r = Range.of(by.scope());
        jdbc.sql("select id from project_dividend where id = :id and village_code between :lo and :hi for update")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi()).query(Long.class).optional()
                .orElseThrow(() -> new OutOfScopeException("dividend " + id));
        Row d = find(id, by.scope()).orElseThrow();
        if (c.version() == null || c.version() != d.version()) throw new StaleVersion("dividend " + id);
        BigDecimal amount = c.amount().setScale(2, RoundingMode.HALF_UP);
        BigDecimal paid = d.paid().add(amount);
        if (paid.compareTo(d.due()) > 0) {
            throw new Refused("amount", "projects.dividend.payAboveDue", d.shortfall().toPlainString());
        }
        if (c.paidOn().isAfter(LocalDate.now(clock))) throw new Refused("paidOn", "projects.dividend.paidOn.future");
        int version = d.version() + 1;
        jdbc.sql("update project_dividend set paid = :p, paid_on = :on, version = :v where id = :id")
                .param("p", paid).param("on", c.paidOn()).param("v", version).param("id", id).update();
        incomes.credit(new IncomeCredit(d.householdId(), c.paidOn().getYear(), HouseholdIncomeApi.Item.PROPERTY, amount,
                SOURCE, "dividend-" + id + "-" + version, note(d.assetName(), d.period())), by.scope());
        audit.record(AuditAction.DIVIDEND_PAY, d.householdId(), null, d.villageCode(), List.of(
                new AuditApi.Change("paid", d.paid().toPlainString(), paid.toPlainString())), "dividend-" + id);
    }

    /** A village's dividends of a year: households paid, due, paid, households paid short. */
    public record VillageDividends(long households, BigDecimal due, BigDecimal paid, long shortHouseholds) {}

    public VillageDividends village(String villageCode, int year) {
        return jdbc.sql("""
                select count(distinct household_id), coalesce(sum(due), 0), coalesce(sum(paid), 0),
                       count(distinct household_id) filter (where paid < due)
                  from project_dividend where village_code = :v and extract(year from due_month) = :y""")
                .param("v", villageCode).param("y", year)
                .query((rs, i) -> new VillageDividends(rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getLong(4))).single();
    }

    // ------------------------------------------------------------------ the comparison's enterprise_payments file

    /** The file's header, feeds.md's columns in order. */
    public static final String PAYMENTS_HEADER = "enterprise,id_number,month,due,paid";

    /**
     * Writes feeds.md's {@code enterprise_payments} file of the dividends within {@code scope} (one month, or every
     * month when null): one line per dividend, the enterprise that pays it, the household head's id number in full,
     * the month it is compared in, due and paid with two decimals. A household without an active head has no person
     * to compare and is left out.
     *
     * @return the lines written and the dividends left out
     */
    public int[] paymentsFile(AreaScope scope, @Nullable YearMonth month, Consumer<String> lines) {
        Range r = Range.of(scope);
        List<Row> rows = jdbc.sql(SELECT + "\n" + """
                 where d.village_code between :lo and :hi and (cast(:m as date) is null or d.due_month = :m)
                 order by d.due_month, d.village_code, d.household_id, d.id""")
                .param("lo", r.lo()).param("hi", r.hi()).param("m", month == null ? null : month.atDay(1))
                .query(Dividends::row).list();
        Map<Long, String> ids = households.headIdNumbers(rows.stream().map(Row::householdId).distinct().toList(), scope);
        lines.accept(PAYMENTS_HEADER);
        int written = 0, left = 0;
        for (Row d : rows) {
            String idNumber = ids.get(d.householdId());
            if (idNumber == null) {
                left++;
                continue;
            }
            lines.accept(csv(d.payer()) + "," + idNumber + "," + d.dueMonth() + "," + d.due().toPlainString() + ","
                    + d.paid().toPlainString());
            written++;
        }
        return new int[] {written, left};
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break. */
    static String csv(String v) {
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
