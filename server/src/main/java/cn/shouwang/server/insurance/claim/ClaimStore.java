package cn.shouwang.server.insurance.claim;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.insurance.policy.CostType;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The claims (insurance V1): every read has the area scope in its WHERE (the claim's village). */
@Repository
class ClaimStore {
    private final JdbcClient jdbc;

    ClaimStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the list's filters choose; every part optional except the area. */
    record Filter(AreaScope area, @Nullable Integer year, @Nullable ClaimStatus status, @Nullable CostType costType,
                  @Nullable Long household) {}

    private static final String COLUMNS = """
            select id, policy_id, household_id, village_code, member_id, person_name, cost_type, year, total_cost,
                   reimbursed, out_of_pocket, evidence, warning_id, status, opened_by, opened_by_name, opened_at,
                   investigated_by, investigated_by_name, investigated_on, investigation, approved_by, approved_by_name,
                   approved_at, payout, paid_by_name, paid_on, rejected_by_name, rejected_at, reject_reason, version
              from insurance_claim
            """;

    private static final String WHERE = "where village_code like :s and (:y::int is null or year = :y) "
            + "and (:st::text is null or status = :st) and (:ct::text is null or cost_type = :ct) "
            + "and (:h::bigint is null or household_id = :h) ";

    private static Claim claim(ResultSet rs, int i) throws SQLException {
        return new Claim(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                CostType.valueOf(rs.getString(7)), rs.getInt(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
                rs.getBigDecimal(11), rs.getString(12), (Long) rs.getObject(13), ClaimStatus.valueOf(rs.getString(14)),
                rs.getString(15), rs.getString(16), rs.getObject(17, OffsetDateTime.class), rs.getString(18),
                rs.getString(19), rs.getObject(20, LocalDate.class), rs.getString(21), rs.getString(22), rs.getString(23),
                rs.getObject(24, OffsetDateTime.class), rs.getBigDecimal(25), rs.getString(26),
                rs.getObject(27, LocalDate.class), rs.getString(28), rs.getObject(29, OffsetDateTime.class),
                rs.getString(30), rs.getInt(31));
    }

    private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec q, Filter f) {
        return q.param("s", f.area().likePattern()).param("y", f.year(), Types.INTEGER)
                .param("st", f.status() == null ? null : f.status().name(), Types.VARCHAR)
                .param("ct", f.costType() == null ? null : f.costType().name(), Types.VARCHAR)
                .param("h", f.household(), Types.BIGINT);
    }

    Optional<Claim> find(long id, AreaScope scope) {
        return jdbc.sql(COLUMNS + "where id = :id and village_code like :s").param("id", id)
                .param("s", scope.likePattern()).query(ClaimStore::claim).optional();
    }

    long count(Filter f) {
        return bind(jdbc.sql("select count(*) from insurance_claim " + WHERE), f).query(Long.class).single();
    }

    /** Claims and paid payouts the filter shows (the list's total line). */
    record Totals(long claims, long paid, BigDecimal payouts) {}

    Totals totals(Filter f) {
        return bind(jdbc.sql("select count(*), count(*) filter (where status = 'PAID'), "
                        + "coalesce(sum(payout) filter (where status = 'PAID'), 0) from insurance_claim " + WHERE), f)
                .query((rs, i) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3))).single();
    }

    List<Claim> page(Filter f, int page, int size) {
        return bind(jdbc.sql(COLUMNS + WHERE + "order by opened_at desc, id desc limit :l offset :o"), f)
                .param("l", size).param("o", (long) (page - 1) * size).query(ClaimStore::claim).list();
    }

    void each(Filter f, Consumer<Claim> each) {
        bind(jdbc.sql(COLUMNS + WHERE + "order by opened_at desc, id desc"), f)
                .query((ResultSet rs) -> each.accept(claim(rs, 0)));
    }

    /** The claim not rejected that was opened from this warning, if any (one click opens one claim). */
    Optional<Long> ofWarning(long warningId) {
        return jdbc.sql("select id from insurance_claim where warning_id = :w and status <> :rejected")
                .param("w", warningId).param("rejected", ClaimStatus.REJECTED.name()).query(Long.class).optional();
    }

    /** What the fund paid to this person in the year, other claims than {@code except}. */
    BigDecimal paidToPerson(long memberId, int year, long except) {
        return jdbc.sql("select coalesce(sum(payout), 0) from insurance_claim where member_id = :m and year = :y "
                        + "and status = 'PAID' and id <> :x")
                .param("m", memberId).param("y", year).param("x", except).query(BigDecimal.class).single();
    }

    record NewClaim(long policyId, long householdId, String villageCode, long memberId, String personName,
                    CostType costType, int year, BigDecimal totalCost, BigDecimal reimbursed, BigDecimal outOfPocket,
                    String evidence, @Nullable Long warningId, String by, String byName, Instant at) {}

    long insert(NewClaim c) {
        return jdbc.sql("""
                insert into insurance_claim (policy_id, household_id, village_code, member_id, person_name, cost_type,
                       year, total_cost, reimbursed, out_of_pocket, evidence, warning_id, status, opened_by,
                       opened_by_name, opened_at)
                values (:p, :h, :v, :m, :pn, :ct, :y, :t, :r, :o, :e, :w, 'OPEN', :by, :byn, :at) returning id""")
                .param("p", c.policyId()).param("h", c.householdId()).param("v", c.villageCode())
                .param("m", c.memberId()).param("pn", c.personName()).param("ct", c.costType().name())
                .param("y", c.year()).param("t", c.totalCost()).param("r", c.reimbursed()).param("o", c.outOfPocket())
                .param("e", c.evidence()).param("w", c.warningId(), Types.BIGINT).param("by", c.by())
                .param("byn", c.byName()).param("at", Timestamp.from(c.at())).query(Long.class).single();
    }

    /** The step's update, only from the status it starts from and at the version the form was opened with. */
    private boolean step(long id, int version, ClaimStatus.Step s, String set, java.util.Map<String, Object> params) {
        var q = jdbc.sql("update insurance_claim set status = :to, version = version + 1, " + set
                        + " where id = :id and version = :v and status = any(:from)")
                .param("to", s.to().name()).param("id", id).param("v", version)
                .param("from", java.util.Arrays.stream(ClaimStatus.values()).filter(x -> x.allows(s)).map(Enum::name)
                        .toArray(String[]::new));
        for (var e : params.entrySet()) q = q.param(e.getKey(), e.getValue());
        return q.update() == 1;
    }

    boolean investigate(long id, int version, String by, String byName, LocalDate on, String findings,
                        BigDecimal outOfPocket, BigDecimal payout) {
        return step(id, version, ClaimStatus.Step.INVESTIGATE, "investigated_by = :by, investigated_by_name = :byn, "
                        + "investigated_on = :on, investigation = :f, out_of_pocket = :o, payout = :pay",
                java.util.Map.of("by", by, "byn", byName, "on", on, "f", findings, "o", outOfPocket, "pay", payout));
    }

    boolean approve(long id, int version, String by, String byName, Instant at, BigDecimal payout) {
        return step(id, version, ClaimStatus.Step.APPROVE, "approved_by = :by, approved_by_name = :byn, approved_at = :at, "
                + "payout = :pay", java.util.Map.of("by", by, "byn", byName, "at", Timestamp.from(at), "pay", payout));
    }

    boolean pay(long id, int version, String by, String byName, LocalDate on, BigDecimal payout) {
        return step(id, version, ClaimStatus.Step.PAY, "paid_by = :by, paid_by_name = :byn, paid_on = :on, payout = :pay",
                java.util.Map.of("by", by, "byn", byName, "on", on, "pay", payout));
    }

    boolean reject(long id, int version, String by, String byName, Instant at, String reason) {
        return step(id, version, ClaimStatus.Step.REJECT, "rejected_by = :by, rejected_by_name = :byn, rejected_at = :at, "
                + "reject_reason = :r", java.util.Map.of("by", by, "byn", byName, "at", Timestamp.from(at), "r", reason));
    }

    boolean any() {
        return jdbc.sql("select exists (select 1 from insurance_claim)").query(Boolean.class).single();
    }
}
