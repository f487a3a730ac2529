package cn.shouwang.core.casework;

import java.util.EnumSet;
import java.util.Set;

/** A measure's state; it owns its transitions: planned → in progress → delivered, and stopped from either. */
public enum MeasureState {
    PLANNED("计划中", "Planned"),
    IN_PROGRESS("实施中", "In progress"),
    DELIVERED("已完成", "Delivered"),
    STOPPED("已终止", "Stopped");

    private final String zh;
    private final String en;

    MeasureState(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String chinese() { return zh; }
    public String english() { return en; }

    public Set<MeasureState> next() {
        return switch (this) {
            case PLANNED -> EnumSet.of(IN_PROGRESS, STOPPED);
            case IN_PROGRESS -> EnumSet.of(DELIVERED, STOPPED);
            case DELIVERED, STOPPED -> EnumSet.noneOf(MeasureState.class);
        };
    }

    public boolean canMoveTo(MeasureState target) {
        return next().contains(target);
    }

    /** A measure that counts as assistance the household gets (not stopped). */
    public boolean live() {
        return this != STOPPED;
    }
}
