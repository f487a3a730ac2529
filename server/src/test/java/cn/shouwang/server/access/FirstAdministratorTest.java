package cn.shouwang.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Without the demo profile: the first start creates one administrator and no demo account. */
@SpringBootTest(properties = "shouwang.db.embedded-dir=target/test-pg-17") // same context as ApplicationStartsTest
class FirstAdministratorTest {
    @Autowired Accounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired PasswordEncoder encoder;

    @Test
    void theFirstStartCreatesTheAdministratorAndNoDemoAccounts() {
        Account admin = accounts.findByUsername(FirstAdministrator.USERNAME).orElseThrow();
        assertThat(admin.role()).isEqualTo(Role.ADMIN);
        assertThat(admin.areaCode()).isEqualTo("220000000000");
        assertThat(admin.demo()).isFalse();
        assertThat(jdbc.sql("select count(*) from account where demo").query(Long.class).single()).isZero();
        for (DemoAccounts.DemoAccount d : DemoAccounts.ACCOUNTS) {
            if (!d.username().equals(FirstAdministrator.USERNAME)) {
                assertThat(accounts.exists(d.username())).as(d.username()).isFalse();
            }
        }
        // a slow, salted hash: bcrypt behind the {id} prefix, never the password itself
        String hash = jdbc.sql("select password_hash from account where username = 'admin'").query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}$2");
    }

    @Test
    void generatedPasswordsAreLongAndUnambiguous() {
        String p = FirstAdministrator.generate(16);
        assertThat(p).hasSize(16).doesNotContain("0", "O", "l", "1", "I");
        assertThat(FirstAdministrator.generate(16)).isNotEqualTo(p);
    }
}
