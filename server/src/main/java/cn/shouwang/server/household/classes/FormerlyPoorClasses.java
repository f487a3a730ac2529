package cn.shouwang.server.household.classes;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * 原建档立卡脱贫人口分类管理 (household V13): the classes of formerly-poor households (a code list per province, province
 * {@code 00} the default), each household's classification with its history, the worklist of households not yet
 * classified or due for their yearly review, and the figures per area and class. Every read is scoped to an area in
 * its WHERE clause; "today" comes from the injected clock.
 */
@Repository
public class FormerlyPoorClasses {
    /** A classification is reviewed a year after it was set. */
    public static final int REVIEW_MONTHS = 12;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditApi audit;

    FormerlyPoorClasses(JdbcClient jdbc, Clock clock, AuditApi audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    /** Who classifies: the field staff, the county and administrators; a city analyst reads. */
    public static boolean mayClassify(cn.shouwang.server.access.Role role) {
        return switch (role) {
            case ADMIN, COUNTY_ANALYST, TOWNSHIP_STAFF, VILLAGE_MONITOR -> true;
            case CITY_ANALYST, DATA_OFFICER, GRID_WORKER -> false;
        };
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    // ---- the code list ----------------------------------------------------------------------------------------

    /** One class of the list: code (never shown), its names, whether it may still be chosen. */
    public record ClassCode(String code, String nameZh, String nameEn, boolean active) {
        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) ? nameEn : nameZh;
        }
    }

    /** The province (two digits) whose list applies at an area: its own, or the default {@code 00} without one. */
    String listOf(String areaCode) {
        String p = areaCode.substring(0, 2);
        boolean own = jdbc.sql("select exists (select 1 from formerly_poor_class where province = :p)").param("p", p)
                .query(Boolean.class).single();
        return own ? p : "00";
    }

