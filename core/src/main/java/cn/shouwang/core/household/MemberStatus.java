package cn.shouwang.core.household;

/** A member's standing in the household: 在册 / 死亡 / 迁出. */
public enum MemberStatus { ACTIVE, DECEASED, MOVED_OUT }
