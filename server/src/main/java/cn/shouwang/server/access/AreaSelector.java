package cn.shouwang.server.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The area selector at the top of every page (used by layout.html as {@code @areaSelector}): the path from
 * the account's own area down to the chosen one, and the areas one level below to narrow further.
 * The choice lives in the session; {@link CurrentUsers#viewScope()} hands it to the pages.
 */
@Component("areaSelector")
public class AreaSelector {

    /** What the selector shows. {@code path} runs from the account's area to the current one. */
    public record View(AreaInfo current, List<AreaInfo> path, List<AreaInfo> children, String back) {}

    private final AreaDirectory areas;

    AreaSelector(AreaDirectory areas) {
        this.areas = areas;
    }

    /** Null when nobody is signed in (the login and error pages). */
    public @Nullable View view() {
        CurrentUser user = CurrentUsers.find();
        if (user == null) return null;
        AreaScope current = CurrentUsers.viewScope();
        List<String> codes = current.pathFrom(user.scope());
        Map<String, String> names = areas.names(codes);
        List<AreaInfo> path = codes.stream()
                .map(c -> new AreaInfo(c, names.getOrDefault(c, c), new AreaScope(c).level())).toList();
        List<AreaInfo> children = current.level() < 5 ? areas.children(current.areaCode()) : List.of();
        return new View(path.get(path.size() - 1), path, children, backPath());
    }

    /** Areas below the area in view, by level (4 township, 5 village), from the current division list. */
    public Map<Integer, Long> countsBelowView() {
        return areas.countsBelow(CurrentUsers.viewScope());
    }

    /**
     * Chooses {@code code} if it lies within the account's scope. An area outside is refused, so the
     * selector can narrow but never widen what the account reaches.
     */
    void select(HttpSession session, String code) {
        CurrentUser user = CurrentUsers.require();
        if (!AreaScope.isAreaCode(code) || !user.scope().covers(code)) {
            throw new OutOfScopeException("area outside the account's scope");
        }
        session.setAttribute(CurrentUsers.SELECTED_AREA, code);
    }

    private static String backPath() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes sra) {
            HttpServletRequest r = sra.getRequest();
            String uri = r.getRequestURI().substring(r.getContextPath().length());
            if (!uri.startsWith("/error") && !uri.startsWith("/area-selection")) return uri;
        }
        return "/";
    }
}
