package cn.shouwang.core.casework;

import java.time.LocalDate;

/** Rejection at any step, with a reason; the case is kept on record. */
public record RejectLead(Actor by, LocalDate on, String reason) implements CaseCommand {
    @Override public CaseAction action() { return CaseAction.REJECT; }
    @Override public String note() { return reason; }
}
