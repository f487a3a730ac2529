package cn.shouwang.server.household;

import org.jspecify.annotations.Nullable;

/**
 * The household's active head changed: a member became or stopped being the head (member edit, member moved in or
 * out) or the head died. Published by {@link Registry} inside its transaction; casework renames its open cases.
 *
 * @param fromMemberId the head before, null if the household had none
 * @param toMemberId   the head after, null if it has none now
 * @param headName     the new head's name, null if none
 */
public record HeadChanged(long householdId, String villageCode, @Nullable Long fromMemberId, @Nullable Long toMemberId,
                          @Nullable String headName) {}
