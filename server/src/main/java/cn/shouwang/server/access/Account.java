package cn.shouwang.server.access;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** An account as administrators see it (never the password hash). */
public record Account(long id, String username, String displayName, Role role, String areaCode,
                      boolean enabled, int failedLogins, @Nullable OffsetDateTime lockedUntil, boolean demo,
                      int version, @Nullable OffsetDateTime lastLoginAt, @Nullable Department department) {

    public boolean lockedAt(java.time.Instant now) {
        return lockedUntil != null && lockedUntil.toInstant().isAfter(now);
    }
}
