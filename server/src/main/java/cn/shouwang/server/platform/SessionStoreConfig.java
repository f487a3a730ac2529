package cn.shouwang.server.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Spring Session JDBC with PostgreSQL's own statements: an attribute is written with {@code INSERT … ON CONFLICT DO
 * UPDATE}. The generic statements insert and fail with a duplicate key when two requests of one session save the
 * same new attribute at once (seen under load: a user's second click while the first was still being answered gave
 * a 500).
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfig {

    @Bean
    PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgresSessionStatements() {
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }
}
