package cn.shouwang.server.access;

import org.jspecify.annotations.Nullable;

/**
 * Published for every sign-in whose password was checked (form, HTTP Basic), so that the audit log records who, from
 * where and whether it succeeded. Never carries the password.
 *
 * @param succeeded    whether the password was right (and the account enabled)
 * @param accountId    the account, when the name tried is one
 * @param username     the account name as typed
 * @param areaCode     the account's area, when there is an account
 * @param address      the client address the attempt came from
 */
public record SignInAttempted(boolean succeeded, @Nullable Long accountId, String username, @Nullable String areaCode,
                              String address) {
}
