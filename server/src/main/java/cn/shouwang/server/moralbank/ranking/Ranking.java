package cn.shouwang.server.moralbank.ranking;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.moralbank.MoralBankRefusal;
import cn.shouwang.server.moralbank.ledger.Ledger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public ranking of a village: households by points earned (redemptions do not lower a household's place), with
 * the head's name only (no id number, phone or other personal data: it is put up on the village notice board) and
 * the tier the points reach (银卡, 金卡, 钻石卡 from the thresholds of {@code moral_setting}).
 */
@Service
public class Ranking {
    /** The tiers, lowest first; each has a setting {@code tier_<name>} with the points it starts at. */
    public enum Tier { SILVER, GOLD, DIAMOND }

    public record Tiers(int silver, int gold, int diamond) {
        public @Nullable Tier of(long earned) {
            if (earned >= diamond) return Tier.DIAMOND;
            if (earned >= gold) return Tier.GOLD;
            if (earned >= silver) return Tier.SILVER;
            return null;
        }
    }

    public record Line(int rank, String headName, long earned, long balance, @Nullable Tier tier) {}

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final AuditApi audit;

    Ranking(JdbcClient jdbc, Ledger ledger, AuditApi audit) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.audit = audit;
    }

    public Tiers tiers() {
        Map<String, Integer> s = new java.util.HashMap<>();
        jdbc.sql("select name, value from moral_setting").query((rs, i) -> s.put(rs.getString(1), rs.getInt(2))).list();
        return new Tiers(s.getOrDefault("tier_silver", 300), s.getOrDefault("tier_gold", 600),
                s.getOrDefault("tier_diamond", 1000));
    }

    /** Changes the thresholds (administrators only); they must rise from silver to diamond. */
    @Transactional
    public void saveTiers(int silver, int gold, int diamond, CurrentUser u) {
        if (u.role() != Role.ADMIN) throw new AccessDeniedException("administrators only");
        if (silver <= 0 || gold <= silver || diamond <= gold) throw new MoralBankRefusal("moralbank.refused.tiers");
        Tiers before = tiers();
        for (var e : Map.of("tier_silver", silver, "tier_gold", gold, "tier_diamond", diamond).entrySet()) {
            jdbc.sql("insert into moral_setting (name, value) values (:n, :v) on conflict (name) do update set value = :v")
                    .param("n", e.getKey()).param("v", e.getValue()).update();
        }
        audit.record(AuditAction.MORAL_SETTINGS_UPDATE, null, null, u.scope().areaCode(), List.of(
                new AuditApi.Change("tier_silver", String.valueOf(before.silver()), String.valueOf(silver)),
                new AuditApi.Change("tier_gold", String.valueOf(before.gold()), String.valueOf(gold)),
                new AuditApi.Change("tier_diamond", String.valueOf(before.diamond()), String.valueOf(diamond))), null);
    }

    /** The village's ranking, the first {@code limit} households; the caller has checked the village is in scope. */
    public List<Line> village(String villageCode, int limit) {
        AreaScope v = new AreaScope(villageCode);
        List<Ledger.AccountRow> rows = ledger.accounts(v, 0, limit);
        Map<Long, HouseholdApi.Ref> refs = ledger.refs(rows.stream().map(Ledger.AccountRow::householdId).toList(), v);
        Tiers t = tiers();
        List<Line> lines = new ArrayList<>();
        int rank = 0;
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < rows.size(); i++) {
            Ledger.AccountRow r = rows.get(i);
            if (r.earned() != previous) rank = i + 1; // equal points, equal place
            previous = r.earned();
            HouseholdApi.Ref ref = refs.get(r.householdId());
            lines.add(new Line(rank, ref == null ? "" : ref.headName(), r.earned(), r.balance(), t.of(r.earned())));
        }
        return lines;
    }
}
