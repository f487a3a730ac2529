package cn.shouwang.server.socialassistance.registry;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.socialassistance.Kinds.Frequency;
import cn.shouwang.server.socialassistance.Kinds.GrantKind;
import cn.shouwang.server.socialassistance.Sa;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The grants (table assistance_grant); every read takes the area. */
@Repository
public class AssistanceGrantStore {
    private final JdbcClient jdbc;

    AssistanceGrantStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record GrantRow(long id, long householdId, @Nullable Long memberId, String recipientName, String villageCode,
                           GrantKind kind, BigDecimal amount, Frequency frequency, LocalDate startedOn,
                           @Nullable LocalDate endedOn, byte @Nullable [] bankAccount, @Nullable Long measureId,
                           String note, int version) {
        public boolean openOn(LocalDate day) {
            return !startedOn.isAfter(day) && (endedOn == null || !endedOn.isBefore(day));
        }
    }

    static final String COLUMNS = "id, household_id, member_id, recipient_name, village_code, kind, amount, frequency, "
            + "started_on, ended_on, bank_account_enc, measure_id, note, version";

    public static GrantRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long m = rs.getLong(3);
        Long member = rs.wasNull() ? null : m;
        long ms = rs.getLong(12);
        Long measure = rs.wasNull() ? null : ms;
        return new GrantRow(rs.getLong(1), rs.getLong(2), member, rs.getString(4), rs.getString(5),
                GrantKind.valueOf(rs.getString(6)), rs.getBigDecimal(7), Frequency.valueOf(rs.getString(8)),
                rs.getObject(9, LocalDate.class), rs.getObject(10, LocalDate.class), rs.getBytes(11), measure,
                rs.getString(13), rs.getInt(14));
    }

    public List<GrantRow> ofHousehold(long householdId, AreaScope scope) {
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql("select " + COLUMNS + " from assistance_grant where household_id = :h and village_code between :lo and :hi "
                        + "order by ended_on nulls first, started_on desc, id")
                .param("h", householdId).param("lo", r.lo()).param("hi", r.hi()).query(AssistanceGrantStore::row).list();
    }

    public List<GrantRow> ofHouseholds(Collection<Long> ids, AreaScope scope) {
        if (ids.isEmpty()) return List.of();
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql("select " + COLUMNS + " from assistance_grant where household_id = any(:ids) "
                        + "and village_code between :lo and :hi order by household_id, started_on")
                .param("ids", ids.toArray(Long[]::new)).param("lo", r.lo()).param("hi", r.hi()).query(AssistanceGrantStore::row).list();
    }

    /** The grants of the area that may pay in the quarter ending with {@code lastDay}'s month or before it. */
    public List<GrantRow> running(AreaScope scope, LocalDate firstDay, LocalDate lastDay) {
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql("select " + COLUMNS + " from assistance_grant where village_code between :lo and :hi "
                        + "and started_on <= :last and (ended_on is null or ended_on >= :first) order by village_code, id")
                .param("lo", r.lo()).param("hi", r.hi()).param("first", firstDay).param("last", lastDay)
                .query(AssistanceGrantStore::row).list();
    }

    public Optional<GrantRow> find(long id, AreaScope scope) {
        Sa.Range r = Sa.Range.of(scope);
        return jdbc.sql("select " + COLUMNS + " from assistance_grant where id = :id and village_code between :lo and :hi")
                .param("id", id).param("lo", r.lo()).param("hi", r.hi()).query(AssistanceGrantStore::row).optional();
    }

    /** The household's grants that back plan measures (any area: the caller checked the household). */
    public List<GrantRow> backing(long householdId) {
        return jdbc.sql("select " + COLUMNS + " from assistance_grant where household_id = :h and measure_id is not null")
                .param("h", householdId).query(AssistanceGrantStore::row).list();
    }

    public long insert(long householdId, @Nullable Long memberId, String recipientName, String village, GrantKind kind,
                       BigDecimal amount, Frequency frequency, LocalDate start, @Nullable LocalDate end,
                       byte @Nullable [] bankAccount, @Nullable Long measureId, String note, @Nullable Long by) {
        return jdbc.sql("""
                        insert into assistance_grant (household_id, member_id, recipient_name, village_code, kind, amount,
                               frequency, started_on, ended_on, bank_account_enc, measure_id, note, created_by)
                        values (:h, :m, :name, :v, :k, :a, :f, :start, :end, :bank, :measure, :note, :by) returning id""")
                .param("h", householdId).param("m", memberId).param("name", recipientName).param("v", village)
                .param("k", kind.name()).param("a", amount).param("f", frequency.name()).param("start", start)
                .param("end", end).param("bank", bankAccount).param("measure", measureId).param("note", note)
                .param("by", by).query(Long.class).single();
    }

    /** Changes amount, end, bank account (when given) and measure; false when another change came first. */
    public boolean update(long id, int version, BigDecimal amount, @Nullable LocalDate end, byte @Nullable [] bankAccount,
                          @Nullable Long measureId, String note) {
        return jdbc.sql("""
                        update assistance_grant set amount = :a, ended_on = :end,
                               bank_account_enc = coalesce(:bank, bank_account_enc), measure_id = :measure, note = :note,
                               version = version + 1
                        where id = :id and version = :v""")
                .param("a", amount).param("end", end).param("bank", bankAccount).param("measure", measureId)
                .param("note", note).param("id", id).param("v", version).update() == 1;
    }
}
