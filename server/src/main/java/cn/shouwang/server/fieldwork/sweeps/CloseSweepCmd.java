package cn.shouwang.server.fieldwork.sweeps;

import jakarta.validation.constraints.NotNull;

/** Closing a sweep by hand: the version the closer saw (another close or change meanwhile is a conflict). */
public record CloseSweepCmd(@NotNull Integer version) {
}
