package cn.shouwang.core.casework;

import java.time.LocalDate;

/**
 * 公示: the notice runs from {@code from} to {@code to}, both days included, at least the minimum number of days.
 * {@code batch} groups the households printed on one notice (one per village and date).
 */
public record PublishNotice(Actor by, LocalDate from, LocalDate to, String batch) implements CaseCommand {
    @Override public LocalDate on() { return from; }
    @Override public CaseAction action() { return CaseAction.PUBLISH_NOTICE; }
    @Override public String note() { return batch; }

    /** Days of the notice, first and last included. */
    public long days() {
        return java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
    }
}
