package cn.shouwang.core.casework;

import java.time.LocalDate;

/** The notice has ended: the number of objections received and what they said (empty when none). */
public record CloseNotice(Actor by, LocalDate on, int objections, String objectionNotes) implements CaseCommand {
    @Override public CaseAction action() { return CaseAction.CLOSE_NOTICE; }
    @Override public String note() { return objectionNotes; }
}
