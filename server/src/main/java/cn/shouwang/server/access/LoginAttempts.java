package cn.shouwang.server.access;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins (form and HTTP Basic alike) and locks the account after
 * {@link AccessProperties#maxFailedLogins()} in a row; a successful sign-in resets the count.
 * A locked account is refused before its password is even checked, so guessing on is useless.
 */
@Component
class LoginAttempts {
    private final Accounts accounts;
    private final AccessProperties props;

    LoginAttempts(Accounts accounts, AccessProperties props) {
        this.accounts = accounts;
        this.props = props;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent e) {
        accounts.recordFailure(e.getAuthentication().getName(), props.maxFailedLogins(), props.lockDuration());
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent e) {
        accounts.recordSuccess(e.getAuthentication().getName());
    }
}
