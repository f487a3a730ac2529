package cn.shouwang.server.household.imports;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.PersonListColumn;
import cn.shouwang.server.personaldata.PersonalDataApi;
import cn.shouwang.server.platform.PgCopy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * After the parse, inside its transaction: the problems that need more than one row (the same person twice, a person
 * in two households, rows of a household that disagree, 人数, two heads), the match with the registry (households by
 * 户编号 or their head's id-number hash, persons by id-number hash, all by joins) and the field-by-field difference.
 * The joins are set-based SQL; the comparison streams the joined rows once through Java, because phones and health
 * are sealed and only Java can open them; its result goes back by COPY and one UPDATE … FROM.
 */
@Component
class Classifier {
    static final int PAGE = 20_000;
    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final DataSource ds;
    private final PersonalDataApi pd;

    Classifier(JdbcClient jdbc, DataSource ds, PersonalDataApi pd) {
        this.jdbc = jdbc;
        this.ds = ds;
        this.pd = pd;
        this.streaming = new JdbcTemplate(ds);
        this.streaming.setFetchSize(5000);
    }

    private void problems(String sql, long id) {
        jdbc.sql(sql).param("i", id).update();
    }

    /**
     * Cross-row problems, then the registry match and scope. Each step rewrites staging rows: the caller vacuums
     * the staging between this and {@link #differenceAndCounts}, so the difference reads a table without dead rows.
     */
    void problemsAndMatch(long id, AreaScope scope) {
        Steps steps = new Steps(id);
        // the same person on two rows of one household: the first row stands, the others are problems
        // (joins of the few such rows among themselves: the staging has no index on the hash)
        problems("""
                insert into import_problem (import_id, sheet, line, column_name, code, args, error)
                with twice as (select s.seq, s.sheet, s.line, s.hh_key, s.id_number_hash from import_person s
                                where s.import_id = :i and s.id_number_hash in (
                                      select id_number_hash from import_person where import_id = :i and id_number_hash is not null
                                       group by id_number_hash having count(distinct hh_key) > 1))
                select :i, s.sheet, s.line, null, 'registry.import.problem.person.twoHouseholds',
                       array[string_agg(o.line::text, '、' order by o.seq)], true
                  from twice s join twice o on o.id_number_hash = s.id_number_hash and o.hh_key is distinct from s.hh_key
                 group by s.seq, s.sheet, s.line""", id);
        problems("""
                insert into import_problem (import_id, sheet, line, column_name, code, args, error)
                select :i, d.sheet, d.line, null, 'registry.import.problem.person.twice', array[d.first_line::text], true
                  from (select sheet, line, id_number_hash,
                               row_number() over (partition by id_number_hash order by seq) as n,
                               first_value(line) over (partition by id_number_hash order by seq) as first_line
                          from import_person where import_id = :i and id_number_hash is not null) d
                 where d.n > 1 and not exists (select 1 from import_problem p where p.import_id = :i and p.sheet = d.sheet
                                               and p.line = d.line and p.code = 'registry.import.problem.person.twoHouseholds')""", id);
        steps.done("classify: persons twice");
        // two heads in one household
        problems("""
                insert into import_problem (import_id, sheet, line, column_name, code, args, error)
                select :i, s.sheet, s.line, null, 'registry.import.problem.household.twoHeads', array[h.n::text], true
                  from import_person s
                  join (select hh_key, count(*) as n from import_person where import_id = :i and relation = 'HEAD'
                         group by hh_key having count(*) > 1) h on h.hh_key = s.hh_key
                 where s.import_id = :i and s.relation = 'HEAD'""", id);
        // 人数 differs from the household's rows: a warning on its first row
        problems("""
                insert into import_problem (import_id, sheet, line, column_name, code, args, error)
                select :i, f.sheet, f.line, null, 'registry.import.problem.household.size',
                       array[h.size::text, h.n::text], false
                  from (select hh_key, max(hh_size) as size, count(*) as n, min(seq) as first from import_person
                         where import_id = :i and hh_key is not null group by hh_key
                        having max(hh_size) is not null and max(hh_size) <> count(*)) h
                  join import_person f on f.import_id = :i and f.seq = h.first""", id);
        steps.done("classify: heads, sizes");
        householdsThatDisagree(id);
        steps.done("classify: households that disagree");
        markNotOk(id);
        steps.done("classify: not ok");

        // the registry: households by number, or by their head's id number when the file has no numbers
        jdbc.sql("update import_person s set household_id = h.id from household h where s.import_id = :i and h.household_no = s.household_no")
                .param("i", id).update();
        jdbc.sql("""
                update import_person s set household_id = m.household_id from member m
                 where s.import_id = :i and s.household_no is null and s.hh_key like 'H:%'
                   and m.id_number_hash = decode(substr(s.hh_key, 3), 'hex')""").param("i", id).update();
        jdbc.sql("update import_person s set member_id = m.id from member m where s.import_id = :i and m.id_number_hash = s.id_number_hash")
                .param("i", id).update();
        steps.done("classify: registry match");
        // what lies outside the importing account's area is not touched: a row problem, named without its details
        problems(("""
                insert into import_problem (import_id, sheet, line, column_name, code, args, error)
                select :i, s.sheet, s.line, null, 'registry.import.problem.household.outside', array[coalesce(s.household_no, '')], true
                  from import_person s join household h on h.id = s.household_id
                 where s.import_id = :i and h.village_code not between '%1$s' and '%2$s'""")
                .formatted(lo(scope), hi(scope)), id);
        problems(("""
                insert into import_problem (import_id, sheet, line, column_name, code, args, error)
                select :i, s.sheet, s.line, null, 'registry.import.problem.person.outside', '{}', true
                  from import_person s join member m on m.id = s.member_id
                 where s.import_id = :i and m.area_code not between '%1$s' and '%2$s'""").formatted(lo(scope), hi(scope)), id);
        // a new head while the registry's head stays (the file does not name them): one household cannot have two heads
        problems("""
                insert into import_problem (import_id, sheet, line, column_name, code, args, error)
                select :i, s.sheet, s.line, null, 'registry.import.problem.household.headNotInFile', array[m.name], true
                  from import_person s
                  join member m on m.household_id = s.household_id and m.relation = 'HEAD' and m.status = 'ACTIVE'
                 where s.import_id = :i and s.relation = 'HEAD' and s.member_id is distinct from m.id
                   and not exists (select 1 from import_person o where o.import_id = :i and o.member_id = m.id)""", id);
        markNotOk(id);
        steps.done("classify: scope, heads not in file");
    }

    /** After {@link #problemsAndMatch} (in a transaction of its own): the difference; returns the preview's counts. */
    Map<String, Long> differenceAndCounts(long id, AreaScope scope, int incomeYear) {
        Steps steps = new Steps(id);
        difference(id, incomeYear, steps);
        Map<String, Long> c = counts(id, scope);
        steps.done("classify: counts");
        return c;
    }

    private static String lo(AreaScope s) {
        return s.prefix() + "0".repeat(12 - s.prefix().length());
    }

    private static String hi(AreaScope s) {
        return s.prefix() + "9".repeat(12 - s.prefix().length());
    }

    /** Rows with an error are not imported, nor are the other rows of their household (never half a household). */
    private void markNotOk(long id) {
        jdbc.sql("""
                update import_person s set ok = false from import_problem p
                 where s.import_id = :i and p.import_id = :i and p.error and p.sheet = s.sheet and p.line = s.line and s.ok""")
                .param("i", id).update();
        problems("""
                insert into import_problem (import_id, sheet, line, column_name, code, args, error)
                select :i, s.sheet, s.line, null, 'registry.import.problem.household.otherRows', '{}', true
                  from import_person s
                 where s.import_id = :i and s.ok and s.hh_key in (select hh_key from import_person where import_id = :i and not ok)""", id);
        jdbc.sql("""
                update import_person s set ok = false
                 where s.import_id = :i and s.ok and s.hh_key in (select hh_key from import_person where import_id = :i and not ok)""")
                .param("i", id).update();
    }

    /** Rows of one household whose household fields differ from its first row: each named with the columns. */
    private void householdsThatDisagree(long id) {
        List<String> keys = jdbc.sql("""
                select hh_key from import_person where import_id = :i and hh_key is not null
                 group by hh_key having count(distinct hh_sig) > 1 limit 100000""").param("i", id).query(String.class).list();
        if (keys.isEmpty()) return;
        List<Object[]> out = new ArrayList<>();
        Map<String, String[]> first = new HashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        jdbc.sql("select hh_key, sheet, line, array_to_string(hh_sig, chr(30)) from import_person where import_id = :i and hh_key = any(cast(:k as text[])) order by seq")
                .param("i", id).param("k", keys.toArray(String[]::new))
                .query(rs -> {
                    String key = rs.getString(1);
                    String[] sig = rs.getString(4).split("\u001e");
                    String[] f = first.putIfAbsent(key, sig);
                    if (f == null) {
                        firstLine.put(key, rs.getInt(3));
                        return;
                    }
                    Map<String, String> a = asMap(f);
                    Map<String, String> b = asMap(sig);
                    List<String> differ = new ArrayList<>();
                    for (String col : a.keySet()) {
                        if (!Objects.equals(a.get(col), b.get(col))) {
                            differ.add(col.equals("VILLAGE") ? PersonListColumn.VILLAGE.header() : PersonListColumn.valueOf(col).header());
                        }
                    }
                    if (!differ.isEmpty()) {
                        out.add(new Object[] {rs.getString(2), rs.getInt(3),
                                new String[] {String.valueOf(firstLine.get(key)), String.join("、", differ)}});
                    }
                });
        try (PgCopy copy = PgCopy.open(ds, "import_problem", PersonListParser.PROBLEM_COLUMNS)) {
            for (Object[] o : out) {
                copy.add(id).add(o[0]).add(o[1]).add(null).add("registry.import.problem.household.disagree").add(o[2]).add("t").endRow();
            }
        }
    }

    private static Map<String, String> asMap(String[] sig) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : sig) {
            int eq = s.indexOf('=');
            m.put(s.substring(0, eq), s.substring(eq + 1));
        }
        return m;
    }

    /** Field-by-field difference of the sound rows with the registry; NEW / CHANGED / UNCHANGED / MOVED. */
    private void difference(long id, int year, Steps steps) {
        jdbc.sql("delete from import_diff where import_id = :i").param("i", id).update();
        String sql = """
                select s.seq, s.hh_key, s.household_id, s.member_id,
                       s.village_code, s.village_group, s.formerly_poor, s.unsafe_house, s.safe_water, s.hh_phone_enc,
                       s.hh_registered, s.per_capita, s.wages, s.business, s.property, s.transfers, s.production_costs,
                       s.out_of_pocket, s.claims,
                       h.village_code as h_village, h.village_group as h_group, h.formerly_poor as h_poor,
                       h.unsafe_house as h_unsafe, h.safe_water as h_water, h.phone_enc as h_phone, h.registered_on as h_registered,
                       i.per_capita as i_per_capita, i.itemised as i_itemised, i.wages as i_wages, i.business as i_business,
                       i.property as i_property, i.transfers as i_transfers, i.production_costs as i_costs,
                       i.eligible_out_of_pocket as i_oop, i.claims as i_claims,
                       s.name, s.relation, s.labour_capacity, s.schooling_stage, s.health_enc, s.person_no, s.ethnic_group,
                       s.education, s.months_in_work, s.serious_illness_insurance, s.main_cause, s.registered_on, s.phone_enc,
                       m.household_id as m_household, mh.household_no as m_household_no, m.name as m_name,
                       m.relation as m_relation, m.labour_capacity as m_labour, m.schooling_stage as m_schooling,
                       m.health_enc as m_health, m.person_no as m_person_no, m.ethnic_group as m_ethnic,
                       m.education as m_education, m.months_in_work as m_months, m.serious_illness_insurance as m_insurance,
                       m.main_cause as m_cause, m.registered_on as m_registered, m.phone_enc as m_phone, m.status as m_status
                  from import_person s
                  left join household h on h.id = s.household_id
                  left join household_income i on i.household_id = s.household_id and i.year = ?
                  left join member m on m.id = s.member_id
                  left join household mh on mh.id = m.household_id
                 where s.import_id = ? and s.ok and (s.household_id is not null or s.member_id is not null)
                   and s.hh_key >= ? and (s.hh_key, s.seq) > (?, ?)
                 order by s.hh_key, s.seq limit %d""".formatted(PAGE);
        // Only rows the registry has a household or person for: the others stay NEW as read (the column default).
        // Every row of a household found in the registry is here (the match gives them all its id); its first row
        // in (hh_key, seq) order is the first sound row of the household, which decides its status. A new household
        // here (a person of it found elsewhere) is NEW whichever of its rows comes first.
        // A page at a time (one connection cannot read with a cursor and COPY at once), a household's rows together
        // (by hh_key), so that its first row's status goes to all its rows here and not by a self-join afterwards
        long[] last = {-1};
        String[] lastKey = {""};
        String[] householdStatus = {null};
        while (true) {
            List<Object[]> out = new ArrayList<>(PAGE);
            streaming.query(sql, (ResultSet rs) -> {
                Diff hh = new Diff();
                String hhStatus = null;
                String key = rs.getString("hh_key");
                if (!key.equals(lastKey[0])) {
                    if (rs.getObject("household_id") == null) {
                        hhStatus = "NEW";
                    } else {
                        hh.plain("village", rs.getString("h_village"), rs.getString("village_code"));
                        hh.plain("villageGroup", rs.getString("h_group"), rs.getString("village_group"));
                        hh.plain("formerlyPoor", rs.getObject("h_poor"), rs.getObject("formerly_poor"));
                        hh.plain("unsafeHouse", rs.getObject("h_unsafe"), rs.getObject("unsafe_house"));
                        hh.plain("safeWater", rs.getObject("h_water"), rs.getObject("safe_water"));
                        hh.plain("registeredOn", rs.getObject("h_registered"), rs.getObject("hh_registered"));
                        hh.phone("phone", rs.getBytes("h_phone"), rs.getBytes("hh_phone_enc"));
                        income(hh, rs, year);
                        hhStatus = hh.changes.isEmpty() ? "UNCHANGED" : "CHANGED";
                    }
                    householdStatus[0] = hhStatus;
                }
                Diff p = new Diff();
                String personStatus;
                String movedFrom = null;
                if (rs.getObject("member_id") == null) {
                    personStatus = "NEW";
                } else {
                    Long target = (Long) rs.getObject("household_id");
                    long now = rs.getLong("m_household");
                    if (target == null || target != now) {
                        movedFrom = rs.getString("m_household_no");
                        p.changes.add(new AuditApi.Change("household", movedFrom, null));
                    }
                    p.plain("name", rs.getString("m_name"), rs.getString("name"));
                    p.plain("relation", rs.getString("m_relation"), rs.getString("relation"));
                    p.plain("labourCapacity", rs.getString("m_labour"), rs.getString("labour_capacity"));
                    p.plain("schoolingStage", rs.getString("m_schooling"), rs.getString("schooling_stage"));
                    p.health(rs.getBytes("m_health"), rs.getBytes("health_enc"));
                    p.plain("personNo", rs.getString("m_person_no"), rs.getString("person_no"));
                    p.plain("ethnicGroup", rs.getString("m_ethnic"), rs.getString("ethnic_group"));
                    p.plain("education", rs.getString("m_education"), rs.getString("education"));
                    p.plain("monthsInWork", rs.getObject("m_months"), rs.getObject("months_in_work"));
                    p.plain("seriousIllnessInsurance", rs.getObject("m_insurance"), rs.getObject("serious_illness_insurance"));
                    p.plain("mainCause", rs.getString("m_cause"), rs.getString("main_cause"));
                    p.plain("registeredOn", rs.getObject("m_registered"), rs.getObject("registered_on"));
                    p.phone("memberPhone", rs.getBytes("m_phone"), rs.getBytes("phone_enc"));
                    personStatus = movedFrom != null ? "MOVED" : p.changes.isEmpty() ? "UNCHANGED" : "CHANGED";
                }
                out.add(new Object[] {rs.getLong("seq"), householdStatus[0], hh.json(), personStatus, p.json(), movedFrom});
                last[0] = rs.getLong("seq");
                lastKey[0] = key;
            }, year, id, lastKey[0], lastKey[0], last[0]);
            if (out.isEmpty()) break;
            try (PgCopy copy = PgCopy.open(ds, "import_diff", "import_id, seq, hh_status, hh_changes, person_status, person_changes, moved_from")) {
                for (Object[] o : out) copy.add(id).add(o[0]).add(o[1]).add(o[2]).add(o[3]).add(o[4]).add(o[5]).endRow();
            }
        }
        steps.done("difference: compare (Java)");
        jdbc.sql("""
                update import_person s set hh_status = d.hh_status, hh_changes = d.hh_changes, person_status = d.person_status,
                       person_changes = d.person_changes, moved_from = d.moved_from
                  from import_diff d where s.import_id = :i and d.import_id = :i and s.seq = d.seq""").param("i", id).update();
        jdbc.sql("delete from import_diff where import_id = :i").param("i", id).update();
        steps.done("difference: statuses");
    }

    private static void income(Diff hh, ResultSet rs, int year) throws SQLException {
        BigDecimal perCapita = rs.getBigDecimal("per_capita");
        String[] items = {"wages", "business", "property", "transfers", "production_costs", "out_of_pocket", "claims"};
        String[] old = {"i_wages", "i_business", "i_property", "i_transfers", "i_costs", "i_oop", "i_claims"};
        boolean itemised = false;
        for (String it : items) itemised |= rs.getBigDecimal(it) != null;
        if (itemised) {
            String[] fields = {"wages", "business", "property", "transfers", "productionCosts", "eligibleOutOfPocket", "claims"};
            for (int k = 0; k < items.length; k++) {
                BigDecimal now = rs.getBigDecimal(items[k]);
                BigDecimal was = rs.getBigDecimal(old[k]);
                if (now != null && (was == null || was.compareTo(now) != 0)) {
                    hh.changes.add(new AuditApi.Change("income." + fields[k], was == null ? null : was.toPlainString(), now.toPlainString()));
                }
            }
        } else if (perCapita != null) {
            BigDecimal was = rs.getBigDecimal("i_per_capita");
            if (was == null || was.compareTo(perCapita) != 0) {
                hh.changes.add(new AuditApi.Change("income.perCapita", was == null ? null : was.toPlainString(), perCapita.toPlainString()));
            }
        }
    }

    /** The changes of one household or person; values as the audit log keeps them (codes; personal ones masked). */
    private final class Diff {
        final List<AuditApi.Change> changes = new ArrayList<>(2);

        void plain(String field, @Nullable Object old, @Nullable Object now) {
            if (now == null) return; // a blank cell or a missing column changes nothing
            String o = old == null ? null : old.toString();
            String n = now.toString();
            if (old instanceof Boolean || now instanceof Boolean) {
                o = old == null ? null : String.valueOf(old);
            }
            if (!n.equals(o)) changes.add(new AuditApi.Change(field, o, n));
        }

        void phone(String field, byte @Nullable [] old, byte @Nullable [] now) {
            if (now == null) return;
            String n = pd.open(now);
            String o = old == null ? null : pd.open(old);
            if (!n.equals(o)) changes.add(new AuditApi.Change(field, o == null ? null : PersonalDataApi.maskPhone(o), PersonalDataApi.maskPhone(n)));
        }

        void health(byte @Nullable [] old, byte @Nullable [] now) {
            if (now == null) return;
            if (old == null || pd.openHealth(old).status() != pd.openHealth(now).status()) {
                changes.add(new AuditApi.Change("health", null, "***"));
            }
        }

        @Nullable String json() {
            if (changes.isEmpty()) return null;
            StringBuilder b = new StringBuilder("[");
            for (AuditApi.Change c : changes) {
                if (b.length() > 1) b.append(',');
                b.append("{\"field\":").append(str(c.field())).append(",\"old\":").append(str(c.old()))
                        .append(",\"new\":").append(str(c.now())).append('}');
            }
            return b.append(']').toString();
        }
    }

    static String str(@Nullable String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** The preview's counts. */
    Map<String, Long> counts(long id, AreaScope scope) {
        Map<String, Long> c = new LinkedHashMap<>();
        jdbc.sql("""
                select count(distinct hh_key) filter (where ok and hh_status = 'NEW'),
                       count(distinct hh_key) filter (where ok and hh_status = 'CHANGED'),
                       count(distinct hh_key) filter (where ok and hh_status = 'UNCHANGED'),
                       count(*) filter (where ok and person_status = 'NEW'),
                       count(*) filter (where ok and person_status = 'CHANGED'),
                       count(*) filter (where ok and person_status = 'MOVED'),
                       count(*) filter (where ok and person_status = 'UNCHANGED'),
                       count(*) filter (where ok), count(*) filter (where not ok), count(*)
                  from import_person where import_id = :i""").param("i", id)
                .query(rs -> {
                    c.put("householdsNew", rs.getLong(1));
                    c.put("householdsChanged", rs.getLong(2));
                    c.put("householdsUnchanged", rs.getLong(3));
                    c.put("personsNew", rs.getLong(4));
                    c.put("personsChanged", rs.getLong(5));
                    c.put("personsMoved", rs.getLong(6));
                    c.put("personsUnchanged", rs.getLong(7));
                    c.put("rowsOk", rs.getLong(8));
                    c.put("problemRows", rs.getLong(9));
                    c.put("rows", rs.getLong(10));
                });
        c.put("warningRows", jdbc.sql("select count(distinct (sheet, line)) from import_problem where import_id = :i and not error")
                .param("i", id).query(Long.class).single());
        c.put("householdsMissing", jdbc.sql(MISSING_HOUSEHOLDS_COUNT.formatted(lo(scope), hi(scope))).param("i", id).query(Long.class).single());
        c.put("personsMissing", jdbc.sql(MISSING_PERSONS_COUNT).param("i", id).query(Long.class).single());
        return c;
    }

    /** Households of the file's villages (within scope) that the file does not hold: listed, never deleted. */
    static final String MISSING_HOUSEHOLDS = """
            from household h
             where h.village_code in (select distinct village_code from import_person where import_id = :i and village_code is not null)
               and h.village_code between '%1$s' and '%2$s'
               and not exists (select 1 from import_person s where s.import_id = :i and s.household_id = h.id)""";
    static final String MISSING_HOUSEHOLDS_COUNT = "select count(*) " + MISSING_HOUSEHOLDS;
    /** Active members of the file's households that the file does not hold. */
    static final String MISSING_PERSONS = """
            from member m join household h on h.id = m.household_id
             where m.household_id in (select household_id from import_person where import_id = :i and ok and household_id is not null)
               and m.status = 'ACTIVE'
               and not exists (select 1 from import_person s where s.import_id = :i and s.member_id = m.id)""";
    static final String MISSING_PERSONS_COUNT = "select count(*) " + MISSING_PERSONS;

    static String lowOf(AreaScope s) { return lo(s); }
    static String highOf(AreaScope s) { return hi(s); }

    @SuppressWarnings("unused")
    private static String[] arr(String... s) { return Arrays.copyOf(s, s.length); }
}
