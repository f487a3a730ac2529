package cn.shouwang.core.casework;

import java.time.LocalDate;

/**
 * A step someone performs on a case, with who and when. {@link #action()} is what the state machine sees: a
 * decision command maps to its approving action, or to {@link CaseAction#REJECT} when it rejects.
 */
public sealed interface CaseCommand permits VerifyHousehold, CrossCheck, VillageReview, PublishNotice, CloseNotice,
        TownshipReview, CountyConfirmation, RejectLead, StartFastTrack {

    Actor by();

    /** The day the step took place (the visit, the meeting, the decision); never in the future. */
    LocalDate on();

    CaseAction action();

    /** The text kept with the step in the log (findings, reason, notes). */
    String note();
}