    /** The classes that apply at an area, in their order (inactive ones too: old classifications keep their name). */
    public List<ClassCode> classes(String areaCode) {
        return jdbc.sql("select code, name_zh, name_en, active from formerly_poor_class where province = :p order by sort, code")
                .param("p", listOf(areaCode))
                .query((rs, i) -> new ClassCode(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list();
    }

    /** Code → class, for naming codes on a page or in an export. */
    public Map<String, ClassCode> byCode(String areaCode) {
        Map<String, ClassCode> m = new LinkedHashMap<>();
        classes(areaCode).forEach(c -> m.put(c.code(), c));
        return m;
    }

    // ---- classify -------------------------------------------------------------------------------------------

    /** Refusal of a classification: a message code of the registry bundle (what is wrong, said in words). */
    public static class Refused extends RuntimeException {
        private final String key;

        public Refused(String key) {
            super(key);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * Classifies these households (one or many, from the household page or the worklist), all or none: each must be
     * formerly poor and within {@code scope}, else {@link Refused}. The previous classification stays in the history;
     * the review falls due a year after {@code on}. Audited per household ({@code HOUSEHOLD_CLASSIFY}, old → new class).
     * Returns how many were classified.
     */
    @Transactional
    public int classify(Collection<Long> householdIds, AreaScope scope, String classCode, LocalDate on, String reason,
                        CurrentUser by) {
        if (householdIds.isEmpty()) throw new Refused("classes.none");
        if (on.isAfter(today())) throw new Refused("classes.onFuture");
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) throw new Refused("classes.reason.required");
        if (why.length() > 500) throw new Refused("classes.reason.tooLong");
        Long[] ids = householdIds.stream().distinct().toArray(Long[]::new);
        String[] r = range(scope);
        record Target(long id, String village, boolean formerlyPoor, @Nullable String current) {}
        List<Target> targets = jdbc.sql("""
                select h.id, h.village_code, h.formerly_poor, c.class_code from household h
                  left join household_class c on c.household_id = h.id and c.is_current
                 where h.id = any(:ids) and h.village_code between :lo and :hi
                 order by h.id for update of h""")
                .param("ids", ids).param("lo", r[0]).param("hi", r[1])
                .query((rs, i) -> new Target(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getString(4))).list();
        if (targets.size() != ids.length) throw new cn.shouwang.server.access.OutOfScopeException("household");
        if (targets.stream().anyMatch(t -> !t.formerlyPoor())) throw new Refused("classes.notFormerlyPoor");
        // one province per call: a bulk choice names one list's class
        Map<String, ClassCode> codes = byCode(targets.get(0).village());
        if (targets.stream().anyMatch(t -> !t.village().startsWith(targets.get(0).village().substring(0, 2)))) {
            throw new Refused("classes.oneProvince");
        }
        ClassCode chosen = codes.get(classCode);
        if (chosen == null || !chosen.active()) throw new Refused("classes.class.unknown");
        jdbc.sql("update household_class set is_current = false where household_id = any(:ids) and is_current")
                .param("ids", ids).update();
        jdbc.sql("""
                insert into household_class (household_id, class_code, classified_on, review_due, reason, by_account,
                                             by_name, recorded_at)
                select id, :c, :on, :due, :why, :acc, :name, :at from unnest(:ids) as t(id)""")
                .param("c", classCode).param("on", on).param("due", on.plusMonths(REVIEW_MONTHS)).param("why", why)
                .param("acc", by.username()).param("name", by.displayName()).param("at", OffsetDateTime.now(clock))
                .param("ids", ids).update();
        List<AuditApi.Bulk> rows = new ArrayList<>();
        for (Target t : targets) {
            ClassCode old = t.current() == null ? null : codes.get(t.current());
            rows.add(new AuditApi.Bulk(t.id(), null, t.village(), List.of(new AuditApi.Change("formerlyPoorClass",
                    old == null ? t.current() : old.nameZh(), chosen.nameZh())), on + " " + why));
        }
        audit.recordAll(AuditAction.HOUSEHOLD_CLASSIFY, rows);
        return targets.size();
    }

    // ---- one household --------------------------------------------------------------------------------------

    /** One classification as the history shows it; {@code current} for the one in force. */
    public record Entry(String classCode, LocalDate classifiedOn, LocalDate reviewDue, String reason, String byName,
                        OffsetDateTime recordedAt, boolean current) {}

    /** The household's classifications, newest first (nothing outside the scope). */
    public List<Entry> history(long householdId, AreaScope scope) {
        String[] r = range(scope);
        return jdbc.sql("""
                select c.class_code, c.classified_on, c.review_due, c.reason, c.by_name, c.recorded_at, c.is_current
                  from household_class c join household h on h.id = c.household_id
                 where c.household_id = :h and h.village_code between :lo and :hi
                 order by c.id desc""")
                .param("h", householdId).param("lo", r[0]).param("hi", r[1])
                .query((rs, i) -> new Entry(rs.getString(1), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, LocalDate.class), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class), rs.getBoolean(7))).list();
    }

    // ---- the worklist ---------------------------------------------------------------------------------------

    /**
     * Which formerly-poor households the list shows: {@code TODO} not classified or due for review (the default),
     * {@code UNCLASSIFIED}, {@code DUE} (review due today or earlier), {@code CLASSIFIED} (classified, not due),
     * {@code ALL}.
     */
    public enum Show { TODO, UNCLASSIFIED, DUE, CLASSIFIED, ALL }

    /** The list's filter: area (inside the scope, already checked), what to show, a class. */
    public record Filter(AreaScope area, Show show, @Nullable String classCode) {}

    public record Row(long householdId, String householdNo, String villageCode, String headName,
                      @Nullable Integer exitYear, @Nullable String classCode, @Nullable LocalDate classifiedOn,
                      @Nullable LocalDate reviewDue, @Nullable String byName) {
        /** Classified and the review has come. */
        public boolean due(LocalDate today) {
            return reviewDue != null && !reviewDue.isAfter(today);
        }

        /** UNCLASSIFIED, DUE or CLASSIFIED (the status the list and the export show). */
        public String state(LocalDate today) {
            return classCode == null ? "UNCLASSIFIED" : due(today) ? "DUE" : "CLASSIFIED";
        }
    }

    public static final Map<String, String> SORTS = Map.of("village", "h.village_code", "no", "h.household_no",
            "class", "c.class_code", "due", "c.review_due");

    private String where(Filter f, Map<String, Object> p) {
        String[] r = range(f.area());
        p.put("lo", r[0]);
        p.put("hi", r[1]);
        p.put("today", today());
        StringBuilder w = new StringBuilder(" where h.formerly_poor and h.village_code between :lo and :hi");
        switch (f.show()) {
            case TODO -> w.append(" and (c.id is null or c.review_due <= :today)");
            case UNCLASSIFIED -> w.append(" and c.id is null");
            case DUE -> w.append(" and c.review_due <= :today");
            case CLASSIFIED -> w.append(" and c.review_due > :today");
            case ALL -> { }
        }
        if (f.classCode() != null) {
            w.append(" and c.class_code = :cls");
            p.put("cls", f.classCode());
        }
        return w.toString();
    }

    private static final String FROM =
            " from household h left join household_class c on c.household_id = h.id and c.is_current ";

    public int count(Filter f) {
        Map<String, Object> p = new HashMap<>();
        String w = where(f, p);
        return jdbc.sql("select count(*)" + FROM + w).params(p).query(Integer.class).single();
    }

    /** A page of the list (1-based), by village and household number unless sorted otherwise. */
    public List<Row> list(Filter f, int page, int size, @Nullable String sort, @Nullable String dir) {
        Map<String, Object> p = new HashMap<>();
        String w = where(f, p);
        String column = sort == null ? null : SORTS.get(sort);
        String order = column == null ? "h.village_code, h.household_no"
                : column + ("desc".equals(dir) ? " desc nulls last" : " asc nulls first") + ", h.village_code, h.household_no";
        p.put("limit", size);
        p.put("offset", (long) (page - 1) * size);
        return jdbc.sql("""
                select h.id, h.household_no, h.village_code,
                       coalesce((select m.name from member m where m.household_id = h.id and m.relation = 'HEAD'
                                  and m.status = 'ACTIVE' limit 1), '') as head,
                       h.poverty_exit_year, c.class_code, c.classified_on, c.review_due, c.by_name"""
                        + FROM + w + " order by " + order + " limit :limit offset :offset")
                .params(p)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Integer) rs.getObject(5, Integer.class), rs.getString(6), rs.getObject(7, LocalDate.class),
                        rs.getObject(8, LocalDate.class), rs.getString(9))).list();
    }

    // ---- figures --------------------------------------------------------------------------------------------

    /**
     * Formerly-poor households of an area per child area (the codes' first {@code childDigits} digits, padded to 12)
     * and class: {@code classCode} null for the unclassified; {@code due} of them with the review due today or earlier.
     */
    public record Figure(String areaCode, @Nullable String classCode, long households, long due) {}

    public List<Figure> figures(AreaScope scope, int childDigits) {
        String[] r = range(scope);
        return jdbc.sql("""
                select rpad(substr(h.village_code, 1, :d), 12, '0'), c.class_code, count(*),
                       count(*) filter (where c.review_due <= :today)"""
                        + FROM + " where h.formerly_poor and h.village_code between :lo and :hi group by 1, 2 order by 1, 2")
                .param("d", childDigits).param("today", today()).param("lo", r[0]).param("hi", r[1])
                .query((rs, i) -> new Figure(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4))).list();
    }

    /** The code range of an area scope: {@code village_code between lo and hi} stays indexable. */
    static String[] range(AreaScope scope) {
        String p = scope.prefix();
        return new String[] {(p + "000000000000").substring(0, 12), (p + "999999999999").substring(0, 12)};
    }
}
