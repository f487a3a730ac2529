package cn.shouwang.server.access;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused before its password was checked: its address or account must wait ({@link SignInThrottle}). */
class SignInThrottledException extends AuthenticationException {
    final Duration wait;

    SignInThrottledException(Duration wait) {
        super("too many failed sign-ins: wait " + wait.toSeconds() + " s");
        this.wait = wait;
    }

    /** Whole seconds, at least one. */
    long seconds() {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
