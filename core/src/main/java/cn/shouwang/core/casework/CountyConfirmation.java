package cn.shouwang.core.casework;

import java.time.LocalDate;

/** 县级确认: confirm (the household becomes monitored, or its risk ends), or reject with a reason. */
public record CountyConfirmation(Actor by, LocalDate on, Decision decision, String reason) implements CaseCommand {
    @Override public CaseAction action() {
        return decision == Decision.APPROVE ? CaseAction.COUNTY_CONFIRM : CaseAction.REJECT;
    }
    @Override public String note() { return reason; }
}
