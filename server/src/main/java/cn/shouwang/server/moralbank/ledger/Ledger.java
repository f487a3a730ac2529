package cn.shouwang.server.moralbank.ledger;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.moralbank.MoralBankRefusal;
import cn.shouwang.server.moralbank.Places;
import cn.shouwang.server.moralbank.catalogue.Catalogue;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The points ledger of each household: every change of points is an entry (an item of the village rules, a
 * redemption of goods, or the reversal of an earlier entry); a balance is the sum of the entries and is never stored
 * or edited. A redemption checks the balance and the stock in one transaction: it locks the household's account row
 * (so two redemptions of one household run one after the other and the second sees the first's entry) and takes the
 * stock with a conditional update ({@code stock >= quantity}), so neither points nor goods can go below zero.
 */
@Service
public class Ledger {
    private final JdbcClient jdbc;
    private final HouseholdApi households;
    private final Catalogue catalogue;
    private final AuditApi audit;

    Ledger(JdbcClient jdbc, HouseholdApi households, Catalogue catalogue, AuditApi audit) {
        this.jdbc = jdbc;
        this.households = households;
        this.catalogue = catalogue;
        this.audit = audit;
    }

    /** A household's standing: balance (all entries), earned (all but redemptions and their reversals), redeemed. */
    public record Balance(long balance, long earned, long redeemed, long entries) {}

    public record Entry(long id, String kind, String label, int points, LocalDate entryDate, String note,
                        @Nullable Long reversesId, @Nullable Long reversedById, String recordedByName,
                        OffsetDateTime recordedAt, @Nullable Integer quantity) {}

    /** An account as the lists show it (the head's name from the registry, asked once per page). */
    public record AccountRow(long householdId, String villageCode, long balance, long earned) {}

    private static final String EARNED = "coalesce(sum(e.points) filter (where coalesce(r.kind, e.kind) <> 'REDEMPTION'), 0)";

    public Balance balance(long householdId) {
        return jdbc.sql("""
                select coalesce(sum(e.points), 0), %s,
                       coalesce(-sum(e.points) filter (where coalesce(r.kind, e.kind) = 'REDEMPTION'), 0), count(*)
                  from moral_entry e left join moral_entry r on r.id = e.reverses_id
                 where e.household_id = :h""".formatted(EARNED))
                .param("h", householdId)
                .query((rs, i) -> new Balance(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).single();
    }

    /** The household's entries, newest first; the caller has checked the household's scope. */
    public List<Entry> entries(long householdId) {
        return jdbc.sql("""
                select e.id, e.kind, e.label, e.points, e.entry_date, e.note, e.reverses_id, x.id, e.recorded_by_name,
                       e.recorded_at, e.quantity
                  from moral_entry e left join moral_entry x on x.reverses_id = e.id
                 where e.household_id = :h order by e.entry_date desc, e.id desc""")
                .param("h", householdId)
                .query((rs, i) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getObject(5, LocalDate.class), rs.getString(6), (Long) rs.getObject(7),
                        (Long) rs.getObject(8), rs.getString(9), rs.getObject(10, OffsetDateTime.class),
                        (Integer) rs.getObject(11))).list();
    }

    /** The household, if in the scope (the registry decides). */
    public Optional<HouseholdApi.Ref> household(long householdId, AreaScope scope) {
        return households.ref(householdId, scope);
    }

    /** Accounts of the area (their village now), by points earned, then balance; one page. */
    public List<AccountRow> accounts(AreaScope area, int offset, int limit) {
        return jdbc.sql("""
                select a.household_id, a.village_code, coalesce(sum(e.points), 0) balance, %s earned
                  from moral_account a join moral_entry e on e.household_id = a.household_id
                  left join moral_entry r on r.id = e.reverses_id
                 where a.village_code between :lo and :hi
                 group by a.household_id, a.village_code
                 order by earned desc, balance desc, a.household_id
                 offset :off limit :lim""".formatted(EARNED))
                .param("lo", Places.lo(area)).param("hi", Places.hi(area)).param("off", offset).param("lim", limit)
                .query((rs, i) -> new AccountRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4))).list();
    }

    public long accountCount(AreaScope area) {
        return jdbc.sql("select count(*) from moral_account where village_code between :lo and :hi")
                .param("lo", Places.lo(area)).param("hi", Places.hi(area)).query(Long.class).single();
    }

    /** Heads' names of these households (one registry call). */
    public Map<Long, HouseholdApi.Ref> refs(Collection<Long> ids, AreaScope scope) {
        return households.refs(ids, scope);
    }

    /** Points of an item of the village rules for a household in the user's scope. */
    @Transactional
    public long addItem(long householdId, LedgerCmd.ItemEntry cmd, CurrentUser u) {
        Places.requireWriter(u);
        HouseholdApi.Ref h = households.ref(householdId, u.scope()).orElseThrow(() -> new OutOfScopeException("household"));
        Catalogue.Item item = catalogue.usableItem(cmd.itemId(), h.villageCode())
                .orElseThrow(() -> new MoralBankRefusal("moralbank.refused.item"));
        openAccount(h);
        long id = insert(h, "ITEM", item.id(), null, null, item.name(), item.points(), cmd.entryDate(), cmd.noteText(),
                null, u);
        audit.record(AuditAction.MORAL_ENTRY_ADD, h.id(), null, h.villageCode(),
                List.of(new AuditApi.Change("points", null, String.valueOf(item.points()))),
                "entry " + id + " " + item.name());
        return id;
    }

    /**
     * Goods for points, in one transaction: the account row locked, the balance summed, the stock taken only if
     * enough is left, the entry written. Refused (nothing written) without enough points or stock.
     */
    @Transactional
    public long redeem(long householdId, LedgerCmd.Redemption cmd, CurrentUser u) {
        Places.requireWriter(u);
        HouseholdApi.Ref h = households.ref(householdId, u.scope()).orElseThrow(() -> new OutOfScopeException("household"));
        String village = lockAccount(h.id()).orElseThrow(() -> new MoralBankRefusal("moralbank.refused.points", 0, 0));
        record G(String name, int price, int stock, boolean active) {}
        G g = jdbc.sql("select name, price, stock, active from moral_goods where id = :g and village_code = :v")
                .param("g", cmd.goodsId()).param("v", village)
                .query((rs, i) -> new G(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getBoolean(4))).optional()
                .filter(G::active).orElseThrow(() -> new MoralBankRefusal("moralbank.refused.goods"));
        long cost = (long) g.price() * cmd.quantity();
        long balance = balance(h.id()).balance();
        if (balance < cost) throw new MoralBankRefusal("moralbank.refused.points", cost, balance);
        // the stock is taken only if enough is left at this moment: a concurrent redemption of the same goods by
        // another household waits for this row and then finds the stock already lowered
        int taken = jdbc.sql("update moral_goods set stock = stock - :q, version = version + 1 "
                        + "where id = :g and stock >= :q")
                .param("q", cmd.quantity()).param("g", cmd.goodsId()).update();
        if (taken == 0) throw new MoralBankRefusal("moralbank.refused.stock", g.name());
        long id = insert(h, "REDEMPTION", null, cmd.goodsId(), cmd.quantity(), g.name(), (int) -cost, cmd.entryDate(),
                cmd.noteText(), null, u);
        audit.record(AuditAction.MORAL_REDEEM, h.id(), null, h.villageCode(),
                List.of(new AuditApi.Change("points", String.valueOf(balance), String.valueOf(balance - cost))),
                "entry " + id + " " + g.name() + " x" + cmd.quantity());
        return id;
    }

    /**
     * A correction: a new entry with the negated points of {@code entryId}, pointing to it. An entry is reversed at
     * most once (a unique key), a reversal never; reversing a redemption returns the goods to the stock.
     */
    @Transactional
    public long reverse(long entryId, LedgerCmd.Reversal cmd, CurrentUser u) {
        Places.requireWriter(u);
        record E(long householdId, String kind, String label, int points, @Nullable Long goodsId,
                 @Nullable Integer quantity) {}
        E e = jdbc.sql("""
                select household_id, kind, label, points, goods_id, quantity from moral_entry
                 where id = :id and village_code between :lo and :hi""")
                .param("id", entryId).param("lo", Places.lo(u.scope())).param("hi", Places.hi(u.scope()))
                .query((rs, i) -> new E(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        (Long) rs.getObject(5), (Integer) rs.getObject(6))).optional()
                .orElseThrow(() -> new OutOfScopeException("entry"));
        HouseholdApi.Ref h = households.ref(e.householdId(), u.scope())
                .orElseThrow(() -> new OutOfScopeException("household"));
        if (e.kind().equals("REVERSAL")) throw new MoralBankRefusal("moralbank.refused.reverseReversal");
        lockAccount(h.id());
        if (e.goodsId() != null && e.quantity() != null) {
            jdbc.sql("update moral_goods set stock = stock + :q, version = version + 1 where id = :g")
                    .param("q", e.quantity()).param("g", e.goodsId()).update();
        }
        long id;
        try {
            id = insert(h, "REVERSAL", null, null, null, e.label(), -e.points(), cmd.entryDate(), cmd.reason().strip(),
                    entryId, u);
        } catch (DuplicateKeyException twice) {
            throw new MoralBankRefusal("moralbank.refused.alreadyReversed");
        }
        audit.record(AuditAction.MORAL_ENTRY_REVERSE, h.id(), null, h.villageCode(),
                List.of(new AuditApi.Change("points", String.valueOf(e.points()), String.valueOf(-e.points()))),
                "entry " + id + " reverses " + entryId + ": " + cmd.reason().strip());
        return id;
    }

    private void openAccount(HouseholdApi.Ref h) {
        jdbc.sql("insert into moral_account (household_id, village_code) values (:h, :v) on conflict do nothing")
                .param("h", h.id()).param("v", h.villageCode()).update();
    }

    /** Locks the household's account row for this transaction; its village, or empty without an account. */
    private Optional<String> lockAccount(long householdId) {
        return jdbc.sql("select village_code from moral_account where household_id = :h for update")
                .param("h", householdId).query(String.class).optional();
    }

    private long insert(HouseholdApi.Ref h, String kind, @Nullable Long itemId, @Nullable Long goodsId,
                        @Nullable Integer quantity, String label, int points, LocalDate on, String note,
                        @Nullable Long reverses, CurrentUser u) {
        return jdbc.sql("""
                insert into moral_entry (household_id, village_code, kind, item_id, goods_id, quantity, label, points,
                                         entry_date, note, reverses_id, recorded_by, recorded_by_name)
                values (:h, :v, :k, :item, :goods, :q, :label, :p, :on, :note, :rev, :by, :byName) returning id""")
                .param("h", h.id()).param("v", h.villageCode()).param("k", kind).param("item", itemId)
                .param("goods", goodsId).param("q", quantity).param("label", label).param("p", points)
                .param("on", on).param("note", note).param("rev", reverses)
                .param("by", u.username()).param("byName", u.displayName()).query(Long.class).single();
    }
}
