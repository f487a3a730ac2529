package cn.shouwang.server.eldervisits;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.Views;
import cn.shouwang.server.personaldata.PersonalDataApi;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo profile only, once (while no one is enrolled): the elderly visits of 孤家子镇, the demo village 团山子村 first —
 * three visitors per village (a demo account claims one on "my people" with 我是这位巡访员), the members of 60 and over of the first households enrolled in several classes, and visits over the
 * last five months: most people visited within their rhythm, some overdue, one visit that found a risk. Deterministic.
 */
@Component
@Profile("demo")
@Order(36)
class DemoElderVisits implements ApplicationRunner {
    static final String TOWNSHIP = "220322103000";
    static final String VILLAGE = "220322103205";
    private static final String[][] VISITORS = {{"王秀兰", "CADRE"}, {"李志强", "GRID"}, {"张春梅", "VOLUNTEER"}};
    private static final String[] CLASSES = {"LIVING_ALONE", "EMPTY_NEST", "VERY_OLD", "DISABLED", "LEFT_BEHIND",
            "EXTREME_POVERTY", "SEVERELY_DISABLED", "FAMILY_PLANNING"};
    private static final String[][] FINDINGS = {{"HEALTH_GOOD", "LIVING_GOOD"}, {"HEALTH_CHRONIC", "NEED_MEDICAL"},
            {"HEALTH_GOOD", "NEED_COMPANY"}, {"HEALTH_CHRONIC", "LIVING_GOOD", "NEED_GOODS"}};
    private static final String[] NOTES = {"身体状况良好,生活能自理", "血压偏高,已提醒按时服药", "子女在外务工,每周电话联系",
            "院内积雪已帮忙清理", ""};

    private final JdbcClient jdbc;
    private final HouseholdApi households;
    private final PersonalDataApi personalData;
    private final Clock clock;

    DemoElderVisits(JdbcClient jdbc, HouseholdApi households, PersonalDataApi personalData, Clock clock) {
        this.jdbc = jdbc;
        this.households = households;
        this.personalData = personalData;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select exists (select 1 from elder_person)").query(Boolean.class).single()) return;
        AreaScope township = new AreaScope(TOWNSHIP);
        List<Long> ids = households.withActiveHead(township, VILLAGE, 400);
        if (ids.size() < 10) return; // no demo registry here: nothing to show
        LocalDate today = LocalDate.now(clock);
        Random random = new Random(36);
        Map<String, List<Long>> visitorsOf = new java.util.HashMap<>();
        Map<String, Integer> enrolled = new java.util.HashMap<>();
        int people = 0;
        for (long id : ids) {
            Views.Household h = households.findHousehold(id, township).orElse(null);
            if (h == null) continue;
            String v = h.villageCode();
            int limit = v.equals(VILLAGE) ? 24 : 8;
            if (enrolled.getOrDefault(v, 0) >= limit) continue;
            List<Long> vis = visitorsOf.computeIfAbsent(v, k -> visitors(k, random));
            for (Views.Member m : h.members()) {
                if (!m.status().equals("ACTIVE") || today.getYear() - m.birthYear() < 60) continue;
                if (enrolled.getOrDefault(v, 0) >= limit) break;
                int n = people++;
                enrolled.merge(v, 1, Integer::sum);
                List<String> cls = new ArrayList<>(List.of(CLASSES[n % CLASSES.length]));
                if (today.getYear() - m.birthYear() >= 80 && !cls.contains("VERY_OLD")) cls.add("VERY_OLD");
                if (n % 3 == 0 && !cls.contains("EMPTY_NEST")) cls.add("EMPTY_NEST");
                long visitor = vis.get(n % vis.size());
                LocalDate enrolledOn = today.minusMonths(6);
                long person = jdbc.sql("""
                        insert into elder_person (member_id, household_id, village_code, name, birth_year, classes,
                                                  visitor_id, enrolled_on)
                        values (:m, :h, :v, :n, :y, :c, :visitor, :on) returning id""")
                        .param("m", m.id()).param("h", h.id()).param("v", v).param("n", m.name()).param("y", m.birthYear())
                        .param("c", cls.toArray(String[]::new)).param("visitor", visitor).param("on", enrolledOn)
                        .query(Long.class).single();
                boolean monthly = cls.contains("LIVING_ALONE") || cls.contains("DISABLED");
                // every third person's visits stopped more than a rhythm ago: overdue now
                int gapDays = monthly ? 26 : 80;
                LocalDate last = n % 3 == 2 ? today.minusDays(monthly ? 45 + n % 20 : 100 + n % 20) : today.minusDays(3 + n % 20);
                for (LocalDate on = last; !on.isBefore(enrolledOn); on = on.minusDays(gapDays)) {
                    String[] f = FINDINGS[random.nextInt(FINDINGS.length)];
                    boolean home = random.nextInt(8) > 0;
                    if (n == 1 && on.equals(last)) f = new String[] {"HEALTH_ILL", "NO_HEATING", "NEED_MEDICAL"};
                    jdbc.sql("""
                            insert into elder_visit (person_id, village_code, visited_on, visitor_id, at_home, findings, note,
                                                     recorded_by, recorded_by_name)
                            values (:p, :v, :on, :visitor, :home, :f, :note, 'demo-monitor', :by)""")
                            .param("p", person).param("v", v).param("on", on).param("visitor", visitor)
                            .param("home", home).param("f", home ? f : new String[0])
                            .param("note", home ? NOTES[random.nextInt(NOTES.length)] : "")
                            .param("by", "村监测员(演示同事)").update();
                }
            }
        }
    }

    private List<Long> visitors(String village, Random random) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < VISITORS.length; i++) {
            String phone = "139" + String.format("%08d", random.nextInt(100_000_000));
            out.add(jdbc.sql("""
                    insert into elder_visitor (village_code, name, kind, phone_enc, phone_masked)
                    values (:v, :n, :k, :pe, :pm) returning id""")
                    .param("v", village).param("n", VISITORS[i][0]).param("k", VISITORS[i][1])
                    .param("pe", personalData.seal(phone)).param("pm", PersonalDataApi.maskPhone(phone))
                    .query(Long.class).single());
        }
        return out;
    }
}
