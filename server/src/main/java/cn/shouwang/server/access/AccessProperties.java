package cn.shouwang.server.access;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings.
 *
 * @param adminAreaCode     area of the first administrator created on an empty database
 * @param adminPassword     its password (env SHOUWANG_ADMIN_PASSWORD); empty means generate and print once
 * @param demoPassword      password of every demo account (demo profile only)
 */
@ConfigurationProperties(prefix = "shouwang.access")
public record AccessProperties(
        @DefaultValue("220000000000") String adminAreaCode,
        @Nullable String adminPassword,
        @DefaultValue("demo2024") String demoPassword) {
}
