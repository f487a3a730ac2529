package cn.shouwang.server.employment;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.Role;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may do what in the employment registers: village monitors, township staff and county analysts keep them
 * (jobs, workshops, wages); township and county set the targets of the areas below them; city analysts and
 * administrators read; a data officer (uploads only) sees nothing.
 */
public final class Access {
    private static final Set<Role> WRITERS = EnumSet.of(Role.VILLAGE_MONITOR, Role.TOWNSHIP_STAFF, Role.COUNTY_ANALYST);
    private static final Set<Role> TARGET_SETTERS = EnumSet.of(Role.TOWNSHIP_STAFF, Role.COUNTY_ANALYST);

    private Access() {}

    public static boolean mayWrite() {
        CurrentUser u = CurrentUsers.find();
        return u != null && WRITERS.contains(u.role());
    }

    public static boolean maySetTargets() {
        CurrentUser u = CurrentUsers.find();
        return u != null && TARGET_SETTERS.contains(u.role());
    }

    /** The writer's own scope (never the area selector's: a write reaches what the account may reach). */
    public static AreaScope requireWriter() {
        if (!mayWrite()) throw new AccessDeniedException("employment is read-only for this role");
        return CurrentUsers.require().scope();
    }

    public static void requireReader() {
        if (CurrentUsers.require().role() == Role.DATA_OFFICER) {
            throw new AccessDeniedException("employment is not for data officers");
        }
    }

    /** {@code code between lo and hi} on a char(12) code column: the index-friendly form of an area scope. */
    public record Range(String lo, String hi) {
        public static Range of(AreaScope scope) {
            return new Range(scope.lowestCode(), scope.highestCode());
        }
    }

    /** A refused change: the message key (employment bundle) and its arguments; nothing was written. */
    public static class Refused extends RuntimeException {
        private final String key;
        private final transient Object[] args;

        public Refused(String key, Object... args) {
            super(key);
            this.key = key;
            this.args = args;
        }

        public String key() { return key; }

        public Object[] args() { return args; }
    }
}
