package cn.shouwang.server.projects;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may do what with projects, assets and dividends, and the area scope as a range on a char(12) code column. Every
 * field role reads (a village monitor sees the projects, assets and dividends of the village); the county and township
 * staff who run the projects (and administrators) write; a department data officer sees nothing. The comparison's
 * enterprise_payments file carries id numbers in full: only those who may export them in full (administrators and
 * county analysts, as the national export) get it.
 */
public final class ProjectsAccess {
    private ProjectsAccess() {}

    public static boolean mayRead(CurrentUser u) {
        return u.role() != Role.DATA_OFFICER;
    }

    public static boolean mayWrite(CurrentUser u) {
        return u.role() == Role.ADMIN || u.role() == Role.COUNTY_ANALYST || u.role() == Role.TOWNSHIP_STAFF;
    }

    public static boolean mayExportIdNumbers(CurrentUser u) {
        return u.role() == Role.ADMIN || u.role() == Role.COUNTY_ANALYST;
    }

    public static void requireRead(CurrentUser u) {
        if (!mayRead(u)) throw new AccessDeniedException("projects read by " + u.role());
    }

    public static void requireWrite(CurrentUser u) {
        if (!mayWrite(u)) throw new AccessDeniedException("projects write by " + u.role());
    }

    /** The account to record as the writer; none (null) for the demo's records, made by no account. */
    public static @org.jspecify.annotations.Nullable Long account(CurrentUser u) {
        return u.accountId() > 0 ? u.accountId() : null;
    }

    /** {@code code between lo and hi}: the scope as an index-friendly range. */
    public record Range(String lo, String hi) {
        public static Range of(AreaScope scope) {
            return new Range(scope.lowestCode(), scope.highestCode());
        }
    }
}
