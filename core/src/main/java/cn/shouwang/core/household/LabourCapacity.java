package cn.shouwang.core.household;

/** 劳动能力: 技能 / 普通 / 弱或半 / 丧失 / 无. The first three can work. */
public enum LabourCapacity {
    SKILLED, ORDINARY, WEAK, LOST, NONE;

    public boolean canWork() {
        return this == SKILLED || this == ORDINARY || this == WEAK;
    }
}
