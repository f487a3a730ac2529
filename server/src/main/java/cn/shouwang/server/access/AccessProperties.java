package cn.shouwang.server.access;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings.
 *
 * @param maxFailedLogins   failed sign-ins in a row that lock an account
 * @param lockDuration      how long a locked account stays locked
 * @param adminAreaCode     area of the first administrator created on an empty database
 * @param adminPassword     its password (env SHOUWANG_ADMIN_PASSWORD); empty means generate and print once
 * @param demoPassword      password of every demo account (demo profile only)
 */
@ConfigurationProperties(prefix = "shouwang.access")
public record AccessProperties(
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration lockDuration,
        @DefaultValue("220000000000") String adminAreaCode,
        @Nullable String adminPassword,
        @DefaultValue("demo2024") String demoPassword) {
}
