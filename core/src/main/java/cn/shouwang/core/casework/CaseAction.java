package cn.shouwang.core.casework;

/**
 * What a person can do to a case. Each action names the roles that may perform it: the village monitor verifies
 * and proposes (and records the village's review and notice), the county cross-checks the data, the township
 * reviews, the county confirms. {@link #makerChecker()} marks the decisions that must be taken by someone who
 * prepared none of the earlier steps.
 */
public enum CaseAction {
    VERIFY("入户核实", "Home verification"),
    CROSS_CHECK("县级数据比对", "County data cross-check"),
    VILLAGE_REVIEW("民主评议", "Village democratic review"),
    PUBLISH_NOTICE("公示", "Publish public notice"),
    CLOSE_NOTICE("公示结束", "Close public notice"),
    TOWNSHIP_APPROVE("乡镇审核", "Township review"),
    COUNTY_CONFIRM("县级确认", "County confirmation"),
    REJECT("不予通过", "Reject"),
    FAST_TRACK("先行帮扶", "Disaster fast track");

    private final String zh;
    private final String en;

    CaseAction(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String chinese() { return zh; }
    public String english() { return en; }

    /** True for the steps that move a case forward along the procedure. */
    public boolean advances() {
        return this != REJECT && this != FAST_TRACK;
    }

    /** Decisions that the preparer of an earlier step may not take (maker-checker). */
    public boolean makerChecker() {
        return this == TOWNSHIP_APPROVE || this == COUNTY_CONFIRM;
    }

    /** May {@code role} perform this action on a case in {@code state}? (State transitions are checked apart.) */
    public boolean allows(CaseRole role, CaseState state) {
        return switch (this) {
            case VERIFY, VILLAGE_REVIEW, PUBLISH_NOTICE, CLOSE_NOTICE -> role == CaseRole.VILLAGE_MONITOR;
            case CROSS_CHECK, COUNTY_CONFIRM -> role == CaseRole.COUNTY_ANALYST;
            case TOWNSHIP_APPROVE -> role == CaseRole.TOWNSHIP_STAFF;
            case FAST_TRACK -> role == CaseRole.TOWNSHIP_STAFF || role == CaseRole.COUNTY_ANALYST;
            case REJECT -> switch (role) {
                // The village may drop a lead while the case is in its hands; the township up to its own review;
                // the county at any step.
                case VILLAGE_MONITOR -> state == CaseState.AWAITING_VERIFICATION
                        || state == CaseState.AWAITING_VILLAGE_REVIEW || state == CaseState.AWAITING_NOTICE
                        || state == CaseState.NOTICE_RUNNING;
                case TOWNSHIP_STAFF -> state != CaseState.AWAITING_COUNTY_CONFIRMATION;
                case COUNTY_ANALYST -> true;
                default -> false;
            };
        };
    }
}
