package cn.shouwang.server;

import cn.shouwang.core.area.Division;
import cn.shouwang.core.area.DivisionFile;
import cn.shouwang.server.access.AccessFixtures;
import cn.shouwang.server.area.AreaFixtures;
import cn.shouwang.server.casework.CaseworkFixtures;
import cn.shouwang.server.household.RegistryFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * One running server for all web and browser tests: the demo profile (demo accounts, demo data) on a fresh
 * embedded PostgreSQL, on a random port, with a {@link TestClock} in place of the system clock. Every subclass
 * shares this exact configuration, so Spring starts it once per test run. Each module's test fixtures
 * ({@link RegistryFixtures}, {@link CaseworkFixtures}, {@link AccessFixtures}, {@link AreaFixtures}) are beans of it:
 * a test writes another module's rows through them, never with that module's SQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"shouwang.data-dir=target/test-data/demo", "shouwang.db.embedded-dir=target/test-pg-demo/${random.uuid}",
                "shouwang.personal-data.key-file=target/test-keys/personal-data.key"})
@ActiveProfiles("demo")
@AutoConfigureMockMvc
// the server's Clock, movable by tests (TestClock), the statement counter (StatementCounter), and each module's fixtures: part of the one shared context
@Import({TestClock.Config.class, StatementCounter.class, AccessFixtures.class, AreaFixtures.class, RegistryFixtures.class, CaseworkFixtures.class})
public abstract class ServerTest {
    public static final String DEMO_PASSWORD = "demo2024";

    @Autowired protected MockMvc mvc;
    @Autowired protected JdbcClient jdbc;
    @LocalServerPort protected int port;
    /** The server's clock: tests that need days or months to pass advance it and reset it in a finally. */
    @Autowired protected TestClock clock;

    @BeforeEach
    void areasLoaded() {
        ensureAreas(jdbc);
    }

    /**
     * The area selector and account checks need the division list. The demo loader may already have put it in;
     * otherwise the real Siping list from ../shared (or the built-in fallback) is loaded here.
     */
    public static synchronized void ensureAreas(JdbcClient jdbc) {
        boolean loaded = jdbc.sql("select exists (select 1 from area_edition where is_current)")
                .query(Boolean.class).single();
        if (loaded) return;
        DivisionFile.Result divisions;
        try {
            divisions = DivisionFile.findShared(Path.of("").toAbsolutePath(), "siping-divisions.csv")
                    .map(p -> {
                        try {
                            return DivisionFile.read(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .orElseGet(DivisionFile::builtInSiping);
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("cannot read the division list", e);
        }
        int edition = jdbc.sql("insert into area_edition (name, loaded_by, is_current) values ('test', 'test', true) "
                + "returning id").query(Integer.class).single();
        for (Division d : divisions.divisions()) {
            jdbc.sql("insert into area (edition_id, code, name, level, parent_code) values (:e, :c, :n, :l, :p)")
                    .param("e", edition).param("c", d.code()).param("n", d.name())
                    .param("l", d.level().depth()).param("p", d.parentCode()).update();
        }
    }
}
