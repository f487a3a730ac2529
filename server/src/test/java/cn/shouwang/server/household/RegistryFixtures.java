package cn.shouwang.server.household;

import cn.shouwang.core.household.HealthStatus;
import cn.shouwang.core.person.IdNumber;
import cn.shouwang.core.person.Sex;
import cn.shouwang.server.personaldata.HealthDetails;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registry's fixtures for tests of every module: households, members and incomes written straight into the
 * household module's tables as the registry itself writes them (id numbers and phones sealed and the id number's
 * keyed hash through {@link PersonalDataApi}, health sealed, sex and birth date taken from the id number, the name
 * search keys of {@link NameGrams}), without the audit row or the form's checks. A bean of the one test context
 * ({@code ServerTest}): {@code @Autowired RegistryFixtures registry;} then
 * {@code long h = registry.household(village).head("张三").idNumber(id).insert();}.
 * Tests of other modules use this rather than SQL on {@code household}, {@code member} or {@code household_income}.
 */
public class RegistryFixtures {
    private final JdbcClient jdbc;
    private final PersonalDataApi personalData;

    public RegistryFixtures(JdbcClient jdbc, PersonalDataApi personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    /** A household of the village (12-digit code), to be described and then {@link HouseholdBuilder#insert()}ed. */
    public HouseholdBuilder household(String village) {
        return new HouseholdBuilder(village);
    }

    public String householdNo(long household) {
        return jdbc.sql("select household_no from household where id = :h").param("h", household).query(String.class).single();
    }

    /**
     * Sets the status (a {@code MemberStatus} name, e.g. DECEASED) of every member of the household as a bare row change:
     * no version bump, no audit row, as a repair or a bulk load would.
     */
    public void memberStatus(long household, String status) {
        jdbc.sql("update member set status = :s where household_id = :h").param("s", status).param("h", household).update();
    }

    /**
     * A valid id number of the county (6 digits) that nobody in the registry has: a random birth date between 1940
     * and 1994 and a random sequence, tried again while taken.
     */
    public String newIdNumber(String county6) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 100; i++) {
            String s17 = county6 + LocalDate.of(1940, 1, 1).plusDays(random.nextInt(20_000)).toString().replace("-", "")
                    + String.format("%03d", random.nextInt(1000));
            String id = s17 + IdNumber.checkCharacter(s17);
            if (!registered(id)) return id;
        }
        throw new IllegalStateException("no free id number found in " + county6);
    }

    public boolean registered(String idNumber) {
        return jdbc.sql("select exists (select 1 from member where id_number_hash = :h)")
                .param("h", personalData.idNumberHash(IdNumber.of(idNumber))).query(Boolean.class).single();
    }

    /** The household's income of the year (table {@code household_income}), every amount 0 unless given. */
    public IncomeBuilder income(long household, int year) {
        return new IncomeBuilder(household, year);
    }

    private record Member(String name, String relation, String labour, HealthDetails health, @Nullable String idNumber) {}

    /** What tests vary about a household; everything else is an ordinary registered household of one. */
    public final class HouseholdBuilder {
        private final String village;
        private @Nullable String number;
        private String group = "一组";
        private @Nullable String phone;
        private String headName = "测试";
        private @Nullable Integer exitYear;
        private @Nullable String headId;
        private String headLabour = "ORDINARY";
        private HealthDetails headHealth = new HealthDetails(HealthStatus.HEALTHY, null);
        private final List<Member> others = new ArrayList<>();

        private HouseholdBuilder(String village) {
            this.village = village;
        }

        /** The household number; by default the village's next free one (village code + 5 digits), as the registry gives. */
        public HouseholdBuilder number(String householdNo) {
            this.number = householdNo;
            return this;
        }

        /** The village group (村民小组), 一组 by default. */
        public HouseholdBuilder group(String villageGroup) {
            this.group = villageGroup;
            return this;
        }

        /** The household's phone, stored sealed; none by default. */
        public HouseholdBuilder phone(String phone) {
            this.phone = phone;
            return this;
        }

        /** The head's name, 测试 by default. */
        /** Formerly poor (脱贫户), out of poverty in {@code exitYear}. */
        public HouseholdBuilder formerlyPoor(int exitYear) {
            this.exitYear = exitYear;
            return this;
        }

        public HouseholdBuilder head(String name) {
            this.headName = name;
            return this;
        }

        /** The head's id number; by default a new one of the village's county ({@link #newIdNumber}). */
        public HouseholdBuilder idNumber(String idNumber) {
            this.headId = idNumber;
            return this;
        }

        /** The head's labour capacity (a {@code LabourCapacity} name), ORDINARY by default. */
        public HouseholdBuilder labour(String labourCapacity) {
            this.headLabour = labourCapacity;
            return this;
        }

        /** The head's health status (a {@code HealthStatus} name), HEALTHY by default. */
        public HouseholdBuilder health(String healthStatus) {
            this.headHealth = HealthDetails.of(healthStatus, null);
            return this;
        }

        /** One more member, healthy; a {@code null} id number gets a new one of the village's county. */
        public HouseholdBuilder member(String name, String relation, String labourCapacity, @Nullable String idNumber) {
            return member(name, relation, labourCapacity, "HEALTHY", idNumber);
        }

        /** One more member; a {@code null} id number gets a new one of the village's county. */
        public HouseholdBuilder member(String name, String relation, String labourCapacity, String healthStatus,
                                       @Nullable String idNumber) {
            others.add(new Member(name, relation, labourCapacity, HealthDetails.of(healthStatus, null), idNumber));
            return this;
        }

        /** Writes the household and its members; returns the household's id. */
        public long insert() {
            int edition = jdbc.sql("select id from area_edition where is_current").query(Integer.class).single();
            // a free number: the village's highest plus one, taken again when another writer got it first (the
            // shared test server's demo runners and other tests write households of the same villages)
            Long id = null;
            for (int attempt = 0; id == null; attempt++) {
                String no = number != null ? number : nextHouseholdNo(village, attempt);
                try {
                    id = jdbc.sql("""
                            insert into household (household_no, area_edition_id, village_code, village_group, phone_enc,
                              formerly_poor, poverty_exit_year, created_at, updated_at)
                            values (:no, :e, :v, :g, :phone, :fp, :exit, now(), now())
                            on conflict (household_no) do nothing returning id""")
                            .param("fp", exitYear != null).param("exit", exitYear, java.sql.Types.SMALLINT)
                            .param("no", no).param("e", edition).param("v", village).param("g", group)
                            .param("phone", phone == null ? null : personalData.seal(phone), java.sql.Types.BINARY)
                            .query(Long.class).optional().orElse(null);
                } catch (org.springframework.dao.DuplicateKeyException e) {
                    id = null;
                }
                if (id == null && (number != null || attempt > 20)) {
                    throw new IllegalStateException("household number taken: " + no);
                }
            }
            long h = id;
            insertMember(h, new Member(headName, "HEAD", headLabour, headHealth, headId));
            for (Member m : others) insertMember(h, m);
            return h;
        }

        private void insertMember(long h, Member m) {
            IdNumber id = IdNumber.of(m.idNumber() != null ? m.idNumber() : newIdNumber(village.substring(0, 6)));
            jdbc.sql("""
                    insert into member (household_id, area_code, id_number_hash, id_number_enc, name, name_grams, sex,
                      birth_date, relation, labour_capacity, health_enc, schooling_stage)
                    values (:h, :v, :hash, :enc, :name, cast(:grams as text[]), :sex, :birth, :rel, :lab, :health, 'NONE')""")
                    .param("h", h).param("v", village).param("hash", personalData.idNumberHash(id))
                    .param("enc", personalData.seal(id.value())).param("name", m.name())
                    .param("grams", NameGrams.of(village.substring(0, 6), m.name()))
                    .param("sex", id.sex() == Sex.MALE ? "M" : "F").param("birth", id.birthDate())
                    .param("rel", m.relation()).param("lab", m.labour())
                    .param("health", personalData.sealHealth(m.health())).update();
        }
    }

    private String nextHouseholdNo(String village, int skip) {
        String max = jdbc.sql("select max(household_no) from household where household_no between :lo and :hi")
                .param("lo", village + "00000").param("hi", village + "99999").query(String.class).optional().orElse(null);
        int next = (max == null ? 1 : Integer.parseInt(max.substring(12)) + 1) + skip;
        return village + String.format("%05d", next);
    }

    /** A year's income of a household, amounts in yuan. */
    public final class IncomeBuilder {
        private final long household;
        private final int year;
        private BigDecimal wages = BigDecimal.ZERO;
        private BigDecimal business = BigDecimal.ZERO;
        private BigDecimal property = BigDecimal.ZERO;
        private BigDecimal transfers = BigDecimal.ZERO;
        private BigDecimal productionCosts = BigDecimal.ZERO;
        private BigDecimal eligibleOutOfPocket = BigDecimal.ZERO;

        private IncomeBuilder(long household, int year) {
            this.household = household;
            this.year = year;
        }

        public IncomeBuilder wages(String yuan) {
            wages = new BigDecimal(yuan);
            return this;
        }

        public IncomeBuilder business(String yuan) {
            business = new BigDecimal(yuan);
            return this;
        }

        public IncomeBuilder property(String yuan) {
            property = new BigDecimal(yuan);
            return this;
        }

        public IncomeBuilder transfers(String yuan) {
            transfers = new BigDecimal(yuan);
            return this;
        }

        public IncomeBuilder productionCosts(String yuan) {
            productionCosts = new BigDecimal(yuan);
            return this;
        }

        public IncomeBuilder eligibleOutOfPocket(String yuan) {
            eligibleOutOfPocket = new BigDecimal(yuan);
            return this;
        }

        public void insert() {
            jdbc.sql("""
                    insert into household_income (household_id, year, wages, business, property, transfers, production_costs,
                      eligible_out_of_pocket, recorded_at)
                    values (:h, :y, :w, :b, :p, :t, :c, :o, now())""")
                    .param("h", household).param("y", year).param("w", wages).param("b", business).param("p", property)
                    .param("t", transfers).param("c", productionCosts).param("o", eligibleOutOfPocket).update();
        }
    }
}
