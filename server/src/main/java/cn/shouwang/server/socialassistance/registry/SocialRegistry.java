package cn.shouwang.server.socialassistance.registry;

import cn.shouwang.core.casework.MeasureGroup;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.audit.AuditApi.Change;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.Views;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.socialassistance.Sa;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Layers and grants recorded on the household view: the household (and member, and plan measure) checked against the
 * user's area, every change audited on the household's history, concurrent changes refused by version.
 */
@Service
public class SocialRegistry {
    /** Another change came first: the form is shown again with 别人已修改. */
    public static class Stale extends RuntimeException {
        Stale() { super("changed by someone else"); }
    }

    /** A field the registry or casework refused (member not of the household, measure not of its plan). */
    public static class Refused extends RuntimeException {
        public final String field;
        public final String messageKey;

        Refused(String field, String messageKey) {
            super(messageKey);
            this.field = field;
            this.messageKey = messageKey;
        }
    }

    private final LowIncomeLayerStore layers;
    private final AssistanceGrantStore grants;
    private final HouseholdApi households;
    private final CaseworkApi casework;
    private final AuditApi audit;
    private final PersonalDataApi personalData;

    SocialRegistry(LowIncomeLayerStore layers, AssistanceGrantStore grants, HouseholdApi households, CaseworkApi casework, AuditApi audit,
                   PersonalDataApi personalData) {
        this.layers = layers;
        this.grants = grants;
        this.households = households;
        this.casework = casework;
        this.audit = audit;
        this.personalData = personalData;
    }

    public Views.Household household(long id, AreaScope scope) {
        return households.findHousehold(id, scope).orElseThrow(() -> new OutOfScopeException("household"));
    }

    /** The plan measures a grant may back: the household's, of group 综合保障(低保/特困). */
    public List<CaseworkApi.MeasureRef> floorMeasures(long householdId, AreaScope scope) {
        return casework.measuresOf(householdId, scope).stream()
                .filter(m -> MeasureGroup.SOCIAL_ASSISTANCE_FLOOR.name().equals(m.group())).toList();
    }

    private static Views.@Nullable Member member(Views.Household h, @Nullable Long memberId) {
        if (memberId == null) return null;
        return h.members().stream().filter(m -> m.id() == memberId).findFirst()
                .orElseThrow(() -> new Refused("memberId", "socialassistance.member.notOfHousehold"));
    }

    @Transactional
    public long addLayer(long householdId, Cmds.LayerCmd c, CurrentUser u) {
        Views.Household h = household(householdId, u.scope());
        member(h, c.memberId());
        long id = layers.insert(h.id(), c.memberId(), h.villageCode(), c.layer(), c.source(), c.start(), c.end(),
                c.note() == null ? "" : c.note().strip(), null, u.accountId());
        audit.record(AuditAction.SOCIAL_LAYER_ADD, h.id(), c.memberId(), h.villageCode(),
                List.of(new Change("layer", null, c.layer().name()), new Change("source", null, c.source().name()),
                        new Change("start", null, c.start().toString())), "layer-" + id);
        return id;
    }

    @Transactional
    public void endLayer(long householdId, long layerId, Cmds.LayerEndCmd c, CurrentUser u) {
        Views.Household h = household(householdId, u.scope());
        LowIncomeLayerStore.LayerRow l = layers.find(layerId, u.scope()).filter(x -> x.householdId() == h.id())
                .orElseThrow(() -> new OutOfScopeException("layer"));
        if (c.on().isBefore(l.startedOn())) throw new Refused("on", "socialassistance.end.beforeStart");
        if (!layers.end(l.id(), c.version(), c.on())) throw new Stale();
        audit.record(AuditAction.SOCIAL_LAYER_END, h.id(), l.memberId(), h.villageCode(),
                List.of(new Change("end", null, c.on().toString())), "layer-" + l.id());
    }

    private @Nullable Long measure(long householdId, @Nullable Long measureId, AreaScope scope) {
        if (measureId == null) return null;
        return floorMeasures(householdId, scope).stream().filter(m -> m.id() == measureId).findFirst()
                .map(CaseworkApi.MeasureRef::id)
                .orElseThrow(() -> new Refused("measureId", "socialassistance.measure.notOfPlan"));
    }

    private byte @Nullable [] bank(@Nullable String account) {
        return account == null || account.isBlank() ? null : personalData.seal(account.strip());
    }

    @Transactional
    public long addGrant(long householdId, Cmds.GrantCmd c, CurrentUser u) {
        Views.Household h = household(householdId, u.scope());
        Views.Member m = member(h, c.memberId());
        Views.Member head = h.head();
        String recipient = m != null ? m.name() : head != null ? head.name() : h.householdNo();
        Long measure = measure(h.id(), c.measureId(), u.scope());
        long id = grants.insert(h.id(), c.memberId(), recipient, h.villageCode(), c.kind(), Sa.yuan(c.amount()),
                c.frequency(), c.start(), c.end(), bank(c.bankAccount()), measure,
                c.note() == null ? "" : c.note().strip(), u.accountId());
        List<Change> changes = new ArrayList<>(List.of(new Change("kind", null, c.kind().name()),
                new Change("amount", null, Sa.yuan(c.amount()).toPlainString()),
                new Change("frequency", null, c.frequency().name()), new Change("start", null, c.start().toString())));
        if (measure != null) changes.add(new Change("measure", null, String.valueOf(measure)));
        audit.record(AuditAction.SOCIAL_GRANT_ADD, h.id(), c.memberId(), h.villageCode(), changes, "grant-" + id);
        return id;
    }

    @Transactional
    public void updateGrant(long householdId, long grantId, Cmds.GrantUpdateCmd c, CurrentUser u) {
        Views.Household h = household(householdId, u.scope());
        AssistanceGrantStore.GrantRow g = grants.find(grantId, u.scope()).filter(x -> x.householdId() == h.id())
                .orElseThrow(() -> new OutOfScopeException("grant"));
        if (c.end() != null && c.end().isBefore(g.startedOn())) throw new Refused("end", "socialassistance.end.beforeStart");
        Long measure = measure(h.id(), c.measureId(), u.scope());
        if (!grants.update(g.id(), c.version(), Sa.yuan(c.amount()), c.end(), bank(c.bankAccount()), measure,
                c.note() == null ? "" : c.note().strip())) {
            throw new Stale();
        }
        List<Change> changes = new ArrayList<>();
        if (g.amount().compareTo(c.amount()) != 0) {
            changes.add(new Change("amount", g.amount().toPlainString(), Sa.yuan(c.amount()).toPlainString()));
        }
        if (!java.util.Objects.equals(g.endedOn(), c.end())) {
            changes.add(new Change("end", String.valueOf(g.endedOn()), String.valueOf(c.end())));
        }
        if (!java.util.Objects.equals(g.measureId(), measure)) {
            changes.add(new Change("measure", String.valueOf(g.measureId()), String.valueOf(measure)));
        }
        // the account itself never enters the log: only that it changed
        if (c.bankAccount() != null && !c.bankAccount().isBlank()) changes.add(new Change("bankAccount", null, "***"));
        audit.record(AuditAction.SOCIAL_GRANT_UPDATE, h.id(), g.memberId(), h.villageCode(), changes, "grant-" + g.id());
    }
}
