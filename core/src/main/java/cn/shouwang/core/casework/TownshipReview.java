package cn.shouwang.core.casework;

import java.time.LocalDate;

/** 乡镇审核: approve, or reject with a reason. */
public record TownshipReview(Actor by, LocalDate on, Decision decision, String reason) implements CaseCommand {
    @Override public CaseAction action() {
        return decision == Decision.APPROVE ? CaseAction.TOWNSHIP_APPROVE : CaseAction.REJECT;
    }
    @Override public String note() { return reason; }
}
