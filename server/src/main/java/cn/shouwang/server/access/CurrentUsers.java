package cn.shouwang.server.access;

import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Reads the {@link CurrentUser} of the request. Two scopes matter:
 * <ul>
 *   <li>{@link CurrentUser#scope()}: what the account may reach at all (permission; check by-id access with
 *       {@link #requireInScope(String)});</li>
 *   <li>{@link #viewScope()}: the area chosen in the selector at the top of every page, always inside the
 *       account's scope; lists filter by it.</li>
 * </ul>
 */
public final class CurrentUsers {
    static final String SELECTED_AREA = "shouwang.selectedArea";

    private CurrentUsers() {}

    public static CurrentUser require() {
        CurrentUser u = find();
        if (u == null) throw new IllegalStateException("no signed-in account");
        return u;
    }

    public static @Nullable CurrentUser find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccountPrincipal p) {
            return p.currentUser();
        }
        return null;
    }

    /** Throws {@link OutOfScopeException} (answered 404) unless the area is within the account's scope. */
    public static void requireInScope(String areaCode) {
        require().requireInScope(areaCode);
    }

    /**
     * The area the user is looking at: the selector's choice stored in the session, else the account's area.
     * It can narrow the account's scope but never widen it (a stale or forged choice outside is ignored).
     */
    /**
     * The area a page asks for ({@code area=}): none is the area in view; one outside it (or not a code) is refused
     * as out of scope (404), never widened.
     */
    public static AreaScope areaInView(@org.jspecify.annotations.Nullable String area) {
        AreaScope view = viewScope();
        if (area == null || area.isBlank()) return view;
        if (!AreaScope.isAreaCode(area) || !view.covers(area)) throw new OutOfScopeException("area");
        return new AreaScope(area);
    }

    public static AreaScope viewScope() {
        CurrentUser u = require();
        String chosen = selectedAreaCode();
        if (chosen != null && AreaScope.isAreaCode(chosen) && u.scope().covers(chosen)) {
            return new AreaScope(chosen);
        }
        return u.scope();
    }

    private static @Nullable String selectedAreaCode() {
        RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
        if (attrs instanceof ServletRequestAttributes sra) {
            HttpSession session = sra.getRequest().getSession(false);
            if (session != null && session.getAttribute(SELECTED_AREA) instanceof String s) {
                return s;
            }
        }
        return null;
    }
}
