package cn.shouwang.server.insurance.policy;

import cn.shouwang.server.access.AreaScope;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The policies and the fund's premium income (insurance V1). Every read takes the area scope in its WHERE (a policy
 * is in scope when its area is; a county's user sees the county's policy, a township's or village's user sees the
 * policy of their county too: it is the fund that pays them, read-only for them).
 */
@Repository
public class PolicyStore {
    private final JdbcClient jdbc;

    PolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String COLUMNS = "select id, area_code, year, name, premium_per_person, coverage, line_illness, "
            + "line_schooling, line_disaster, payout_ratio, cap_per_person, version from insurance_policy ";

    static Policy policy(ResultSet rs, int i) throws SQLException {
        return new Policy(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getBigDecimal(5),
                Coverage.valueOf(rs.getString(6)), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getInt(12));
    }

    /**
     * The codes of an area and every area above it (a village's township, county, city, province): a policy of any of
     * them is the policy "of" the area. Codes are hierarchical, so these are prefixes padded with zeros.
     */
    public static List<String> selfAndAbove(String code) {
        List<String> out = new ArrayList<>();
        for (int len : new int[] {2, 4, 6, 9, 12}) {
            String c = (code.substring(0, len) + "000000000000").substring(0, 12);
            if (!out.contains(c)) out.add(c);
        }
        return out;
    }

    /**
     * Policies a user may read: those inside the scope and those above it (the county's fund that pays a township's
     * claims), the latter only for reading.
     */
    private static String readable() {
        return "(area_code like :s or area_code in (:above)) ";
    }

    public Optional<Policy> find(long id, AreaScope scope) {
        return jdbc.sql(COLUMNS + "where id = :id and " + readable())
                .param("id", id).param("s", scope.likePattern()).param("above", selfAndAbove(scope.areaCode()))
                .query(PolicyStore::policy).optional();
    }

    /** The policy of a village for a year: the most specific among its areas (a township's before its county's). */
    public Optional<Policy> policyFor(String villageCode, int year) {
        return jdbc.sql(COLUMNS + "where year = :y and area_code in (:codes) order by area_code desc limit 1")
                .param("y", year).param("codes", selfAndAbove(villageCode)).query(PolicyStore::policy).optional();
    }

    /** A line of the policy list: the policy with its fund's figures. */
    public record Row(Policy policy, BigDecimal premiums, BigDecimal payouts, long claims, long paid) {
        public BigDecimal balance() {
            return premiums.subtract(payouts);
        }
    }

