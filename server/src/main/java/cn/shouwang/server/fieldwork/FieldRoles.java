package cn.shouwang.server.fieldwork;

import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may do what in field work: the roles that may open a lead (village monitor, township staff, county analyst)
 * record visits, since a visit's risk sign opens one; city analysts and administrators read; the department data
 * officer has nothing here (403 on every page); only the administrator sets the visit rhythm. The grid worker
 * (网格员/十户长) records visits (it may open a lead) and reads its village's grids; it arranges nothing.
 */
public final class FieldRoles {
    private FieldRoles() {}

    public static boolean mayRecord(CurrentUser u) {
        return u.role().caseRole().mayOpenLead();
    }

    /** Who keeps a village's grids and groups and places its households: the village, township, county, administrator. */
    public static boolean mayArrange(CurrentUser u) {
        return u.role() == Role.VILLAGE_MONITOR || u.role() == Role.TOWNSHIP_STAFF || u.role() == Role.COUNTY_ANALYST
                || u.role() == Role.ADMIN;
    }

    public static CurrentUser arranger() {
        CurrentUser u = reader();
        if (!mayArrange(u)) throw new AccessDeniedException("grids by " + u.role());
        return u;
    }

    public static boolean mayEditRhythm(CurrentUser u) {
        return u.role() == Role.ADMIN;
    }

    /** The signed-in reader; a data officer is refused (403). */
    public static CurrentUser reader() {
        CurrentUser u = CurrentUsers.require();
        if (u.role() == Role.DATA_OFFICER) throw new AccessDeniedException("fieldwork read by " + u.role());
        return u;
    }

    public static CurrentUser recorder() {
        CurrentUser u = reader();
        if (!mayRecord(u)) throw new AccessDeniedException("visit by " + u.role());
        return u;
    }

    public static CurrentUser rhythmEditor() {
        CurrentUser u = reader();
        if (!mayEditRhythm(u)) throw new AccessDeniedException("rhythm by " + u.role());
        return u;
    }
}
