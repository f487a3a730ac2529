package cn.shouwang.server.access;

import cn.shouwang.server.platform.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo profile only: one account per role over real areas of Siping, and a province administrator of 吉林省 (codes from the official list and
 * present in the built-in fallback, so they exist with or without ../shared), all with the demo password;
 * when the server is ready, prints its address and these accounts.
 */
@Component
@Profile("demo")
@Order(10)
class DemoAccounts implements ApplicationRunner {

    record DemoAccount(String username, String displayName, Role role, String areaCode, String areaName) {}

    static final List<DemoAccount> ACCOUNTS = List.of(
            // the province's administrator keeps what applies everywhere (code lists, division editions,
            // province-wide settings); the city's administrator only what applies within 四平市
            new DemoAccount("provadmin", "吉林省管理员", Role.ADMIN, "220000000000", "吉林省"),
            new DemoAccount("admin", "演示管理员", Role.ADMIN, "220300000000", "四平市"),
            new DemoAccount("city", "四平市分析员", Role.CITY_ANALYST, "220300000000", "四平市"),
            new DemoAccount("county", "梨树县分析员", Role.COUNTY_ANALYST, "220322000000", "梨树县"),
            // a second analyst of the county: a lead that county cross-checked is confirmed by county2 (maker-checker)
            new DemoAccount("county2", "梨树县分析员(二)", Role.COUNTY_ANALYST, "220322000000", "梨树县"),
            new DemoAccount("township", "孤家子镇工作人员", Role.TOWNSHIP_STAFF, "220322103000", "梨树县孤家子镇"),
            new DemoAccount("village", "团山子村监测员", Role.VILLAGE_MONITOR, "220322103205", "孤家子镇团山子村"),
            // a grid worker of the village (网格员): fieldwork's demo makes it the worker of 团山子村's first grid
            new DemoAccount("grid", "团山子村网格员", Role.GRID_WORKER, "220322103205", "孤家子镇团山子村"),
            new DemoAccount("dataofficer", "梨树县民政局数据员", Role.DATA_OFFICER, "220322000000", "梨树县"));

    private final Accounts accounts;
    private final AccessProperties props;
    private final ObjectProvider<EmbeddedDatabase> database;
    private final Path demoFiles;

    DemoAccounts(Accounts accounts, AccessProperties props, ObjectProvider<EmbeddedDatabase> database,
                 @Value("${shouwang.data-dir}") String dataDir, Clock clock) {
        this.accounts = accounts;
        this.props = props;
        this.database = database;
        // screening's DemoFiles writes this month's department files there (docs/demo-data.md)
        this.demoFiles = Path.of(dataDir).toAbsolutePath().resolve("demo-files").resolve(YearMonth.now(clock).toString());
    }

    @Override
    public void run(ApplicationArguments args) {
        for (DemoAccount a : ACCOUNTS) {
            if (accounts.exists(a.username()) && a.role() == Role.DATA_OFFICER) {
                // a demo database of an earlier release: its officer had no department and could upload nothing
                accounts.demoDepartmentIfNone(a.username(), Department.CIVIL_AFFAIRS);
            }
            if (!accounts.exists(a.username())) {
                // the demo officer is 民政局's (social assistance files): the other departments' kinds are refused to him
                accounts.create(a.username(), a.displayName(), a.role(), a.areaCode(),
                        a.role() == Role.DATA_OFFICER ? Department.CIVIL_AFFAIRS : null, props.demoPassword(), true);
            }
        }
    }

    @EventListener
    void ready(ApplicationReadyEvent e) {
        int port = e.getApplicationContext() instanceof WebServerApplicationContext w && w.getWebServer() != null
                ? w.getWebServer().getPort() : -1;
        EmbeddedDatabase db = database.getIfAvailable();
        boolean files = Files.isDirectory(demoFiles);
        String[] lines = new String[ACCOUNTS.size() + (db != null ? 6 : 5) + (files ? 1 : 0)];
        int i = 0;
        lines[i++] = "守望 演示环境已启动 · Shouwang demo is running";
        lines[i++] = "地址 address:  http://localhost:" + port + "/";
        if (db != null) {
            lines[i++] = "数据库 database: 内嵌 embedded PostgreSQL, localhost:" + db.port() + ", "
                    + (db.settings().durable() ? "fsync/synchronous_commit on (持久 durable)"
                            : "fsync off (不持久 NOT durable, test settings)")
                    + ", 密码 passwords: " + db.settings().keysDir().resolve("db-*.password");
        }
        lines[i++] = "演示账号 demo accounts (密码 password: " + props.demoPassword() + "):";
        for (DemoAccount a : ACCOUNTS) {
            lines[i++] = String.format("  %-12s %-16s %s %s", a.username(), a.role().name(), a.areaCode(), a.areaName());
        }
        if (files) {
            lines[i++] = "本月部门数据(梨树县,county 上传) department files to upload as county: " + demoFiles;
        }
        lines[i++] = "English: add ?lang=en to the address.";
        lines[i] = "停止 stop: Ctrl+C";
        System.out.println(Banner.box(lines));
    }
}