    private static final String ROWS = """
            select p.id, p.area_code, p.year, p.name, p.premium_per_person, p.coverage, p.line_illness, p.line_schooling,
                   p.line_disaster, p.payout_ratio, p.cap_per_person, p.version,
                   coalesce((select sum(amount) from insurance_premium m where m.policy_id = p.id), 0),
                   coalesce((select sum(payout) from insurance_claim c where c.policy_id = p.id and c.status = 'PAID'), 0),
                   (select count(*) from insurance_claim c where c.policy_id = p.id),
                   (select count(*) from insurance_claim c where c.policy_id = p.id and c.status = 'PAID')
              from insurance_policy p
             where (p.area_code like :s or p.area_code in (:above)) and (:y::int is null or p.year = :y)
            """;

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(policy(rs, i), rs.getBigDecimal(13), rs.getBigDecimal(14), rs.getLong(15), rs.getLong(16));
    }

    public long count(AreaScope scope, @Nullable Integer year) {
        return jdbc.sql("select count(*) from (" + ROWS + ") x").param("s", scope.likePattern())
                .param("above", selfAndAbove(scope.areaCode())).param("y", year, java.sql.Types.INTEGER)
                .query(Long.class).single();
    }

    public List<Row> rows(AreaScope scope, @Nullable Integer year, int page, int size) {
        return jdbc.sql(ROWS + "order by p.year desc, p.area_code limit :l offset :o").param("s", scope.likePattern())
                .param("above", selfAndAbove(scope.areaCode())).param("y", year, java.sql.Types.INTEGER)
                .param("l", size).param("o", (long) (page - 1) * size).query(PolicyStore::row).list();
    }

    public void eachRow(AreaScope scope, @Nullable Integer year, Consumer<Row> each) {
        jdbc.sql(ROWS + "order by p.year desc, p.area_code").param("s", scope.likePattern())
                .param("above", selfAndAbove(scope.areaCode())).param("y", year, java.sql.Types.INTEGER)
                .query((ResultSet rs) -> each.accept(row(rs, 0)));
    }

    public Optional<Row> row(long id, AreaScope scope) {
        return jdbc.sql(ROWS + "and p.id = :id").param("s", scope.likePattern())
                .param("above", selfAndAbove(scope.areaCode())).param("y", null, java.sql.Types.INTEGER)
                .param("id", id).query(PolicyStore::row).optional();
    }

    public boolean exists(String areaCode, int year, @Nullable Long except) {
        return jdbc.sql("select exists (select 1 from insurance_policy where area_code = :a and year = :y and id <> :x)")
                .param("a", areaCode).param("y", year).param("x", except == null ? -1L : except)
                .query(Boolean.class).single();
    }

    long insert(PolicyCmd.Save c, String by, Instant at) {
        return jdbc.sql("""
                insert into insurance_policy (area_code, year, name, premium_per_person, coverage, line_illness,
                       line_schooling, line_disaster, payout_ratio, cap_per_person, created_by, created_at)
                values (:a, :y, :n, :p, :c, :li, :ls, :ld, :r, :cap, :by, :at) returning id""")
                .param("a", c.areaCode()).param("y", c.year()).param("n", c.name()).param("p", c.premiumPerPerson())
                .param("c", c.coverage().name()).param("li", c.lineIllness()).param("ls", c.lineSchooling())
                .param("ld", c.lineDisaster()).param("r", c.ratioPercent().movePointLeft(2))
                .param("cap", c.capPerPerson()).param("by", by).param("at", Timestamp.from(at))
                .query(Long.class).single();
    }

    /** Changes the policy if still at {@code version}; false when someone changed it meanwhile. */
    boolean update(long id, PolicyCmd.Save c, int version) {
        return jdbc.sql("""
                update insurance_policy set name = :n, premium_per_person = :p, coverage = :c, line_illness = :li,
                       line_schooling = :ls, line_disaster = :ld, payout_ratio = :r, cap_per_person = :cap,
                       version = version + 1
                 where id = :id and version = :v""")
                .param("n", c.name()).param("p", c.premiumPerPerson()).param("c", c.coverage().name())
                .param("li", c.lineIllness()).param("ls", c.lineSchooling()).param("ld", c.lineDisaster())
                .param("r", c.ratioPercent().movePointLeft(2)).param("cap", c.capPerPerson())
                .param("id", id).param("v", version).update() == 1;
    }

    public long addPremium(Policy p, PolicyCmd.Premium c, String by, Instant at) {
        return jdbc.sql("""
                insert into insurance_premium (policy_id, area_code, amount, paid_on, paid_by, persons, note,
                       recorded_by, recorded_at)
                values (:p, :a, :amt, :on, :pb, :n, :note, :by, :at) returning id""")
                .param("p", p.id()).param("a", p.areaCode()).param("amt", c.amount()).param("on", c.paidOn())
                .param("pb", c.paidBy().strip()).param("n", c.persons(), java.sql.Types.INTEGER)
                .param("note", c.note() == null ? "" : c.note().strip()).param("by", by).param("at", Timestamp.from(at))
                .query(Long.class).single();
    }

    public record PremiumRow(long id, BigDecimal amount, LocalDate paidOn, String paidBy, @Nullable Integer persons,
                             String note) {}

    public List<PremiumRow> premiums(long policyId) {
        return jdbc.sql("select id, amount, paid_on, paid_by, persons, note from insurance_premium where policy_id = :p "
                        + "order by paid_on, id")
                .param("p", policyId)
                .query((rs, i) -> new PremiumRow(rs.getLong(1), rs.getBigDecimal(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), (Integer) rs.getObject(5), rs.getString(6)))
                .list();
    }

    /**
     * The fund's balance (premiums in − payouts out), read with the policy's row locked: payments of one fund wait
     * for each other, so two payouts never spend the same yuan.
     */
    public BigDecimal lockedBalance(long policyId) {
        jdbc.sql("select id from insurance_policy where id = :p for update").param("p", policyId).query(Long.class).single();
        return jdbc.sql("""
                select coalesce((select sum(amount) from insurance_premium where policy_id = :p), 0)
                     - coalesce((select sum(payout) from insurance_claim where policy_id = :p and status = 'PAID'), 0)""")
                .param("p", policyId).query(BigDecimal.class).single();
    }
}
