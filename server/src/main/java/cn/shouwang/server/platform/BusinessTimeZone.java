package cn.shouwang.server.platform;

import java.time.ZoneId;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The one time zone of business dates ({@code shouwang.time-zone}, default Asia/Shanghai), whatever the operating
 * system's zone is: a server in a UTC container still calls 00:30 in Beijing "tomorrow". Applied before any bean
 * exists, as the JVM's default zone, so that everything follows it without being told: the {@link java.time.Clock}
 * bean ({@code ClockConfig}), {@code LocalDate.now()}, the pages' and exports' formatters, and the {@code TimeZone}
 * every database connection announces (PostgreSQL's {@code current_date} and {@code ::date} of a timestamptz).
 * The scheduled jobs name the same property.
 */
public final class BusinessTimeZone implements EnvironmentPostProcessor, Ordered {
    public static final String PROPERTY = "shouwang.time-zone";
    public static final String DEFAULT = "Asia/Shanghai";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        apply(environment.getProperty(PROPERTY));
    }

    /** Makes {@code id} (blank: {@value #DEFAULT}) the JVM's default zone; an unknown zone stops the start. */
    public static ZoneId apply(@Nullable String id) {
        ZoneId zone = ZoneId.of(id == null || id.isBlank() ? DEFAULT : id.strip());
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        return zone;
    }

    /** After application.yml and the environment have been read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
