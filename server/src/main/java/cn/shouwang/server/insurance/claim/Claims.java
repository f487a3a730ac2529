package cn.shouwang.server.insurance.claim;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.HouseholdCasesApi;
import cn.shouwang.server.household.HouseholdIncomeApi;
import cn.shouwang.server.household.Views;
import cn.shouwang.server.insurance.policy.Coverage;
import cn.shouwang.server.insurance.policy.Policies.Refused;
import cn.shouwang.server.insurance.policy.Policy;
import cn.shouwang.server.insurance.policy.PolicyStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The claim commands (赔案): each checked for role, area, status and maker-checker, written, audited, in one
 * transaction; the payment credits the household's income in the same transaction (source {@value #SOURCE}, reference
 * {@code claim-<id>}: a retried payment is credited once).
 */
@Service
public class Claims {
    public static final String SOURCE = "INSURANCE_PAYOUT";

    private final ClaimStore store;
    private final PolicyStore policies;
    private final HouseholdApi households;
    private final HouseholdIncomeApi incomes;
    private final ObjectProvider<HouseholdCasesApi> cases;
    private final AuditApi audit;
    private final Clock clock;

    Claims(ClaimStore store, PolicyStore policies, HouseholdApi households, HouseholdIncomeApi incomes,
           ObjectProvider<HouseholdCasesApi> cases, AuditApi audit, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.households = households;
        this.incomes = incomes;
        this.cases = cases;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- who may do what ------------------------------------------------------------------------------------------

    /** Township staff and the county open and investigate claims (the village reports, it does not open). */
    public static boolean mayOpen(CurrentUser u) {
        return u.role() == Role.TOWNSHIP_STAFF || u.role() == Role.COUNTY_ANALYST;
    }

    public static boolean mayInvestigate(CurrentUser u) {
        return mayOpen(u);
    }

    /** The county approves and pays (the fund is the county's). */
    public static boolean mayApprove(CurrentUser u) {
        return u.role() == Role.COUNTY_ANALYST;
    }

    public static boolean mayPay(CurrentUser u) {
        return mayApprove(u);
    }

    /** The township may refuse before approval, the county until the payment. */
    public static boolean mayReject(CurrentUser u, ClaimStatus s) {
        if (!s.allows(ClaimStatus.Step.REJECT)) return false;
        return u.role() == Role.COUNTY_ANALYST || (u.role() == Role.TOWNSHIP_STAFF && s != ClaimStatus.APPROVED);
    }

    /** Maker-checker: the approver is neither who opened the claim nor who investigated it. */
    public static boolean makerChecker(Claim c, CurrentUser u) {
        return !u.username().equals(c.openedBy()) && !u.username().equals(c.investigatedBy());
    }

    // ---- reads ------------------------------------------------------------------------------------------------------

    /** The claim if within {@code scope}, else {@link OutOfScopeException} (answered 404). */
    public Claim require(long id, AreaScope scope) {
        return store.find(id, scope).orElseThrow(() -> new OutOfScopeException("claim"));
    }

    /** The payout the claim would get now (its policy, the person's earlier payouts of the year). */
    public Payout.Result payoutNow(Claim c) {
        Policy p = policyOf(c);
        return Payout.of(c.outOfPocket(), p.line(c.costType()), p.ratio(), p.capPerPerson(),
                store.paidToPerson(c.memberId(), c.year(), c.id()));
    }

    public Policy policyOf(Claim c) {
        return policies.policyFor(c.villageCode(), c.year()).filter(p -> p.id() == c.policyId())
                .orElseGet(() -> policies.find(c.policyId(), new AreaScope(c.villageCode())).orElseThrow());
    }

    // ---- commands ---------------------------------------------------------------------------------------------------

    /**
     * Opens a claim on a household of the user's area; the policy is the one of the household's village for the year
     * (refused without one, or when the household is not covered by it).
     */
    @Transactional
    public long open(ClaimCmd.Open c, CurrentUser u) {
        if (!mayOpen(u)) throw new AccessDeniedException("insurance claim by " + u.role());
        HouseholdApi.Ref ref = households.refByNo(c.householdNo().strip(), u.scope())
                .orElseThrow(() -> new Refused("insurance.claim.householdNo.unknown", c.householdNo().strip()));
        Views.Household h = households.findHousehold(ref.id(), u.scope()).orElseThrow(() -> new OutOfScopeException("household"));
        Views.Member person = h.members().stream()
                .filter(m -> c.memberId() != null && m.id() == c.memberId() && "ACTIVE".equals(m.status()))
                .findFirst().orElseThrow(() -> new Refused("insurance.claim.member.required"));
        Policy p = policies.policyFor(h.villageCode(), c.year())
                .orElseThrow(() -> new Refused("insurance.claim.noPolicy", c.year()));
        if (!covered(p.coverage(), h)) {
            throw new Refused("insurance.claim.notCovered", p.name(), "insurance.coverage." + p.coverage().name());
        }
        if (c.reimbursed().add(c.outOfPocket()).compareTo(c.totalCost()) > 0) {
            throw new Refused("insurance.claim.costs.inconsistent");
        }
        if (c.warningId() != null) {
            store.ofWarning(c.warningId()).ifPresent(existing -> {
                throw new Refused("insurance.claim.warning.taken", existing);
            });
        }
        long id = store.insert(new ClaimStore.NewClaim(p.id(), h.id(), h.villageCode(), person.id(), person.name(),
                c.costType(), c.year(), c.totalCost(), c.reimbursed(), c.outOfPocket(), c.evidence().strip(),
                c.warningId(), u.username(), u.displayName(), clock.instant()));
        audit.record(AuditAction.INSURANCE_CLAIM_OPEN, h.id(), person.id(), h.villageCode(), List.of(
                new AuditApi.Change("costType", null, c.costType().name()),
                new AuditApi.Change("outOfPocket", null, c.outOfPocket().toPlainString())),
                "claim-" + id + (c.warningId() == null ? "" : " warning-" + c.warningId()));
        return id;
    }

    private boolean covered(Coverage coverage, Views.Household h) {
        return switch (coverage) {
            case ALL_RURAL -> true;
            case FORMERLY_POOR -> h.formerlyPoor();
            case MONITORED -> h.formerlyPoor() || monitored(h.id());
        };
    }

    private boolean monitored(long householdId) {
        HouseholdCasesApi c = cases.getIfAvailable();
        return c != null && c.monitoringOf(Set.of(householdId), false).containsKey(householdId);
    }

    @Transactional
    public void investigate(long id, ClaimCmd.Investigate c, CurrentUser u) {
        if (!mayInvestigate(u)) throw new AccessDeniedException("investigation by " + u.role());
        Claim claim = stepping(id, ClaimStatus.Step.INVESTIGATE, c.version(), u);
        if (c.on().isAfter(LocalDate.now(clock))) throw new Refused("insurance.claim.date.future");
        Claim verified = withOutOfPocket(claim, c.outOfPocket());
        if (verified.reimbursed().add(c.outOfPocket()).compareTo(verified.totalCost()) > 0) {
            throw new Refused("insurance.claim.costs.inconsistent");
        }
        BigDecimal payout = payoutNow(verified).amount();
        if (!store.investigate(id, c.version(), u.username(), u.displayName(), c.on(), c.findings().strip(),
                c.outOfPocket(), payout)) throw new Refused("insurance.conflict");
        audit.record(AuditAction.INSURANCE_CLAIM_INVESTIGATE, claim.householdId(), claim.memberId(), claim.villageCode(),
                List.of(new AuditApi.Change("outOfPocket", claim.outOfPocket().toPlainString(), c.outOfPocket().toPlainString()),
                        new AuditApi.Change("payout", null, payout.toPlainString())), "claim-" + id);
    }

    @Transactional
    public void approve(long id, ClaimCmd.Approve c, CurrentUser u) {
        if (!mayApprove(u)) throw new AccessDeniedException("approval by " + u.role());
        Claim claim = stepping(id, ClaimStatus.Step.APPROVE, c.version(), u);
        if (!makerChecker(claim, u)) throw new Refused("insurance.claim.makerChecker");
        BigDecimal payout = payoutNow(claim).amount();
        if (!store.approve(id, c.version(), u.username(), u.displayName(), clock.instant(), payout)) {
            throw new Refused("insurance.conflict");
        }
        audit.record(AuditAction.INSURANCE_CLAIM_APPROVE, claim.householdId(), claim.memberId(), claim.villageCode(),
                List.of(new AuditApi.Change("payout", plain(claim.payout()), payout.toPlainString())), "claim-" + id);
    }

    /**
     * Pays the claim: the payout recomputed with the fund's balance locked (payments of one fund one after the other),
     * refused when the balance cannot cover it; the payout credited to the household's TRANSFERS of the claim's year.
     */
    @Transactional
    public BigDecimal pay(long id, ClaimCmd.Pay c, CurrentUser u) {
        if (!mayPay(u)) throw new AccessDeniedException("payment by " + u.role());
        Claim claim = stepping(id, ClaimStatus.Step.PAY, c.version(), u);
        if (c.paidOn().isAfter(LocalDate.now(clock))) throw new Refused("insurance.claim.date.future");
        BigDecimal balance = policies.lockedBalance(claim.policyId());
        Payout.Result r;
        try {
            r = Payout.withinBalance(payoutNow(claim), balance);
        } catch (Payout.BalanceTooLow e) {
            throw new Refused("insurance.claim.balanceTooLow", e.amount(), e.balance());
        }
        if (!store.pay(id, c.version(), u.username(), u.displayName(), c.paidOn(), r.amount())) {
            throw new Refused("insurance.conflict");
        }
        // income of the year the money reached the household (issue 18: the payout's year)
        incomes.credit(new HouseholdIncomeApi.IncomeCredit(claim.householdId(), c.paidOn().getYear(),
                HouseholdIncomeApi.Item.TRANSFERS, r.amount(), SOURCE, "claim-" + id, claim.number()),
                new AreaScope(claim.villageCode()));
        audit.record(AuditAction.INSURANCE_CLAIM_PAY, claim.householdId(), claim.memberId(), claim.villageCode(),
                List.of(new AuditApi.Change("payout", plain(claim.payout()), r.amount().toPlainString()),
                        new AuditApi.Change("paidOn", null, c.paidOn().toString())), "claim-" + id);
        return r.amount();
    }

    @Transactional
    public void reject(long id, ClaimCmd.Reject c, CurrentUser u) {
        Claim claim = require(id, u.scope());
        if (!mayReject(u, claim.status())) {
            if (!claim.status().allows(ClaimStatus.Step.REJECT)) throw new Refused("insurance.claim.state", claim.status().messageKey());
            throw new AccessDeniedException("rejection by " + u.role());
        }
        if (claim.version() != c.version()) throw new Refused("insurance.conflict");
        if (!store.reject(id, c.version(), u.username(), u.displayName(), clock.instant(), c.reason().strip())) {
            throw new Refused("insurance.conflict");
        }
        audit.record(AuditAction.INSURANCE_CLAIM_REJECT, claim.householdId(), claim.memberId(), claim.villageCode(),
                List.of(new AuditApi.Change("status", claim.status().name(), ClaimStatus.REJECTED.name())),
                "claim-" + id + ": " + c.reason().strip());
    }

    /** The claim in the user's area, at the form's version and in a status the step starts from. */
    private Claim stepping(long id, ClaimStatus.Step step, int version, CurrentUser u) {
        Claim claim = require(id, u.scope());
        if (claim.version() != version) throw new Refused("insurance.conflict");
        if (!claim.status().allows(step)) throw new Refused("insurance.claim.state", claim.status().messageKey());
        return claim;
    }

    private static Claim withOutOfPocket(Claim c, BigDecimal oop) {
        return new Claim(c.id(), c.policyId(), c.householdId(), c.villageCode(), c.memberId(), c.personName(),
                c.costType(), c.year(), c.totalCost(), c.reimbursed(), oop, c.evidence(), c.warningId(), c.status(),
                c.openedBy(), c.openedByName(), c.openedAt(), c.investigatedBy(), c.investigatedByName(),
                c.investigatedOn(), c.investigation(), c.approvedBy(), c.approvedByName(), c.approvedAt(), c.payout(),
                c.paidByName(), c.paidOn(), c.rejectedByName(), c.rejectedAt(), c.rejectReason(), c.version());
    }

    private static @Nullable String plain(@Nullable BigDecimal v) {
        return v == null ? null : v.toPlainString();
    }
}
