package cn.shouwang.server.audit;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The append-only audit log. Call it in the same transaction as the write it records, so a write without
 * its audit row cannot happen. Who and from where are taken from the current request.
 */
public interface AuditApi {

    /** One changed field; personal values must already be masked by the caller. */
    record Change(String field, @Nullable String old, @Nullable String now) {}

    /**
     * @param action      what happened
     * @param householdId the household concerned, if any
     * @param memberId    the member concerned, if any
     * @param areaCode    the area the record belongs to (the log is browsed by area)
     */
    void record(AuditAction action, @Nullable Long householdId, @Nullable Long memberId, @Nullable String areaCode,
                List<Change> changes, @Nullable String detail);

    /** One row of {@link #recordAll}: a household (and member) the same action touched. */
    record Bulk(@Nullable Long householdId, @Nullable Long memberId, @Nullable String areaCode, List<Change> changes,
                @Nullable String detail) {}

    /**
     * Records one action for many households at once (an import: one row per household it created or changed), by
     * COPY in the caller's transaction; who and from where as for {@link #record}.
     */
    void recordAll(AuditAction action, List<Bulk> rows);

    /** One recorded event of a household's history; {@code action} as stored (an action since renamed keeps its name). */
    record Entry(long id, OffsetDateTime at, String username, String action, @Nullable Long memberId,
                 @Nullable String ip, List<Change> changes, @Nullable String detail) {}

    /**
     * The household's events, newest first, at most {@code limit}: the household module's history page. The caller
     * has checked that the household is in the account's scope.
     */
    List<Entry> history(long householdId, int limit);
}
