package cn.shouwang.server.figures.snapshot;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Turns on Spring's {@code @Scheduled} methods: the month-end snapshot and casework's nightly recount of persons. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class MonthEndScheduling {}
