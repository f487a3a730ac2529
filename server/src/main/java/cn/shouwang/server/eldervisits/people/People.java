package cn.shouwang.server.eldervisits.people;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.casework.CaseworkApi;
import cn.shouwang.server.eldervisits.ElderPlaces;
import cn.shouwang.server.eldervisits.ElderRefusal;
import cn.shouwang.server.eldervisits.classes.ElderClasses;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.household.Views;
import java.sql.Array;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The older people visited (巡访关爱对象) and their visits. A person is a member of the registry, enrolled with the
 * classes held and an assigned visitor; a person is due for a visit the shortest rhythm of their classes after the
 * last visit (or the enrolment), and overdue after that day. Every query takes the scope in its WHERE.
 */
@Service
public class People {
    /** The age from which a member may be enrolled (老年人: 60 and over). */
    public static final int MIN_AGE = 60;
    /** Days before the due day from which a person is listed as due soon. */
    public static final int DUE_SOON_DAYS = 7;

    public enum Standing { OVERDUE, DUE_SOON, OK }

    public record Person(long id, long householdId, long memberId, String villageCode, String name, int birthYear,
                         List<String> classes, @Nullable Long visitorId, @Nullable String visitorName,
                         LocalDate enrolledOn, boolean active, int version, @Nullable LocalDate lastVisit,
                         LocalDate dueOn, int rhythmMonths) {
        public Standing standing(LocalDate today) {
            if (dueOn.isBefore(today)) return Standing.OVERDUE;
            if (!dueOn.isAfter(today.plusDays(DUE_SOON_DAYS))) return Standing.DUE_SOON;
            return Standing.OK;
        }

        /** The classes by name, in the order held, joined by the language's list separator. */
        public String classesIn(java.util.Map<String, String> names, String separator) {
            return classes.stream().map(c -> names.getOrDefault(c, c)).collect(Collectors.joining(separator));
        }

        public int age(LocalDate today) {
            return today.getYear() - birthYear;
        }
    }

    public record Visit(long id, LocalDate visitedOn, String visitorName, boolean atHome, List<Finding> findings,
                        String note, @Nullable Long leadId, String recordedByName, OffsetDateTime recordedAt) {}

    /** The list's filters: village (or wider area), class, visitor, standing, name. */
    public record Filter(AreaScope area, @Nullable String elderClass, @Nullable Long visitorId,
                         @Nullable Standing standing, @Nullable String q, @Nullable List<Long> visitorsOf) {}

    /** Coverage of one village in a period: people, people visited, visits, people overdue today. */
    public record Coverage(String villageCode, long people, long visited, long visits, long overdue) {
        public int percent() {
            return people == 0 ? 0 : (int) Math.round(visited * 100.0 / people);
        }
    }

    private final JdbcClient jdbc;
    private final HouseholdApi households;
    private final ElderClasses classes;
    private final CaseworkApi casework;
    private final AuditApi audit;
    private final Clock clock;

