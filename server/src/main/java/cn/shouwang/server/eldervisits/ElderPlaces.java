package cn.shouwang.server.eldervisits;

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

/** Village names and choices of the elderly visits' pages, the scope range, and who may write. */
@Component
public class ElderPlaces {
    private final AreaApi areas;

    ElderPlaces(AreaApi areas) {
        this.areas = areas;
    }

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

    /** Village monitors, township staff, county analysts and administrators keep the visits; the city only reads. */
    public static void requireWriter(CurrentUser u) {
        if (!mayWrite(u)) throw new AccessDeniedException("elderly visits are read-only for " + u.role());
    }

    public static boolean mayWrite(CurrentUser u) {
        return u.role() == Role.VILLAGE_MONITOR || u.role() == Role.TOWNSHIP_STAFF || u.role() == Role.COUNTY_ANALYST
                || u.role() == Role.ADMIN;
    }

    public static boolean isVillage(String code) {
        return code != null && code.length() == 12 && !code.endsWith("000");
    }
}
