package cn.shouwang.server.insurance.claim;

import java.util.EnumSet;
import java.util.Set;

/**
 * A claim's workflow, owned by the enum: OPEN → INVESTIGATED (调查核实, township) → APPROVED (审批, county, not who opened
 * or investigated it) → PAID (赔付); or REJECTED (不予赔付, with a reason) from any step before the payment.
 */
public enum ClaimStatus {
    OPEN, INVESTIGATED, APPROVED, PAID, REJECTED;

    /** A step of the workflow and the statuses it may start from. */
    public enum Step {
        INVESTIGATE(ClaimStatus.INVESTIGATED, EnumSet.of(OPEN)),
        APPROVE(ClaimStatus.APPROVED, EnumSet.of(INVESTIGATED)),
        PAY(ClaimStatus.PAID, EnumSet.of(APPROVED)),
        REJECT(ClaimStatus.REJECTED, EnumSet.of(OPEN, INVESTIGATED, APPROVED));

        private final ClaimStatus to;
        private final Set<ClaimStatus> from;

        Step(ClaimStatus to, Set<ClaimStatus> from) {
            this.to = to;
            this.from = from;
        }

        public ClaimStatus to() {
            return to;
        }

        public boolean from(ClaimStatus s) {
            return from.contains(s);
        }
    }

    public boolean allows(Step s) {
        return s.from(this);
    }

    /** The status after {@code s}; refused (IllegalStateException) when the step does not start here. */
    public ClaimStatus after(Step s) {
        if (!allows(s)) throw new IllegalStateException(s + " from " + this);
        return s.to();
    }

    public boolean closed() {
        return this == PAID || this == REJECTED;
    }

    public String messageKey() {
        return "insurance.status." + name();
    }
}