    People(JdbcClient jdbc, HouseholdApi households, ElderClasses classes, CaseworkApi casework, AuditApi audit,
           Clock clock) {
        this.jdbc = jdbc;
        this.households = households;
        this.classes = classes;
        this.casework = casework;
        this.audit = audit;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The people with their last visit and due day; {@code where} and the order added by the caller. */
    private static final String BASE = """
            select * from (
              select p.id, p.household_id, p.member_id, p.village_code, p.name, p.birth_year, p.classes, p.visitor_id,
                     vr.name visitor_name, p.enrolled_on, p.active, p.version, lv.last_visit,
                     (coalesce(lv.last_visit, p.enrolled_on) + make_interval(months => coalesce(r.rhythm, 3)))::date due_on,
                     coalesce(r.rhythm, 3) rhythm
                from elder_person p
                left join elder_visitor vr on vr.id = p.visitor_id
                left join lateral (select max(v.visited_on) last_visit from elder_visit v where v.person_id = p.id) lv on true
                left join lateral (select min(c.rhythm_months) rhythm from elder_class c
                                    where c.code = any(p.classes) and c.active) r on true
               where p.village_code between :lo and :hi) x
            """;

    private static Person person(java.sql.ResultSet rs) throws java.sql.SQLException {
        Array a = rs.getArray(7);
        return new Person(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                Arrays.asList((String[]) a.getArray()), (Long) rs.getObject(8), rs.getString(9),
                rs.getObject(10, LocalDate.class), rs.getBoolean(11), rs.getInt(12), rs.getObject(13, LocalDate.class),
                rs.getObject(14, LocalDate.class), rs.getInt(15));
    }

    /** The people of the filter, as {@link #BASE} with the filter's conditions; {@code count}: their number instead. */
    private JdbcClient.StatementSpec filtered(Filter f, boolean count) {
        StringBuilder sql = new StringBuilder(BASE).append(" where x.active");
        if (f.elderClass() != null) sql.append(" and :cls = any(x.classes)");
        if (f.visitorId() != null) sql.append(" and x.visitor_id = :visitor");
        if (f.visitorsOf() != null) sql.append(" and x.visitor_id = any(:mine)");
        if (f.standing() == Standing.OVERDUE) sql.append(" and x.due_on < :today");
        if (f.standing() == Standing.DUE_SOON) sql.append(" and x.due_on between :today and :soon");
        if (f.q() != null && !f.q().isBlank()) sql.append(" and x.name like :q");
        // overdue and due first (by due day), then by name; the page is cut in SQL
        String query = count ? "select count(*) from (" + sql + ") y"
                : sql + " order by x.due_on, x.name, x.id offset :off limit :lim";
        return jdbc.sql(query).param("lo", ElderPlaces.lo(f.area())).param("hi", ElderPlaces.hi(f.area()))
                .param("cls", f.elderClass()).param("visitor", f.visitorId())
                .param("mine", f.visitorsOf() == null ? new Long[0] : f.visitorsOf().toArray(Long[]::new))
                .param("today", today()).param("soon", today().plusDays(DUE_SOON_DAYS))
                .param("q", f.q() == null ? null : "%" + f.q().strip().replace("%", "").replace("_", "") + "%");
    }

    /** A page of the people of the filter, overdue and due first (by due day), then by name. */
    public List<Person> list(Filter f, int offset, int limit) {
        return filtered(f, false).param("off", offset).param("lim", limit).query((rs, i) -> person(rs)).list();
    }

    public long count(Filter f) {
        return filtered(f, true).query(Long.class).single();
    }

    public Optional<Person> find(long id, AreaScope scope) {
        return jdbc.sql(BASE + " where x.id = :id").param("lo", ElderPlaces.lo(scope)).param("hi", ElderPlaces.hi(scope))
                .param("id", id).query((rs, i) -> person(rs)).optional();
    }

    public List<Visit> visits(long personId) {
        return jdbc.sql("""
                select v.id, v.visited_on, vr.name, v.at_home, v.findings, v.note, v.lead_id, v.recorded_by_name, v.recorded_at
                  from elder_visit v join elder_visitor vr on vr.id = v.visitor_id
                 where v.person_id = :p order by v.visited_on desc, v.id desc""")
                .param("p", personId)
                .query((rs, i) -> new Visit(rs.getLong(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getBoolean(4), Arrays.stream((String[]) rs.getArray(5).getArray()).map(Finding::valueOf).toList(),
                        rs.getString(6), (Long) rs.getObject(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class)))
                .list();
    }

    /** Coverage per village of the area for visits from {@code from} to {@code to}; overdue as of today. */
    public List<Coverage> coverage(AreaScope area, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select x.village_code, count(*),
                       count(*) filter (where exists (select 1 from elder_visit v where v.person_id = x.id
                                                        and v.visited_on between :from and :to)),
                       coalesce(sum((select count(*) from elder_visit v where v.person_id = x.id
                                                        and v.visited_on between :from and :to)), 0),
                       count(*) filter (where x.due_on < :today)
                  from (""" + BASE + """
                ) x where x.active group by x.village_code order by x.village_code""")
                .param("lo", ElderPlaces.lo(area)).param("hi", ElderPlaces.hi(area)).param("from", from).param("to", to)
                .param("today", today())
                .query((rs, i) -> new Coverage(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                .list();
    }

    /** Enrols a member of a household in the user's scope: 60 or older, active, not enrolled yet. */
    @Transactional
    public long enrol(PeopleCmd.Enrol cmd, CurrentUser u) {
        ElderPlaces.requireWriter(u);
        Views.Household h = households.findHousehold(cmd.householdId(), u.scope())
                .orElseThrow(() -> new OutOfScopeException("household"));
        Views.Member m = h.members().stream().filter(x -> x.id() == cmd.memberId()).findFirst()
                .orElseThrow(() -> new OutOfScopeException("member"));
        if (!m.status().equals("ACTIVE")) throw new ElderRefusal("eldervisits.refused.notActive", m.name());
        if (today().getYear() - m.birthYear() < MIN_AGE) throw new ElderRefusal("eldervisits.refused.young", m.name(), MIN_AGE);
        List<String> cls = checkClasses(cmd.classes());
        checkVisitor(cmd.visitorId(), h.villageCode());
        if (jdbc.sql("select exists (select 1 from elder_person where member_id = :m)").param("m", m.id())
                .query(Boolean.class).single()) {
            throw new ElderRefusal("eldervisits.refused.enrolled", m.name());
        }
        long id = jdbc.sql("""
                insert into elder_person (member_id, household_id, village_code, name, birth_year, classes, visitor_id, enrolled_on)
                values (:m, :h, :v, :n, :y, :c, :visitor, :on) returning id""")
                .param("m", m.id()).param("h", h.id()).param("v", h.villageCode()).param("n", m.name())
                .param("y", m.birthYear()).param("c", cls.toArray(String[]::new)).param("visitor", cmd.visitorId())
                .param("on", today()).query(Long.class).single();
        audit.record(AuditAction.ELDER_PERSON_ENROL, h.id(), m.id(), h.villageCode(),
                List.of(new AuditApi.Change("classes", null, String.join(",", cls))), "elder person " + id);
        return id;
    }

    /** Changes a person's classes, visitor, or takes them off the list (died, moved away), as read at {@code version}. */
    @Transactional
    public void update(long id, PeopleCmd.Update cmd, CurrentUser u) {
        ElderPlaces.requireWriter(u);
        Person p = find(id, u.scope()).orElseThrow(() -> new OutOfScopeException("person"));
        List<String> cls = checkClasses(cmd.classes());
        checkVisitor(cmd.visitorId(), p.villageCode());
        boolean active = cmd.active() == null || cmd.active();
        int n = jdbc.sql("""
                update elder_person set classes = :c, visitor_id = :visitor, active = :a, version = version + 1,
                       updated_at = now() where id = :id and version = :ver""")
                .param("c", cls.toArray(String[]::new)).param("visitor", cmd.visitorId()).param("a", active)
                .param("id", id).param("ver", cmd.version()).update();
        if (n == 0) throw new ElderRefusal("eldervisits.refused.changed");
        audit.record(AuditAction.ELDER_PERSON_UPDATE, p.householdId(), p.memberId(), p.villageCode(), List.of(
                new AuditApi.Change("classes", String.join(",", p.classes()), String.join(",", cls)),
                new AuditApi.Change("visitor", String.valueOf(p.visitorId()), String.valueOf(cmd.visitorId())),
                new AuditApi.Change("active", String.valueOf(p.active()), String.valueOf(active))), "elder person " + id);
    }

    /**
     * Records a visit. With {@code openLead} and a finding of a risk, the risk goes to casework as a report of
     * 基层干部排查 in the same transaction (a new lead, or joined to the household's open lead or monitored case):
     * either both are written or neither.
     */
    @Transactional
    public long visit(long personId, PeopleCmd.Visit cmd, String leadDescription, CurrentUser u) {
        ElderPlaces.requireWriter(u);
        Person p = find(personId, u.scope()).orElseThrow(() -> new OutOfScopeException("person"));
        if (!p.active()) throw new ElderRefusal("eldervisits.refused.inactive");
        if (cmd.visitedOn().isAfter(today())) throw new ElderRefusal("eldervisits.refused.future");
        checkVisitor(cmd.visitorId(), p.villageCode());
        List<Finding> findings = cmd.findingList();
        Long leadId = null;
        if (cmd.lead()) {
            List<String> risks = findings.stream().filter(Finding::risk).map(Finding::riskType).distinct().toList();
            if (risks.isEmpty()) throw new ElderRefusal("eldervisits.refused.noRisk");
            leadId = casework.intakeFromField(p.householdId(), leadDescription, risks,
                    "elder-visit:" + personId + ":" + cmd.visitedOn()).id();
        }
        long id = jdbc.sql("""
                insert into elder_visit (person_id, village_code, visited_on, visitor_id, at_home, findings, note, lead_id,
                                         recorded_by, recorded_by_name)
                values (:p, :v, :on, :visitor, :home, :f, :note, :lead, :by, :byName) returning id""")
                .param("p", personId).param("v", p.villageCode()).param("on", cmd.visitedOn())
                .param("visitor", cmd.visitorId()).param("home", cmd.atHome())
                .param("f", findings.stream().map(Enum::name).toArray(String[]::new)).param("note", cmd.noteText())
                .param("lead", leadId).param("by", u.username()).param("byName", u.displayName())
                .query(Long.class).single();
        audit.record(AuditAction.ELDER_VISIT, p.householdId(), p.memberId(), p.villageCode(), List.of(),
                "visit " + id + " on " + cmd.visitedOn() + (leadId == null ? "" : " lead " + leadId));
        return id;
    }

    private List<String> checkClasses(List<String> asked) {
        Set<String> active = classes.active().stream().map(ElderClasses.ElderClass::code).collect(Collectors.toSet());
        List<String> out = new ArrayList<>();
        for (String c : asked) {
            if (!active.contains(c)) throw new ElderRefusal("eldervisits.refused.class");
            if (!out.contains(c)) out.add(c);
        }
        if (out.isEmpty()) throw new ElderRefusal("eldervisits.refused.class");
        return out;
    }

    private void checkVisitor(@Nullable Long visitorId, String villageCode) {
        if (visitorId == null) return;
        boolean ok = jdbc.sql("select exists (select 1 from elder_visitor where id = :id and village_code = :v and active)")
                .param("id", visitorId).param("v", villageCode).query(Boolean.class).single();
        if (!ok) throw new ElderRefusal("eldervisits.refused.visitor");
    }
}
