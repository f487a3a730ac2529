package cn.shouwang.server.moralbank;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.area.AreaInfo;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** Village names and choices of the moral bank's pages, and who may write. */
@Component
public class Places {
    private final AreaApi areas;

    Places(AreaApi areas) {
        this.areas = areas;
    }

    /** Names of these area codes in the current edition. */
    public Map<String, String> names(Collection<String> codes) {
        return areas.currentEdition().map(e -> areas.names(e.id(), codes)).orElse(Map.of());
    }

    /** The area in words for a list's heading (梨树县 孤家子镇). */
    public String path(String code) {
        return areas.pathName(code);
    }

    public String name(String code) {
        return names(List.of(code)).getOrDefault(code, code);
    }

    /** The villages inside the scope, for a village choice (at most 500). */
    public List<AreaInfo> villages(AreaScope scope) {
        return areas.villages(scope.prefix(), 500);
    }

    /** Index-friendly range of a char(12) code column: {@code code between lo and hi}. */
    public static String lo(AreaScope scope) {
        return scope.lowestCode();
    }

    public static String hi(AreaScope scope) {
        return scope.highestCode();
    }

    /** Village monitors, township staff, county analysts and administrators keep the moral bank; the city only reads. */
    public static void requireWriter(CurrentUser u) {
        if (!mayWrite(u)) throw new AccessDeniedException("the moral bank is read-only for " + u.role());
    }

    public static boolean mayWrite(CurrentUser u) {
        return u.role() == Role.VILLAGE_MONITOR || u.role() == Role.TOWNSHIP_STAFF || u.role() == Role.COUNTY_ANALYST
                || u.role() == Role.ADMIN;
    }

    /** The 12-digit code of the county a village (or township) lies in. */
    public static String countyOf(String code) {
        return code.substring(0, 6) + "000000";
    }
}
