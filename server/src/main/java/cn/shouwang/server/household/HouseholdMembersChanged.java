package cn.shouwang.server.household;

/**
 * A household's members changed (a member added, edited, moved in or out, or died): published by {@link Registry}
 * inside its transaction with the household's ACTIVE members after the change. Casework keeps the persons of a
 * monitored household with it (the figures of 统计调度 count monitored persons without reading the registry).
 */
public record HouseholdMembersChanged(long householdId, int activeMembers) {}
