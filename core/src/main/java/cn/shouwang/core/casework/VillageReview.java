package cn.shouwang.core.casework;

import java.time.LocalDate;

/** 民主评议: the meeting's date, how many were present, and whether the household passed; a failure rejects the lead. */
public record VillageReview(Actor by, LocalDate on, boolean passed, int present, String notes) implements CaseCommand {
    @Override public CaseAction action() { return passed ? CaseAction.VILLAGE_REVIEW : CaseAction.REJECT; }
    @Override public String note() { return notes; }
}
