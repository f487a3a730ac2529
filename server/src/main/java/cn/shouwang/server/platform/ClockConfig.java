package cn.shouwang.server.platform;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the server: code asks it for the time so tests can pin it. Its zone is the business time zone
 * ({@link BusinessTimeZone}, {@code shouwang.time-zone}), never the operating system's.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfig {
    @Bean
    Clock clock(@Value("${" + BusinessTimeZone.PROPERTY + ":" + BusinessTimeZone.DEFAULT + "}") String zone) {
        return Clock.system(BusinessTimeZone.apply(zone));
    }
}
