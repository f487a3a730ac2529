package cn.shouwang.server.casework;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Casework's fixtures for tests of every module: a household already monitored, an income line in force. Written
 * straight into casework's tables (no history row, no audit), as earlier months would have left them. A bean of the one
 * test context ({@code ServerTest}): {@code @Autowired CaseworkFixtures casework;} then
 * {@code casework.monitored(h, village, "张三").risks("ILLNESS").since(day).insert();}.
 */
public class CaseworkFixtures {
    private final JdbcClient jdbc;
    private final Clock clock;

    public CaseworkFixtures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The registry household {@code household} of {@code village}, headed by {@code head}, as a monitored household:
     * category 边缘易致贫户 (MARGINAL_AT_RISK), risk ILLNESS, identified 60 days before the server's today, unless given.
     */
    public MonitoredBuilder monitored(long household, String village, String head) {
        return new MonitoredBuilder(household, village, head);
    }

    /** The poverty-return income line of the area and year (yuan per person), unless one is set already. */
    public void incomeLine(String area, int year, int yuan) {
        jdbc.sql("insert into income_line (area_code, year, line) values (:a, :y, :l) on conflict do nothing")
                .param("a", area).param("y", year).param("l", yuan).update();
    }

    public final class MonitoredBuilder {
        private final long household;
        private final String village;
        private final String head;
        private String category = "MARGINAL_AT_RISK";
        private String[] risks = {"ILLNESS"};
        private LocalDate identifiedOn;

        private MonitoredBuilder(long household, String village, String head) {
            this.household = household;
            this.village = village;
            this.head = head;
            this.identifiedOn = LocalDate.now(clock).minusDays(60);
        }

        /** The monitoring category (a casework code of kind CATEGORY). */
        public MonitoredBuilder category(String code) {
            this.category = code;
            return this;
        }

        /** The risk types (1 to 5 casework codes of kind RISK_TYPE). */
        public MonitoredBuilder risks(String... codes) {
            this.risks = codes;
            return this;
        }

        /** The day it was identified. */
        public MonitoredBuilder since(LocalDate day) {
            this.identifiedOn = day;
            return this;
        }

        /** Writes it (status MONITORED); returns the household's id. */
        public long insert() {
            jdbc.sql("""
                    insert into monitored_household (household_id, village_code, head_name, category, risk_types,
                      identified_on, status, updated_at)
                    values (:h, :v, :head, :c, :r, :on, 'MONITORED', now())""")
                    .param("h", household).param("v", village).param("head", head).param("c", category)
                    .param("r", risks).param("on", identifiedOn).update();
            return household;
        }
    }
}
