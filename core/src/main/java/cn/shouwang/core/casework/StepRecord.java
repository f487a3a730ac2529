package cn.shouwang.core.casework;

import java.time.Instant;
import java.time.LocalDate;

/** One entry of a case's append-only log: what was done, by whom, on which day, recorded when. */
public record StepRecord(CaseAction action, CaseState from, CaseState to, Actor by, LocalDate on, Instant recordedAt,
                         String note) {}
