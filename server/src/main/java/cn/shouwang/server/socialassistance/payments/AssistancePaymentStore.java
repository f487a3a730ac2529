package cn.shouwang.server.socialassistance.payments;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.socialassistance.Kinds.GrantKind;
import cn.shouwang.server.socialassistance.Sa;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** AssistancePayments due and paid (table assistance_payment), read with their grant; every read takes the area. */
@Repository
public class AssistancePaymentStore {
    private final JdbcClient jdbc;

    AssistancePaymentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record PaymentRow(long id, long grantId, long householdId, String villageCode, YearMonth period, int months,
                             BigDecimal amount, @Nullable LocalDate paidOn, String recipientName, GrantKind kind,
                             byte @Nullable [] bankAccount) {
        public boolean paid() { return paidOn != null; }
    }

    private static final String SELECT = """
            select p.id, p.grant_id, p.household_id, p.village_code, p.period, p.months, p.amount, p.paid_on,
                   g.recipient_name, g.kind, g.bank_account_enc
            from assistance_payment p join assistance_grant g on g.id = p.grant_id
            """;

    private static PaymentRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new PaymentRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                YearMonth.from(rs.getObject(5, LocalDate.class)), rs.getInt(6), rs.getBigDecimal(7),
                rs.getObject(8, LocalDate.class), rs.getString(9), GrantKind.valueOf(rs.getString(10)), rs.getBytes(11));
    }

    /** The payment list of a month in the area, by village, recipient and id. */
    public List<PaymentRow> ofPeriod(AreaScope scope, YearMonth period) {
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql(SELECT + " where p.period = :p and p.village_code between :lo and :hi "
                        + "order by p.village_code, g.recipient_name, p.id")
                .param("p", period.atDay(1)).param("lo", r.lo()).param("hi", r.hi()).query(AssistancePaymentStore::row).list();
    }

    public List<PaymentRow> ofHousehold(long householdId, AreaScope scope) {
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql(SELECT + " where p.household_id = :h and p.village_code between :lo and :hi order by p.period desc, p.id")
                .param("h", householdId).param("lo", r.lo()).param("hi", r.hi()).query(AssistancePaymentStore::row).list();
    }

    /** Adds a due payment unless the grant has one for the month; true when added. */
    boolean insertDue(long grantId, long householdId, String village, YearMonth period, int months, BigDecimal amount) {
        return jdbc.sql("""
                        insert into assistance_payment (grant_id, household_id, village_code, period, months, amount)
                        values (:g, :h, :v, :p, :m, :a) on conflict (grant_id, period) do nothing""")
                .param("g", grantId).param("h", householdId).param("v", village).param("p", period.atDay(1))
                .param("m", months).param("a", amount).update() == 1;
    }

    /** Marks an unpaid payment of the area paid; false when it is not in the area or was paid already. */
    boolean markPaid(long id, AreaScope scope, LocalDate on, @Nullable Long by) {
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql("update assistance_payment set paid_on = :on, paid_by = :by where id = :id and paid_on is null "
                        + "and village_code between :lo and :hi")
                .param("on", on).param("by", by).param("id", id).param("lo", r.lo()).param("hi", r.hi()).update() == 1;
    }

    public @Nullable PaymentRow find(long id, AreaScope scope) {
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql(SELECT + " where p.id = :id and p.village_code between :lo and :hi")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi()).query(AssistancePaymentStore::row).optional().orElse(null);
    }

    /** Paid in a year in one village: payments and their sum. */
    public Object[] paidInYear(String village, int year) {
        return jdbc.sql("select count(*), coalesce(sum(amount), 0) from assistance_payment where village_code = :v "
                        + "and paid_on between :a and :b")
                .param("v", village).param("a", LocalDate.of(year, 1, 1)).param("b", LocalDate.of(year, 12, 31))
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getBigDecimal(2)}).single();
    }
}
