package cn.shouwang.server.household;

import java.time.LocalDate;

/** A member's death was recorded ({@link Registry#recordDeath}); published inside the registry's transaction. */
public record MemberDied(long memberId, long householdId, String villageCode, LocalDate diedOn) {}
