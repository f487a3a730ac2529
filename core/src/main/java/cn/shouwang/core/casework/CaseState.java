package cn.shouwang.core.casework;

import java.util.Optional;

/**
 * Where a case (a lead on its way to identification, or an elimination) stands. The state owns its transitions:
 * {@link #after(CaseAction, Workflow)} is the whole state machine; docs/casework.md prints it as a table.
 */
public enum CaseState {
    AWAITING_VERIFICATION("待入户核实", "Awaiting home verification"),
    AWAITING_CROSS_CHECK("待县级数据比对", "Awaiting county data cross-check"),
    AWAITING_VILLAGE_REVIEW("待民主评议", "Awaiting village review"),
    AWAITING_NOTICE("待公示", "Awaiting public notice"),
    NOTICE_RUNNING("公示中", "Public notice running"),
    AWAITING_TOWNSHIP_REVIEW("待乡镇审核", "Awaiting township review"),
    AWAITING_COUNTY_CONFIRMATION("待县级确认", "Awaiting county confirmation"),
    CONFIRMED("已确认", "Confirmed"),
    REJECTED("未通过", "Rejected");

    private final String zh;
    private final String en;

    CaseState(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String chinese() { return zh; }
    public String english() { return en; }

    public boolean terminal() {
        return this == CONFIRMED || this == REJECTED;
    }

    /** The state after {@code action}, or empty when the action is not allowed here. */
    public Optional<CaseState> after(CaseAction action, Workflow workflow) {
        if (terminal() || !reachable(workflow)) return Optional.empty();
        switch (action) {
            case REJECT:
                return Optional.of(REJECTED);
            case FAST_TRACK:
                // Only identification has a fast track: a household hit by a disaster is helped before the steps end.
                return workflow == Workflow.IDENTIFICATION ? Optional.of(this) : Optional.empty();
            default:
                break;
        }
        CaseState next = switch (this) {
            case AWAITING_VERIFICATION -> action == CaseAction.VERIFY
                    ? (workflow == Workflow.IDENTIFICATION ? AWAITING_CROSS_CHECK : AWAITING_VILLAGE_REVIEW) : null;
            case AWAITING_CROSS_CHECK -> action == CaseAction.CROSS_CHECK && workflow == Workflow.IDENTIFICATION
                    ? AWAITING_VILLAGE_REVIEW : null;
            case AWAITING_VILLAGE_REVIEW -> action == CaseAction.VILLAGE_REVIEW ? AWAITING_NOTICE : null;
            case AWAITING_NOTICE -> action == CaseAction.PUBLISH_NOTICE ? NOTICE_RUNNING : null;
            case NOTICE_RUNNING -> action == CaseAction.CLOSE_NOTICE ? AWAITING_TOWNSHIP_REVIEW : null;
            case AWAITING_TOWNSHIP_REVIEW -> action == CaseAction.TOWNSHIP_APPROVE ? AWAITING_COUNTY_CONFIRMATION : null;
            case AWAITING_COUNTY_CONFIRMATION -> action == CaseAction.COUNTY_CONFIRM ? CONFIRMED : null;
            case CONFIRMED, REJECTED -> null;
        };
        return Optional.ofNullable(next);
    }

    /** An elimination never passes through the county data cross-check. */
    public boolean reachable(Workflow workflow) {
        return !(this == AWAITING_CROSS_CHECK && workflow == Workflow.ELIMINATION);
    }

    /** The step that moves a case on from here (not counting reject and fast track); empty when terminal. */
    public Optional<CaseAction> nextStep(Workflow workflow) {
        for (CaseAction a : CaseAction.values()) {
            if (a.advances() && after(a, workflow).isPresent()) return Optional.of(a);
        }
        return Optional.empty();
    }
}
