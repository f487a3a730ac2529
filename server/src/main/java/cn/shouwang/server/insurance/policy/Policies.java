package cn.shouwang.server.insurance.policy;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The policy commands: checked for role and area, written, audited, in one transaction. */
@Service
public class Policies {
    /** A refusal the form shows beside its fields: the message key and its arguments. */
    public static final class Refused extends RuntimeException {
        private final String key;
        private final transient Object[] args;

        public Refused(String key, Object... args) {
            super(key);
            this.key = key;
            this.args = args;
        }

        public String key() {
            return key;
        }

        public Object[] args() {
            return args;
        }
    }

    private final PolicyStore store;
    private final AuditApi audit;
    private final Clock clock;

    Policies(PolicyStore store, AuditApi audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** Who keeps policies and premiums: the county (and administrators and the city above it). */
    public static boolean mayManage(CurrentUser u) {
        return u.role() == Role.ADMIN || u.role() == Role.CITY_ANALYST || u.role() == Role.COUNTY_ANALYST;
    }

    private static void requireManage(CurrentUser u, String areaCode) {
        if (!mayManage(u)) throw new AccessDeniedException("insurance policy by " + u.role());
        if (!u.scope().covers(areaCode)) throw new OutOfScopeException("area");
    }

    @Transactional
    public long add(PolicyCmd.Save c, CurrentUser u) {
        requireManage(u, c.areaCode());
        if (store.exists(c.areaCode(), c.year(), null)) throw new Refused("insurance.policy.exists", c.year());
        long id = store.insert(c, u.username(), clock.instant());
        audit.record(AuditAction.INSURANCE_POLICY_ADD, null, null, c.areaCode(), changes(null, c), "policy-" + id);
        return id;
    }

    /** @throws Refused {@code insurance.conflict} when the policy was changed since the form was opened */
    @Transactional
    public void update(Policy p, PolicyCmd.Save c, CurrentUser u) {
        requireManage(u, p.areaCode());
        int version = c.version() == null ? -1 : c.version();
        if (!store.update(p.id(), c, version)) throw new Refused("insurance.conflict");
        audit.record(AuditAction.INSURANCE_POLICY_UPDATE, null, null, p.areaCode(), changes(PolicyCmd.Save.of(p), c),
                "policy-" + p.id());
    }

    @Transactional
    public long addPremium(Policy p, PolicyCmd.Premium c, CurrentUser u) {
        requireManage(u, p.areaCode());
        long id = store.addPremium(p, c, u.username(), clock.instant());
        audit.record(AuditAction.INSURANCE_PREMIUM_ADD, null, null, p.areaCode(), List.of(
                new AuditApi.Change("amount", null, c.amount().toPlainString()),
                new AuditApi.Change("paidOn", null, c.paidOn().toString()),
                new AuditApi.Change("paidBy", null, c.paidBy())), "policy-" + p.id());
        return id;
    }

    private static List<AuditApi.Change> changes(PolicyCmd.Save a, PolicyCmd.Save b) {
        List<AuditApi.Change> out = new ArrayList<>();
        add(out, "year", a == null ? null : a.year(), b.year());
        add(out, "name", a == null ? null : a.name(), b.name());
        add(out, "premiumPerPerson", a == null ? null : a.premiumPerPerson(), b.premiumPerPerson());
        add(out, "coverage", a == null ? null : a.coverage(), b.coverage());
        add(out, "lineIllness", a == null ? null : a.lineIllness(), b.lineIllness());
        add(out, "lineSchooling", a == null ? null : a.lineSchooling(), b.lineSchooling());
        add(out, "lineDisaster", a == null ? null : a.lineDisaster(), b.lineDisaster());
        add(out, "ratioPercent", a == null ? null : a.ratioPercent(), b.ratioPercent());
        add(out, "capPerPerson", a == null ? null : a.capPerPerson(), b.capPerPerson());
        return out;
    }

    private static void add(List<AuditApi.Change> out, String field, Object old, Object now) {
        String o = text(old), n = text(now);
        if (!Objects.equals(o, n)) out.add(new AuditApi.Change(field, o, n));
    }

    private static String text(Object v) {
        if (v == null) return null;
        if (v instanceof java.math.BigDecimal d) return d.stripTrailingZeros().toPlainString();
        return v.toString();
    }
}
