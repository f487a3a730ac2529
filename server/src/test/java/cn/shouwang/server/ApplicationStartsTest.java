package cn.shouwang.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

// -17: a target/test-pg left by an earlier run is PostgreSQL 14, which this release refuses to start on
@SpringBootTest(properties = "shouwang.db.embedded-dir=target/test-pg-17")
class ApplicationStartsTest {
    @Autowired JdbcClient jdbc;

    @Test
    void migratesTheSchemaOnEmbeddedPostgres() {
        Integer n = jdbc.sql("select count(*) from information_schema.tables where table_name = 'area'")
                .query(Integer.class).single();
        assertThat(n).isEqualTo(1);
        String version = jdbc.sql("show server_version").query(String.class).single();
        assertThat(version).isNotBlank();
    }
}
