package cn.shouwang.server.access;

import org.jspecify.annotations.Nullable;

/**
 * The signed-in person as the rest of the server sees them. Every read and write asks
 * {@link #scope()} which areas it may touch; nothing trusts a hidden link.
 */
public record CurrentUser(long accountId, String username, String displayName, Role role, AreaScope scope,
                          @Nullable Department department) implements java.io.Serializable {

    /** Someone without a department (every role but the department data officer). */
    public CurrentUser(long accountId, String username, String displayName, Role role, AreaScope scope) {
        this(accountId, username, displayName, role, scope, null);
    }

    public boolean is(Role r) {
        return role == r;
    }

    /** Throws {@link OutOfScopeException} unless {@code areaCode} is this account's area or below it. */
    public void requireInScope(String areaCode) {
        if (!scope.covers(areaCode)) {
            throw new OutOfScopeException("area outside the account's scope");
        }
    }
}
