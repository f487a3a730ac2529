package cn.shouwang.core.casework;

import java.time.LocalDate;

/** 县级数据比对: the county compares the members with the departments' records; {@code findings} says what it found. */
public record CrossCheck(Actor by, LocalDate on, boolean discrepancies, String findings) implements CaseCommand {
    @Override public CaseAction action() { return CaseAction.CROSS_CHECK; }
    @Override public String note() { return findings; }
}
