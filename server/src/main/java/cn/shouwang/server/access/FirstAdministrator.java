package cn.shouwang.server.access;

import java.security.SecureRandom;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the first start (no account at all) creates the administrator {@code admin}. Its password comes from
 * SHOUWANG_ADMIN_PASSWORD, or is generated and printed once to the console (stdout, never to the log).
 * The demo profile creates its own accounts instead.
 */
@Component
@Profile("!demo")
@Order(10)
class FirstAdministrator implements ApplicationRunner {
    static final String USERNAME = "admin";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private final Accounts accounts;
    private final AccessProperties props;

    FirstAdministrator(Accounts accounts, AccessProperties props) {
        this.accounts = accounts;
        this.props = props;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.count() > 0) return;
        String given = props.adminPassword();
        boolean generated = given == null || given.isBlank();
        String password = generated ? generate(16) : given;
        accounts.create(USERNAME, "系统管理员", Role.ADMIN, props.adminAreaCode(), password, false);
        if (generated) {
            System.out.println(Banner.box(
                    "首次启动:已创建管理员账号 (first start: administrator created)",
                    "用户名 user name: " + USERNAME,
                    "密码 password:    " + password,
                    "此密码只显示这一次,请登录后立即修改。 (shown only this once — change it after signing in)"));
        } else {
            System.out.println(Banner.box("首次启动:已创建管理员账号 " + USERNAME
                    + ",密码取自 SHOUWANG_ADMIN_PASSWORD (first start: administrator created with the given password)"));
        }
    }

    static String generate(int length) {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        return sb.toString();
    }
}
