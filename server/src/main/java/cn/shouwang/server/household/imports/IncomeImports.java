package cn.shouwang.server.household.imports;

import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The income import's classification and apply (收入导入, the second kind of registry import): the staged rows of
 * import_income matched to the registry's households by 户编号, their problems (unknown household, outside the
 * importer's area, the same household and year twice) recorded beside the parser's, and each sound row classified
 * against household_income as new, changed (field by field) or unchanged. The apply writes new and changed years in
 * one upsert (itemised, the per-capita-only figure cleared, as the income form does), bumps the households' versions
 * (an income form open on one of them is then refused as stale) and audits each year as the form would
 * (INCOME_ADD / INCOME_UPDATE with the year), so that the household's history shows it. Unchanged years are not
 * touched: the same file applied twice changes nothing.
 */
@Component
class IncomeImports {
    private final JdbcClient jdbc;
    private final AuditApi audit;
    private final Clock clock;

    IncomeImports(JdbcClient jdbc, AuditApi audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Matches, checks and classifies the staged rows of an import; returns the preview's counts. */
    Map<String, Long> classify(long id, AreaScope scope) {
        String lo = Classifier.lowOf(scope);
        String hi = Classifier.highOf(scope);
        jdbc.sql("""
                update import_income s set household_id = h.id, village_code = h.village_code
                  from household h where s.import_id = :i and h.household_no = s.household_no""").param("i", id).update();
        problem(id, "registry.import.income.problem.unknown", "household_no is not null and household_id is null",
                "array[s.household_no]");
        problem(id, "registry.import.problem.household.outside",
                "household_id is not null and village_code not between '%s' and '%s'".formatted(lo, hi), "array[s.household_no]");
        // the same household and year twice: every such row is held back (which of them is right is the user's call)
        jdbc.sql("""
                with d as (select seq, count(*) over w as n, string_agg(line::text, chr(12289)) over w as lines
                             from import_income where import_id = :i and household_no is not null and year is not null
                           window w as (partition by household_no, year order by line
                                        rows between unbounded preceding and unbounded following))
                insert into import_problem (import_id, sheet, line, column_name, code, args, error)
                select s.import_id, s.sheet, s.line, null, 'registry.import.income.problem.twice',
                       array[s.household_no, s.year::text, d.lines], true
                  from import_income s join d on d.seq = s.seq where s.import_id = :i and d.n > 1""").param("i", id).update();
        jdbc.sql("""
                update import_income s set ok = false
                 where s.import_id = :i and s.ok and exists (select 1 from import_problem p
                        where p.import_id = s.import_id and p.sheet = s.sheet and p.line = s.line and p.error)""")
                .param("i", id).update();
        compare(id);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("problemRows", jdbc.sql("select count(*) from import_income where import_id = :i and not ok")
                .param("i", id).query(Long.class).single());
        for (String s : List.of("NEW", "CHANGED", "UNCHANGED")) {
            counts.put("incomes" + s.charAt(0) + s.substring(1).toLowerCase(java.util.Locale.ROOT),
                    jdbc.sql("select count(*) from import_income where import_id = :i and ok and status = :s")
                            .param("i", id).param("s", s).query(Long.class).single());
        }
        return counts;
    }

    /** Records a problem on each still-sound row matching {@code where} and marks those rows unsound. */
    private void problem(long id, String code, String where, String args) {
        jdbc.sql("""
                insert into import_problem (import_id, sheet, line, column_name, code, args, error)
                select s.import_id, s.sheet, s.line, null, :code, %s, true from import_income s
                 where s.import_id = :i and s.ok and %s""".formatted(args, where)).param("i", id).param("code", code).update();
        jdbc.sql("update import_income set ok = false where import_id = :i and ok and " + where).param("i", id).update();
    }

    /**
     * Each sound row against the year in the registry: NEW, CHANGED with the items that differ (old → new, yuan with
     * two decimals as the history shows them; a per-capita-only year's items are not known: old empty, and its
     * figure goes), UNCHANGED. Run again inside the apply, so that what it writes and audits is what is there then.
     */
    private void compare(long id) {
        jdbc.sql("""
                update import_income s
                   set status = case when i.household_id is null then 'NEW'
                                     when jsonb_array_length(c.changes) = 0 then 'UNCHANGED' else 'CHANGED' end,
                       changes = c.changes
                  from import_income s2
                  left join household_income i on i.household_id = s2.household_id and i.year = s2.year
                  cross join lateral (
                       select coalesce(jsonb_agg(jsonb_build_object('field', v.f, 'old', v.o, 'new', v.n) order by v.k), '[]') as changes
                         from (values (1, 'wages', case when i.itemised then i.wages::text end, s2.wages::text),
                                      (2, 'business', case when i.itemised then i.business::text end, s2.business::text),
                                      (3, 'property', case when i.itemised then i.property::text end, s2.property::text),
                                      (4, 'transfers', case when i.itemised then i.transfers::text end, s2.transfers::text),
                                      (5, 'productionCosts', case when i.itemised then i.production_costs::text end, s2.production_costs::text),
                                      (6, 'eligibleOutOfPocket', case when i.itemised then i.eligible_out_of_pocket::text end, s2.out_of_pocket::text),
                                      (7, 'perCapita', case when not i.itemised then i.per_capita::text end, null)) v(k, f, o, n)
                        where v.o is distinct from v.n) c
                 where s.import_id = :i and s2.import_id = s.import_id and s2.seq = s.seq and s.ok""")
                .param("i", id).update();
    }

    record Applied(long added, long changed) {}

    /** Writes the new and changed years (inside the caller's transaction), bumps versions, audits each year. */
    Applied apply(long id, @Nullable Long accountId) {
        // what is in the registry now (another user may have saved an income since the preview); the rows locked
        jdbc.sql("""
                select 1 from household_income i join import_income s on s.household_id = i.household_id and s.year = i.year
                 where s.import_id = :i and s.ok for update of i""").param("i", id).query((rs, n) -> 1).list();
        compare(id);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into household_income (household_id, year, wages, business, property, transfers, production_costs,
                                              eligible_out_of_pocket, per_capita, itemised, recorded_by, recorded_at)
                select household_id, year, wages, business, property, transfers, production_costs, out_of_pocket, null, true,
                       :by, :now
                  from import_income where import_id = :i and ok and status in ('NEW', 'CHANGED')
                on conflict (household_id, year) do update set wages = excluded.wages, business = excluded.business,
                       property = excluded.property, transfers = excluded.transfers,
                       production_costs = excluded.production_costs,
                       eligible_out_of_pocket = excluded.eligible_out_of_pocket, per_capita = null, itemised = true,
                       recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at""")
                .param("i", id).param("by", accountId).param("now", now).update();
        jdbc.sql("""
                update household h set version = version + 1, updated_at = :now
                  from (select distinct household_id from import_income
                         where import_id = :i and ok and status in ('NEW', 'CHANGED')) s where h.id = s.household_id""")
                .param("i", id).param("now", now).update();
        long added = audit(id, "NEW", AuditAction.INCOME_ADD);
        long changed = audit(id, "CHANGED", AuditAction.INCOME_UPDATE);
        return new Applied(added, changed);
    }

    private long audit(long id, String status, AuditAction action) {
        List<AuditApi.Bulk> rows = new ArrayList<>();
        jdbc.sql("""
                select household_id, village_code, changes::text, year from import_income
                 where import_id = :i and ok and status = :s order by seq""").param("i", id).param("s", status)
                .query(rs -> {
                    rows.add(new AuditApi.Bulk(rs.getLong(1), null, rs.getString(2), JsonChanges.parse(rs.getString(3)),
                            String.valueOf(rs.getInt(4))));
                });
        if (!rows.isEmpty()) audit.recordAll(action, rows);
        return rows.size();
    }

    /** One line of the preview's lists of years: where in the file, the household and its head, the year's changes. */
    record Row(String sheet, int line, String householdNo, @Nullable String head, String village, int year,
               @Nullable String changes) {}

    long count(long id, String status) {
        return jdbc.sql("select count(*) from import_income where import_id = :i and ok and status = :s")
                .param("i", id).param("s", status).query(Long.class).single();
    }

    List<Row> rows(long id, String status, int limit, int offset) {
        return jdbc.sql("""
                select s.sheet, s.line, s.household_no,
                       (select m.name from member m where m.household_id = s.household_id and m.relation = 'HEAD'
                           and m.status = 'ACTIVE' limit 1),
                       s.village_code, s.year, s.changes::text
                  from import_income s where s.import_id = :i and s.ok and s.status = :s order by s.seq limit :l offset :o""")
                .param("i", id).param("s", status).param("l", limit).param("o", offset)
                .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getString(7)))
                .list();
    }
}
