package cn.shouwang.server.access;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Reads the {@link CurrentUser} of the request from Spring Security. */
public final class CurrentUsers {
    private CurrentUsers() {}

    public static CurrentUser require() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AccountPrincipal p) {
            return p.currentUser();
        }
        throw new IllegalStateException("no signed-in account");
    }
}
