package cn.shouwang.server.platform;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Events between modules (docs/architecture.md, Events): listeners annotated with Spring Modulith's
 * {@code @ApplicationModuleListener} run after the publishing transaction has committed, in a transaction of their
 * own, on Spring Boot's task executor (virtual threads) — {@code @Async} needs this switch. Every such delivery is
 * kept in table {@code event_publication} until it has succeeded.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class EventsConfig {
}
