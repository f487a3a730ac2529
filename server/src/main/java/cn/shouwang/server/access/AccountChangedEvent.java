package cn.shouwang.server.access;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Published (synchronously, inside the change's transaction) for every change to an account or its API
 * tokens, so the audit log can record it without access depending on audit. Never carries a password or token.
 *
 * @param action    ACCOUNT_CREATE, ACCOUNT_UPDATE, ACCOUNT_PASSWORD_RESET, ACCOUNT_PASSWORD_CHANGE, ACCOUNT_UNLOCK,
 *                  ACCOUNT_DISABLE, ACCOUNT_ENABLE, API_TOKEN_CREATE, API_TOKEN_REVOKE
 * @param areaCode  the account's area (the audit log is browsed by area)
 */
public record AccountChangedEvent(String action, long accountId, String username, String areaCode,
                                  List<Change> changes, @Nullable String detail) {

    /** One changed field with old and new value. */
    public record Change(String field, @Nullable String old, @Nullable String now) {}
}
