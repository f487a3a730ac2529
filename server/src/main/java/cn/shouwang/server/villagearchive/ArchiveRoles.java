package cn.shouwang.server.villagearchive;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.access.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may do what in the village archive: everyone but the department data officer reads (within their area); the
 * village monitor, township staff and the county keep documents, the checklist and the collective income (city
 * analysts and administrators read, as for casework); only the county deletes a document; the administrator edits
 * the checklist's items.
 */
public final class ArchiveRoles {
    private ArchiveRoles() {}

    public static boolean mayRead(CurrentUser u) {
        return u.role() != Role.DATA_OFFICER;
    }

    public static boolean mayWrite(CurrentUser u) {
        return u.role() == Role.VILLAGE_MONITOR || u.role() == Role.TOWNSHIP_STAFF || u.role() == Role.COUNTY_ANALYST;
    }

    public static boolean mayDelete(CurrentUser u) {
        return u.role() == Role.COUNTY_ANALYST;
    }

    public static boolean mayEditItems(CurrentUser u) {
        return u.role() == Role.ADMIN;
    }

    /** A data officer learns nothing, not even whether the village exists: 404 as for an area outside. */
    public static void requireRead(CurrentUser u) {
        if (!mayRead(u)) throw new OutOfScopeException("village archive: " + u.role());
    }

    public static void requireWrite(CurrentUser u) {
        requireRead(u);
        if (!mayWrite(u)) throw new AccessDeniedException("village archive write by " + u.role());
    }
}
