package cn.shouwang.server.household;

import java.time.LocalDate;

/**
 * A household was moved to another village ({@link Registry#update}): published inside the registry's transaction,
 * delivered after it has committed. The registry has already moved the household and its members; listeners move what
 * they keep under the household's village (casework: leads, monitored household, plan; screening: warnings). The
 * village a listener should write is the household's village now, which it reads itself: two moves in quick
 * succession may reach a listener in either order.
 *
 * @param movedBy the display name of the account that moved it
 */
public record HouseholdMoved(long householdId, String householdNo, String fromVillage, String toVillage, LocalDate movedOn,
                             String movedBy) {}
