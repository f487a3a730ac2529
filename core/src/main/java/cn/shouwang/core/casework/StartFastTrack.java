package cn.shouwang.core.casework;

import java.time.LocalDate;

/** 先行帮扶: a household hit by a disaster or accident is helped now; the steps are completed afterwards. */
public record StartFastTrack(Actor by, LocalDate on, String reason) implements CaseCommand {
    @Override public CaseAction action() { return CaseAction.FAST_TRACK; }
    @Override public String note() { return reason; }
}
