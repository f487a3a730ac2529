package cn.shouwang.server.access;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Spring Security's view of an account; carries the {@link CurrentUser} and the account row's version at
 * sign-in, so a session ends as soon as an administrator changes, disables or resets the account
 * ({@code version} -1: not checked, for principals made in tests).
 */
public record AccountPrincipal(CurrentUser currentUser, String passwordHash, boolean locked, boolean enabled,
                               int version) implements UserDetails {

    public AccountPrincipal(CurrentUser currentUser, String passwordHash, boolean locked, boolean enabled) {
        this(currentUser, passwordHash, locked, enabled, -1);
    }

    @Override public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority(currentUser.role().authority()));
    }
    @Override public String getPassword() { return passwordHash; }
    @Override public String getUsername() { return currentUser.username(); }
    @Override public boolean isAccountNonLocked() { return !locked; }
    @Override public boolean isEnabled() { return enabled; }
}
