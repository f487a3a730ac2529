package cn.shouwang.core.casework;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * 一户一策: the measures for one household. The income rule (policy.md §6) is enforced on every change: in a
 * household that can work, a social-assistance-floor measure may only stand beside a live income-generating
 * measure (industry, employment, micro-credit, public-welfare job) — it is added after one, and the last one
 * cannot be stopped while a floor measure is live. {@link #lacksIncomeMeasure} reports a working household with
 * no income-generating measure at all.
 */
public record Plan(long householdId, List<Measure> measures) {

    public Plan {
        measures = List.copyOf(measures);
    }

    /**
     * @param assistanceMayStart the household is monitored, or its identification is on the disaster fast track
     */
    public Plan add(Measure m, HouseholdFacts facts, boolean assistanceMayStart) {
        CaseworkException.require(assistanceMayStart, CaseworkProblem.ASSISTANCE_NOT_STARTED, null);
        List<Measure> next = new ArrayList<>(measures);
        next.add(m);
        Plan p = new Plan(householdId, next);
        p.requireIncomeRule(facts);
        return p;
    }

    public Plan move(long measureId, MeasureState target, LocalDate on, HouseholdFacts facts) {
        List<Measure> next = new ArrayList<>();
        boolean found = false;
        for (Measure m : measures) {
            if (m.id() == measureId) {
                next.add(m.moveTo(target, on));
                found = true;
            } else {
                next.add(m);
            }
        }
        CaseworkException.require(found, CaseworkProblem.REQUIRED_FIELD, "measure");
        Plan p = new Plan(householdId, next);
        p.requireIncomeRule(facts);
        return p;
    }

    public boolean hasLiveMeasure() {
        return measures.stream().anyMatch(m -> m.state().live());
    }

    public boolean hasDelivered() {
        return measures.stream().anyMatch(m -> m.state() == MeasureState.DELIVERED);
    }

    public boolean hasLiveIncomeMeasure() {
        return measures.stream().anyMatch(m -> m.state().live() && m.group().incomeGenerating());
    }

    /** Live measures exist and every one is a social-assistance-floor measure. */
    public boolean onlyFloor() {
        List<Measure> live = measures.stream().filter(m -> m.state().live()).toList();
        return !live.isEmpty() && live.stream().allMatch(m -> m.group().assistanceFloor());
    }

    /** A household that can work has no live income-generating measure. */
    public boolean lacksIncomeMeasure(HouseholdFacts facts) {
        return facts.canWork() && !hasLiveIncomeMeasure();
    }

    private void requireIncomeRule(HouseholdFacts facts) {
        boolean floor = measures.stream().anyMatch(m -> m.state().live() && m.group().assistanceFloor());
        CaseworkException.require(!(facts.canWork() && floor && !hasLiveIncomeMeasure()),
                CaseworkProblem.PLAN_NEEDS_INCOME_MEASURE, "group");
    }
}
