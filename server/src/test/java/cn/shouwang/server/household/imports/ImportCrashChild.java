package cn.shouwang.server.household.imports;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccessFixtures;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import cn.shouwang.server.platform.OwnerDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The server {@link ImportCrashTest} kills: a whole Shouwang on its own data directory that previews a person list
 * and starts its apply while another connection holds household_income locked, so that the apply has written the
 * file's households and members in its transaction and waits there. It prints {@code BLOCKED <import id>} and
 * waits to be killed. Arguments: the directory, the file, the importing county.
 */
public final class ImportCrashChild {
    private ImportCrashChild() {}

    public static void main(String[] args) throws Exception {
        String dir = args[0];
        Path file = Path.of(args[1]);
        String county = args[2];
        ConfigurableApplicationContext server = NationalRoundTripTest.emptyServer(dir);
        JdbcClient jdbc = server.getBean(JdbcClient.class);
        ServerTest.ensureAreas(jdbc);
        new AccessFixtures(jdbc, server.getBean(PasswordEncoder.class)).account("county-crash", "县级分析员", Role.COUNTY_ANALYST, county, "x");
        long accountId = jdbc.sql("select id from account where username = 'county-crash'").query(Long.class).single();
        CurrentUser importer = new CurrentUser(accountId, "county-crash", "县级分析员", Role.COUNTY_ANALYST, new AreaScope(county));
        RegistryImports imports = server.getBean(RegistryImports.class);
        ImportStore store = server.getBean(ImportStore.class);
        long id;
        try (InputStream in = Files.newInputStream(file)) {
            id = imports.upload(in, file.getFileName().toString(), importer);
        }
        ImportStore.Import previewed = NationalRoundTripTest.await(store, id);
        if (previewed.state() != ImportStore.State.PREVIEWED) throw new IllegalStateException("not previewed: " + previewed);
        System.out.println("PREVIEWED " + id + " " + previewed.count("householdsNew"));

        OwnerDatabase owner = server.getBean(OwnerDatabase.class);
        Connection lock = owner.dataSource().getConnection();
        lock.setAutoCommit(false);
        try (Statement s = lock.createStatement()) {
            s.execute("lock table household.household_income in access exclusive mode");
        }
        imports.startApply(id, false, importer);
        JdbcClient ownerJdbc = owner.jdbc();
        long until = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < until) {
            // the apply's backend waiting for the lock, with the tables it has written to in its transaction
            // (pg_locks, not pg_stat_activity: the owner may not read the server role's query texts)
            Integer pid = ownerJdbc.sql("""
                    select l.pid from pg_locks l join pg_class c on c.oid = l.relation
                     where c.relname = 'household_income' and not l.granted limit 1""").query(Integer.class).optional().orElse(null);
            if (pid != null) {
                String written = String.join(",", ownerJdbc.sql("""
                        select c.relname from pg_locks l join pg_class c on c.oid = l.relation
                         where l.pid = :p and l.mode = 'RowExclusiveLock' and l.granted
                           and c.relname in ('household', 'member') order by c.relname""").param("p", pid)
                        .query(String.class).list());
                System.out.println("BLOCKED " + id + " " + written);
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            Thread.sleep(50);
        }
        System.out.println("NEVER BLOCKED");
        System.exit(3);
    }
}
